/**
 * While playing: the keyboard with the next expected note (finger number, hand), per-finger
 * bars, the strip of recent deviations, and loss-of-control events flashing as they are found.
 */
import { useLayoutEffect } from 'react';
import { fingerCode } from '../../fingers';
import { eventLabel } from '../../format';
import { PianoKeyboard } from '../../keyboard/PianoKeyboard';
import { noteCommitted } from '../../live/latency';
import type { LiveSnapshot } from '../../live/useLiveTake';
import { DeviationStrip } from './DeviationStrip';
import { FingerBars } from './FingerBars';

export function LiveView({ snapshot }: { readonly snapshot: LiveSnapshot }) {
  useLayoutEffect(() => {
    noteCommitted(snapshot.lastMessageMs);
  }, [snapshot.version, snapshot.lastMessageMs]);

  const pitches = snapshot.exercise?.notes.map((n) => n.pitch) ?? [];
  const low = pitches.length > 0 ? Math.min(...pitches) - 2 : 48;
  const high = pitches.length > 0 ? Math.max(...pitches) + 2 : 84;
  const newest = snapshot.events[0];
  const { counts } = snapshot;

  return (
    <div className="live">
      <PianoKeyboard low={Math.min(low, 55)} high={Math.max(high, 79)} expected={snapshot.next} played={snapshot.played} label="Piano" />
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
            <FingerBars fingers={snapshot.fingers} />
          </div>
          <div>
            <h4>Recent notes <span className="muted small">(up = late, ±40 ms)</span></h4>
            <DeviationStrip notes={snapshot.recent} />
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
