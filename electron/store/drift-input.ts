/**
 * A session's drift input, stored compactly (analyses.drift_input, migration 009): the takes'
 * header fields (exercise, tempo, counts, credibility flags) and repetition profiles as JSON, and
 * every take's observations (core/drift compactTake) as typed columns. A full drift recompute
 * then reads a few kilobytes per session instead of parsing each analysis document; the engine
 * gives identical results either way (tests/electron/store/drift-input.test.ts). The blob is
 * derived: it is rebuilt from the analysis document whenever it is missing or unreadable.
 *
 * Since version 2 it also keeps each exercise family's takes pooled (core/drift/pools.ts
 * poolTakes), worked out once when the session is analysed, so a full recompute adds one row per
 * series instead of one per take.
 *
 * Layout (little-endian): magic "EKD2", header length H, observations T, pooled slots P; then
 * value, spread, n and events as float64[T] each, the pools' sums as float64[8 x P], slot as
 * int32[T], the pools' slots as int32[P], and the UTF-8 JSON header (H bytes). Version 1 blobs
 * ("EKD1": no pools, P = 0) are still read; the engine then pools their takes one by one, with
 * the same results.
 */
import type { AnalysisDocument } from '../../core/api/analysis';
import { driftSessionOf } from '../../core/drift/from-analysis';
import { OBSERVATION_SLOTS, compactTake } from '../../core/drift/metrics';
import { ACC_FIELDS, poolTakes } from '../../core/drift/pools';
import type { TakePool } from '../../core/drift/pools';
import type { DriftSession, DriftTake, TakeObservations } from '../../core/drift/types';

const MAGIC_V1 = 0x31444b45; // "EKD1"
const MAGIC = 0x32444b45; // "EKD2"
const PREAMBLE = 16;

/** What the header keeps of a take: every field, always present (null when unknown). */
interface TakeHeader {
  readonly exercise: DriftTake['exercise'];
  readonly notesPerSecond: number;
  readonly matched: number;
  readonly missed: number;
  readonly wrong: number;
  readonly confidence: number | null;
  readonly handUncertain: boolean | null;
  readonly deviceInterrupted: boolean | null;
  /** Observations of the take. */
  readonly count: number;
}

interface Header {
  readonly minutes: number;
  readonly repetitions: NonNullable<DriftSession['repetitions']>;
  readonly takes: readonly TakeHeader[];
  /** Version 2: each pool's takes and how many slots it has (its slots and sums follow each other's in the columns). */
  readonly pools?: readonly { readonly takes: readonly number[]; readonly slots: number }[];
}

/** The exercise with its fields in one fixed order, so every take object shares one shape (V8 hidden class) and reads stay fast. */
function exerciseOf(e: DriftTake['exercise']): DriftTake['exercise'] {
  // octaves stays present when unknown (as undefined), for the same reason.
  return { id: e.id, kind: e.kind, key: e.key, mode: e.mode, hands: e.hands, motion: e.motion, name: e.name, octaves: e.octaves ?? undefined };
}

/**
 * The compact drift input of an analysis document.
 *
 * @example const blob = driftInputOf(document); decodeDriftInput(blob, { id: 7, startedAt, device })?.takes.length
 */
export function driftInputOf(document: AnalysisDocument): Buffer {
  const session = driftSessionOf({ id: 0, startedAt: '', device: null }, document);
  return encodeDriftInput(session);
}

/**
 * Encodes a session's takes (compacted) and repetitions; its id, start and keyboard are not kept
 * (they live in the sessions table).
 *
 * @example encodeDriftInput(session).subarray(0, 4).toString() // => 'EKD2'
 */
