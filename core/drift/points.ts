/**
 * A series' points by column. A long history has hundreds of thousands of points (2,000 sessions
 * x ~490 series); kept as one object per point they were most of a full recompute's time and
 * nearly all of its garbage collection (bench/drift.bench.ts). Columns are typed arrays, grown by
 * doubling, so a point costs a few stores and no allocation. Unknown values are NaN in the
 * numeric columns (the drift/1 document writes them as null).
 */
import type { SeriesPoint } from './types';

/** Phase codes of the `phase` column. */
export const PHASES = ['before', 'baseline', 'monitor'] as const;

/**
 * The points of one series, oldest first; row i of every column is point i. Only the first
 * `length` rows are points (the typed arrays may be longer).
 */
export interface DriftPoints {
  readonly length: number;
  readonly sessionId: Int32Array;
  /** ISO-8601 session start. */
  readonly at: readonly string[];
  readonly value: Float64Array;
  /** Standard error from the notes within the session; NaN when not known. */
  readonly se: Float64Array;
  readonly n: Float64Array;
  readonly takes: Int32Array;
  readonly notesPerSecond: Float64Array;
  /** Exercise ids pooled (one shared, sorted list per band and session). */
  readonly exercises: readonly (readonly string[])[];
  /** Index into PHASES. */
  readonly phase: Uint8Array;
  /** Monitor phase only; NaN otherwise. */
  readonly z: Float64Array;
  readonly ewma: Float64Array;
  readonly ewmaValue: Float64Array;
  /** 1 when the EWMA is beyond its limit. */
  readonly outOfControl: Uint8Array;
}

/** The growable form the engine appends to. */
export interface PointColumns {
  length: number;
  sessionId: Int32Array;
  at: string[];
  value: Float64Array;
  se: Float64Array;
  n: Float64Array;
  takes: Int32Array;
  notesPerSecond: Float64Array;
  exercises: (readonly string[])[];
  phase: Uint8Array;
  z: Float64Array;
  ewma: Float64Array;
  ewmaValue: Float64Array;
  outOfControl: Uint8Array;
}

/**
 * Empty columns with room for `capacity` points.
 *
 * @example const points = createPointColumns(); points.length // => 0
 */
export function createPointColumns(capacity = 16): PointColumns {
  return {
    length: 0, sessionId: new Int32Array(capacity), at: [], value: new Float64Array(capacity), se: new Float64Array(capacity), n: new Float64Array(capacity),
    takes: new Int32Array(capacity), notesPerSecond: new Float64Array(capacity), exercises: [], phase: new Uint8Array(capacity),
    z: new Float64Array(capacity), ewma: new Float64Array(capacity), ewmaValue: new Float64Array(capacity), outOfControl: new Uint8Array(capacity),
  };
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const next = new (array.constructor as new (size: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * Makes room for one more row (doubling the typed columns when full) and returns its index; the
 * caller writes every column of that row, pushes `at` and `exercises`, then sets `length`.
 *
 * @example const i = reserveRow(points); points.value[i] = 4.2 // ...
 */
export function reserveRow(points: PointColumns): number {
  const i = points.length;
  if (i === points.value.length) {
    const size = Math.max(16, 2 * i);
    points.sessionId = grown(points.sessionId, size);
    points.value = grown(points.value, size);
    points.se = grown(points.se, size);
    points.n = grown(points.n, size);
    points.takes = grown(points.takes, size);
    points.notesPerSecond = grown(points.notesPerSecond, size);
    points.phase = grown(points.phase, size);
    points.z = grown(points.z, size);
    points.ewma = grown(points.ewma, size);
    points.ewmaValue = grown(points.ewmaValue, size);
    points.outOfControl = grown(points.outOfControl, size);
  }
  return i;
}

/**
 * Appends a point (nulls become NaN) and returns its index.
 *
 * @example appendPoint(points, { sessionId: 3, at: '2026-03-03T09:00:00Z', value: 4.2, se: 1.1, n: 20, takes: 2, notesPerSecond: 8, exercises: ['scale-c-major-rh-2oct'], phase: 'baseline', z: null, ewma: null, ewmaValue: null, outOfControl: false }) // => 0
 */
export function appendPoint(points: PointColumns, p: SeriesPoint): number {
  const i = reserveRow(points);
  points.sessionId[i] = p.sessionId;
  points.at.push(p.at);
  points.value[i] = p.value;
  points.se[i] = p.se ?? Number.NaN;
  points.n[i] = p.n;
  points.takes[i] = p.takes;
  points.notesPerSecond[i] = p.notesPerSecond;
  points.exercises.push(p.exercises);
  points.phase[i] = PHASES.indexOf(p.phase);
  points.z[i] = p.z ?? Number.NaN;
  points.ewma[i] = p.ewma ?? Number.NaN;
  points.ewmaValue[i] = p.ewmaValue ?? Number.NaN;
  points.outOfControl[i] = p.outOfControl ? 1 : 0;
  points.length = i + 1;
  return i;
}

/**
 * The first `points.length` rows as a read-only snapshot. Typed columns are views (no copy): later
 * appends write past the snapshot's rows, or into a new, grown array, so a snapshot never changes.
 *
 * @example snapshotPoints(points).value.length === points.length // => true
 */
export function snapshotPoints(points: PointColumns): DriftPoints {
  const length = points.length;
  return {
    length,
    sessionId: points.sessionId.subarray(0, length), at: points.at.slice(), value: points.value.subarray(0, length), se: points.se.subarray(0, length),
    n: points.n.subarray(0, length), takes: points.takes.subarray(0, length), notesPerSecond: points.notesPerSecond.subarray(0, length),
    exercises: points.exercises.slice(), phase: points.phase.subarray(0, length), z: points.z.subarray(0, length), ewma: points.ewma.subarray(0, length),
    ewmaValue: points.ewmaValue.subarray(0, length), outOfControl: points.outOfControl.subarray(0, length),
  };
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * Point i as a plain object (the shape the drift/1 document carries), or undefined past the end.
 * Negative i counts from the end, like Array.prototype.at.
 *
 * @example pointAt(series.points, -1)?.ewmaValue
 */
export function pointAt(points: DriftPoints | PointColumns, index: number): SeriesPoint | undefined {
  const i = index < 0 ? points.length + index : index;
  if (!(i >= 0 && i < points.length)) return undefined;
  return {
    sessionId: points.sessionId[i] as number, at: points.at[i] as string, value: points.value[i] as number, se: orNull(points.se[i] as number),
    n: points.n[i] as number, takes: points.takes[i] as number, notesPerSecond: points.notesPerSecond[i] as number, exercises: points.exercises[i] as readonly string[],
    phase: PHASES[points.phase[i] as number] as SeriesPoint['phase'], z: orNull(points.z[i] as number), ewma: orNull(points.ewma[i] as number),
    ewmaValue: orNull(points.ewmaValue[i] as number), outOfControl: points.outOfControl[i] === 1,
  };
}

/**
 * Every point as a plain object, oldest first (from `from` on).
 *
 * @example pointsOf(series.points).filter((p) => p.phase === 'monitor').length
 */
export function pointsOf(points: DriftPoints | PointColumns, from = 0): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = Math.max(0, from); i < points.length; i += 1) out.push(pointAt(points, i) as SeriesPoint);
  return out;
}
