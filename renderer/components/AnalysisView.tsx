/** One session's results: its takes, the per-finger table of the chosen take, and its events. */
import { useState } from 'react';
import type { AnalysisTake } from '../../core/api/analysis';
import type { EvenkeysApi } from '../../core/api/contract';
import type { SessionAnalysis } from '../../core/api/schemas';
import { saveExport } from '../download';
import { eventLabel, fingerName, formatDuration, formatMs, formatPercent, formatWhen } from '../format';
import { Annotations } from './Annotations';

export interface AnalysisViewProps {
  readonly api: EvenkeysApi;
  readonly data: SessionAnalysis;
  readonly onClose: () => void;
  readonly onError: (message: string) => void;
}

export function AnalysisView({ api, data, onClose, onError }: AnalysisViewProps) {
  const { session, analysis } = data;
  const exportAs = async (format: 'json' | 'smf') => {
    try {
      saveExport(await api.exportSession({ sessionId: session.id, format }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };
  const takes = analysis?.takes ?? [];
  const [takeIndex, setTakeIndex] = useState(0);
  const take = takes[Math.min(takeIndex, takes.length - 1)];

  return (
    <section className="card analysis" aria-labelledby="analysis-title">
      <div className="card-head">
        <h2 id="analysis-title">Session of {formatWhen(session.startedAt)}</h2>
        <div className="actions">
          <button type="button" className="button ghost small" disabled={session.status === 'recording'} onClick={() => void exportAs('smf')}>Export MIDI</button>
          <button type="button" className="button ghost small" disabled={session.status === 'recording'} onClick={() => void exportAs('json')}>Export JSON</button>
          <button type="button" className="button ghost small" onClick={onClose}>Close</button>
        </div>
      </div>

      <dl className="stats">
        <div><dt>Notes</dt><dd data-testid="analysis-notes">{analysis?.source.notes ?? session.noteCount}</dd></div>
        <div><dt>Duration</dt><dd>{analysis ? formatDuration(analysis.source.durationMs) : '—'}</dd></div>
        <div><dt>Takes</dt><dd>{takes.length}</dd></div>
        <div><dt>Unevenness</dt><dd>{formatMs(session.unevennessMs)}</dd></div>
        <div><dt>MIDI messages</dt><dd>{session.eventCount}</dd></div>
      </dl>

      {session.analysisError !== null ? (
        <p className="warning">The analysis failed ({session.analysisError}). Every MIDI message is saved and can be analysed again.</p>
      ) : null}
      {session.status === 'recording' ? <p className="muted">This session is still recording.</p> : null}

      {analysis !== null && takes.length === 0 ? (
        <div className="empty">
          <strong>No exercise recognised in this recording</strong>
          <p>
            The notes are saved. Per-finger figures appear for takes of a library exercise (scales, arpeggios, five-finger
            patterns) played with the standard fingering at a steady tempo.
          </p>
        </div>
      ) : null}

      {take !== undefined ? (
        <>
          {takes.length > 1 ? (
            <div className="take-tabs" role="tablist" aria-label="Takes">
              {takes.map((t, i) => (
                <button key={`${t.exercise.id}-${t.startMs}`} type="button" role="tab" aria-selected={i === takeIndex} className={i === takeIndex ? 'tab active' : 'tab'} onClick={() => setTakeIndex(i)}>
                  Take {i + 1} · {formatMs(t.unevennessMs)}
                </button>
              ))}
            </div>
          ) : null}
          <TakeDetail take={take} />
        </>
      ) : null}
      <Annotations api={api} sessionId={session.id} onError={onError} />
      <p className="footnote">Evenkeys measures timing and velocity; it does not diagnose. Compare each session with your own earlier ones.</p>
    </section>
  );
}

function TakeDetail({ take }: { readonly take: AnalysisTake }) {
  return (
    <div className="take">
      <h3>{take.exercise.name}</h3>
      <p className="muted small">
        {take.bpm.toFixed(0)} bpm · {take.notesPerSecond.toFixed(1)} notes/s · {take.matched} matched, {take.missed} missed, {take.extra} extra ·
        unevenness {formatMs(take.unevennessMs)}
      </p>
      <table className="table fingers">
        <caption className="visually-hidden">Per-finger figures</caption>
        <thead>
          <tr>
            <th scope="col">Finger</th>
            <th scope="col" className="num">Notes</th>
            <th scope="col" className="num">Onset deviation</th>
            <th scope="col" className="num">Spread (SD)</th>
            <th scope="col" className="num">Velocity</th>
            <th scope="col" className="num">Velocity CV</th>
            <th scope="col" className="num">Duration</th>
          </tr>
        </thead>
        <tbody>
          {take.fingers.map((f) => (
            <tr key={`${f.hand}-${f.finger}`}>
              <th scope="row">{fingerName(f.hand, f.finger)}</th>
              <td className="num">{f.count}</td>
              <td className="num">{signedMs(f.onsetDeviationMs.mean)}</td>
              <td className="num">{formatMs(f.onsetDeviationMs.sd)}</td>
              <td className="num">{f.velocity.mean.toFixed(0)}</td>
              <td className="num">{formatPercent(f.velocity.cv)}</td>
              <td className="num">{formatMs(f.durationMs.mean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Events</h4>
      {take.events.length === 0 ? (
        <p className="muted">No loss-of-control events in this take.</p>
      ) : (
        <ul className="events">
          {take.events.map((event) => (
            <li key={`${event.type}-${event.timeMs}-${event.finger}`}>
              <span className="event-time">{formatDuration(event.timeMs - take.startMs)}</span>
              <span className="event-type">{eventLabel(event.type)}</span>
              <span className="event-finger">{fingerName(event.hand, event.finger)}</span>
              <span className="event-detail">{event.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function signedMs(value: number): string {
  return `${value > 0 ? '+' : ''}${formatMs(value)}`;
}
