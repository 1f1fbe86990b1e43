/**
 * Notes a teacher or the pianist pins on a session, a take or a single loss-of-control event.
 * Reanalyse never touches them. Each has a stable uid that travels in bundles; a note that came
 * from a bundle (`imported`) is someone else's and read-only here: only your own are edited or
 * deleted.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';
import { isoTime } from './time';
import type { Annotation, AnnotationAuthor, AnnotationTarget, NewAnnotation } from './types';
import { writeReturning } from './returning';

export interface AnnotationRow {
  id: number;
  uid: string | null;
  session_id: number;
  take_index: number | null;
  time_ms: number | null;
  author: AnnotationAuthor;
  author_name: string;
  target: AnnotationTarget;
  event_type: string | null;
  text: string;
  created_at: string;
  updated_at: string | null;
  imported: number;
}

export const toAnnotation = (row: AnnotationRow): Annotation => ({
  id: row.id,
  uid: row.uid ?? '',
  sessionId: row.session_id,
  target: row.target,
  takeIndex: row.take_index,
  timeMs: row.time_ms,
  eventType: row.event_type,
  author: row.author,
  authorName: row.author_name,
  text: row.text,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  imported: row.imported === 1,
});

/** Longest annotation text kept (characters). */
export const MAX_ANNOTATION_TEXT = 4_000;

/** The default signature for a role. @example defaultAuthorName('teacher') // => 'Teacher' */
export function defaultAuthorName(author: AnnotationAuthor): string {
  return author === 'teacher' ? 'Teacher' : 'Pianist';
}

function checkTarget(input: NewAnnotation): AnnotationTarget {
  const target = input.target ?? (input.takeIndex === null || input.takeIndex === undefined ? 'session' : 'take');
  if (target !== 'session' && (input.takeIndex === null || input.takeIndex === undefined)) {
    throw new StoreError('invalid', `A note on a ${target} needs the take index.`);
  }
  if (target === 'event' && (input.timeMs === null || input.timeMs === undefined || !input.eventType)) {
    throw new StoreError('invalid', 'A note on an event needs the event type and its time (ms).');
  }
  return target;
}

/**
 * Adds your own note. Throws StoreError('invalid') for empty text or a take/event note without
 * its take index (and, for an event, its type and time).
 *
 * @example addAnnotation(db, { sessionId: 7, target: 'event', takeIndex: 0, timeMs: 3150.5, eventType: 'velocity-drop', author: 'teacher', authorName: 'Ms Ito', text: 'Thumb under is late' })
 */
export function addAnnotation(db: BetterSqlite3.Database, input: NewAnnotation, now = new Date()): Annotation {
  const text = input.text.trim();
  if (!text) throw new StoreError('invalid', 'An annotation needs some text.');
  if (text.length > MAX_ANNOTATION_TEXT) throw new StoreError('invalid', `An annotation is at most ${MAX_ANNOTATION_TEXT} characters.`);
  const target = checkTarget(input);
  const authorName = input.authorName?.trim() || defaultAuthorName(input.author);
  const { id } = writeReturning(
    db.prepare(
      `INSERT INTO annotations (session_id, target, take_index, time_ms, event_type, author, author_name, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ),
    input.sessionId, target, target === 'session' ? null : (input.takeIndex ?? null), input.timeMs ?? null,
      target === 'event' ? (input.eventType ?? null) : null, input.author, authorName, text, isoTime(now)) as { id: number };
  return getAnnotation(db, id);
}

/** @example getAnnotation(db, 3).text; StoreError('not-found') for an unknown id */
export function getAnnotation(db: BetterSqlite3.Database, id: number): Annotation {
  const row = db.prepare('SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
  if (!row) throw new StoreError('not-found', `No annotation with id ${id}.`);
  return toAnnotation(row);
}

/** @example listAnnotations(db, 7).length // => 1 */
export function listAnnotations(db: BetterSqlite3.Database, sessionId: number): Annotation[] {
  return (db.prepare('SELECT * FROM annotations WHERE session_id = ? ORDER BY coalesce(take_index, -1), coalesce(time_ms, 0), id').all(sessionId) as AnnotationRow[]).map(toAnnotation);
}

function ownOrThrow(db: BetterSqlite3.Database, id: number, doing: string): Annotation {
  const annotation = getAnnotation(db, id);
  if (annotation.imported) {
    throw new StoreError('invalid', `Cannot ${doing} ${annotation.authorName}'s note: it came from a bundle and is read-only here.`);
  }
  return annotation;
}

/**
 * Edits the text of one of your own notes (not one that came from a bundle).
 *
 * @example updateAnnotation(db, 3, 'Thumb under is late in bar 2').updatedAt // => now
 */
export function updateAnnotation(db: BetterSqlite3.Database, id: number, text: string, now = new Date()): Annotation {
  ownOrThrow(db, id, 'edit');
  const trimmed = text.trim();
  if (!trimmed) throw new StoreError('invalid', 'An annotation needs some text (delete it instead).');
  if (trimmed.length > MAX_ANNOTATION_TEXT) throw new StoreError('invalid', `An annotation is at most ${MAX_ANNOTATION_TEXT} characters.`);
  db.prepare('UPDATE annotations SET text = ?, updated_at = ? WHERE id = ?').run(trimmed, isoTime(now), id);
  return getAnnotation(db, id);
}

/**
 * Deletes one of your own notes; false when it did not exist. Throws StoreError('invalid') for
 * someone else's (imported) note.
 *
 * @example deleteAnnotation(db, 3) // => true when it existed
 */
export function deleteAnnotation(db: BetterSqlite3.Database, id: number): boolean {
  const exists = db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(id);
  if (!exists) return false;
  ownOrThrow(db, id, 'delete');
  return db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
}
