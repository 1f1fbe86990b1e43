/**
 * The tempo grid of a take: where each grid step was really played. A robust least-squares
 * parabola through (step, onset) gives the tempo and follows a steady tempo drift.
 * The aligner prices every match by its distance to this grid, which is what keeps repeated
 * pitches (trills, repeated notes) on the right expected note.
 */

import { medianInPlace } from '../numeric/median';

export interface Grid {
  /** Fitted duration of one grid step (ms). */
  readonly stepMs: number;
  /** Onset spread around the grid used to price timing (ms). */
  readonly sigmaMs: number;
  /** Predicted onset (ms) for each requested step, in the order given. */
  readonly predictedMs: Float64Array;
}

export interface GridOptions {
  /** Smallest timing spread ever assumed (ms). */
  readonly minSigmaMs?: number;
}

const MAD_TO_SD = 1.4826;
// Ceiling of the timing spread, in grid steps. The spread is measured on the alignment being
// refined; without a ceiling a wrong alignment (notes a step off) widens its own tolerance and
// looks as cheap as the right one.
const MAX_SIGMA_STEPS = 0.25;

/**
 * Fits the grid through anchor points (steps non-decreasing) and predicts the onset of `steps`
 * (non-decreasing). Returns null with fewer than two distinct anchor steps.
 *
 * @example fitGrid([0, 1, 2, 3], [1000, 1125, 1250, 1375], [4])?.predictedMs[0] // 1500
 */
export function fitGrid(
  anchorSteps: ArrayLike<number>,
  anchorOnsets: ArrayLike<number>,
  steps: ArrayLike<number>,
  options: GridOptions = {},
): Grid | null {
  const count = anchorSteps.length;
  if (count < 2) return null;
  // Typed copies in reused buffers: callers pass plain arrays and typed arrays alike, and the
  // fit reads them a dozen times.
  const { xs, ys, inlier, residuals } = workspace(count);
  for (let k = 0; k < count; k += 1) {
    xs[k] = at(anchorSteps, k);
    ys[k] = at(anchorOnsets, k);
  }
  inlier.fill(1);
  let curve = fitCurve(xs, ys, inlier);
  if (curve === null) return null;
  let previousKept = count;
  for (let round = 0; round < 3; round += 1) {
    for (let k = 0; k < count; k += 1) residuals[k] = (ys[k] ?? 0) - evaluate(curve, xs[k] ?? 0);
    // Outliers are anchors matched to the wrong step; drop them and fit again.
    const spread = MAD_TO_SD * medianAbs(residuals, inlier);
    const limit = Math.max(3 * spread, 0.25 * curve.slope, 10);
    let kept = 0;
    let changed = false;
    for (let k = 0; k < count; k += 1) {
      const keep = Math.abs(residuals[k] ?? 0) <= limit ? 1 : 0;
      if (inlier[k] !== keep) changed = true;
      inlier[k] = keep;
      kept += keep;
    }
    if (kept < 2) {
      changed = previousKept !== count;
      inlier.fill(1);
      kept = count;
    }
    previousKept = kept;
    // The same anchors give the same curve (and the next rounds the same again): done.
    if (!changed) break;
    const refit = fitCurve(xs, ys, inlier);
    if (refit === null) break;
    curve = refit;
  }
  for (let k = 0; k < count; k += 1) residuals[k] = (ys[k] ?? 0) - evaluate(curve, xs[k] ?? 0);
  const predictedMs = new Float64Array(steps.length);
  for (let i = 0; i < steps.length; i += 1) predictedMs[i] = evaluate(curve, at(steps, i));
  const spread = MAD_TO_SD * medianAbs(residuals, inlier);
  const minSigma = options.minSigmaMs ?? 12;
  const sigmaMs = Math.min(Math.max(0.12 * curve.slope, 3 * spread, minSigma), Math.max(MAX_SIGMA_STEPS * curve.slope, minSigma));
  return { stepMs: curve.slope, sigmaMs, predictedMs };
}

