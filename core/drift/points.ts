/**
 * A series' points by column. A long history has hundreds of thousands of points (2,000 sessions
 * x ~490 series), and writing them to fresh memory was most of what was left of a full
 * recompute's time (bench/drift.bench.ts), so a point keeps only what cannot be worked out again:
 * seven numbers in a row of a fixed block of CHUNK points (one Float64Array per block), appended
 * in place and never copied, and no reference to any object.
 *
 * - The session is its ordinal in the state's session table, the exercise list pooled its number
 *   in the state's list table (PointTables: shared by every series, append-only).
 * - Takes, phase, out-of-control and the exercise-list number share one number (META: an exact
 *   integer below 2^53).
 * - z and ewmaValue are worked out on read from the point's value, SE and n and the baseline it
 *   was monitored against (PointEpoch), by the same function the engine monitors with
 *   (standardize), so they are the numbers the engine used, bit for bit. The EWMA is stored: it
 *   depends on every earlier point.
 *
 * Read points with pointAt / pointsOf, one field with pointField, a point's time with pointTime.
 */
import { Z_CLIP } from './detect';
import type { SeriesPoint } from './types';

/** Phase codes of the phase field. */
export const PHASES = ['before', 'baseline', 'monitor'] as const;

/** Points per block (CHUNK = 2^CHUNK_BITS: a point's block and row are a shift and a mask, not a division). */
const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/** Numbers per stored row. */
const ROW = 7;
const [SESSION, VALUE, SE, N, NOTES_PER_SECOND, EWMA, META] = [0, 1, 2, 3, 4, 5, 6];
/** META = outOfControl + 2 x phase + 8 x takes + LIST_UNIT x exercise-list number. */
const TAKES_LIMIT = 2 ** 21;
const LIST_UNIT = 2 ** 24;

/** The fields pointField reads. */
export const POINT_FIELDS = ['sessionId', 'value', 'se', 'n', 'takes', 'notesPerSecond', 'phase', 'z', 'ewma', 'ewmaValue', 'outOfControl'] as const;
export type PointField = (typeof POINT_FIELDS)[number];

/**
 * What every series of one drift state refers to, by number. Append-only: a point only refers to
 * entries added before it, so a snapshot never changes when later sessions are added.
 */
export interface PointTables {
  /** Per session ordinal (in the order sessions were added): its id and ISO-8601 start. */
  readonly sessionIds: number[];
  readonly sessionAts: string[];
  /** Sorted exercise-id lists, by list number (one per band and change of what it pooled). */
  readonly exerciseLists: (readonly string[])[];
}

/**
 * A baseline's figures for standardising a session's value (engine.ts completeBaselines): the
 * monitored points from index `from` on use it, until the next epoch (after a baseline reset).
 */
export interface PointEpoch {
  readonly from: number;
  /** Baseline median (metric units). */
  readonly location: number;
  /** Session-to-session variance of the true level (betweenSd^2). */
  readonly betweenVar: number;
  /** Typical within-session SE, for a session whose own is unknown. */
  readonly withinSe: number;
  /** Event rates: baseline events per note (the SE then comes from it), else 0. */
  readonly p0: number;
  /** Standard error of measurement of one session (metric units). */
  readonly sem: number;
  /** Sessions in the baseline. */
  readonly sessions: number;
}

/**
 * The points of one series, oldest first. Unknown numbers (se, and z / ewma / ewmaValue outside
 * the monitor phase) are NaN in the blocks and null in the objects pointAt gives.
 */
export interface DriftPoints {
  readonly length: number;
  /** Blocks of CHUNK rows x ROW numbers. */
  readonly blocks: readonly Float64Array[];
  readonly tables: PointTables;
  readonly epochs: readonly PointEpoch[];
}

/** The growable form the engine appends to. */
export interface PointColumns extends DriftPoints {
  length: number;
  /** The newest block (appends write there). */
  tail: Float64Array;
  readonly blocks: Float64Array[];
  readonly epochs: PointEpoch[];
}

/**
 * Empty tables for one drift state.
 *
 * @example const tables = createPointTables(); tables.sessionIds.length // => 0
 */
export function createPointTables(): PointTables {
  return { sessionIds: [], sessionAts: [], exerciseLists: [] };
}

const NO_BLOCK = new Float64Array(0);

/**
 * Empty points referring to `tables`.
 *
 * @example const points = createPointColumns(createPointTables()); points.length // => 0
 */
export function createPointColumns(tables: PointTables): PointColumns {
  return { length: 0, blocks: [], tables, epochs: [], tail: NO_BLOCK };
}

/**
 * Adds a session to the tables and returns its ordinal.
 *
 * @example addSessionRow(tables, 12, '2026-03-03T09:00:00Z') // => 0 for the first session
 */
export function addSessionRow(tables: PointTables, sessionId: number, at: string): number {
  tables.sessionIds.push(sessionId);
  tables.sessionAts.push(at);
  return tables.sessionIds.length - 1;
}

/**
 * Adds a sorted exercise-id list to the tables and returns its number.
 *
 * @example addExerciseList(tables, ['scale-c-major-rh-2oct']) // => 0 for the first list
 */
