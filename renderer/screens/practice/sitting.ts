/**
 * The current sitting at the keyboard, for the break reminder on the Practice screen (issue 9):
 * the saved sessions and the take being recorded that follow one another with pauses shorter
 * than BREAK_GAP_MINUTES, up to now. Its length, and whether it calls for a pause, come from
 * core/drift/practice.ts (practiceSummary: the same stretch rule and BREAK_AFTER_MINUTES threshold
 * as the History screen's reminder); this module only picks which sessions are the current
 * sitting, since a long morning followed by a real rest must not remind anyone in the evening.
 */
import { BREAK_AFTER_MINUTES, BREAK_GAP_MINUTES, practiceSummary } from '../../../core/drift/practice';
import type { PracticeSession } from '../../../core/drift/practice';

const MINUTE = 60_000;

export interface Sitting {
  /** When the sitting began (ISO time of its first session). */
  readonly startedAt: string;
  /** Minutes of the sitting up to now, pauses shorter than BREAK_GAP_MINUTES included. */
  readonly minutes: number;
  /** The sitting has reached BREAK_AFTER_MINUTES. */
  readonly breakDue: boolean;
}

/**
 * The sitting that is still going on at `nowMs` (the last session ended less than
 * BREAK_GAP_MINUTES ago, or a take is being recorded), or null when the pianist has rested.
 * `recordingStartedMs` is the start of the take being recorded (ms since the epoch), if any; saved
 * sessions still recording (no end) are ignored, the live take stands for them.
 *
 * @example currentSitting([{ startedAt: '2026-03-10T18:00:00Z', endedAt: '2026-03-10T18:30:00Z' }], Date.parse('2026-03-10T18:31:00Z'), Date.parse('2026-03-10T18:50:00Z'))
 * // => { startedAt: '2026-03-10T18:00:00.000Z', minutes: 50, breakDue: true }
 */
export function currentSitting(
  sessions: readonly { readonly startedAt: string; readonly endedAt: string | null }[],
  recordingStartedMs: number | null,
  nowMs: number,
): Sitting | null {
  const spans = sessions
    .map((s) => ({ start: Date.parse(s.startedAt), end: s.endedAt === null ? Number.NaN : Date.parse(s.endedAt) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end >= s.start && s.start <= nowMs);
  if (recordingStartedMs !== null && Number.isFinite(recordingStartedMs) && recordingStartedMs <= nowMs) spans.push({ start: recordingStartedMs, end: nowMs });
  if (spans.length === 0) return null;
  // Walk back from the latest end: a session belongs to the sitting when it ends less than the
  // gap before the sitting's earliest start so far (overlaps included).
  spans.sort((a, b) => b.end - a.end);
  const latest = spans[0] as { start: number; end: number };
  if (nowMs - latest.end >= BREAK_GAP_MINUTES * MINUTE) return null;
  let start = latest.start;
  const members = [latest];
  for (const span of spans.slice(1)) {
    if (start - span.end >= BREAK_GAP_MINUTES * MINUTE) break;
    members.push(span);
    start = Math.min(start, span.start);
  }
  const asSessions: PracticeSession[] = members.map((m) => ({ startedAt: new Date(m.start).toISOString(), endedAt: new Date(m.end).toISOString(), checkIn: false }));
  // practiceSummary measures stretches on the latest calendar day (UTC): a sitting across UTC
  // midnight counts from its first session begun after midnight (later, never sooner, reminder).
  const summary = practiceSummary(asSessions, new Date(latest.end).toISOString());
  return { startedAt: new Date(start).toISOString(), minutes: summary.longestStretchToday, breakDue: summary.breakReminder };
}

export { BREAK_AFTER_MINUTES };
