/**
 * Opening a database file safely: nothing is written to a file until it has been shown to be a
 * healthy Evenkeys database (or a new, empty one). A damaged or foreign file raises a StoreError
 * and stays byte-for-byte as it was; `moveDatabaseAside` then makes room for a new one.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError, toStoreError } from './errors';
import { assertOurs } from './migrate';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export type IntegrityCheck = 'quick' | 'full' | 'none';

/** Reads the first bytes of an existing file: refuses anything that is not an SQLite database. */
function assertSqliteHeader(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // SQLite treats an empty file as a new database.
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

/**
 * Opens (creating if needed) the database at `path` and checks it is sound and ours, without
 * writing to it. Throws StoreError: 'corrupt', 'foreign', 'newer-schema', 'cannot-open', 'read-only'.
 *
 * @example const db = openCheckedDatabase('/data/evenkeys.sqlite', { integrity: 'quick' })
 */
export function openCheckedDatabase(
  path: string,
  options: { readOnly?: boolean; integrity?: IntegrityCheck; latestVersion?: number } = {},
): BetterSqlite3.Database {
  const exists = existsSync(path);
  if (!exists) {
    if (options.readOnly) throw new StoreError('cannot-open', `There is no database at ${path}.`, { path });
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw toStoreError(error, 'creating the database folder', path);
    }
  } else {
    try {
      assertSqliteHeader(path);
    } catch (error) {
      throw toStoreError(error, 'reading the database file', path);
    }
  }
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { readonly: options.readOnly ?? false });
  } catch (error) {
    throw toStoreError(error, 'opening the database', path);
  }
  try {
    const integrity = options.integrity ?? 'quick';
    if (integrity !== 'none') {
      const rows = db.pragma(integrity === 'full' ? 'integrity_check' : 'quick_check') as Array<Record<string, unknown>>;
      const problems = rows.map((row) => String(Object.values(row)[0])).filter((text) => text !== 'ok');
      if (problems.length > 0) {
        throw new StoreError('corrupt', `${path} is damaged (${problems.slice(0, 3).join('; ')}); it was left untouched.`, { path });
      }
    }
    assertOurs(db, path, options.latestVersion);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error, 'checking the database', path);
  }
}

/**
 * Renames a damaged or foreign database (and its -wal/-shm companions) to
 * `NAME.corrupt-<timestamp>` so a new database can be created at `path`. Returns the new name.
 * Nothing is deleted.
 *
 * @example moveDatabaseAside('/data/evenkeys.sqlite') // => '/data/evenkeys.sqlite.corrupt-2026-11-24T03-20-00-000Z'
 */
export function moveDatabaseAside(path: string, now: Date = new Date()): string {
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
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
