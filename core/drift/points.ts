/**
 * A series' points by column. A long history has hundreds of thousands of points (2,000 sessions
 * x ~490 series); kept as one object per point, or as a dozen growing arrays per series, they
 * were most of a full recompute's time and nearly all of its garbage collection
 * (bench/drift.bench.ts). Here a series' numeric fields live in fixed blocks of CHUNK points
 * (one Float64Array each, FIELDS numbers per point side by side), appended in place and never
 * copied; the session's time and exercise list are kept by reference. Read points with pointAt /
 * pointsOf, or one field with pointField.
 */
import type { SeriesPoint } from './types';

/** Phase codes of the phase field. */
export const PHASES = ['before', 'baseline', 'monitor'] as const;

/** Points per block. */
const CHUNK = 256;
/** The numeric fields of a point, in block order. */
export const POINT_FIELDS = ['sessionId', 'value', 'se', 'n', 'takes', 'notesPerSecond', 'phase', 'z', 'ewma', 'ewmaValue', 'outOfControl'] as const;
export type PointField = (typeof POINT_FIELDS)[number];
const FIELDS = POINT_FIELDS.length;
const [SESSION_ID, VALUE, SE, N, TAKES, NOTES_PER_SECOND, PHASE, Z, EWMA, EWMA_VALUE, OUT_OF_CONTROL] = POINT_FIELDS.map((_, i) => i) as [number, number, number, number, number, number, number, number, number, number, number];
const OFFSET = Object.fromEntries(POINT_FIELDS.map((field, i) => [field, i])) as Record<PointField, number>;

/**
 * The points of one series, oldest first. Unknown numbers (se, and z / ewma / ewmaValue outside
 * the monitor phase) are NaN in the blocks and null in the objects pointAt gives.
 */
export interface DriftPoints {
  readonly length: number;
  /** Blocks of CHUNK points x POINT_FIELDS numbers. */
  readonly blocks: readonly Float64Array[];
  /** ISO-8601 session start, per point. */
  readonly at: readonly string[];
  /** Exercise ids pooled, per point (one shared, sorted list per band and session). */
  readonly exercises: readonly (readonly string[])[];
}

/** The growable form the engine appends to. */
export interface PointColumns extends DriftPoints {
  length: number;
  readonly blocks: Float64Array[];
  readonly at: string[];
  readonly exercises: (readonly string[])[];
}

/**
 * Empty points.
 *
 * @example const points = createPointColumns(); points.length // => 0
 */
export function createPointColumns(): PointColumns {
  return { length: 0, blocks: [], at: [], exercises: [] };
}

/** Adds a point's session time and exercise list and returns the offset of its row in the last block. */
function addPointRow(points: PointColumns, at: string, exercises: readonly string[]): number {
  const within = points.length % CHUNK;
  if (within === 0) points.blocks.push(new Float64Array(CHUNK * FIELDS));
  points.at.push(at);
  points.exercises.push(exercises);
  points.length += 1;
  return within * FIELDS;
}

/**
 * Appends one point from its fields (NaN for unknown numbers; phase as an index into PHASES;
 * outOfControl 1 or 0) and returns its index.
 *
 * @example appendPointFields(points, 3, '2026-03-03T09:00:00Z', ['scale-c-major-rh-2oct'], 4.2, 1.1, 20, 2, 8, 1, NaN, NaN, NaN, 0) // => 0
 */
export function appendPointFields(
  points: PointColumns, sessionId: number, at: string, exercises: readonly string[], value: number, se: number, n: number, takes: number,
  notesPerSecond: number, phase: number, z: number, ewma: number, ewmaValue: number, outOfControl: number,
): number {
  const i = points.length;
  const row = addPointRow(points, at, exercises);
  const block = points.blocks[points.blocks.length - 1] as Float64Array;
  block[row + SESSION_ID] = sessionId;
  block[row + VALUE] = value;
  block[row + SE] = se;
  block[row + N] = n;
  block[row + TAKES] = takes;
  block[row + NOTES_PER_SECOND] = notesPerSecond;
  block[row + PHASE] = phase;
  block[row + Z] = z;
  block[row + EWMA] = ewma;
  block[row + EWMA_VALUE] = ewmaValue;
  block[row + OUT_OF_CONTROL] = outOfControl;
  return i;
}

/**
 * Appends a point given as an object (nulls become NaN) and returns its index.
 *
 * @example appendPoint(points, { sessionId: 3, at: '2026-03-03T09:00:00Z', value: 4.2, se: 1.1, n: 20, takes: 2, notesPerSecond: 8, exercises: ['scale-c-major-rh-2oct'], phase: 'baseline', z: null, ewma: null, ewmaValue: null, outOfControl: false }) // => 0
 */
export function appendPoint(points: PointColumns, p: SeriesPoint): number {
  return appendPointFields(points, p.sessionId, p.at, p.exercises, p.value, p.se ?? Number.NaN, p.n, p.takes, p.notesPerSecond, PHASES.indexOf(p.phase),
    p.z ?? Number.NaN, p.ewma ?? Number.NaN, p.ewmaValue ?? Number.NaN, p.outOfControl ? 1 : 0);
}

/**
 * The points as they are now. Blocks are shared, not copied: later appends only write rows past
 * this snapshot's length, so what it shows never changes.
 *
 * @example snapshotPoints(points).length === points.length // => true
 */
export function snapshotPoints(points: DriftPoints): DriftPoints {
  return { length: points.length, blocks: points.blocks.slice(), at: points.at.slice(0, points.length), exercises: points.exercises.slice(0, points.length) };
}

/**
 * One numeric field of point i (NaN when unknown; undefined past the end). Negative i counts from
 * the end, like Array.prototype.at.
 *
 * @example pointField(series.points, -1, 'ewmaValue')
 */
export function pointField(points: DriftPoints, index: number, field: PointField): number | undefined {
  const i = index < 0 ? points.length + index : index;
  if (!(i >= 0 && i < points.length)) return undefined;
  return (points.blocks[Math.floor(i / CHUNK)] as Float64Array)[(i % CHUNK) * FIELDS + OFFSET[field]];
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
  const i = index < 0 ? points.length + index : index;
  if (!(i >= 0 && i < points.length)) return undefined;
  const block = points.blocks[Math.floor(i / CHUNK)] as Float64Array;
  const row = (i % CHUNK) * FIELDS;
  return {
    sessionId: block[row + SESSION_ID] as number, at: points.at[i] as string, value: block[row + VALUE] as number, se: orNull(block[row + SE] as number),
    n: block[row + N] as number, takes: block[row + TAKES] as number, notesPerSecond: block[row + NOTES_PER_SECOND] as number,
    exercises: exercisesOf ? exercisesOf(points.exercises[i] as readonly string[]) : (points.exercises[i] as readonly string[]),
    phase: PHASES[block[row + PHASE] as number] as SeriesPoint['phase'], z: orNull(block[row + Z] as number), ewma: orNull(block[row + EWMA] as number),
    ewmaValue: orNull(block[row + EWMA_VALUE] as number), outOfControl: block[row + OUT_OF_CONTROL] === 1,
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
