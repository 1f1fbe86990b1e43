/**
 * Brings a database to the schema this build knows, in one transaction, and refuses databases
 * that are not ours or are newer than this build.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError, toStoreError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/index';

/** `PRAGMA application_id` of every Evenkeys database: 'EVKY'. */
export const EVENKEYS_APPLICATION_ID = 0x45564b59;

/**
 * The schema version stored in the file (0 for a new, empty database).
 *
 * @example schemaVersion(new Database(':memory:')) // => 0
 */
export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Throws StoreError('foreign') for another application's SQLite file and
 * StoreError('newer-schema') for a file written by a newer Evenkeys. A brand-new empty file passes.
 *
 * @example assertOurs(db, '/data/evenkeys.sqlite') // throws on a Firefox places.sqlite
 */
export function assertOurs(db: BetterSqlite3.Database, path: string, latest = LATEST_SCHEMA_VERSION): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersion(db);
  const objects = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
  const empty = applicationId === 0 && version === 0 && objects.n === 0;
  if (!empty && applicationId !== EVENKEYS_APPLICATION_ID) {
    throw new StoreError(
      'foreign',
      `${path} is an SQLite database from another application (application_id ${applicationId}, ${objects.n} tables/indexes), not an Evenkeys database; it was left untouched.`,
      { path },
    );
  }
  if (version > latest) {
    throw new StoreError(
      'newer-schema',
      `${path} was written by a newer Evenkeys (schema version ${version}; this version knows up to ${latest}). Update Evenkeys to open it; the file was left untouched.`,
      { path },
    );
  }
}

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Applies every migration above the file's version up to `target`, all in one transaction:
 * either the database ends at `target` or it is exactly as before.
 *
 * @example migrate(db) // => { from: 0, to: 1 } on a new file
 */
export function migrate(
  db: BetterSqlite3.Database,
  options: { migrations?: readonly Migration[]; target?: number; path?: string } = {},
): MigrationResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new StoreError('newer-schema', `Schema version ${from} is newer than this build knows (${latest}).`, { path: options.path });
  }
  if (from >= target) return { from, to: from };
  const apply = db.transaction(() => {
    for (const migration of migrations) {
      if (migration.version <= from || migration.version > target) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  try {
    apply.immediate();
  } catch (error) {
    throw toStoreError(error, `upgrading the database from schema ${from} to ${target}`, options.path);
  }
  return { from, to: target };
}
