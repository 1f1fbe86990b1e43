/**
 * The app's preferences (schema 003): key -> JSON text. Kept in the database, not in
 * localStorage, because browser mode serves each run from a new port (a new origin).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { isoTime } from './time';

/** @example getPreferences(db) // => { profileId: '3', inputName: '"Digital Piano"' } */
export function getPreferences(db: BetterSqlite3.Database): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM preferences ORDER BY key').all() as { key: string; value: string }[];
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/**
 * Sets (value: string) or removes (value: null) one preference.
 *
 * @example setPreference(db, 'inputName', '"Digital Piano"')
 */
export function setPreference(db: BetterSqlite3.Database, key: string, value: string | null, now = new Date()): void {
  if (value === null) db.prepare('DELETE FROM preferences WHERE key = ?').run(key);
  else db.prepare('INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, value, isoTime(now));
}
