// The renderer's MIDI batcher: ~100 ms batches sent just after a message, in order, nothing dropped when a send fails.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MIDI_BATCH } from '../../../core/api/contract';
import type { RawMidiWire } from '../../../core/api/schemas';
import { closingParts, createMidiBatcher } from '../../../renderer/midi/batcher';

const msg = (i: number): RawMidiWire => ({ bytes: [0x90, 60, 1 + (i % 100)], timeMs: 1000 + i * 0.1 });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createMidiBatcher', () => {
  it('sends just after a message once 100 ms have passed since the last send, else by the timer within 200 ms', async () => {
    const batches: RawMidiWire[][] = [];
    const batcher = createMidiBatcher({ send: async (m) => void batches.push(m) });
    // Within 100 ms of the start: nothing is sent from push; the timer's fallback sends at 200 ms.
    for (let i = 0; i < 5; i += 1) batcher.push(msg(i));
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([[0, 1, 2, 3, 4].map(msg)]);
    // 60 ms after that send: kept; 120 ms after: sent in the task right after the message.
    await vi.advanceTimersByTimeAsync(60);
    batcher.push(msg(5));
    await vi.advanceTimersByTimeAsync(60);
    batcher.push(msg(6));
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches[1]).toEqual([msg(5), msg(6)]);
    // A burst (a chord) right after the interval: one send, after the burst's task.
    await vi.advanceTimersByTimeAsync(150);
    for (let i = 7; i < 11; i += 1) batcher.push(msg(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches[2]).toEqual([7, 8, 9, 10].map(msg));
    expect(batcher.sent).toBe(11);
    await batcher.stop();
  });

  it('keeps a failed batch and sends it first next time, so order is preserved', async () => {
    const batches: RawMidiWire[][] = [];
    const errors: unknown[] = [];
    let fail = true;
    const batcher = createMidiBatcher({
      send: async (m) => {
        if (fail) throw new Error('offline');
        batches.push(m);
      },
      onError: (e) => errors.push(e),
    });
    batcher.push(msg(0));
    batcher.push(msg(1));
    await vi.advanceTimersByTimeAsync(200);
    expect(errors).toHaveLength(1);
    expect(batcher.pending).toBe(2);
    fail = false;
    batcher.push(msg(2));
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toEqual([[msg(0), msg(1), msg(2)]]);
    expect(batcher.pending).toBe(0);
    await batcher.stop();
  });

  it('splits a backlog into batches the contract accepts and flushes everything on stop', async () => {
    const sizes: number[] = [];
    const batcher = createMidiBatcher({ send: async (m) => void sizes.push(m.length) });
    for (let i = 0; i < MAX_MIDI_BATCH + 10; i += 1) batcher.push(msg(i));
    await batcher.stop();
    expect(sizes).toEqual([MAX_MIDI_BATCH, 10]);
    expect(batcher.sent).toBe(MAX_MIDI_BATCH + 10);
  });

  it('drain hands over everything not yet sent and stops the timer (a page that is going away)', async () => {
    const batches: RawMidiWire[][] = [];
    const batcher = createMidiBatcher({ send: async (m) => void batches.push(m) });
    batcher.push(msg(0));
    await vi.advanceTimersByTimeAsync(200);
    batcher.push(msg(1));
    batcher.push(msg(2));
    expect(batcher.drain()).toEqual([msg(1), msg(2)]);
    expect(batcher.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(batches).toEqual([[msg(0)]]);
  });
});

describe('closingParts (a page going away mid-recording)', () => {
  it('still finishes from savedThrough when everything was already acknowledged', () => {
    // The batcher's last send was answered before the reload: nothing queued. The finish must
    // carry a valid sequence number, or the request is refused and the session stays "recording".
    expect(closingParts([], 58)).toEqual({ batches: [], last: { messages: [], firstSeq: 58 } });
  });

  it('sends full batches first and the rest (1..max messages) with the finish, numbered in order', () => {
    const queued = Array.from({ length: 12 }, (_, i) => msg(i));
    expect(closingParts(queued.slice(0, 3), 10, 5)).toEqual({ batches: [], last: { messages: queued.slice(0, 3), firstSeq: 10 } });
    expect(closingParts(queued.slice(0, 5), 10, 5)).toEqual({ batches: [], last: { messages: queued.slice(0, 5), firstSeq: 10 } });
    expect(closingParts(queued.slice(0, 10), 10, 5)).toEqual({ batches: [{ messages: queued.slice(0, 5), firstSeq: 10 }], last: { messages: queued.slice(5, 10), firstSeq: 15 } });
    const split = closingParts(queued, 0, 5);
    expect(split.batches.map((b) => b.firstSeq)).toEqual([0, 5]);
    expect(split.last).toEqual({ messages: queued.slice(10), firstSeq: 10 });
    expect([...split.batches.flatMap((b) => b.messages), ...split.last.messages]).toEqual(queued);
  });
});
