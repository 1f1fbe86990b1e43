/**
 * Opening a database file safely: nothing is written to a file until it has been shown to be a
 * healthy Evenkeys database (or a new, empty one). A damaged or foreign file raises a StoreError
 * and stays byte-for-byte as it was; `moveDatabaseAside` then makes room for a new one.
 */
import { accessSync, closeSync, constants as fsConstants, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError, toStoreError } from './errors';
import { assertOurs } from './migrate';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export type IntegrityCheck = 'quick' | 'full' | 'none';

/** Reads the first bytes of an existing file: refuses anything that is not an SQLite database. */
function assertSqliteHeader(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // only reached with a -wal to replay (or read-only): SQLite decides.
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) {
    throw new StoreError('corrupt', `${path} is not an SQLite database (${read < 100 ? `only ${size} bytes` : 'unknown file header'}); it was left untouched.`, { path });
  }
  const pageSizeField = header.readUInt16BE(16);
  const pageSize = pageSizeField === 1 ? 65536 : pageSizeField;
  const pageCount = header.readUInt32BE(28);
  // The in-header size is only trusted when its "version-valid-for" matches the change counter.
  const sizeIsValid = header.readUInt32BE(92) === header.readUInt32BE(24) && pageCount > 0;
  if (sizeIsValid && size < pageSize && !existsSync(`${path}-wal`)) {
    throw new StoreError('corrupt', `${path} is truncated (${size} bytes, smaller than one ${pageSize}-byte page); it was left untouched.`, { path });
  }
}

/** What `openCheckedDatabase` opened, and what the user should be told about it. */
export interface CheckedDatabase {
  readonly db: BetterSqlite3.Database;
  /** True when the file cannot be written (read-only media or permissions) or readOnly was asked. */
  readonly readOnly: boolean;
  /** One-line notices for the user (read-only media, an empty file set aside). */
  readonly notices: readonly string[];
  /** Removes the private snapshot a read-only open reads from (call after db.close()). */
  readonly dispose: () => void;
}

/** The one line a read-only database gets (issue 16). */
export function readOnlyNotice(path: string): string {
  return `This database is read-only (${path}): you can review sessions but not record.`;
}

const COMPANIONS = ['-wal', '-journal'] as const;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

/**
 * Copies the database and the companions SQLite would replay into it (-wal, -journal; never
 * -shm, which SQLite rebuilds) into a private folder. Every check runs on this copy, so nothing
 * the checks do (a WAL replay, a checkpoint on close, a hot-journal rollback, a new -shm) can
 * reach the user's files: a refused file, a foreign -wal beside a healthy database included,
 * stays byte-for-byte as it was.
 */
