/**
 * A session's takes grouped like with like: one line per exercise and tempo band, so a session
 * list never averages a Mozart fragment with ten clean scales (issue 9). The grouping itself is
 * core/compare/like-for-like.ts (shared with the History screen and the progress report).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { groupSessionTakes } from '../../core/compare/like-for-like';
import type { TakeLine } from '../../core/compare/like-for-like';
import type { SessionExerciseSummary } from './types';

export type { TakeLine } from '../../core/compare/like-for-like';
export { groupSessionTakes };

/**
 * The per-exercise lines of every session of a profile, by session id (sessions without takes
 * are absent).
 *
 * @example sessionExercisesOf(db, 1).get(7) // => [{ exerciseId: 'clinical-scale-rh', takes: 3, unevennessMs: 9.8, ... }]
 */
export function sessionExercisesOf(db: BetterSqlite3.Database, profileId: number): Map<number, SessionExerciseSummary[]> {
  const rows = db
    .prepare(
      `SELECT t.session_id AS sessionId, t.take_index AS takeIndex, t.exercise_id AS exerciseId, t.exercise_name AS exerciseName,
              t.hands, t.bpm, t.notes_per_second AS notesPerSecond, t.unevenness_ms AS unevennessMs
         FROM takes t JOIN sessions s ON s.id = t.session_id
        WHERE s.profile_id = ? ORDER BY t.session_id, t.take_index`,
    )
    .all(profileId) as TakeLine[];
  const bySession = new Map<number, TakeLine[]>();
  for (const row of rows) {
    const list = bySession.get(row.sessionId) ?? [];
    list.push(row);
    bySession.set(row.sessionId, list);
  }
  return new Map([...bySession].map(([id, list]) => [id, groupSessionTakes(list)]));
}
