/**
 * Small, numerically careful statistics used by every metric: two-pass mean and SD (shifted by the
 * first value so huge timestamps do not eat the precision of small differences), median, and the
 * scaled median absolute deviation. Empty or one-value samples give 0, never NaN; non-finite
 * values are ignored so one bad number cannot poison a whole take.
 */
import { medianInPlace } from '../numeric/median';
import type { MeanSd } from './types';

/** MAD times this estimates the SD of a normal sample (1 / Phi^-1(3/4)). */
export const MAD_TO_SD = 1.4826;

/** The empty summary: no values, mean 0, SD 0. */
export const EMPTY_MEAN_SD: MeanSd = { count: 0, mean: 0, sd: 0 };

/**
 * Count, mean and sample SD (n - 1) of the finite values; SD is 0 below two values.
 *
 * @example meanSd([1, 2, 3]) // { count: 3, mean: 2, sd: 1 }
 */
export function meanSd(values: readonly number[]): MeanSd {
  return meanSdOf(values, identity);
}

/**
 * meanSd of pick(item) over the items whose pick is a finite number (null skips an item), without
 * building an intermediate array.
 *
 * @example meanSdOf([{ v: 1 }, { v: null }, { v: 3 }], (x) => x.v) // { count: 2, mean: 2, sd: 1.414... }
 */
export function meanSdOf<T>(items: readonly T[], pick: (item: T) => number | null): MeanSd {
  let count = 0;
  let shift = 0;
  let sum = 0;
  const n = items.length;
  for (let i = 0; i < n; i += 1) {
    const value = pick(items[i] as T);
    if (value === null || !Number.isFinite(value)) continue;
    if (count === 0) shift = value;
    sum += value - shift;
    count += 1;
  }
  if (count === 0) return EMPTY_MEAN_SD;
  const shiftedMean = sum / count;
  if (count === 1) return { count, mean: finiteOr0(shift + shiftedMean), sd: 0 };
  // Second pass around the mean: no catastrophic cancellation, unlike sum-of-squares formulas.
  let squares = 0;
  let residual = 0;
  for (let i = 0; i < n; i += 1) {
    const value = pick(items[i] as T);
    if (value === null || !Number.isFinite(value)) continue;
    const d = value - shift - shiftedMean;
    squares += d * d;
    residual += d;
  }
  const variance = Math.max(0, (squares - (residual * residual) / count) / (count - 1));
  return { count, mean: finiteOr0(shift + shiftedMean), sd: finiteOr0(Math.sqrt(variance)) };
}

function identity(value: number): number {
  return value;
}

/**
 * Median of the finite values; 0 for none.
 *
 * @example median([5, 1, 3]) // 3
 */
export function median(values: readonly number[]): number {
  const buffer = scratch(values.length);
  let n = 0;
  // Indexed loops here and below: the callers pass arrays of every element kind, and for-of over
  // such a mix fell back to the iterator protocol (an object per value).
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k] ?? Number.NaN;
    if (Number.isFinite(value)) buffer[n++] = value;
  }
  return medianInPlace(buffer, n);
}

// One reusable buffer: medians are taken many times per take, on a few dozen values each, and
// allocating a copy every time dominated the cost. Single-threaded use only (as all of core).
let scratchBuffer = new Float64Array(256);

function scratch(size: number): Float64Array {
  if (scratchBuffer.length < size) scratchBuffer = new Float64Array(Math.max(size, scratchBuffer.length * 2));
  return scratchBuffer;
}

/**
 * Median absolute deviation from `center` (default: the median), scaled by 1.4826 so that it
 * estimates the SD of normal data while ignoring outliers.
 *
 * @example scaledMad([1, 2, 3, 4, 100]) // 1.4826
 */
export function scaledMad(values: readonly number[], center: number = median(values)): number {
  const buffer = scratch(values.length);
  let n = 0;
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k] ?? Number.NaN;
    if (Number.isFinite(value)) buffer[n++] = Math.abs(value - center);
  }
  return MAD_TO_SD * medianInPlace(buffer, n);
}

/**
 * Mean of finite values, 0 for none.
 *
 * @example mean([1, 2, 6]) // 3
 */
export function mean(values: readonly number[]): number {
  return meanSd(values).mean;
}

/**
 * Coefficient of variation sd / mean; 0 when the mean is 0 (no division by zero).
 *
 * @example coefficientOfVariation({ count: 2, mean: 70, sd: 7 }) // 0.1
 */
export function coefficientOfVariation(summary: MeanSd): number {
  return summary.mean > 0 && Number.isFinite(summary.sd / summary.mean) ? summary.sd / summary.mean : 0;
}

/**
 * Replaces any non-finite number (which only overflow could produce) by 0.
 *
 * @example finiteOr0(Infinity) // 0
 */
export function finiteOr0(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

