/**
 * Collects MIDI messages as they arrive and sends them in small batches (every ~100 ms), one
 * request at a time and in arrival order, so at most ~100 ms of playing is ever only in the page.
 */
import { MAX_MIDI_BATCH } from '../../core/api/contract';
import type { RawMidiWire } from '../../core/api/schemas';

export interface MidiBatcher {
  /** Queues one message (called from the MIDI handler: must be cheap). */
  push(message: RawMidiWire): void;
  /** Sends everything queued so far and resolves when the backend has it. */
  flush(): Promise<void>;
  /** Stops the timer after a final flush. */
  stop(): Promise<void>;
  /**
   * Stops the timer and hands back every message not yet sent, for a page that is going away
   * and cannot wait for another round trip (it sends them with its final request).
   */
  drain(): RawMidiWire[];
  /** Messages handed to the backend so far. */
  readonly sent: number;
  /** Messages waiting in the page. */
  readonly pending: number;
}

export interface MidiBatcherOptions {
  readonly send: (messages: RawMidiWire[]) => Promise<void>;
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * @example
 * const batcher = createMidiBatcher({ send: (messages) => api.appendMidi({ sessionId, messages }).then(() => {}) });
 * input.addListener('midimessage', (e) => batcher.push({ bytes: [...e.message.rawData], timeMs: e.timestamp }));
 */
export function createMidiBatcher(options: MidiBatcherOptions): MidiBatcher {
  const queue: RawMidiWire[] = [];
  let sent = 0;
  let inFlight: Promise<void> = Promise.resolve();

  // Chains sends so batches reach the backend in order even if one is slow.
  const flush = (): Promise<void> => {
    inFlight = inFlight.then(async () => {
      while (queue.length > 0) {
        const batch = queue.splice(0, MAX_MIDI_BATCH);
        try {
          await options.send(batch);
          sent += batch.length;
        } catch (error) {
          // Put the batch back in front: nothing is dropped, the next tick retries.
          queue.unshift(...batch);
          options.onError?.(error);
          return;
        }
      }
    });
    return inFlight;
  };

  const timer = setInterval(() => {
    if (queue.length > 0) void flush();
  }, options.intervalMs ?? 100);

  return {
    push: (message) => {
      queue.push(message);
    },
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
    drain: () => {
      clearInterval(timer);
      return queue.splice(0, queue.length);
    },
    get sent() {
      return sent;
    },
    get pending() {
      return queue.length;
    },
  };
}
