/**
 * The pianist's corrections of the hand of a take (migration 006). Reanalyse never touches them;
 * the analysis reads them back (`analyze({ handCorrections })`) every time it runs.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { HandCorrection } from '../../core/analysis/confidence';
import type { Hand } from '../../core/exercises/types';
import { isoTime } from './time';

/**
 * The session's hand corrections, oldest first.
 *
 * @example listHandCorrections(db, 7) // => [{ startMs: 1000, endMs: 4200, hand: 'left' }]
 */
export function listHandCorrections(db: BetterSqlite3.Database, sessionId: number): HandCorrection[] {
  const rows = db
    .prepare('SELECT start_ms, end_ms, hand FROM take_hand_corrections WHERE session_id = ? ORDER BY id')
    .all(sessionId) as { start_ms: number; end_ms: number; hand: Hand }[];
  return rows.map((row) => ({ startMs: row.start_ms, endMs: row.end_ms, hand: row.hand }));
}

/**
 * Records that the take played from `startMs` to `endMs` was played by `hand`, replacing any
 * earlier correction of an overlapping take.
 *
 * @example saveHandCorrection(db, 7, { startMs: 1000, endMs: 4200, hand: 'left' })
 */
export function saveHandCorrection(db: BetterSqlite3.Database, sessionId: number, correction: HandCorrection, now = new Date()): void {
  db.transaction(() => {
    db.prepare('DELETE FROM take_hand_corrections WHERE session_id = ? AND start_ms < ? AND end_ms > ?').run(sessionId, correction.endMs, correction.startMs);
    db.prepare('INSERT INTO take_hand_corrections (session_id, start_ms, end_ms, hand, corrected_at) VALUES (?, ?, ?, ?, ?)').run(
      sessionId,
      correction.startMs,
      correction.endMs,
      correction.hand,
      isoTime(now),
    );
  }).immediate();
}
