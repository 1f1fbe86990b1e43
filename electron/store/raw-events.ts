/**
 * The append-only raw MIDI log. The writer appends batches through `createRawEventAppender`
 * (statements prepared once: this is the hot path); everything else reads.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { StoredRawEvent } from './types';

/** One message ready to insert: bytes already copied into a Buffer by the writer. */
export interface PendingRawEvent {
  readonly seq: number;
  readonly timeMs: number;
  readonly port: string | null;
  readonly bytes: Buffer;
}

/**
 * Returns a function that inserts one batch and stamps the session with the batch's wall-clock
 * time and new event count (the crash-recovery end time). It runs inside the caller's
 * transaction: the writer commits events and gap changes together.
 *
 * @example const insert = createRawEventInserter(db); db.transaction(() => insert(7, batch, iso))()
 */
export function createRawEventInserter(db: BetterSqlite3.Database) {
  const insert = db.prepare('INSERT INTO raw_events (session_id, seq, time_ms, port, bytes) VALUES (?, ?, ?, ?, ?)');
  const stamp = db.prepare('UPDATE sessions SET event_count = event_count + ?, last_write_at = ? WHERE id = ?');
  return (sessionId: number, batch: readonly PendingRawEvent[], at: string): void => {
    for (const event of batch) insert.run(sessionId, event.seq, event.timeMs, event.port, event.bytes);
    stamp.run(batch.length, at, sessionId);
  };
}

interface RawRow {
  seq: number;
  time_ms: number;
  port: string | null;
  bytes: Buffer;
}

/**
 * Every saved message of a session in arrival order, timestamps exactly as received.
 *
 * @example readRawEvents(db, 7)[0] // => { seq: 0, timeMs: 1234.5678, bytes: Uint8Array [144, 60, 80], port: 'in-1' }
 */
export function readRawEvents(db: BetterSqlite3.Database, sessionId: number): StoredRawEvent[] {
  const rows = db.prepare('SELECT seq, time_ms, port, bytes FROM raw_events WHERE session_id = ? ORDER BY seq').all(sessionId) as RawRow[];
  return rows.map((row) => {
    const bytes = new Uint8Array(row.bytes.length);
    bytes.set(row.bytes);
    return row.port === null ? { seq: row.seq, timeMs: row.time_ms, bytes } : { seq: row.seq, timeMs: row.time_ms, bytes, port: row.port };
  });
}

/** The next free seq of a session (0 for an empty one). @example nextSeq(db, 7) // => 1500 */
export function nextSeq(db: BetterSqlite3.Database, sessionId: number): number {
  const row = db.prepare('SELECT max(seq) AS last FROM raw_events WHERE session_id = ?').get(sessionId) as { last: number | null };
  return row.last === null ? 0 : row.last + 1;
}

/** How many raw events a session has saved. @example countRawEvents(db, 7) // => 1500 */
export function countRawEvents(db: BetterSqlite3.Database, sessionId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM raw_events WHERE session_id = ?').get(sessionId) as { n: number }).n;
}
