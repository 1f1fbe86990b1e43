/**
 * The recording writer: takes MIDI messages as they arrive and saves them in small batched
 * transactions, so that a crash loses at most the last ~flushIntervalMs of playing.
 *
 * `push` never touches the disk: it copies the message into a buffer and returns. A timer
 * (every 25 ms by default) and a size threshold (512 pending messages) trigger a flush on a later
 * turn of the event loop. better-sqlite3 is synchronous, so each flush is one short transaction
 * (a few hundred rows take well under a millisecond); after a failure (disk full, read-only) the
 * batch stays in memory, the error is reported once through `onError`, and the next tick tries
 * again: nothing is dropped and nothing already saved is touched.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { eventTimeProblem } from '../../core/api/time-range';
import type { RawMidiMessage } from '../../core/midi/types';
import { StoreError, toStoreError } from './errors';
import { closeOpenGap, openGap } from './gaps';
import { createRawEventInserter } from './raw-events';
import type { PendingRawEvent } from './raw-events';
import type { Session } from './types';

export interface RecordingWriterOptions {
  /** Longest time a message waits in memory before a flush starts. Default 25 ms. */
  readonly flushIntervalMs?: number;
  /** Pending messages that trigger an early flush (on the next event-loop turn). Default 512. */
  readonly flushThreshold?: number;
  /** Most rows one transaction writes, so a backlog never blocks the process for long. Default 4096. */
  readonly maxBatchRows?: number;
  /** Called once per kind of failure (not once per retry) with a StoreError to show the user. */
  readonly onError?: (error: StoreError) => void;
  /** Wall clock, for tests. */
  readonly now?: () => Date;
}

export interface RecordingWriterStats {
  /** Messages accepted by push. */
  readonly received: number;
  /** Messages committed to the database. */
  readonly persisted: number;
  /** Messages waiting in memory. */
  readonly pending: number;
  /** The last flush failure, null once a flush succeeds again. */
  readonly lastError: StoreError | null;
}

export interface RecordingWriter {
  readonly sessionId: number;
  /** Sequence number of the first message this writer pushes (0 for a new session). */
  readonly firstSeq: number;
  /** Queues one message (bytes are copied). Throws StoreError('invalid') for a timestamp out of range (non-finite, or beyond a year: core/api/time-range). */
  push(message: RawMidiMessage): void;
  /** Saves everything pending now, in chunks. Returns false (and keeps the events) on failure. */
  flush(): boolean;
  /** The device on `port` went away at `atMs` (event clock). The session carries on. */
  deviceDisconnected(port: string | null, atMs: number): void;
  /** The device on `port` is back at `atMs`: closes its open gap. */
  deviceReconnected(port: string | null, atMs: number): void;
  readonly stats: RecordingWriterStats;
  /** True once close() succeeded. */
  readonly closed: boolean;
  /**
   * Saves what is pending, ends the session ('complete' unless told otherwise) and analyses it.
   * Throws StoreError when the pending events cannot be saved; the writer then stays open (and
   * keeps retrying) so the caller can try again. `endedAt` defaults to now (an imported file
   * passes its start + duration).
   */
  close(status?: 'complete' | 'interrupted', endedAt?: Date): Session;
  /**
   * Last resort when the store closes under a live writer: one final flush attempt, timers
   * stopped, the session left in 'recording' (the next open marks it interrupted and analyses it).
   * Returns whether everything pending was saved.
   */
  detach(): boolean;
}

/** A device change, committed with the chunk that holds every event pushed before it. */
interface GapOp {
  readonly kind: 'disconnect' | 'reconnect';
  readonly port: string | null;
  /** The last seq pushed before the change. */
  readonly afterSeq: number;
  readonly atMs: number;
}

function copyBytes(bytes: ArrayLike<number>): Buffer {
  return bytes instanceof Uint8Array ? Buffer.from(bytes) : Buffer.from(Array.from(bytes));
}

/**
 * Creates the writer for a session already started (status 'recording'). The store's
 * `startRecording` is the usual way in; `finish` ends and analyses the session.
 *
 * @example
 * const writer = createRecordingWriter(db, session.id, { firstSeq: 0, path, finish })
 * input.addListener('midimessage', (e) => writer.push({ bytes: e.data, timeMs: e.timestamp, port: input.id }))
 */
