/**
 * Store throughput: MIDI events through the real recording writer (push -> buffer -> batched
 * transactions, timer and threshold flushes on the event loop) against the ceiling of one
 * prepared INSERT in one transaction into the same table, in the same run. Goal:
 * ingestEventsPerSec >= 0.5 x rawInsertRowsPerSec. Best of 3 passes each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawMidiMessage } from '../core/midi/types';
import { openStore } from '../electron/store/index';
import type { Analyzer } from '../electron/store/types';
import { ANALYSIS_SCHEMA_ID, analysisDocumentSchema } from '../core/api/analysis';

export const title = 'Recording store (better-sqlite3, WAL)';

const EVENTS = 200_000;
const CHUNK = 1000; // messages delivered per event-loop turn (a busy MIDI stream arrives in bursts)
const PASSES = 3;

/** Analysis is not what is measured here: close() gets a trivial document. */
const skipAnalysis: Analyzer = ({ file }) =>
  analysisDocumentSchema.parse({
    schema: ANALYSIS_SCHEMA_ID,
    source: { file, notes: 0, durationMs: 0, pedalEvents: 0, outOfOrder: 0, retriggers: 0, orphanNoteOffs: 0, unreleased: 0 },
    takes: [],
    freePlay: [],
  });

function messages(): RawMidiMessage[] {
  const list: RawMidiMessage[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const pitch = 36 + (i % 48);
    list.push({ bytes: new Uint8Array(i % 2 === 0 ? [0x90, pitch, 64 + (i % 40)] : [0x80, pitch, 0]), timeMs: 1000 + i * 1.0000001, port: 'input-1' });
  }
  return list;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function ingest(dir: string, input: readonly RawMidiMessage[], synchronous: 'NORMAL' | 'FULL'): Promise<number> {
  const store = await openStore({ path: join(dir, `ingest-${synchronous}-${Math.random()}.sqlite`), analyze: skipAnalysis, synchronous, dailyBackup: false });
  try {
    const writer = store.startRecording({ profileId: store.ensureProfile('Bench').id });
    const start = performance.now();
    for (let i = 0; i < input.length; i += CHUNK) {
      const end = Math.min(input.length, i + CHUNK);
      for (let j = i; j < end; j++) writer.push(input[j] as RawMidiMessage);
      await nextTurn();
    }
    if (!writer.flush()) throw new Error('flush failed');
    const seconds = (performance.now() - start) / 1000;
    writer.close();
    if (store.countRawEvents(writer.sessionId) !== input.length) throw new Error('events missing');
    return input.length / seconds;
  } finally {
    store.close();
  }
}

async function rawInsert(dir: string, input: readonly RawMidiMessage[]): Promise<number> {
  const store = await openStore({ path: join(dir, `raw-${Math.random()}.sqlite`), analyze: skipAnalysis, dailyBackup: false });
  try {
    const db = store.connection;
    const profile = store.ensureProfile('Bench');
    db.prepare("INSERT INTO sessions (id, profile_id, started_at, app_version) VALUES (1, ?, '2026-01-01T00:00:00Z', 'bench')").run(profile.id);
    const rows = input.map((m, seq) => [1, seq, m.timeMs, m.port ?? null, Buffer.from(m.bytes as Uint8Array)] as const);
    const insert = db.prepare('INSERT INTO raw_events (session_id, seq, time_ms, port, bytes) VALUES (?, ?, ?, ?, ?)');
    const start = performance.now();
    db.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
    return rows.length / ((performance.now() - start) / 1000);
  } finally {
    store.close();
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'evenkeys-bench-'));
  try {
    const input = messages();
    let ingestBest = 0;
    let ingestFullBest = 0;
    let rawBest = 0;
    for (let pass = 0; pass < PASSES; pass++) {
      rawBest = Math.max(rawBest, await rawInsert(dir, input));
      ingestBest = Math.max(ingestBest, await ingest(dir, input, 'NORMAL'));
      ingestFullBest = Math.max(ingestFullBest, await ingest(dir, input, 'FULL'));
    }
    return {
      ingestEventsPerSec: Math.round(ingestBest),
      rawInsertRowsPerSec: Math.round(rawBest),
      ingestToRawRatio: Number((ingestBest / rawBest).toFixed(3)),
      ingestEventsPerSecSyncFull: Math.round(ingestFullBest),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
