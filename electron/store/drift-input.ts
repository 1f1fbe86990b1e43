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
 * ("EKD1": no pools, 0 in place of P) are still read; the engine then pools their takes one by
 * one, with the same results.
 */
import type { AnalysisDocument } from '../../core/api/analysis';
import { driftSessionOf } from '../../core/drift/from-analysis';
import { OBSERVATION_SLOTS, compactTake } from '../../core/drift/metrics';
import { ACC_FIELDS, poolTakes } from '../../core/drift/pools';
import type { TakePool } from '../../core/drift/pools';
import type { DriftSession, DriftTake, TakeObservations } from '../../core/drift/types';

/**
 * The format version, the last byte of the magic ("EKD2"). Pools store sums, so a change to how
 * takes are pooled (core/drift/pools.ts accumulate, SLOT_KIND, POOLING, poolTakes) must bump it:
 * blobs of an older version are then read without their pools (the engine pools their takes one
 * by one) and the store re-encodes them.
 */
const VERSION = 2;
/** "EKD" followed by the version digit, little-endian. */
const magicOf = (version: number) => 0x444b45 + ((0x30 + version) << 24);
const MAGIC = magicOf(VERSION);
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
 * Whether a blob is a drift input of an older version (read without its pools): the store
 * re-encodes those.
 *
 * @example isOlderDriftInput(row.drift_input) // => false for what encodeDriftInput writes
 */
export function isOlderDriftInput(blob: Uint8Array): boolean {
  const version = versionOf(blob);
  return version !== null && version < VERSION;
}

/** The format version of a blob (1 to VERSION), or null when it is not a drift input. */
function versionOf(blob: Uint8Array): number | null {
  if (blob.byteLength < 4) return null;
  const magic = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0, true);
  for (let version = 1; version <= VERSION; version += 1) if (magic === magicOf(version)) return version;
  return null;
}

/**
 * The session back from its blob, its takes compact (they carry `observations`), or null when the
 * blob is not one (wrong magic or length): the caller then rebuilds it from the document.
 *
 * @example decodeDriftInput(row.drift_input, { id: row.id, startedAt: row.started_at, device: row.device })
 */
export function decodeDriftInput(blob: Uint8Array, session: { readonly id: number; readonly startedAt: string; readonly device: string | null }): DriftSession | null {
  if (blob.byteLength < PREAMBLE) return null;
  const version = versionOf(blob);
  if (version === null) return null;
  const head = new DataView(blob.buffer, blob.byteOffset, PREAMBLE);
  const headerBytes = head.getUint32(4, true);
  const total = head.getUint32(8, true);
  // Version 1 has no pools; from version 2 on the layout is the same, and only this version's pools are used.
  const pooled = version >= 2 ? head.getUint32(12, true) : 0;
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
  // A header of the wrong shape (not what encodeDriftInput writes) is an unreadable blob, not an error.
  if (!isHeader(header)) return null;
  const column = (k: number) => new Float64Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 8 * k * total, total);
  const [value, spread, n, events] = [column(0), column(1), column(2), column(3)];
  const slot = new Int32Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 32 * total + 64 * pooled, total);
  let start = 0;
  const takes: DriftTake[] = [];
  const offsets: number[] = [];
  for (const t of header.takes) {
    offsets.push(start);
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
  offsets.push(start);
  const pools = version === VERSION ? poolsOf(header, bytes, total, pooled, offsets, slot) : [];
  if (pools === null) return null;
  return { id: session.id, startedAt: session.startedAt, device: session.device, takes, minutes: header.minutes, repetitions: header.repetitions, pools };
}

/** Whether a parsed header has the shape encodeDriftInput writes (fields read as objects and arrays are). */
function isHeader(header: unknown): header is Header {
  if (typeof header !== 'object' || header === null) return false;
  const { takes, pools, repetitions } = header as Record<string, unknown>;
  const objects = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'object' && item !== null);
  return objects(takes) && (takes as { exercise?: unknown }[]).every((t) => typeof t.exercise === 'object' && t.exercise !== null)
    && (pools === undefined || objects(pools)) && (repetitions === undefined || objects(repetitions));
}

/**
 * The pools of a version 2 blob, as views on its columns, or null when they are not what
 * poolTakes makes of the blob's takes (the blob is then rebuilt): two or more take indices,
 * ascending and in range, and the slots of the first take, in its order (poolTakes pools a family
 * only when its first take measured every slot, and the engine makes series in that order).
 */
function poolsOf(header: Header, bytes: Uint8Array, total: number, pooled: number, offsets: readonly number[], observed: Int32Array): TakePool[] | null {
  // offsets: each take's first row, then the end of the last take's rows.
  const pools: TakePool[] = [];
  let at = 0;
  for (const pool of header.pools ?? []) {
    const count = pool.slots;
    if (!(Number.isInteger(count) && count >= 0 && at + count <= pooled)) return null;
    const members = pool.takes;
    if (!Array.isArray(members) || members.length < 2 || !members.every((k, j) => Number.isInteger(k) && k >= 0 && k < offsets.length - 1 && (j === 0 || k > (members[j - 1] as number)))) return null;
    const slots = new Int32Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 36 * total + 64 * pooled + 4 * at, count);
    const first = members[0] as number;
    if (!sameSlots(slots, observed.subarray(offsets[first] as number, offsets[first + 1] as number))) return null;
    pools.push({ takes: pool.takes, slots, sums: new Float64Array(bytes.buffer, bytes.byteOffset + PREAMBLE + 32 * total + 8 * ACC_FIELDS * at, ACC_FIELDS * count) });
    at += count;
  }
  return at === pooled ? pools : null;
}

/** Whether `slots` are the distinct slots of a take's observations, in their order. */
function sameSlots(slots: Int32Array, observed: Int32Array): boolean {
  const seen = new Uint8Array(OBSERVATION_SLOTS);
  let j = 0;
  for (const slot of observed) {
    if (!(slot >= 0 && slot < OBSERVATION_SLOTS)) return false;
    if (seen[slot] === 1) continue;
    seen[slot] = 1;
    if (slots[j] !== slot) return false;
    j += 1;
  }
  return j === slots.length;
}
