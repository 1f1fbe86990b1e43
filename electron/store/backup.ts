/**
 * Automatic backups with SQLite's online backup API (better-sqlite3 `db.backup`): before every
 * migration and once a day, into a `backups` folder beside the database, keeping the last N of
 * each kind. A backup is written under a temporary name and renamed when complete, so a crash
 * mid-backup never leaves a half file that looks like a good one.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { toStoreError } from './errors';

/** `pre-delete`: taken before a session is deleted, so the deletion can be undone. */
export type BackupReason = 'pre-migration' | 'daily' | 'manual' | 'pre-delete';

export interface BackupFile {
  readonly path: string;
  readonly reason: BackupReason;
  /** When the backup was taken (ISO-8601, from its name). */
  readonly takenAt: string;
}

export const DEFAULT_BACKUPS_KEPT = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const NAME_PATTERN = /^(.*)\.(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.(pre-migration|daily|manual|pre-delete)\.sqlite$/;

/** @example backupDirectory('/data/evenkeys.sqlite') // => '/data/backups' */
export function backupDirectory(databasePath: string): string {
  return join(dirname(databasePath), 'backups');
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function isoFromStamp(stamp: string): string {
  // 2026-11-24T03-20-00-000Z -> 2026-11-24T03:20:00.000Z
  return `${stamp.slice(0, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20)}`;
}

/**
 * The backups of one database, oldest first.
 *
 * @example listBackups('/data/evenkeys.sqlite').at(-1)?.reason // => 'daily'
 */
export function listBackups(databasePath: string): BackupFile[] {
  const folder = backupDirectory(databasePath);
  const own = basename(databasePath);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const backups: BackupFile[] = [];
  for (const name of names) {
    const match = NAME_PATTERN.exec(name);
    if (!match || match[1] !== own || !match[2] || !match[3]) continue;
    backups.push({ path: join(folder, name), reason: match[3] as BackupReason, takenAt: isoFromStamp(match[2]) });
  }
  return backups.sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.path.localeCompare(b.path));
}

/**
 * Copies the live database to `backups/NAME.<time>.<reason>.sqlite` and then keeps only the
 * newest `keep` backups of that reason. Returns the new backup's path.
 *
 * @example await backupDatabase(db, '/data/evenkeys.sqlite', 'daily')
 *   // => '/data/backups/evenkeys.sqlite.2026-11-24T03-20-00-000Z.daily.sqlite'
 */
export async function backupDatabase(
  db: BetterSqlite3.Database,
  databasePath: string,
  reason: BackupReason,
  options: { now?: Date; keep?: number } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const folder = backupDirectory(databasePath);
  const target = join(folder, `${basename(databasePath)}.${stampOf(now)}.${reason}.sqlite`);
  const partial = `${target}.partial`;
  try {
    mkdirSync(folder, { recursive: true });
    rmSync(partial, { force: true });
    await db.backup(partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw toStoreError(error, `backing up the database (${reason})`, databasePath);
  }
  pruneBackups(databasePath, reason, options.keep ?? DEFAULT_BACKUPS_KEPT);
  return target;
}

/**
 * Deletes all but the newest `keep` backups of one reason; returns the paths deleted.
 *
 * @example pruneBackups('/data/evenkeys.sqlite', 'daily', 7) // => ['/data/backups/...old...']
 */
export function pruneBackups(databasePath: string, reason: BackupReason, keep: number): string[] {
  const ofReason = listBackups(databasePath).filter((backup) => backup.reason === reason);
  const doomed = ofReason.slice(0, Math.max(0, ofReason.length - Math.max(1, keep)));
  for (const backup of doomed) rmSync(backup.path, { force: true });
  return doomed.map((backup) => backup.path);
}

/**
 * True when no daily backup was taken in the last 24 hours.
 *
 * @example isDailyBackupDue('/data/evenkeys.sqlite', new Date()) // => true on the first run
 */
export function isDailyBackupDue(databasePath: string, now: Date = new Date()): boolean {
  const daily = listBackups(databasePath).filter((backup) => backup.reason === 'daily');
  const last = daily.at(-1);
  return !last || now.getTime() - Date.parse(last.takenAt) >= DAY_MS;
}