export function createRecordingWriter(
  db: BetterSqlite3.Database,
  sessionId: number,
  context: { firstSeq: number; path: string; finish: (status: 'complete' | 'interrupted', endedAt?: Date) => Session },
  options: RecordingWriterOptions = {},
): RecordingWriter {
  const flushIntervalMs = options.flushIntervalMs ?? 25;
  const flushThreshold = options.flushThreshold ?? 512;
  const maxBatchRows = options.maxBatchRows ?? 4096;
  const now = options.now ?? (() => new Date());
  const insertEvents = createRawEventInserter(db);

  let nextSeq = context.firstSeq;
  let pending: PendingRawEvent[] = [];
  let gapOps: GapOp[] = [];
  let received = 0;
  let persisted = 0;
  let lastError: StoreError | null = null;
  let closed = false;
  let immediate: NodeJS.Immediate | undefined;

  const commit = db.transaction((batch: readonly PendingRawEvent[], ops: readonly GapOp[], at: string) => {
    if (batch.length > 0) insertEvents(sessionId, batch, at);
    for (const op of ops) {
      if (op.kind === 'disconnect') openGap(db, { sessionId, port: op.port, afterSeq: op.afterSeq, atMs: op.atMs });
      else closeOpenGap(db, { sessionId, port: op.port, atMs: op.atMs });
    }
  });

  /** Writes one chunk; gap operations go with the chunk that holds every event before them. */
  const flushChunk = (): boolean => {
    const batch = pending.length > maxBatchRows ? pending.slice(0, maxBatchRows) : pending;
    const lastSeqInBatch = batch.at(-1)?.seq ?? nextSeq - 1;
    let opsUpTo = 0;
    for (const op of gapOps) {
      if (op.afterSeq > lastSeqInBatch) break;
      opsUpTo++;
    }
    const orderedOps = gapOps.slice(0, opsUpTo);
    try {
      commit.immediate(batch, orderedOps, now().toISOString());
    } catch (error) {
      const storeError = toStoreError(error, 'saving MIDI events', context.path);
      if (lastError?.code !== storeError.code) options.onError?.(storeError);
      lastError = storeError;
      return false;
    }
    pending = batch === pending ? [] : pending.slice(batch.length);
    gapOps = gapOps.slice(opsUpTo);
    persisted += batch.length;
    lastError = null;
    return true;
  };

  const flush = (): boolean => {
    while (pending.length > 0 || gapOps.length > 0) {
      if (!flushChunk()) return false;
    }
    return true;
  };

  /** One timer or threshold turn: a single chunk, then yield if more is waiting. */
  // When the last flush attempt started (monotonic ms): a push long after it means the interval
  // timer is late (the process was starved of CPU); flush on the next turn instead of waiting.
  let lastTickAt = performance.now();
  const tick = (): void => {
    immediate = undefined;
    lastTickAt = performance.now();
    if (pending.length === 0 && gapOps.length === 0) return;
    if (flushChunk() && pending.length > 0) immediate ??= setImmediate(tick);
  };

  const timer = setInterval(tick, flushIntervalMs);
  const stopTimers = (): void => {
    clearInterval(timer);
    if (immediate !== undefined) clearImmediate(immediate);
    immediate = undefined;
  };

  const assertOpen = (): void => {
    if (closed) throw new StoreError('invalid', `Session ${sessionId} is closed; start a new session to record more.`);
  };

  return {
    sessionId,
    firstSeq: context.firstSeq,
    push(message) {
      assertOpen();
      const problem = eventTimeProblem(message.timeMs);
      if (problem !== null) throw new StoreError('invalid', `A MIDI message was refused: ${problem}.`);
      pending.push({ seq: nextSeq++, timeMs: message.timeMs, port: message.port ?? null, bytes: copyBytes(message.bytes) });
      received++;
      if (immediate === undefined && (pending.length >= flushThreshold || performance.now() - lastTickAt > flushIntervalMs)) immediate = setImmediate(tick);
    },
    flush,
    deviceDisconnected(port, atMs) {
      assertOpen();
      gapOps.push({ kind: 'disconnect', port, afterSeq: nextSeq - 1, atMs });
      if (immediate === undefined) immediate = setImmediate(tick);
    },
    deviceReconnected(port, atMs) {
      assertOpen();
      gapOps.push({ kind: 'reconnect', port, afterSeq: nextSeq - 1, atMs });
      if (immediate === undefined) immediate = setImmediate(tick);
    },
    get stats() {
      return { received, persisted, pending: pending.length, lastError };
    },
    get closed() {
      return closed;
    },
    close(status = 'complete', endedAt) {
      if (closed) throw new StoreError('invalid', `Session ${sessionId} is already closed.`);
      if (!flush()) throw lastError ?? new StoreError('io', `Could not save the last events of session ${sessionId}.`);
      stopTimers();
      closed = true;
      return context.finish(status, endedAt);
    },
    detach() {
      if (closed) return true;
      const saved = flush();
      stopTimers();
      closed = true;
      return saved;
    },
  };
}