/**
 * A grid with a known step: only where it sits is read from the anchors (their median offset).
 * For a stretch too short to measure its own tempo, such as the few notes before or after a stop
 * inside a take.
 *
 * @example offsetGrid([5, 6], [2000, 2125], 125, [7])?.predictedMs[0] // 2250
 */
export function offsetGrid(
  anchorSteps: ArrayLike<number>,
  anchorOnsets: ArrayLike<number>,
  stepMs: number,
  steps: ArrayLike<number>,
  options: GridOptions = {},
): Grid | null {
  const count = anchorSteps.length;
  if (count < 1 || !(stepMs > 0)) return null;
  const offsets = new Float64Array(count);
  for (let k = 0; k < count; k += 1) offsets[k] = at(anchorOnsets, k) - at(anchorSteps, k) * stepMs;
  const all = new Uint8Array(count).fill(1);
  const origin = median(offsets);
  for (let k = 0; k < count; k += 1) offsets[k] = (offsets[k] ?? 0) - origin;
  const spread = MAD_TO_SD * medianAbs(offsets, all);
  const minSigma = options.minSigmaMs ?? 12;
  const sigmaMs = Math.min(Math.max(0.12 * stepMs, 3 * spread, minSigma), Math.max(MAX_SIGMA_STEPS * stepMs, minSigma));
  const predictedMs = new Float64Array(steps.length);
  for (let i = 0; i < steps.length; i += 1) predictedMs[i] = origin + at(steps, i) * stepMs;
  return { stepMs, sigmaMs, predictedMs };
}

/**
 * onset = intercept + slope * (step - center) + curvature * (step - center)^2: a tempo that
 * changes steadily over the take. Stiff on purpose: a grid that bends locally would follow a
 * wrong match by one step, which is exactly what it is there to prevent.
 */
interface Curve {
  readonly center: number;
  readonly intercept: number;
  readonly slope: number;
  readonly curvature: number;
}

function evaluate(curve: Curve, step: number): number {
  const x = step - curve.center;
  return curve.intercept + curve.slope * x + curve.curvature * x * x;
}

// Largest tempo change over a take the curve may express (fraction of the tempo).
const MAX_TEMPO_CHANGE = 0.3;
// Takes shorter than this many steps get a straight line.
const MIN_STEPS_FOR_CURVE = 24;

// fitGrid's working arrays, reused (a grid is fitted several times per take).
let fitBuffers = { xs: new Float64Array(64), ys: new Float64Array(64), inlier: new Uint8Array(64), residuals: new Float64Array(64) };

function workspace(count: number): { xs: Float64Array; ys: Float64Array; inlier: Uint8Array; residuals: Float64Array } {
  if (fitBuffers.xs.length < count) {
    const size = Math.max(count, 2 * fitBuffers.xs.length);
    fitBuffers = { xs: new Float64Array(size), ys: new Float64Array(size), inlier: new Uint8Array(size), residuals: new Float64Array(size) };
  }
  return {
    xs: fitBuffers.xs.subarray(0, count),
    ys: fitBuffers.ys.subarray(0, count),
    inlier: fitBuffers.inlier.subarray(0, count),
    residuals: fitBuffers.residuals.subarray(0, count),
  };
}

function fitCurve(xs: Float64Array, ys: Float64Array, use: Uint8Array): Curve | null {
  let n = 0;
  let sx = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < xs.length; k += 1) {
    if (use[k] !== 1) continue;
    const x = xs[k] ?? 0;
    n += 1;
    sx += x;
    low = Math.min(low, x);
    high = Math.max(high, x);
  }
  if (n < 2 || high <= low) return null;
  const center = sx / n;
  // Normal equations of least squares in (1, x, x^2) around the mean step.
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  for (let k = 0; k < xs.length; k += 1) {
    if (use[k] !== 1) continue;
    const x = (xs[k] ?? 0) - center;
    const y = ys[k] ?? 0;
    const x2 = x * x;
    s2 += x2;
    s3 += x2 * x;
    s4 += x2 * x2;
    t0 += y;
    t1 += x * y;
    t2 += x2 * y;
  }
  // Over a short take a steady drift moves onsets by a few ms only: a straight line is stiffer.
  if (n < 6 || high - low < MIN_STEPS_FOR_CURVE) return straightLine(center, n, s2, t0, t1);
  const solution = gauss([
    [n, 0, s2, t0],
    [0, s2, s3, t1],
    [s2, s3, s4, t2],
  ]);
  if (solution === null) return straightLine(center, n, s2, t0, t1);
  const [intercept, slope, curvature] = solution;
  if (intercept === undefined || slope === undefined || curvature === undefined || !(slope > 0)) return straightLine(center, n, s2, t0, t1);
  // The tempo at both ends must stay positive and within the allowed change.
  const slopeLow = slope + 2 * curvature * (low - center);
  const slopeHigh = slope + 2 * curvature * (high - center);
  if (slopeLow <= 0 || slopeHigh <= 0 || Math.abs(slopeHigh - slopeLow) > MAX_TEMPO_CHANGE * slope) return straightLine(center, n, s2, t0, t1);
  return { center, intercept, slope, curvature };
}

