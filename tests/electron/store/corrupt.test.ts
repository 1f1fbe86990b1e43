/**
 * Damaged and foreign files: a clear StoreError, the file byte-for-byte untouched (checked by
 * hash, and no -wal/-shm created beside it), and a way out: move it aside and start anew.
 */
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, moveDatabaseAside, openStore } from '../../../electron/store/index';
import { createRandom } from '../../support/random';
import { randomMessages, sha256, tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder() {
  const f = tempFolder();
  cleanups.push(f.cleanup);
  return f;
}

async function expectRefused(path: string, code: StoreError['code'], message: RegExp): Promise<StoreError> {
  const hash = sha256(path);
  const error = await openStore({ path }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  const storeError = error as StoreError;
  expect(storeError.code).toBe(code);
  expect(storeError.message).toMatch(message);
  if (process.env.SHOW_STORE_ERRORS) console.log(storeError.message);
  expect(storeError.message).toMatch(/left untouched/);
  expect(sha256(path)).toBe(hash);
  expect(existsSync(`${path}-wal`)).toBe(false);
  expect(existsSync(`${path}-shm`)).toBe(false);
  return storeError;
}

/** A real Evenkeys database with a few hundred events, checkpointed into one file. */
async function realDatabase(path: string): Promise<void> {
  const store = await openStore({ path });
  const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
  randomMessages(9, 2000).forEach((m) => writer.push(m));
  writer.close();
  store.close();
}

describe('corrupt and foreign files', () => {
  it('refuses random bytes', async () => {
    const { db } = folder();
    const random = createRandom(99);
    writeFileSync(db, Uint8Array.from({ length: 16384 }, () => random.int(0, 255)));
    await expectRefused(db, 'corrupt', /not an SQLite database/);
  });

  it('refuses a file cut short inside its header', async () => {
    const { db } = folder();
    await realDatabase(db);
    truncateSync(db, 60);
    await expectRefused(db, 'corrupt', /not an SQLite database/);
  });

  it('refuses a database truncated mid-file', async () => {
    const { db } = folder();
    await realDatabase(db);
    expect(existsSync(`${db}-wal`)).toBe(false);
    truncateSync(db, Math.floor(statSync(db).size * 0.6));
    await expectRefused(db, 'corrupt', /damaged|malformed|truncated/);
  });

  it('refuses a database with overwritten pages', async () => {
    const { db } = folder();
    await realDatabase(db);
    const bytes = readFileSync(db);
    const random = createRandom(5);
    for (let i = 4096 * 2; i < bytes.length - 4096; i++) bytes[i] = random.int(0, 255);
    writeFileSync(db, bytes);
    await expectRefused(db, 'corrupt', /damaged|malformed/);
  });

  it("refuses another application's SQLite database", async () => {
    const { db } = folder();
    const other = new Database(db);
    other.exec('CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES (\'https://example.org\');');
    other.pragma('user_version = 3');
    other.close();
    await expectRefused(db, 'foreign', /another application/);
  });

  it('refuses an SQLite file stamped with another application id, even without tables', async () => {
    const { db } = folder();
    const other = new Database(db);
    other.pragma('application_id = 1234');
    other.close();
    await expectRefused(db, 'foreign', /another application/);
  });

  it('refuses a database written by a newer Evenkeys', async () => {
    const { db } = folder();
    await realDatabase(db);
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const error = await expectRefused(db, 'newer-schema', /newer Evenkeys \(schema version 99/);
    expect(error.path).toBe(db);
  });

  it('moves a refused file (and its companions) aside and starts a new database', async () => {
    const { db } = folder();
    writeFileSync(db, 'not a database at all, just some text that is long enough to fill a header '.repeat(4));
    writeFileSync(`${db}-wal`, 'stale wal');
    const hash = sha256(db);
    await expect(openStore({ path: db })).rejects.toThrow(StoreError);
    const aside = moveDatabaseAside(db, new Date('2026-11-24T03:20:00Z'));
    expect(aside).toBe(`${db}.corrupt-2026-11-24T03-20-00-000Z`);
    expect(sha256(aside)).toBe(hash);
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('stale wal');
    expect(existsSync(`${db}-wal`)).toBe(false);
    const store = await openStore({ path: db });
    cleanups.push(() => store.close());
    expect(store.listProfiles()).toEqual([]);
  });
});
