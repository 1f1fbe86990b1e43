/**
 * Collects MIDI messages as they arrive and sends them in small batches (every ~100 ms), one
 * request at a time and in arrival order. A batch goes out just after a message (in the next
 * task) once intervalMs has passed since the last send: that is when the next note is furthest
 * away, so the request's main-thread cost (a fetch costs about 1.5 ms of the page's main thread
 * in Chromium, measured with scripts/profile-live.ts) does not delay the live view's next note.
 * When no message follows, the timer sends within 2 x intervalMs. The page keeps every message until the backend says it
 * is durable (`savedThrough`, the session's saved count): a batch the host took but had not yet
 * written when it crashed is sent again once the host is back. Each batch carries the sequence
 * number of its first message, so a resent batch is idempotent (the backend skips what it has).
 */
import { MAX_MIDI_BATCH } from '../../core/api/contract';
import type { RawMidiWire } from '../../core/api/schemas';

export interface MidiBatcher {
  /** Queues one message (called from the MIDI handler: must be cheap). */
  push(message: RawMidiWire): void;
  /** Sends everything queued so far and resolves when the backend has answered. */
  flush(): Promise<void>;
  /** Stops the timer after a final flush. */
  stop(): Promise<void>;
  /**
   * Stops the timer and hands back every message not yet acknowledged as saved (sent or not),
   * for a page that is going away and cannot wait for another round trip. The first one's
   * sequence number is `savedThrough`.
   */
  drain(): RawMidiWire[];
  /** Messages the backend has acknowledged (saved, or taken when it gives no count). */
  readonly sent: number;
  /** Messages kept in the page: not yet acknowledged as saved. */
  readonly pending: number;
  /** Sequence number of the first message not yet acknowledged as saved. */
  readonly savedThrough: number;
  /** True once a send failed in a way retrying cannot fix (isFatal): nothing more is sent. */
  readonly halted: boolean;
}

export interface MidiBatcherOptions {
  /**
   * Sends one batch whose first message has sequence number `firstSeq` (0 = the session's
   * first message). Resolves with how many of the session's messages are now saved for good
   * (`savedThrough`), or nothing when everything sent is acknowledged.
   */
  readonly send: (messages: RawMidiWire[], firstSeq: number) => Promise<number | void>;
  /** Least time between two sends, ms (default 100); the timer's fallback sends after twice this. */
  readonly intervalMs?: number;
  /** With nothing to send for this long, an empty batch tells the backend the page is alive. Default 5,000 ms. */
  readonly heartbeatMs?: number;
  readonly onError?: (error: unknown) => void;
  /** A failure retrying cannot fix (the session was ended elsewhere): stop and report once. */
  readonly isFatal?: (error: unknown) => boolean;
  /** The session's first sequence number (0 for a new session). */
  readonly firstSeq?: number;
  /** Clock for the heartbeat (ms), for tests. */
  readonly now?: () => number;
}

/**
 * @example
 * const batcher = createMidiBatcher({ send: (messages, firstSeq) => api.appendMidi({ sessionId, messages, firstSeq }).then((a) => a.savedThrough) });
 * input.addListener('midimessage', (e) => batcher.push({ bytes: [...e.message.rawData], timeMs: e.timestamp }));
 */