/** The least-squares line in the same centred coordinates, or null for a non-positive slope. */
function straightLine(center: number, n: number, s2: number, t0: number, t1: number): Curve | null {
  const slope = t1 / s2;
  if (!Number.isFinite(slope) || slope <= 0) return null;
  return { center, intercept: t0 / n, slope, curvature: 0 };
}

/** Gauss-Jordan elimination with partial pivoting on an augmented matrix; null when singular. */
function gauss(rows: number[][]): number[] | null {
  const size = rows.length;
  for (let col = 0; col < size; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < size; r += 1) {
      if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[pivot]?.[col] ?? 0)) pivot = r;
    }
    const pivotRow = rows[pivot];
    const current = rows[col];
    if (!pivotRow || !current) return null;
    rows[pivot] = current;
    rows[col] = pivotRow;
    const p = pivotRow[col] ?? 0;
    if (Math.abs(p) < 1e-12) return null;
    for (let r = 0; r < size; r += 1) {
      const row = rows[r];
      if (r === col || !row) continue;
      const factor = (row[col] ?? 0) / p;
      for (let k = col; k <= size; k += 1) row[k] = (row[k] ?? 0) - factor * (pivotRow[k] ?? 0);
    }
  }
  return rows.map((row, r) => (row[size] ?? 0) / (row[r] ?? 1));
}

/**
 * A first guess of the grid before anything is matched: the notes spread evenly from the first
 * onset to the last over the steps they should cover.
 *
 * @example evenGrid(1000, 2000, [0, 4, 8]).predictedMs // [1000, 1500, 2000]
 */
export function evenGrid(firstOnsetMs: number, lastOnsetMs: number, steps: ArrayLike<number>): Grid {
  const first = steps.length > 0 ? at(steps, 0) : 0;
  const last = steps.length > 0 ? at(steps, steps.length - 1) : 0;
  const stepMs = last > first ? Math.max((lastOnsetMs - firstOnsetMs) / (last - first), 1) : 250;
  const predictedMs = new Float64Array(steps.length);
  for (let i = 0; i < steps.length; i += 1) predictedMs[i] = firstOnsetMs + (at(steps, i) - first) * stepMs;
  return { stepMs, sigmaMs: Math.max(0.35 * stepMs, 12), predictedMs };
}

function at(values: ArrayLike<number>, index: number): number {
  return values[index] ?? 0;
}

// Scratch for medians: fitGrid runs several times per take, and a fresh array (plus a full sort)
// each time was a measurable share of recognition. Selection finds the same middle values.
let scratch = new Float64Array(64);

function reserve(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, 2 * scratch.length));
  return scratch;
}

function medianAbs(values: Float64Array, use: Uint8Array): number {
  const picked = reserve(values.length);
  let count = 0;
  for (let k = 0; k < values.length; k += 1) if (use[k] === 1) picked[count++] = Math.abs(values[k] ?? 0);
  return medianInPlace(picked, count);
}

function median(values: ArrayLike<number>): number {
  const picked = reserve(values.length);
  for (let k = 0; k < values.length; k += 1) picked[k] = values[k] ?? 0;
  return medianInPlace(picked, values.length);
}