export function encodeDriftInput(session: DriftSession): Buffer {
  const takes = session.takes.map(compactTake);
  const total = takes.reduce((sum, take) => sum + (take.observations?.length ?? 0), 0);
  const pools = poolTakes(takes);
  const pooled = pools.reduce((sum, pool) => sum + pool.slots.length, 0);
  const header: Header = {
    minutes: session.minutes ?? 0,
    repetitions: session.repetitions ?? [],
    takes: takes.map((t) => ({
      exercise: exerciseOf(t.exercise), notesPerSecond: t.notesPerSecond, matched: t.matched, missed: t.missed, wrong: t.wrong, confidence: t.confidence ?? null,
      handUncertain: t.handUncertain ?? null, deviceInterrupted: t.deviceInterrupted ?? null, count: t.observations?.length ?? 0,
    })),
    pools: pools.map((pool) => ({ takes: pool.takes, slots: pool.slots.length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const columns = PREAMBLE + 36 * total + 68 * pooled;
  const blob = Buffer.alloc(columns + json.length);
  blob.writeUInt32LE(MAGIC, 0);
  blob.writeUInt32LE(json.length, 4);
  blob.writeUInt32LE(total, 8);
  blob.writeUInt32LE(pooled, 12);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let row = 0;
  for (const take of takes) {
    const o = take.observations as TakeObservations;
    for (let i = o.offset; i < o.offset + o.length; i += 1, row += 1) {
      view.setFloat64(PREAMBLE + 8 * row, o.value[i] as number, true);
      view.setFloat64(PREAMBLE + 8 * (total + row), o.spread[i] as number, true);
      view.setFloat64(PREAMBLE + 8 * (2 * total + row), o.n[i] as number, true);
      view.setFloat64(PREAMBLE + 8 * (3 * total + row), o.events[i] as number, true);
      view.setInt32(PREAMBLE + 32 * total + 64 * pooled + 4 * row, o.slot[i] as number, true);
    }
  }
  let at = 0;
  for (const pool of pools) {
    for (let j = 0; j < pool.slots.length; j += 1, at += 1) {
      for (let f = 0; f < ACC_FIELDS; f += 1) view.setFloat64(PREAMBLE + 32 * total + 8 * (ACC_FIELDS * at + f), pool.sums[ACC_FIELDS * j + f] as number, true);
      view.setInt32(PREAMBLE + 36 * total + 64 * pooled + 4 * at, pool.slots[j] as number, true);
    }
  }
  json.copy(blob, columns);
  return blob;
}

/**
 * Whether a blob is a version 1 drift input (no pooled takes): the store re-encodes those.
 *
 * @example isVersionOne(row.drift_input) // => false for what encodeDriftInput writes
 */
export function isVersionOne(blob: Uint8Array): boolean {
  return blob.byteLength >= 4 && new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0, true) === MAGIC_V1;
}

/**
 * The session back from its blob, its takes compact (they carry `observations`), or null when the
 * blob is not one (wrong magic or length): the caller then rebuilds it from the document.
 *
 * @example decodeDriftInput(row.drift_input, { id: row.id, startedAt: row.started_at, device: row.device })
 */
export function decodeDriftInput(blob: Uint8Array, session: { readonly id: number; readonly startedAt: string; readonly device: string | null }): DriftSession | null {
  if (blob.byteLength < PREAMBLE) return null;
  const head = new DataView(blob.buffer, blob.byteOffset, PREAMBLE);
  const magic = head.getUint32(0, true);
  if (magic !== MAGIC && magic !== MAGIC_V1) return null;
  const headerBytes = head.getUint32(4, true);
  const total = head.getUint32(8, true);
  const pooled = magic === MAGIC ? head.getUint32(12, true) : 0;
  const columns = PREAMBLE + 36 * total + 68 * pooled;
  if (blob.byteLength !== columns + headerBytes) return null;
  // Typed views need an aligned start; SQLite's buffers may begin anywhere, so copy once if not.
  const bytes = blob.byteOffset % 8 === 0 ? blob : Uint8Array.prototype.slice.call(blob);
  let header: Header;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + columns, headerBytes).toString('utf8')) as Header;
  } catch {
    return null;
  }
  const column = (k: number) => new Float64Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 8 * k * total, total);
  const [value, spread, n, events] = [column(0), column(1), column(2), column(3)];
  const slot = new Int32Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 32 * total + 64 * pooled, total);
  let start = 0;
  const takes: DriftTake[] = [];
  for (const t of header.takes) {
    const end = start + t.count;
    if (!(Number.isInteger(t.count) && t.count >= 0 && end <= total)) return null;
    // One set of columns for the session; each take is its rows (no view per take).
    const observations: TakeObservations = { offset: start, length: t.count, slot, value, spread, n, events };
    // Built field by field in one order (not spread): every take then shares one hidden class.
    takes.push({
      exercise: exerciseOf(t.exercise), notesPerSecond: t.notesPerSecond, matched: t.matched, missed: t.missed, wrong: t.wrong,
      hands: [], fingers: [], fingersByDirection: [], events: [],
      confidence: t.confidence, handUncertain: t.handUncertain, deviceInterrupted: t.deviceInterrupted, observations,
    });
    start = end;
  }
  const pools = poolsOf(header, bytes, total, pooled, takes.length);
  if (pools === null) return null;
  return { id: session.id, startedAt: session.startedAt, device: session.device, takes, minutes: header.minutes, repetitions: header.repetitions, pools };
}

/**
 * The pools of a version 2 blob, as views on its columns, or null when they do not add up (the
 * blob is then rebuilt): take indices ascending and in range, slots valid and each once per pool.
 */
function poolsOf(header: Header, bytes: Uint8Array, total: number, pooled: number, takeCount: number): TakePool[] | null {
  const pools: TakePool[] = [];
  const seen = new Uint8Array(OBSERVATION_SLOTS);
  let at = 0;
  for (const pool of header.pools ?? []) {
    const count = pool.slots;
    if (!(Number.isInteger(count) && count >= 0 && at + count <= pooled)) return null;
    if (!Array.isArray(pool.takes) || !pool.takes.every((k, j) => Number.isInteger(k) && k >= 0 && k < takeCount && (j === 0 || k > (pool.takes[j - 1] as number)))) return null;
    const slots = new Int32Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 36 * total + 64 * pooled + 4 * at, count);
    seen.fill(0);
    for (const slot of slots) {
      if (!(slot >= 0 && slot < OBSERVATION_SLOTS) || seen[slot] === 1) return null;
      seen[slot] = 1;
    }
    pools.push({ takes: pool.takes, slots, sums: new Float64Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 32 * total + 8 * ACC_FIELDS * at, ACC_FIELDS * count) });
    at += count;
  }
  return at === pooled ? pools : null;
}
