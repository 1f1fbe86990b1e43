/** The profile's sessions, newest first, with status and unevenness. */
import type { HistoryPoint, SessionSummary } from '../../../core/api/schemas';
import { formatMs, formatWhen, sessionLength } from '../../format';
import { Sparkline } from './Sparkline';

export interface SessionListProps {
  readonly sessions: readonly SessionSummary[];
  readonly history: readonly HistoryPoint[];
  readonly selectedId: number | null;
  readonly onSelect: (id: number) => void;
}

const STATUS_LABEL: Record<SessionSummary['status'], string> = {
  recording: 'Recording',
  complete: 'Complete',
  interrupted: 'Interrupted',
};

export function SessionList({ sessions, history, selectedId, onSelect }: SessionListProps) {
  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <div className="card-head">
        <h2 id="sessions-title">Sessions</h2>
        <span className="muted small">{sessions.length === 0 ? '' : `${sessions.length} in total`}</span>
      </div>
      <Sparkline history={history} />
      {sessions.length === 0 ? (
        <div className="empty">
          <strong>No sessions yet</strong>
          <p>Your recordings appear here, each with its unevenness: the spread of note onsets around a steady beat, in milliseconds. Lower is more even.</p>
        </div>
      ) : (
        <div className="table-scroll">
        <table className="table session-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="optional" title="Wall-clock time from Record to Stop (for an imported file: its length)">Length</th>
              <th scope="col" className="num optional">Notes</th>
              <th scope="col" className="num optional">Takes</th>
              <th scope="col" className="num">Unevenness</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {[...sessions].reverse().map((session) => (
              <tr
                key={session.id}
                className={session.id === selectedId ? 'selected' : undefined}
                tabIndex={0}
                aria-selected={session.id === selectedId}
                onClick={() => onSelect(session.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') onSelect(session.id);
                }}
              >
                <td>{formatWhen(session.startedAt)}</td>
                <td className="optional">{sessionLength(session)}</td>
                <td className="num optional">{session.noteCount}</td>
                <td className="num optional">{session.takeCount}</td>
                <td className="num">{formatMs(session.unevennessMs)}</td>
                <td><span className={`badge ${session.status}`}>{STATUS_LABEL[session.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
