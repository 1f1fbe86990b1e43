/**
 * While playing: the keyboard with the next expected note (finger number, hand), per-finger
 * bars, the strip of recent deviations, and loss-of-control events flashing as they are found.
 */
import { useLayoutEffect, useMemo } from 'react';
import type { Exercise, Finger, Hand } from '../../../core/exercises/types';
import { fingerCode } from '../../fingers';
import { eventLabel } from '../../format';
import { PianoKeyboard } from '../../keyboard/PianoKeyboard';
import { notesCommitted } from '../../live/latency';
import type { LiveSnapshot } from '../../live/useLiveTake';
import { DeviationStrip } from './DeviationStrip';
import { FingerBars } from './FingerBars';

export function LiveView({ snapshot }: { readonly snapshot: LiveSnapshot }) {
  useLayoutEffect(() => {
    notesCommitted();
  }, [snapshot.version]);

  const { low, high } = useMemo(() => keyboardRange(snapshot.exercise), [snapshot.exercise]);
  const expectedFingers = useMemo(() => fingersOf(snapshot.exercise), [snapshot.exercise]);
  const newest = snapshot.events[0];
  const { counts } = snapshot;

  return (
    <div className="live">
      <PianoKeyboard low={low} high={high} expected={snapshot.next} played={snapshot.played} label="Piano" />
      <dl className="counters live-counters" aria-live="off">
        <div><dt>Notes</dt><dd data-testid="live-notes">{counts.notes}</dd></div>
        {snapshot.exercise !== null ? (
          <>
            <div><dt>Matched</dt><dd>{counts.matched}</dd></div>
            <div><dt>Wrong</dt><dd className={counts.wrong > 0 ? 'bad' : undefined}>{counts.wrong}</dd></div>
            <div><dt>Missed</dt><dd>{counts.missed}</dd></div>
            <div><dt>Take</dt><dd>{snapshot.repetition + 1}{snapshot.exercise.repetitions !== undefined ? ` / ${snapshot.exercise.repetitions}` : ''}</dd></div>
          </>
        ) : null}
      </dl>
      {snapshot.exercise !== null ? (
        <div className="live-grid">
          <div>
            <h4>Each finger, so far</h4>
            <FingerBars fingers={snapshot.fingers} expected={expectedFingers} />
          </div>
          <div>
            <h4>Recent notes <span className="muted small">(up = late, ±40 ms)</span></h4>
            <DeviationStrip notes={snapshot.recent} from={snapshot.recentFrom} />
            <div className="flash-area" aria-live="polite">
              {newest !== undefined ? (
                <p key={`${newest.timeMs}-${newest.type}`} className={`flash ${newest.type}`} data-testid="live-event">
                  <strong>{eventLabel(newest.type)}</strong>
                  {newest.hand !== null && newest.finger !== null ? ` · ${fingerCode(newest.hand, newest.finger)}` : ''} · {newest.detail}
                </p>
              ) : (
                <p className="muted small">Events (late or early notes, velocity drops, wrong or skipped notes) flash here as they happen.</p>
              )}
            </div>
          </div>
        </div>
      ) : (
        <p className="muted small">Just playing: the notes are recorded; afterwards the report shows the exercises it recognised.</p>
      )}
    </div>
  );
}

/** The hand x finger pairs an exercise plays, left hand first, fingers 1-5. */
function fingersOf(exercise: Exercise | null): { hand: Hand; finger: Finger }[] {
  if (exercise === null) return [];
  const seen = new Set<string>();
  const pairs: { hand: Hand; finger: Finger }[] = [];
  for (const n of exercise.notes) {
    const key = `${n.hand}-${n.finger}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ hand: n.hand, finger: n.finger });
  }
  return pairs.sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1));
}

/** The keys drawn: the exercise's range plus a tone either side, at least G3-G5. */
function keyboardRange(exercise: Exercise | null): { low: number; high: number } {
  if (exercise === null || exercise.notes.length === 0) return { low: 48, high: 84 };
  let low = Infinity;
  let high = -Infinity;
  for (const n of exercise.notes) {
    low = Math.min(low, n.pitch);
    high = Math.max(high, n.pitch);
  }
  return { low: Math.min(low - 2, 55), high: Math.max(high + 2, 79) };
}
