/**
 * The writer's batching, checked with fake timers (no wall-clock assertions): push never writes;
 * the timer flushes within one interval; a large backlog triggers an early flush and is written
 * in bounded chunks that yield between them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { randomMessages, tempFolder } from './helpers';

let store: Store;
let cleanup: () => void;

beforeEach(async () => {
  const folder = tempFolder();
  store = await openStore({ path: folder.db });
  cleanup = () => {
    store.close();
    folder.cleanup();
  };
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

describe('recording writer', () => {
  it('never writes inside push, and flushes within one interval', () => {
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id }, { flushIntervalMs: 25 });
    randomMessages(1, 10).forEach((m) => writer.push(m));
    expect(store.countRawEvents(writer.sessionId)).toBe(0);
    expect(writer.stats.pending).toBe(21);
    vi.advanceTimersByTime(24);
    expect(store.countRawEvents(writer.sessionId)).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.countRawEvents(writer.sessionId)).toBe(21);
    expect(writer.stats).toMatchObject({ received: 21, persisted: 21, pending: 0, lastError: null });
    expect(store.getSession(writer.sessionId).eventCount).toBe(21);
    writer.close();
  });

  it('flushes early when the buffer passes the threshold, in chunks that yield to the event loop', () => {
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id }, { flushIntervalMs: 1000, flushThreshold: 100, maxBatchRows: 150 });
    const messages = randomMessages(2, 200); // 401 messages
    messages.forEach((m) => writer.push(m));
    expect(store.countRawEvents(writer.sessionId)).toBe(0);
    vi.advanceTimersToNextTimer(); // the threshold's setImmediate: one chunk
    expect(store.countRawEvents(writer.sessionId)).toBe(150);
    vi.advanceTimersToNextTimer();
    expect(store.countRawEvents(writer.sessionId)).toBe(300);
    vi.advanceTimersToNextTimer();
    expect(store.countRawEvents(writer.sessionId)).toBe(401);
    writer.close();
  });

  it('stops its timer on close', () => {
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    writer.push({ bytes: [0x90, 60, 1], timeMs: 1 });
    writer.close();
    expect(vi.getTimerCount()).toBe(0);
    expect(writer.closed).toBe(true);
  });
});
