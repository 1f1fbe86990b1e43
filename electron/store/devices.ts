/** MIDI keyboards seen: one row per (name, manufacturer), with when it was last seen. */
import type BetterSqlite3 from 'better-sqlite3';
import { isoTime } from './time';
import type { Device } from './types';
import { writeReturning } from './returning';

interface DeviceRow {
  id: number;
  name: string;
  manufacturer: string;
  last_seen_at: string;
}

const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  name: row.name,
  manufacturer: row.manufacturer,
  lastSeenAt: row.last_seen_at,
});

/**
 * Records that a device was seen now (creating it the first time).
 *
 * @example noteDeviceSeen(db, { name: 'Digital Piano', manufacturer: 'Yamaha' }).id
 */
export function noteDeviceSeen(db: BetterSqlite3.Database, input: { name: string; manufacturer?: string }, now = new Date()): Device {
  const row = writeReturning(
    db.prepare(
      `INSERT INTO devices (name, manufacturer, last_seen_at) VALUES (?, ?, ?)
       ON CONFLICT (name, manufacturer) DO UPDATE SET last_seen_at = excluded.last_seen_at
       RETURNING *`,
    ),
    input.name, input.manufacturer ?? '', isoTime(now)) as DeviceRow;
  return toDevice(row);
}

/** @example listDevices(db)[0]?.name // => the most recently seen device */
export function listDevices(db: BetterSqlite3.Database): Device[] {
  return (db.prepare('SELECT * FROM devices ORDER BY last_seen_at DESC, id').all() as DeviceRow[]).map(toDevice);
}
