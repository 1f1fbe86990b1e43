/** Notes a teacher or the pianist pins on a session, a take or a moment. Reanalyse never touches them. */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';
import { isoTime } from './time';
import type { Annotation, AnnotationAuthor, NewAnnotation } from './types';

interface AnnotationRow {
  id: number;
  session_id: number;
  take_index: number | null;
  time_ms: number | null;
  author: AnnotationAuthor;
  text: string;
  created_at: string;
}

const toAnnotation = (row: AnnotationRow): Annotation => ({
  id: row.id,
  sessionId: row.session_id,
  takeIndex: row.take_index,
  timeMs: row.time_ms,
  author: row.author,
  text: row.text,
  createdAt: row.created_at,
});

/**
 * @example addAnnotation(db, { sessionId: 7, takeIndex: 0, timeMs: 3150, author: 'teacher', text: 'Thumb under is late' })
 */
export function addAnnotation(db: BetterSqlite3.Database, input: NewAnnotation, now = new Date()): Annotation {
  if (!input.text.trim()) throw new StoreError('invalid', 'An annotation needs some text.');
  const row = db
    .prepare('INSERT INTO annotations (session_id, take_index, time_ms, author, text, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
    .get(input.sessionId, input.takeIndex ?? null, input.timeMs ?? null, input.author, input.text, isoTime(now)) as AnnotationRow;
  return toAnnotation(row);
}

/** @example listAnnotations(db, 7).length // => 1 */
export function listAnnotations(db: BetterSqlite3.Database, sessionId: number): Annotation[] {
  return (db.prepare('SELECT * FROM annotations WHERE session_id = ? ORDER BY coalesce(time_ms, 0), id').all(sessionId) as AnnotationRow[]).map(toAnnotation);
}

/** @example deleteAnnotation(db, 3) // => true when it existed */
export function deleteAnnotation(db: BetterSqlite3.Database, id: number): boolean {
  return db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
}
