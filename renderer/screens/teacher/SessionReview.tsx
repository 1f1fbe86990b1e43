/**
 * One session, read-only (an imported student's log is never changed): its takes, its
 * loss-of-control events with a way to annotate each, and the notes on it. You edit or delete
 * only your own notes; a note that came in a bundle shows who wrote it.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { Annotation, SessionAnalysis } from '../../../core/api/schemas';
import { fingerCode } from '../../fingers';
import { eventLabel, formatMs, formatWhen } from '../../format';

interface Target {
  target: 'session' | 'take' | 'event';
  takeIndex?: number;
  timeMs?: number;
  eventType?: string;
  label: string;
}

export function SessionReview({ api, sessionId, authorName, onError }: { api: EvenkeysApi; sessionId: number; authorName: string; onError: (m: string) => void }) {
  const [data, setData] = useState<SessionAnalysis | null>(null);
  const [notes, setNotes] = useState<Annotation[]>([]);
  const [target, setTarget] = useState<Target>({ target: 'session', label: 'the whole session' });
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);

  const fail = useCallback((e: unknown) => onError(e instanceof Error ? e.message : String(e)), [onError]);
  const reload = useCallback(() => api.listAnnotations({ sessionId }).then(setNotes, fail), [api, sessionId, fail]);
  useEffect(() => {
    setData(null);
    api.getSessionAnalysis({ sessionId }).then(setData, fail);
    void reload();
  }, [api, sessionId, fail, reload]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      await api.addAnnotation({
        sessionId, text: text.trim(), author: 'teacher', authorName: authorName.trim() || 'Teacher', target: target.target,
        ...(target.takeIndex !== undefined ? { takeIndex: target.takeIndex } : {}),
        ...(target.timeMs !== undefined ? { timeMs: target.timeMs } : {}),
        ...(target.eventType !== undefined ? { eventType: target.eventType } : {}),
      });
      setText('');
      setTarget({ target: 'session', label: 'the whole session' });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  const saveEdit = async () => {
    if (!editing) return;
    try {
      await api.updateAnnotation({ annotationId: editing.id, text: editing.text });
      setEditing(null);
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  const remove = async (note: Annotation) => {
    if (!window.confirm(`Delete your note "${note.text.slice(0, 60)}"?`)) return;
    try {
      await api.deleteAnnotation({ annotationId: note.id });
      await reload();
    } catch (e) {
      fail(e);
    }
  };

  if (data === null) return <p className="muted">Loading the session…</p>;
  const takes = data.analysis?.takes ?? [];
  const where = (n: Annotation) =>
    n.target === 'event' ? `Take ${(n.takeIndex ?? 0) + 1}, ${eventLabel(n.eventType ?? '')} at ${((n.timeMs ?? 0) / 1000).toFixed(2)} s` : n.target === 'take' ? `Take ${(n.takeIndex ?? 0) + 1}` : 'Session';

  return (
    <section className="card review" aria-labelledby="review-title">
      <div className="card-head">
        <h2 id="review-title">Session of {formatWhen(data.session.startedAt)}</h2>
        <span className="badge">Read-only</span>
      </div>
      {takes.length === 0 ? <p className="muted">No exercise takes were recognised in this session.</p> : null}
      {takes.map((take, takeIndex) => (
        <div key={takeIndex} className="review-take">
          <div className="review-take-head">
            <h3>Take {takeIndex + 1}: {take.exercise.name}</h3>
            <span className="muted small">{take.bpm === null ? '—' : take.bpm.toFixed(0)} bpm · unevenness {formatMs(take.unevennessMs)}</span>
            <button type="button" className="button ghost small" onClick={() => setTarget({ target: 'take', takeIndex, label: `take ${takeIndex + 1}` })}>Annotate take</button>
          </div>
          {take.events.length > 0 ? (
            <table className="table events-table">
              <thead><tr><th>Event</th><th>At</th><th>Finger</th><th>Detail</th><th><span className="visually-hidden">Note</span></th></tr></thead>
              <tbody>
                {take.events.map((e, i) => (
                  <tr key={i}>
                    <td>{eventLabel(e.type)}</td>
                    <td>{(e.timeMs / 1000).toFixed(2)} s</td>
                    <td>{fingerCode(e.hand, e.finger)}</td>
                    <td className="small">{e.detail}</td>
                    <td>
                      <button type="button" className="button ghost small" aria-label={`Annotate ${eventLabel(e.type)} at ${(e.timeMs / 1000).toFixed(2)} s`}
                        onClick={() => setTarget({ target: 'event', takeIndex, timeMs: e.timeMs, eventType: e.type, label: `${eventLabel(e.type)} at ${(e.timeMs / 1000).toFixed(2)} s (take ${takeIndex + 1})` })}>
                        Annotate
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="muted small">No loss-of-control events in this take.</p>}
        </div>
      ))}

      <h4>Annotations</h4>
      {notes.length === 0 ? <p className="muted small">No notes yet.</p> : null}
      <ul className="notes-list">
        {notes.map((n) => (
          <li key={n.id} className={n.imported ? 'note theirs' : 'note mine'}>
            <div className="note-head">
              <strong>{where(n)}</strong>
              <span className="muted small">{n.authorName ?? n.author} · {formatWhen(n.createdAt)}{n.updatedAt ? ' · edited' : ''}{n.imported ? ' · from the bundle' : ''}</span>
            </div>
            {editing?.id === n.id ? (
              <div className="inline-form">
                <input aria-label="Edit note" value={editing.text} onChange={(e) => setEditing({ id: n.id, text: e.target.value })} />
                <button type="button" className="button small" onClick={() => void saveEdit()}>Save</button>
                <button type="button" className="button ghost small" onClick={() => setEditing(null)}>Cancel</button>
              </div>
            ) : (
              <p>{n.text}</p>
            )}
            {!n.imported && editing?.id !== n.id ? (
              <div className="note-actions">
                <button type="button" className="button ghost small" onClick={() => setEditing({ id: n.id, text: n.text })}>Edit</button>
                <button type="button" className="button ghost small" onClick={() => void remove(n)}>Delete</button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <form className="note-form" onSubmit={(e) => void add(e)}>
        <label htmlFor="teacher-note">Note on {target.label}{target.target !== 'session' ? <button type="button" className="linklike" onClick={() => setTarget({ target: 'session', label: 'the whole session' })}> (whole session instead)</button> : null}</label>
        <div className="inline-form">
          <input id="teacher-note" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} placeholder="What you heard, what to practise" />
          <button type="submit" className="button" disabled={!text.trim()}>Add note</button>
        </div>
      </form>
    </section>
  );
}