export function addExerciseList(tables: PointTables, exercises: readonly string[]): number {
  tables.exerciseLists.push(exercises);
  return tables.exerciseLists.length - 1;
}

/**
 * Starts a baseline epoch at the series' next point (the points from there on are standardised
 * with it).
 *
 * @example startEpoch(points, { location: 4.1, betweenVar: 2.3, withinSe: 1.2, p0: 0, sem: 1.9, sessions: 10 })
 */
export function startEpoch(points: PointColumns, epoch: Omit<PointEpoch, 'from'>): PointEpoch {
  const started: PointEpoch = { from: points.length, location: epoch.location, betweenVar: epoch.betweenVar, withinSe: epoch.withinSe, p0: epoch.p0, sem: epoch.sem, sessions: epoch.sessions };
  points.epochs.push(started);
  return started;
}

/**
 * A session's value standardised against a baseline: (value - location) / sqrt(betweenVar +
 * SE^2), clipped to +-Z_CLIP, where the SE is the session's own (from its notes), the binomial SE
 * of the baseline rate for event rates, or the baseline's typical SE when the session's is
 * unknown (NaN). 0 when that spread is 0. The engine monitors with it and points are read with
 * it, so both give the same number.
 *
 * @example standardize(epoch, 12.5, 1.1, 40)
 */
export function standardize(epoch: PointEpoch, value: number, se: number, n: number): number {
  return standardizeBy(epoch.location, epoch.betweenVar, epoch.withinSe, epoch.p0, value, se, n);
}

/**
 * standardize with the epoch's figures given one by one (the engine keeps them beside its running numbers).
 *
 * @example standardizeBy(epoch.location, epoch.betweenVar, epoch.withinSe, epoch.p0, 12.5, 1.1, 40)
 */
export function standardizeBy(location: number, betweenVar: number, withinSe: number, p0: number, value: number, se: number, n: number): number {
  const seNow = p0 > 0 ? 100 * Math.sqrt(p0 / n) : Number.isNaN(se) ? withinSe : se;
  const sigma = Math.sqrt(betweenVar + seNow ** 2);
  return sigma > 0 ? Math.max(-Z_CLIP, Math.min(Z_CLIP, (value - location) / sigma)) : 0;
}

/**
 * Appends one point and returns its index. `session` is its ordinal and `exerciseList` its list
 * number in the tables; se NaN when unknown; phase an index into PHASES; ewma NaN outside the
 * monitor phase.
 *
 * @throws RangeError for takes outside 0 to 2^21 - 1 (they share a number with the phase).
 * @example appendPointFields(points, 0, 0, 4.2, 1.1, 20, 2, 8, 1, NaN, false) // => 0
 */
export function appendPointFields(
  points: PointColumns, session: number, exerciseList: number, value: number, se: number, n: number, takes: number,
  notesPerSecond: number, phase: number, ewma: number, outOfControl: boolean,
): number {
  if (!(takes >= 0 && takes < TAKES_LIMIT)) throw new RangeError(`a point pools 0 to ${TAKES_LIMIT - 1} takes, got ${takes}`);
  const i = points.length;
  const within = i & CHUNK_MASK;
  let block = points.tail;
  if (within === 0) {
    block = new Float64Array(CHUNK * ROW);
    points.blocks.push(block);
    points.tail = block;
  }
  const row = within * ROW;
  block[row + SESSION] = session;
  block[row + VALUE] = value;
  block[row + SE] = se;
  block[row + N] = n;
  block[row + NOTES_PER_SECOND] = notesPerSecond;
  block[row + EWMA] = ewma;
  block[row + META] = (outOfControl ? 1 : 0) + 2 * phase + 8 * takes + LIST_UNIT * exerciseList;
  points.length = i + 1;
  return i;
}

/**
 * The points as they are now. Blocks and tables are shared, not copied: later appends only write
 * rows past this snapshot's length, so what it shows never changes.
 *
 * @example snapshotPoints(points).length === points.length // => true
 */
export function snapshotPoints(points: DriftPoints): DriftPoints {
  return { length: points.length, blocks: points.blocks.slice(), tables: points.tables, epochs: points.epochs.slice() };
}

/** The index of point `index` (negative counts from the end), or -1 past either end. */
function indexOf(points: DriftPoints, index: number): number {
  const i = index < 0 ? points.length + index : index;
  return i >= 0 && i < points.length ? i : -1;
}

/** The epoch a monitored point i was standardised with. */
function epochAt(points: DriftPoints, i: number): PointEpoch | undefined {
  const epochs = points.epochs;
  for (let e = epochs.length - 1; e >= 0; e -= 1) if ((epochs[e] as PointEpoch).from <= i) return epochs[e];
  return undefined;
}

/** The low part of META (out + 2 x phase + 8 x takes) and the list number. */
const metaLow = (meta: number): number => meta % LIST_UNIT;
const metaList = (meta: number): number => Math.floor(meta / LIST_UNIT);

