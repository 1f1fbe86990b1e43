/**
 * A quiet suggestion to pause, on the Practice screen, once the current sitting reaches
 * BREAK_AFTER_MINUTES without a BREAK_GAP_MINUTES pause (core/drift/practice.ts; the History
 * screen shows the same reminder). Not an alarm: no sound, no focus taken, nothing blocked; the
 * pianist can put it away, and it comes back only after another BREAK_AFTER_MINUTES of the same
 * sitting.
 */
import { useEffect, useState } from 'react';
import { BREAK_AFTER_MINUTES, BREAK_GAP_MINUTES } from '../../../core/drift/practice';
import { currentSitting } from './sitting';
import './break-reminder.css';

/** How often the reminder looks at the clock while the screen is open. */
const TICK_MS = 30_000;
const MINUTE = 60_000;

export interface BreakReminderProps {
  /** The profile's saved sessions (any order). */
  readonly sessions: readonly { readonly startedAt: string; readonly endedAt: string | null }[];
  /** Start of the take being recorded (ms since the epoch), null when none. */
  readonly recordingStartedMs: number | null;
  /** When the pianist last put the reminder away (ms since the epoch), null if never. */
  readonly dismissedAtMs: number | null;
  readonly onDismiss: (atMs: number) => void;
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

/**
 * @example <BreakReminder sessions={sessions} recordingStartedMs={null} dismissedAtMs={null} onDismiss={(at) => prefs.set('breakDismissed', at)} />
 */
export function BreakReminder({ sessions, recordingStartedMs, dismissedAtMs, onDismiss, now = Date.now }: BreakReminderProps) {
  const [nowMs, setNowMs] = useState(now);
  useEffect(() => {
    setNowMs(now());
    const timer = window.setInterval(() => setNowMs(now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [now, sessions, recordingStartedMs]);

  const sitting = currentSitting(sessions, recordingStartedMs, nowMs);
  if (sitting === null || !sitting.breakDue) return null;
  const putAway = dismissedAtMs !== null && dismissedAtMs >= Date.parse(sitting.startedAt) && nowMs - dismissedAtMs < BREAK_AFTER_MINUTES * MINUTE;
  if (putAway) return null;
  return (
    <div className="break-note" role="status">
      <p>
        You have been playing for about {Math.round(sitting.minutes)} minutes. When it suits you, a {BREAK_GAP_MINUTES}-minute pause away from the keys is good for
        your hands{recordingStartedMs !== null ? ' (finish this take first)' : ''}.
      </p>
      <button type="button" className="button ghost small" onClick={() => onDismiss(now())}>
        Not now
      </button>
    </div>
  );
}
