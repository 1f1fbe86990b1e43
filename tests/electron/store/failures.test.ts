/**
 * Read-only and full disks: a clear StoreError, nothing already saved is lost, and the writer
 * keeps what it could not save and saves it once the disk lets it.
 * (Tests run as root here, so a chmod'ed file would still be writable: read-only is simulated
 * with a read-only connection and PRAGMA query_only; a full disk with PRAGMA max_page_count.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { randomMessages, tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function storeWithSession(): Promise<{ store: Store; path: string; sessionId: number }> {
  const folder = tempFolder();
  cleanups.push(folder.cleanup);
  const store = await openStore({ path: folder.db });
  cleanups.push(() => store.close());
  const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
  randomMessages(1, 100).forEach((m) => writer.push(m));
  return { store, path: folder.db, sessionId: writer.close().id };
}

describe('read-only', () => {
  it('opens read-only for reading and refuses writes with a clear error', async () => {
    const { store, path, sessionId } = await storeWithSession();
    store.close();
    const reader = await openStore({ path, readOnly: true });
    cleanups.push(() => reader.close());
    expect(reader.countRawEvents(sessionId)).toBe(201);
    const error = (() => {
      try {
        reader.startRecording({ profileId: 1 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('read-only');
    expect((error as StoreError).message).toMatch(/^This database is read-only \(.*\): you can review sessions but not record\.$/);
  });

  it('keeps events in memory while the database refuses writes, and saves them once it accepts again', async () => {
    const { store, sessionId } = await storeWithSession();
    const errors: StoreError[] = [];
    const writer = store.startRecording({ profileId: 1 }, { onError: (e) => errors.push(e) });
    const messages = randomMessages(2, 50);
    messages.slice(0, 40).forEach((m) => writer.push(m));
    expect(writer.flush()).toBe(true);
    store.connection.pragma('query_only = ON');
    messages.slice(40).forEach((m) => writer.push(m));
    expect(writer.flush()).toBe(false);
    expect(writer.flush()).toBe(false);
    expect(errors.map((e) => e.code)).toEqual(['read-only']); // reported once, not per retry
    expect(writer.stats).toMatchObject({ received: 101, persisted: 40, pending: 61 });
    expect(() => writer.close()).toThrow(StoreError);
    expect(store.countRawEvents(sessionId)).toBe(201); // the earlier session is intact
    expect(store.countRawEvents(writer.sessionId)).toBe(40);
    store.connection.pragma('query_only = OFF');
    const session = writer.close();
    expect(session.eventCount).toBe(101);
    expect(store.readRawEvents(session.id).map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
  });
});

describe('disk full', () => {
  it('reports disk-full, loses nothing saved, and saves the backlog exactly once when space returns', async () => {
    const { store, sessionId } = await storeWithSession();
    const errors: StoreError[] = [];
    const writer = store.startRecording({ profileId: 1 }, { onError: (e) => errors.push(e), maxBatchRows: 1000 });
    const messages = randomMessages(3, 5000);
    messages.slice(0, 100).forEach((m) => writer.push(m));
    expect(writer.flush()).toBe(true);
    const pages = store.connection.pragma('page_count', { simple: true }) as number;
    store.connection.pragma(`max_page_count = ${pages + 2}`);
    messages.slice(100).forEach((m) => writer.push(m));
    expect(writer.flush()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('disk-full');
    expect(errors[0]?.message).toMatch(/disk is full.*everything saved before is kept/);
    expect(store.countRawEvents(sessionId)).toBe(201);
    const saved = store.countRawEvents(writer.sessionId);
    expect(saved).toBeGreaterThanOrEqual(100);
    expect(saved).toBeLessThan(messages.length);
    expect(writer.stats.persisted + writer.stats.pending).toBe(messages.length);
    store.connection.pragma('max_page_count = 1073741823');
    const session = writer.close();
    const events = store.readRawEvents(session.id);
    expect(events.map((e) => e.seq)).toEqual(messages.map((_, i) => i));
    expect(events.map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
    expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('unusable locations', () => {
  it('says clearly when the database folder cannot be created', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    const file = join(folder.dir, 'a-file');
    writeFileSync(file, 'x');
    const error = await openStore({ path: join(file, 'evenkeys.sqlite') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('cannot-open');
    expect((error as StoreError).message).toMatch(/creating the database folder/);
  });
});