function snapshot(path: string): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evenkeys-check-'));
  const file = join(dir, 'check.sqlite');
  try {
    copyFileSync(path, file);
    for (const suffix of COMPANIONS) {
      if (sizeOf(`${path}${suffix}`) > 0) copyFileSync(`${path}${suffix}`, `${file}${suffix}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, dir };
}

/** True when the file and its folder can be written (a read-only mount says EROFS even to root). */
function isWritable(path: string): boolean {
  try {
    accessSync(path, fsConstants.W_OK);
    accessSync(dirname(path), fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Integrity and ownership checks on an open connection; throws StoreError. */
function checkConnection(db: BetterSqlite3.Database, path: string, integrity: IntegrityCheck, latestVersion: number | undefined): void {
  if (integrity !== 'none') {
    const rows = db.pragma(integrity === 'full' ? 'integrity_check' : 'quick_check') as Array<Record<string, unknown>>;
    const problems = rows.map((row) => String(Object.values(row)[0]).replace(/\s+/g, ' ').trim()).filter((text) => text !== 'ok');
    if (problems.length > 0) {
      throw new StoreError('corrupt', `${path} is damaged (${problems.slice(0, 3).join('; ')}); it was left untouched.`, { path });
    }
  }
  assertOurs(db, path, latestVersion);
}

/**
 * Opens (creating if needed) the database at `path` after checking it is sound and ours. The
 * checks never hold the power to write to the user's files: they run on a private snapshot
 * (database plus -wal/-journal), and the file is opened read-write only once it passed. A file
 * on read-only media (or not writable) is opened read-only from that snapshot, with a notice.
 * An empty (0-byte) file with no -wal to replay is renamed `NAME.empty-<time>` and a new
 * database is created, with a notice (it is kept, never deleted).
 * Throws StoreError: 'corrupt', 'foreign', 'newer-schema', 'cannot-open', 'read-only', 'io'.
 *
 * @example const { db, readOnly, notices } = openCheckedDatabase('/data/evenkeys.sqlite', { integrity: 'quick' })
 */
export function openCheckedDatabase(
  path: string,
  options: { readOnly?: boolean; integrity?: IntegrityCheck; latestVersion?: number; now?: Date } = {},
): CheckedDatabase {
  const notices: string[] = [];
  const integrity = options.integrity ?? 'quick';
  let exists = existsSync(path);
  if (exists && sizeOf(path) === 0 && sizeOf(`${path}-wal`) <= 0 && !options.readOnly && isWritable(path)) {
    // SQLite would silently take a 0-byte file for a new database; it may be what is left of a
    // lost one (a failed sync, a full disk), so keep it aside and say so.
    const aside = moveDatabaseAside(path, options.now, 'empty');
    notices.push(`${path} was an empty file (0 bytes), not a database; it was kept as ${aside} and a new database was created.`);
    exists = false;
  }
  if (!exists) {
    if (options.readOnly) throw new StoreError('cannot-open', `There is no database at ${path}.`, { path });
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw toStoreError(error, 'creating the database folder', path);
    }
    try {
      return { db: new Database(path), readOnly: false, notices, dispose: () => {} };
    } catch (error) {
      throw toStoreError(error, 'creating the database', path);
    }
  }
  try {
    assertSqliteHeader(path);
  } catch (error) {
    throw toStoreError(error, 'reading the database file', path);
  }
  let copy: { file: string; dir: string };
  try {
    copy = snapshot(path);
  } catch (error) {
    // No room for a copy (a full disk, no temp folder). With nothing to replay beside it, the
    // file alone is the database: check it in memory instead, still without writing.
    const companions = COMPANIONS.some((suffix) => sizeOf(`${path}${suffix}`) > 0);
    if (companions) throw toStoreError(error, 'copying the database to check it', path);
    return openCheckedInMemory(path, { ...options, integrity }, notices);
  }
  const discard = () => rmSync(copy.dir, { recursive: true, force: true });
  const writable = isWritable(path);
  const readOnly = (options.readOnly ?? false) || !writable;
  let checker: BetterSqlite3.Database | undefined;
  try {
    // The copy is ours: a read-write connection replays its -wal/-journal exactly as opening the
    // real file would, so the checks see what the app would see.
    checker = new Database(copy.file);
    checkConnection(checker, path, integrity, options.latestVersion);
  } catch (error) {
    checker?.close();
    discard();
    throw toStoreError(error, 'checking the database', path);
  }
  if (readOnly && writable) {
    // Asked to read a writable file (inspecting it, maybe while the app records into it): a
    // read-only connection to the file itself, so it sees what is saved from now on too. It
    // never checkpoints the -wal into the file; the checks above have already passed.
    checker.close();
    discard();
    try {
      return { db: new Database(path, { readonly: true }), readOnly: true, notices, dispose: () => {} };
    } catch (error) {
      throw toStoreError(error, 'opening the database read-only', path);
    }
  }
  if (readOnly) {
    // Read-only media: SQLite cannot open a WAL database there (it needs a -shm), and the file
    // must not change anyway. Review from the checked snapshot, whose -wal is already replayed.
    if (!(options.readOnly ?? false)) notices.push(readOnlyNotice(path));
    checker.close();
    try {
      const db = new Database(copy.file, { readonly: true });
      return { db, readOnly: true, notices, dispose: discard };
    } catch (error) {
      discard();
      throw toStoreError(error, 'opening the database read-only', path);
    }
  }
  checker.close();
  discard();
  try {
    return { db: new Database(path), readOnly: false, notices, dispose: () => {} };
  } catch (error) {
    throw toStoreError(error, 'opening the database', path);
  }
}

/**
 * The fallback when no snapshot can be written: the file is read into memory (its WAL flag
 * cleared in the copy, since an in-memory database has no -wal) and checked there.
 */
function openCheckedInMemory(
  path: string,
  options: { readOnly?: boolean; integrity: IntegrityCheck; latestVersion?: number },
  notices: string[],
): CheckedDatabase {
  let checker: BetterSqlite3.Database | undefined;
  try {
    const bytes = readFileSync(path);
    if (bytes.length >= 20) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    checker = new Database(bytes);
    checkConnection(checker, path, options.integrity, options.latestVersion);
  } catch (error) {
    throw toStoreError(error, 'checking the database', path);
  } finally {
    checker?.close();
  }
  const writable = isWritable(path);
  if (writable && (options.readOnly ?? false)) {
    try {
      return { db: new Database(path, { readonly: true }), readOnly: true, notices, dispose: () => {} };
    } catch (error) {
      throw toStoreError(error, 'opening the database read-only', path);
    }
  }
  if (!writable) {
    if (!(options.readOnly ?? false)) notices.push(readOnlyNotice(path));
    try {
      const bytes = readFileSync(path);
      if (bytes.length >= 20) {
        bytes[18] = 1;
        bytes[19] = 1;
      }
      return { db: new Database(bytes, { readonly: true }), readOnly: true, notices, dispose: () => {} };
    } catch (error) {
      throw toStoreError(error, 'opening the database read-only', path);
    }
  }
  try {
    return { db: new Database(path), readOnly: false, notices, dispose: () => {} };
  } catch (error) {
    throw toStoreError(error, 'opening the database', path);
  }
}

/**
 * Renames a damaged or foreign database (and its -wal/-shm companions) to
 * `NAME.corrupt-<timestamp>` so a new database can be created at `path`. Returns the new name.
 * Nothing is deleted.
 *
 * @example moveDatabaseAside('/data/evenkeys.sqlite') // => '/data/evenkeys.sqlite.corrupt-2026-11-24T03-20-00-000Z'
 */
export function moveDatabaseAside(path: string, now: Date = new Date(), label: 'corrupt' | 'empty' = 'corrupt'): string {
  const aside = `${path}.${label}-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(path, aside);
    // The companions must follow: a stale -wal next to a new database would be replayed into it.
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${aside}${suffix}`);
    }
  } catch (error) {
    throw toStoreError(error, 'moving the old database aside', path);
  }
  return aside;
}