/**
 * One field of point i (NaN when unknown; undefined past the end). Negative i counts from the
 * end, like Array.prototype.at. Phase is its index into PHASES, outOfControl 1 or 0.
 *
 * @example pointField(series.points, -1, 'ewmaValue')
 */
export function pointField(points: DriftPoints, index: number, field: PointField): number | undefined {
  const i = indexOf(points, index);
  if (i < 0) return undefined;
  const block = points.blocks[i >> CHUNK_BITS] as Float64Array;
  const row = (i & CHUNK_MASK) * ROW;
  switch (field) {
    case 'sessionId': return points.tables.sessionIds[block[row + SESSION] as number];
    case 'value': return block[row + VALUE];
    case 'se': return block[row + SE];
    case 'n': return block[row + N];
    case 'notesPerSecond': return block[row + NOTES_PER_SECOND];
    case 'ewma': return block[row + EWMA];
    case 'takes': return Math.floor(metaLow(block[row + META] as number) / 8);
    case 'phase': return (metaLow(block[row + META] as number) >> 1) & 3;
    case 'outOfControl': return metaLow(block[row + META] as number) & 1;
    case 'z': return zOf(points, i, block, row);
    case 'ewmaValue': return ewmaValueOf(points, i, block, row);
  }
}

function zOf(points: DriftPoints, i: number, block: Float64Array, row: number): number {
  const epoch = ((metaLow(block[row + META] as number) >> 1) & 3) === 2 ? epochAt(points, i) : undefined;
  return epoch ? standardize(epoch, block[row + VALUE] as number, block[row + SE] as number, block[row + N] as number) : Number.NaN;
}

function ewmaValueOf(points: DriftPoints, i: number, block: Float64Array, row: number): number {
  const ewma = block[row + EWMA] as number;
  const epoch = Number.isNaN(ewma) ? undefined : epochAt(points, i);
  // As the engine computed it: location + EWMA x SEM.
  return epoch ? epoch.location + ewma * epoch.sem : Number.NaN;
}

/**
 * The ISO-8601 start of point i's session (undefined past the end; negative i counts from the end).
 *
 * @example pointTime(series.points, -1) // => '2026-03-03T09:00:00Z'
 */
export function pointTime(points: DriftPoints, index: number): string | undefined {
  const i = indexOf(points, index);
  if (i < 0) return undefined;
  return points.tables.sessionAts[(points.blocks[i >> CHUNK_BITS] as Float64Array)[(i & CHUNK_MASK) * ROW + SESSION] as number];
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * Point i as a plain object (the shape the drift/1 document carries), or undefined past the end.
 * Negative i counts from the end, like Array.prototype.at. `exercisesOf` replaces the exercise
 * list shared with other points (e.g. by a copy, for a document handed out).
 *
 * @example pointAt(series.points, -1)?.ewmaValue
 */
export function pointAt(points: DriftPoints, index: number, exercisesOf?: (shared: readonly string[]) => readonly string[]): SeriesPoint | undefined {
  const i = indexOf(points, index);
  if (i < 0) return undefined;
  const block = points.blocks[i >> CHUNK_BITS] as Float64Array;
  const row = (i & CHUNK_MASK) * ROW;
  const meta = block[row + META] as number;
  const low = metaLow(meta);
  const shared = points.tables.exerciseLists[metaList(meta)] as readonly string[];
  const session = block[row + SESSION] as number;
  return {
    sessionId: points.tables.sessionIds[session] as number, at: points.tables.sessionAts[session] as string, value: block[row + VALUE] as number,
    se: orNull(block[row + SE] as number), n: block[row + N] as number, takes: Math.floor(low / 8), notesPerSecond: block[row + NOTES_PER_SECOND] as number,
    exercises: exercisesOf ? exercisesOf(shared) : shared,
    phase: PHASES[(low >> 1) & 3] as SeriesPoint['phase'], z: orNull(zOf(points, i, block, row)), ewma: orNull(block[row + EWMA] as number),
    ewmaValue: orNull(ewmaValueOf(points, i, block, row)), outOfControl: (low & 1) === 1,
  };
}

/**
 * Every point as a plain object, oldest first (from `from` on).
 *
 * @example pointsOf(series.points).filter((p) => p.phase === 'monitor').length
 */
export function pointsOf(points: DriftPoints, from = 0): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = Math.max(0, from); i < points.length; i += 1) out.push(pointAt(points, i) as SeriesPoint);
  return out;
}

/**
 * Every exercise id the points pooled, sorted.
 *
 * @example pooledExercises(series.points) // => ['scale-c-major-rh-1oct', 'scale-c-major-rh-2oct']
 */
export function pooledExercises(points: DriftPoints): string[] {
  const lists = new Set<number>();
  for (let i = 0; i < points.length; i += 1) lists.add(metaList((points.blocks[i >> CHUNK_BITS] as Float64Array)[(i & CHUNK_MASK) * ROW + META] as number));
  const ids = new Set<string>();
  for (const list of lists) for (const id of points.tables.exerciseLists[list] ?? []) ids.add(id);
  return [...ids].sort();
}