export function createMidiBatcher(options: MidiBatcherOptions): MidiBatcher {
  const now = options.now ?? (() => Date.now());
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 100;
  // When the last send was asked for, and whether one is already due right after this task.
  let lastSendMs = now();
  let sendSoon = false;
  // Every message not yet acknowledged as saved; log[0] has sequence number `acked`.
  let log: RawMidiWire[] = [];
  let acked = options.firstSeq ?? 0;
  // Sequence number of the first message not yet handed over in this run of the host.
  let handed = acked;
  let lastContact = now();
  let halted = false;
  let inFlight: Promise<void> = Promise.resolve();

  const acknowledge = (savedThrough: number): void => {
    const drop = Math.min(log.length, Math.max(0, savedThrough - acked));
    if (drop > 0) {
      log = log.slice(drop);
      acked += drop;
    }
  };

  const sendOnce = async (firstSeq: number, batch: RawMidiWire[]): Promise<boolean> => {
    try {
      const savedThrough = await options.send(batch, firstSeq);
      lastContact = now();
      handed = Math.max(handed, firstSeq + batch.length);
      acknowledge(typeof savedThrough === 'number' ? savedThrough : firstSeq + batch.length);
      return true;
    } catch (error) {
      // Whatever the backend held only in memory may be gone (a host restart): resend from the
      // first unacknowledged message next time. Nothing is dropped.
      handed = acked;
      if (options.isFatal?.(error) === true) halted = true;
      options.onError?.(error);
      return false;
    }
  };

  // Chains sends so batches reach the backend in order even if one is slow.
  const flush = (): Promise<void> => {
    lastSendMs = now();
    inFlight = inFlight.then(async () => {
      const end = (): number => acked + log.length;
      while (!halted && handed < end()) {
        const from = Math.max(handed, acked);
        const batch = log.slice(from - acked, from - acked + MAX_MIDI_BATCH);
        if (!(await sendOnce(from, batch))) return;
      }
      // All handed over but not all saved (the backend cannot write yet), or a quiet spell:
      // an empty batch asks how far it got and says this page is still recording.
      if (!halted && (acked < end() || now() - lastContact >= heartbeatMs)) await sendOnce(end(), []);
    });
    return inFlight;
  };

  // The fallback: messages with no message after them, unsaved ones, and the heartbeat.
  const timer = setInterval(() => {
    if (halted) return;
    if ((log.length > 0 && now() - lastSendMs >= 2 * intervalMs) || now() - lastContact >= heartbeatMs) void flush();
  }, intervalMs);

  return {
    push: (message) => {
      log.push(message);
      if (sendSoon || halted || now() - lastSendMs < intervalMs) return;
      sendSoon = true;
      setTimeout(() => {
        sendSoon = false;
        if (!halted) void flush();
      }, 0);
    },
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
    drain: () => {
      clearInterval(timer);
      halted = true;
      const rest = log;
      log = [];
      return rest;
    },
    get sent() {
      return acked - (options.firstSeq ?? 0);
    },
    get pending() {
      return log.length;
    },
    get savedThrough() {
      return acked;
    },
    get halted() {
      return halted;
    },
  };
}

/** One request's share of the messages a closing page hands over: `firstSeq` numbers messages[0]. */
export interface ClosingPart {
  readonly messages: RawMidiWire[];
  readonly firstSeq: number;
}

/**
 * Splits what a page going away still holds (`drain()`, starting at sequence number `firstSeq`)
 * into full appendMidi batches and the last part, which travels with finishSession. The last
 * part may be empty (everything was already acknowledged): the session must still be finished,
 * with a valid (non-negative) sequence number.
 *
 * @example closingParts([], 58) // => { batches: [], last: { messages: [], firstSeq: 58 } }
 * @example closingParts(m7, 0) with MAX_MIDI_BATCH = 5 // => batches [m0..m4 @0], last m5..m6 @5
 */
export function closingParts(queued: readonly RawMidiWire[], firstSeq: number, maxBatch: number = MAX_MIDI_BATCH): { batches: ClosingPart[]; last: ClosingPart } {
  // The last part holds 1..maxBatch messages (0 only when nothing is queued).
  const tail = queued.length === 0 ? 0 : ((queued.length - 1) % maxBatch) + 1;
  const lastStart = queued.length - tail;
  const batches: ClosingPart[] = [];
  for (let i = 0; i < lastStart; i += maxBatch) batches.push({ messages: queued.slice(i, i + maxBatch), firstSeq: firstSeq + i });
  return { batches, last: { messages: queued.slice(lastStart), firstSeq: firstSeq + lastStart } };
}
