/**
 * Deleting recorded data: one session (after a backup, so it can be undone), or a whole profile
 * with everything it recorded or imported, including its rows inside every backup file (health
 * data must really go when a pianist or teacher asks). Freed pages are overwritten
 * (`secure_delete`) and the WAL is truncated so the deleted rows do not linger on disk.
 */
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { tableColumns } from './bundles';

/** Deletes one session and everything hanging off it. Run inside a transaction. */
export function deleteSessionRows(db: BetterSqlite3.Database, sessionId: number): void {
  const hasClicks = tableColumns(db, 'clicks').includes('session_id');
  db.prepare('DELETE FROM events WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM take_fingers WHERE take_id IN (SELECT id FROM takes WHERE session_id = ?)').run(sessionId);
  db.prepare('DELETE FROM takes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM notes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM analyses WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM annotations WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM device_gaps WHERE session_id = ?').run(sessionId);
  if (hasClicks) db.prepare('DELETE FROM clicks WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM raw_events WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
}

/** Deletes a profile and all its sessions; returns how many sessions went. Run inside a transaction. */
export function deleteProfileRows(db: BetterSqlite3.Database, profileId: number): number {
  const ids = (db.prepare('SELECT id FROM sessions WHERE profile_id = ?').all(profileId) as Array<{ id: number }>).map((r) => r.id);
  for (const id of ids) deleteSessionRows(db, id);
  db.prepare('DELETE FROM profiles WHERE id = ?').run(profileId);
  return ids.length;
}

/**
 * Removes one profile from a backup file (matched by uid when the backup's schema has uids,
 * else by name), then vacuums it so the bytes are gone. Returns true when it held the profile.
 * A backup that cannot be opened is deleted: keeping a copy we cannot clean is not an option.
 *
 * @example scrubBackup('/data/backups/evenkeys.sqlite.2026-...daily.sqlite', { uid, name: 'Ana' })
 */
export function scrubBackup(file: string, profile: { uid: string; name: string }): boolean {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new Database(file);
    const hasUid = tableColumns(db, 'profiles').includes('uid');
    const row = (hasUid
      ? db.prepare('SELECT id FROM profiles WHERE uid = ?').get(profile.uid)
      : db.prepare('SELECT id FROM profiles WHERE name = ? COLLATE NOCASE').get(profile.name)) as { id: number } | undefined;
    if (!row) return false;
    const target = db;
    db.pragma('secure_delete = ON');
    db.transaction(() => deleteProfileRows(target, row.id))();
    db.exec('VACUUM');
    return true;
  } catch {
    db?.close();
    db = undefined;
    rmSync(file, { force: true });
    for (const suffix of ['-wal', '-shm']) if (existsSync(`${file}${suffix}`)) rmSync(`${file}${suffix}`, { force: true });
    return true;
  } finally {
    db?.close();
  }
}
