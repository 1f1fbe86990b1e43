/**
 * The metronome clicks of a session (schema 003): appended while recording, read by the report.
 * Times are on the MIDI event clock (ms), like raw_events, so notes and clicks compare directly.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';

export type ClickKind = 'accent' | 'beat' | 'subdivision';

export interface StoredClick {
  readonly timeMs: number;
  readonly kind: ClickKind;
  readonly countIn: boolean;
  readonly bpm: number;
}

interface ClickRow {
  time_ms: number;
  kind: ClickKind;
  count_in: number;
  bpm: number;
}

/**
 * Appends clicks after the session's last one (seq continues), in one transaction.
 *
 * @example appendClicks(db, 7, [{ timeMs: 1500.25, kind: 'accent', countIn: true, bpm: 120 }]) // => 1
 */
export function appendClicks(db: BetterSqlite3.Database, sessionId: number, clicks: readonly StoredClick[]): number {
  if (db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionId) === undefined) throw new StoreError('not-found', `No session ${sessionId}.`);
  const insert = db.prepare('INSERT INTO clicks (session_id, seq, time_ms, kind, count_in, bpm) VALUES (?, ?, ?, ?, ?, ?)');
  const run = db.transaction(() => {
    const last = db.prepare('SELECT max(seq) AS seq FROM clicks WHERE session_id = ?').get(sessionId) as { seq: number | null };
    let seq = (last.seq ?? -1) + 1;
    for (const click of clicks) {
      insert.run(sessionId, seq, click.timeMs, click.kind, click.countIn ? 1 : 0, click.bpm);
      seq += 1;
    }
  });
  run();
  return clicks.length;
}

/** @example listClicks(db, 7)[0] // => { timeMs: 1500.25, kind: 'accent', countIn: true, bpm: 120 } */
export function listClicks(db: BetterSqlite3.Database, sessionId: number): StoredClick[] {
  return (db.prepare('SELECT time_ms, kind, count_in, bpm FROM clicks WHERE session_id = ? ORDER BY seq').all(sessionId) as ClickRow[]).map((row) => ({
    timeMs: row.time_ms,
    kind: row.kind,
    countIn: row.count_in === 1,
    bpm: row.bpm,
  }));
}
