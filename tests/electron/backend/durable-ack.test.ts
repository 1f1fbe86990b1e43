/**
 * Issue 16, items 4 and 8 (fast variants; the SIGKILL measurement is `npx tsx scripts/crash-suite.ts`):
 * appendMidi acknowledges only what is saved, a resent batch is idempotent by sequence number,
 * a page resumes the session a host crash closed, and one pianist records in one tab at a time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import type { EvenkeysApi } from '../../../core/api/contract';
import { ApiError } from '../../../core/api/errors';
import type { RawMidiWire } from '../../../core/api/schemas';
import { openBackend } from '../../../electron/backend/backend';
import type { Backend } from '../../../electron/backend/backend';
import { RECORDING_ALIVE_MS } from '../../../electron/backend/handlers';
import { createMidiBatcher } from '../../../renderer/midi/batcher';

const msg = (k: number): RawMidiWire => ({ bytes: k % 2 === 0 ? [0x90, 48 + (k % 36), 64] : [0x80, 48 + ((k - 1) % 36), 0], timeMs: k + 0.25 });
const range = (from: number, to: number): RawMidiWire[] => Array.from({ length: to - from }, (_, i) => msg(from + i));

async function host(dbPath: string, now?: () => Date): Promise<{ backend: Backend; api: EvenkeysApi }> {
  const backend = await openBackend({ dbPath, ...(now ? { now } : {}) });
  return { backend, api: createApiClient((name, input) => backend.dispatch(name, input)) };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'evenkeys-ack-')), 'e.sqlite');

describe('4. acknowledged only once durable', () => {
  it('answers savedThrough = what is committed, and a resent overlapping batch is stored once', async () => {
    const { backend, api } = await host(tempDb());
    const ana = await api.createProfile({ name: 'Ana' });
    const session = await api.startSession({ profileId: ana.id });
    expect(await api.appendMidi({ sessionId: session.id, messages: range(0, 10), firstSeq: 0 })).toEqual({ accepted: 10, savedThrough: 10 });
    // Committed before the answer: another connection sees all 10 at once.
    expect(backend.store.countRawEvents(session.id)).toBe(10);
    expect(await api.appendMidi({ sessionId: session.id, messages: range(5, 15), firstSeq: 5 })).toEqual({ accepted: 5, savedThrough: 15 });
    expect(await api.appendMidi({ sessionId: session.id, messages: range(0, 15), firstSeq: 0 })).toEqual({ accepted: 0, savedThrough: 15 });
    await expect(api.appendMidi({ sessionId: session.id, messages: range(20, 25), firstSeq: 20 })).rejects.toMatchObject({ code: 'conflict' });
    await api.finishSession({ sessionId: session.id, messages: range(10, 18), firstSeq: 10 });
    expect(backend.store.readRawEvents(session.id).map((e) => e.timeMs)).toEqual(range(0, 18).map((m) => m.timeMs));
    backend.close();
  });

  it('a page resends what the crashed host had not saved, and the session carries on', async () => {
    const dbPath = tempDb();
    const first = await host(dbPath);
    const ana = await first.api.createProfile({ name: 'Ana' });
    const session = await first.api.startSession({ profileId: ana.id });
    let api: EvenkeysApi = first.api;
    const batcher = createMidiBatcher({ send: async (messages, firstSeq) => (await api.appendMidi({ sessionId: session.id, messages, firstSeq })).savedThrough, intervalMs: 1_000_000 });
    for (const m of range(0, 40)) batcher.push(m);
    await batcher.flush();
    expect(batcher.savedThrough).toBe(40);
    // The host dies: in-flight and later requests fail; the page keeps playing.
    first.backend.store.close(); // what SIGKILL leaves: the session still 'recording', no writer
    api = createApiClient(async () => {
      throw new TypeError('fetch failed');
    });
    for (const m of range(40, 70)) batcher.push(m);
    await batcher.flush();
    expect(batcher.pending).toBe(30);
    // The host is back (crash recovery closes the session as interrupted); the page resends.
    const second = await host(dbPath);
    expect(second.backend.store.getSession(session.id).status).toBe('interrupted');
    api = second.api;
    for (const m of range(70, 80)) batcher.push(m);
    await batcher.stop();
    expect(batcher.pending).toBe(0);
    const done = await second.api.finishSession({ sessionId: session.id });
    expect(done).toMatchObject({ status: 'complete', eventCount: 80 });
    expect(second.backend.store.readRawEvents(session.id).map((e) => e.seq)).toEqual(range(0, 80).map((_, i) => i));
    second.backend.close();
  });

  it('the page keeps messages the backend took but could not write, until they are saved', async () => {
    let saved = 0;
    const batcher = createMidiBatcher({
      send: async (messages, firstSeq) => {
        saved = Math.max(saved, Math.min(firstSeq + messages.length, 25));
        return saved;
      },
      intervalMs: 1_000_000,
    });
    for (const m of range(0, 40)) batcher.push(m);
    await batcher.flush();
    expect(batcher.savedThrough).toBe(25);
    expect(batcher.pending).toBe(15);
  });
});

describe('8. two tabs, one pianist', () => {
  it('refuses a second recording plainly while the first tab is alive, and loses nothing of the first', async () => {
    let clock = new Date('2026-11-30T05:00:00.000Z');
    const { backend, api } = await host(tempDb(), () => clock);
    const ana = await api.createProfile({ name: 'Ana' });
    const first = await api.startSession({ profileId: ana.id });
    await api.appendMidi({ sessionId: first.id, messages: range(0, 10), firstSeq: 0 });
    clock = new Date(clock.getTime() + RECORDING_ALIVE_MS - 1_000);
    const refused = await api.startSession({ profileId: ana.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect((refused as ApiError).message).toMatch(/^Ana is already recording in another window or tab \(session \d+, started \d\d:\d\d UTC\)\. Stop that recording first/);
    expect((refused as ApiError).message).not.toMatch(/\n/);
    // The first tab goes on as if nothing happened.
    expect(await api.appendMidi({ sessionId: first.id, messages: range(10, 20), firstSeq: 10 })).toEqual({ accepted: 10, savedThrough: 20 });
    const done = await api.finishSession({ sessionId: first.id });
    expect(done).toMatchObject({ status: 'complete', eventCount: 20 });
    // Once it stopped, the second tab may record.
    expect((await api.startSession({ profileId: ana.id })).status).toBe('recording');
    backend.close();
  });

  it('a batch still in flight when a closing page ended its session does not reopen it', async () => {
    // A reload mid-recording: the page's pagehide sends finishSession('interrupted') with every
    // unacknowledged message, while its regular batch (the same messages) is still on its way.
    // Requests on different connections arrive in any order.
    const { backend, api } = await host(tempDb());
    const ana = await api.createProfile({ name: 'Ana' });
    const session = await api.startSession({ profileId: ana.id });
    await api.appendMidi({ sessionId: session.id, messages: range(0, 10), firstSeq: 0 });
    expect(await api.finishSession({ sessionId: session.id, status: 'interrupted', messages: range(10, 20), firstSeq: 10 })).toMatchObject({ status: 'interrupted', eventCount: 20 });
    // The late batch (and a late heartbeat) bring nothing new: answered as saved, session left alone.
    expect(await api.appendMidi({ sessionId: session.id, messages: range(10, 20), firstSeq: 10 })).toEqual({ accepted: 0, savedThrough: 20 });
    expect(await api.appendMidi({ sessionId: session.id, messages: range(12, 16), firstSeq: 12 })).toEqual({ accepted: 0, savedThrough: 20 });
    expect(await api.appendMidi({ sessionId: session.id, messages: [], firstSeq: 20 })).toEqual({ accepted: 0, savedThrough: 20 });
    // A retried finish carrying what is already saved answers with the session as it is.
    expect(await api.finishSession({ sessionId: session.id, messages: range(15, 20), firstSeq: 15 })).toMatchObject({ status: 'interrupted', eventCount: 20 });
    expect(backend.store.getSession(session.id).status).toBe('interrupted');
    expect(backend.store.readRawEvents(session.id).map((e) => e.timeMs)).toEqual(range(0, 20).map((m) => m.timeMs));
    // The pianist can record again straight away: nothing of theirs is left "recording".
    expect((await api.startSession({ profileId: ana.id })).status).toBe('recording');
    backend.close();
  });

  it('a page whose session was ended elsewhere stops retrying and says why', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const batcher = createMidiBatcher({
      send: async () => {
        calls += 1;
        throw new ApiError('conflict', 'Session 3 is not recording (status: interrupted).');
      },
      isFatal: (e) => e instanceof ApiError && e.code === 'conflict',
      onError: (e) => errors.push(e),
      intervalMs: 5,
    });
    batcher.push(msg(0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batcher.halted).toBe(true);
    expect(calls).toBe(1);
    expect(errors).toHaveLength(1);
    await batcher.stop();
  });
});
