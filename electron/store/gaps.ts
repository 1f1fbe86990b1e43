/** Device unplugged mid-session: the session continues; the gap is kept so analysis can see it. */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';
import type { DeviceGap } from './types';
import { writeReturning } from './returning';

interface GapRow {
  id: number;
  session_id: number;
  port: string | null;
  after_seq: number;
  disconnected_at_ms: number;
  reconnected_at_ms: number | null;
}

const toGap = (row: GapRow): DeviceGap => ({
  id: row.id,
  sessionId: row.session_id,
  port: row.port,
  afterSeq: row.after_seq,
  disconnectedAtMs: row.disconnected_at_ms,
  reconnectedAtMs: row.reconnected_at_ms,
});

/**
 * Opens a gap: the device on `port` went away at `atMs` (event clock), after event `afterSeq`.
 *
 * @example openGap(db, { sessionId: 7, port: 'in-1', afterSeq: 99, atMs: 5012.5 }).id
 */
export function openGap(db: BetterSqlite3.Database, input: { sessionId: number; port: string | null; afterSeq: number; atMs: number }): DeviceGap {
  const row = writeReturning(
    db.prepare('INSERT INTO device_gaps (session_id, port, after_seq, disconnected_at_ms) VALUES (?, ?, ?, ?) RETURNING *'),
    input.sessionId, input.port, input.afterSeq, input.atMs) as GapRow;
  return toGap(row);
}

/** Closes the gap: the device came back at `atMs`. @example closeGap(db, gap.id, 9020.25) */
export function closeGap(db: BetterSqlite3.Database, gapId: number, atMs: number): DeviceGap {
  const row = writeReturning(db.prepare('UPDATE device_gaps SET reconnected_at_ms = ? WHERE id = ? RETURNING *'), atMs, gapId) as GapRow | undefined;
  if (!row) throw new StoreError('not-found', `No device gap with id ${gapId}.`);
  return toGap(row);
}

/**
 * Closes the newest open gap of a port in a session (no-op when none is open); returns it.
 *
 * @example closeOpenGap(db, { sessionId: 7, port: 'in-1', atMs: 9020.25 })
 */
export function closeOpenGap(db: BetterSqlite3.Database, input: { sessionId: number; port: string | null; atMs: number }): DeviceGap | undefined {
  const row = writeReturning(
    db.prepare(
      `UPDATE device_gaps SET reconnected_at_ms = ?
       WHERE id = (SELECT max(id) FROM device_gaps WHERE session_id = ? AND port IS ? AND reconnected_at_ms IS NULL)
       RETURNING *`,
    ),
    input.atMs, input.sessionId, input.port) as GapRow | undefined;
  return row ? toGap(row) : undefined;
}

/** @example listGaps(db, 7) // => [{ disconnectedAtMs: 5012.5, reconnectedAtMs: 9020.25, ... }] */
export function listGaps(db: BetterSqlite3.Database, sessionId: number): DeviceGap[] {
  return (db.prepare('SELECT * FROM device_gaps WHERE session_id = ? ORDER BY id').all(sessionId) as GapRow[]).map(toGap);
}
