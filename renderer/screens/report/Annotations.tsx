/** Notes on a session, by the pianist or a teacher ("fourth finger felt heavy today"). */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { Annotation } from '../../../core/api/schemas';
import { formatWhen } from '../../format';

export interface AnnotationsProps {
  readonly api: EvenkeysApi;
  readonly sessionId: number;
  readonly onError: (message: string) => void;
}

export function Annotations({ api, sessionId, onError }: AnnotationsProps) {
  const [items, setItems] = useState<Annotation[]>([]);
  const [text, setText] = useState('');

  useEffect(() => {
    api.listAnnotations({ sessionId }).then(setItems, (e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  }, [api, sessionId, onError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    try {
      const added = await api.addAnnotation({ sessionId, text: text.trim() });
      setItems((list) => [...list, added]);
      setText('');
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="annotations">
      <h4>Notes</h4>
      {items.length === 0 ? <p className="muted small">How did it feel? A note here helps when you compare sessions later.</p> : (
        <ul>
          {items.map((a) => (
            <li key={a.id}>
              <span>{a.text}</span>
              <span className="muted small">{a.author === 'teacher' ? 'Teacher · ' : ''}{formatWhen(a.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`note-${sessionId}`}>Add a note</label>
        <input id={`note-${sessionId}`} placeholder="Add a note about this session" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button ghost" disabled={text.trim() === ''}>Add note</button>
      </form>
    </div>
  );
}
