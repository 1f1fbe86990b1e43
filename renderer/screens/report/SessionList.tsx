/**
 * The profile's sessions, newest first, with status and per-exercise figures: each exercise and
 * tempo band on its own line, never one average over unlike takes (issue 9).
 */
import { useMemo } from 'react';
import type { HistoryPoint, SessionSummary } from '../../../core/api/schemas';
import { SessionExercises } from '../../components/SessionExercises';
import { likeForLikeTrend } from '../../components/session-exercises';
import { formatWhen, sessionLength } from '../../format';
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
  // The sessions carry the per-exercise lines; the history points too (either is enough).
  const trend = useMemo(() => likeForLikeTrend(sessions.some((s) => s.exercises !== undefined) ? sessions : history), [sessions, history]);
  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <div className="card-head">
        <h2 id="sessions-title">Sessions</h2>
        <span className="muted small">{sessions.length === 0 ? '' : `${sessions.length} in total`}</span>
      </div>
      <Sparkline trend={trend} />
      {sessions.length === 0 ? (
        <div className="empty">
          <strong>No sessions yet</strong>
          <p>Your recordings appear here with each exercise you played and its unevenness: the spread of note onsets around a steady beat, in milliseconds. Lower is more even.</p>
        </div>
      ) : (
        <div className="table-scroll">
        <table className="table session-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="optional" title="Wall-clock time from Record to Stop (for an imported file: its length)">Length</th>
              <th scope="col" className="num optional">Notes</th>
              <th scope="col">Exercise · tempo · takes</th>
              <th scope="col" className="num" title="Per exercise: the spread of note onsets around a steady beat. Lower is more even.">Unevenness</th>
              <th scope="col" className="optional">Status</th>
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
                <td>
                  {formatWhen(session.startedAt)}
                  {session.status === 'complete' ? null : <span className={`badge ${session.status} narrow-only`}>{STATUS_LABEL[session.status]}</span>}
                </td>
                <td className="optional">{sessionLength(session)}</td>
                <td className="num optional">{session.noteCount}</td>
                <td colSpan={2} className="exercises-cell">
                  <SessionExercises lines={session.exercises} averageMs={session.unevennessMs} takes={session.takeCount} />
                </td>
                <td className="optional"><span className={`badge ${session.status}`}>{STATUS_LABEL[session.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
