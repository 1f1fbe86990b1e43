/**
 * Migration harness: for every schema version v below the latest, build a database exactly as
 * version v left it (its migrations only, plus data written with v's tables), open it with the
 * current store, and check it arrives at the latest version with the data intact. When 002 is
 * added, add FIXTURES[1]... as the file was at version 1 is already covered, and so on.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, StoreError, openStore } from '../../../electron/store/index';
import { migrate, schemaVersion } from '../../../electron/store/migrate';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import type { Migration } from '../../../electron/store/migrations/index';
import { tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** Data a database at version v holds, written with the SQL of that version. */
const FIXTURES: Record<number, (db: BetterSqlite3.Database) => void> = {
  0: () => {},
  1: (db) => {
    db.prepare("INSERT INTO profiles (id, name, created_at) VALUES (1, 'Ana', '2026-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO sessions (id, profile_id, started_at, status, app_version, event_count) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'complete', '0.1.0', 2)").run();
    const insert = db.prepare('INSERT INTO raw_events (session_id, seq, time_ms, port, bytes) VALUES (1, ?, ?, ?, ?)');
    insert.run(0, 10.000000000000002, 'in-1', Buffer.from([0x90, 60, 80]));
    insert.run(1, 250.33333333333334, 'in-1', Buffer.from([0x80, 60, 0]));
  },
};

/** The version migration 'alert-states' produces (looked up by name: numbers are assigned at merge). */
const ALERT_STATES_VERSION = MIGRATIONS.find((m) => m.name === 'alert-states')?.version ?? -1;
FIXTURES[ALERT_STATES_VERSION] = (db) => {
  FIXTURES[1]?.(db);
  db.prepare("INSERT INTO alert_states (profile_id, alert_key, series_key, detected_at, state, reason, note, updated_at) VALUES (1, 'k@1', 'k', '2026-01-02T00:00:00.000Z', 'dismissed', 'tired-day', '', '2026-01-03T00:00:00.000Z')").run();
};

/** What must survive from FIXTURES[v] after migrating to the latest version. */
function checkFixture(version: number, store: Awaited<ReturnType<typeof openStore>>): void {
  if (version < 1) return;
  expect(store.findProfileByName('Ana')?.id).toBe(1);
  expect(store.readRawEvents(1).map((e) => [e.timeMs, [...e.bytes]])).toEqual([
    [10.000000000000002, [0x90, 60, 80]],
    [250.33333333333334, [0x80, 60, 0]],
  ]);
  if (version >= ALERT_STATES_VERSION) {
    expect(store.connection.prepare('SELECT alert_key, state, reason FROM alert_states').all()).toEqual([{ alert_key: 'k@1', state: 'dismissed', reason: 'tired-day' }]);
  }
}

function databaseAt(path: string, version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const db = new Database(path);
  migrate(db, { target: version, migrations });
  FIXTURES[version]?.(db);
  expect(schemaVersion(db)).toBe(version);
  db.close();
}

describe('migrations', () => {
  it('has one numbered migration per version, starting at 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (let v = 0; v < LATEST_SCHEMA_VERSION; v++) expect(FIXTURES[v], `fixture for version ${v}`).toBeTypeOf('function');
  });

  for (let version = 0; version < LATEST_SCHEMA_VERSION; version++) {
    it(`migrates a database at version ${version} to ${LATEST_SCHEMA_VERSION} with its data intact`, async () => {
      const folder = tempFolder();
      cleanups.push(folder.cleanup);
      databaseAt(folder.db, version);
      const store = await openStore({ path: folder.db });
      cleanups.push(() => store.close());
      expect(store.openReport).toMatchObject({ migratedFrom: version, schemaVersion: LATEST_SCHEMA_VERSION });
      expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.connection.pragma('foreign_key_check')).toEqual([]);
      checkFixture(version, store);
      if (version > 0) expect(store.listBackups().filter((b) => b.reason === 'pre-migration')).toHaveLength(1);
    });
  }

  // A future migration, to exercise the path every real upgrade will take.
  const next: Migration = {
    version: LATEST_SCHEMA_VERSION + 1,
    name: 'test-next',
    sql: 'ALTER TABLE profiles ADD COLUMN dominant_hand TEXT; CREATE TABLE future_things (id INTEGER PRIMARY KEY);',
  };

  it('backs up before upgrading an existing database, then upgrades it', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    databaseAt(folder.db, LATEST_SCHEMA_VERSION);
    const store = await openStore({ path: folder.db, migrations: [...MIGRATIONS, next] });
    cleanups.push(() => store.close());
    expect(store.openReport).toMatchObject({ migratedFrom: LATEST_SCHEMA_VERSION, schemaVersion: next.version });
    checkFixture(LATEST_SCHEMA_VERSION, store);
    const [backup] = store.listBackups().filter((b) => b.reason === 'pre-migration');
    expect(backup).toBeDefined();
    const copy = new Database(backup?.path ?? '', { readonly: true });
    cleanups.push(() => copy.close());
    expect(schemaVersion(copy)).toBe(LATEST_SCHEMA_VERSION);
    expect(copy.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 2 });
  });

  it('rolls a failing migration back completely: the database stays at its old version', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    databaseAt(folder.db, LATEST_SCHEMA_VERSION);
    const broken: Migration = { ...next, sql: 'CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;' };
    const error = await openStore({ path: folder.db, migrations: [...MIGRATIONS, broken] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const db = new Database(folder.db, { readonly: true });
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 2 });
  });
});
