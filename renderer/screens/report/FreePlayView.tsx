/**
 * Free play in the session report: what Evenkeys could measure outside the exercises, with hands
 * and fingers ESTIMATED from the playing (never prescribed), so every figure carries its note
 * count and the view says plainly how sure the estimates are. Self-contained: give it the
 * document's freePlay[].
 */
import type { AnalysisFreePlay } from '../../../core/api/analysis';
import { summarizeFreePlay } from '../../free-play-display';
import { fingerColour } from '../../fingers';
import { eventLabel, fingerName, formatDuration, formatMs, formatPercent } from '../../format';

export interface FreePlayViewProps {
  readonly freePlay: readonly AnalysisFreePlay[];
}

export function FreePlayView({ freePlay }: FreePlayViewProps) {
  const summary = summarizeFreePlay(freePlay);
  if (summary.notes === 0) return null;
  const { timing } = summary;
  const events = freePlay.flatMap((segment) => segment.events ?? []);
  const estimated = freePlay.some((segment) => segment.estimated === true);
  return (
    <section className="free-play" aria-labelledby="free-play-title">
      <div className="table-head">
        <h3 id="free-play-title">Free play</h3>
        <span className="badge estimated" title="Hands and fingers worked out from the playing, not from an exercise">
          Estimated hands and fingers
        </span>
      </div>
      <p className="muted small">
        {summary.notes} notes outside the exercises ({summary.segments} {summary.segments === 1 ? 'stretch' : 'stretches'}): {summary.right} given to
        the right hand, {summary.left} to the left. Hands and fingers are <strong>estimated</strong> from pitch, timing and hand span
        {estimated ? (
          <>
            {' '}(on real two-hand pieces the hand is right for about 94 % of notes; the finger is a plausible fingering, not necessarily
            yours). Only the {summary.confidentNotes} notes with a confident hand and finger are measured below
          </>
        ) : null}
        . There is no metronome here, so no onset deviation: figures are comparable only with your own free play, never with exercise takes.
      </p>
      {summary.fingers.length === 0 ? (
        <p className="muted">No finger could be estimated with enough confidence to measure.</p>
      ) : (
        <div className="table-scroll">
          <table className="table fingers">
            <caption className="visually-hidden">Free play: estimated per-finger figures</caption>
            <thead>
              <tr>
                <th scope="col">Finger (estimated)</th>
                <th scope="col" className="num">Notes</th>
                <th scope="col" className="num">Velocity</th>
                <th scope="col" className="num">Velocity CV</th>
                <th scope="col" className="num">Key down</th>
                <th scope="col" className="num">Legato overlap</th>
              </tr>
            </thead>
            <tbody>
              {summary.fingers.map((f) => (
                <tr key={`${f.hand}-${f.finger}`}>
                  <th scope="row">
                    <span className="finger-swatch" style={{ background: fingerColour(f.finger) }} aria-hidden="true" />
                    {fingerName(f.hand, f.finger)}
                  </th>
                  <td className="num">{f.count}</td>
                  <td className="num">{f.velocity.mean.toFixed(0)}</td>
                  <td className="num">{formatPercent(f.velocity.cv)}</td>
                  <td className="num">{formatMs(f.durationMs.mean)}</td>
                  <td className="num" title={`${f.legatoOverlapMs.count} note pairs`}>
                    {f.legatoOverlapMs.count > 0 ? formatMs(f.legatoOverlapMs.mean) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {timing.length > 0 ? (
        <>
          <h4>Evenness in runs of equal notes</h4>
          <p className="muted small">Found from the playing: stretches where one hand plays notes of one value at a steady pace.</p>
          <ul className="free-play-timing">
            {timing.map((t, i) => (
              <li key={`${t.hand}-${i}`}>
                <strong>{t.hand === 'left' ? 'Left hand' : 'Right hand'}</strong>: IOI SD {formatMs(t.ioiSdMs)} ({t.ioiCvPercent.toFixed(1)} % of{' '}
                {formatMs(t.ioiMs)}), mean tempo change {t.tempoChangePercent.toFixed(1)} % within a run · {t.runs} {t.runs === 1 ? 'run' : 'runs'},{' '}
                {t.notes} notes
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {events.length > 0 ? (
        <>
          <h4>Events (estimated fingers)</h4>
          <ul className="events">
            {events.map((event, i) => (
              <li key={`${event.timeMs}-${i}`} className="event-row">
                <span className="event-time">{formatDuration(event.timeMs)}</span>
                <span className="event-type">{eventLabel(event.type)}</span>
                <span className="event-finger">{fingerName(event.hand, event.finger)}?</span>
                <span className="event-detail">{event.detail}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
