/**
 * Small, numerically careful statistics used by every metric: two-pass mean and SD (shifted by the
 * first value so huge timestamps do not eat the precision of small differences), median, and the
 * scaled median absolute deviation. Empty or one-value samples give 0, never NaN; non-finite
 * values are ignored so one bad number cannot poison a whole take.
 */
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
  let count = 0;
  let shift = 0;
  let sum = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (count === 0) shift = value;
    sum += value - shift;
    count += 1;
  }
  if (count === 0) return EMPTY_MEAN_SD;
  const shiftedMean = sum / count;
  // Second pass around the mean: no catastrophic cancellation, unlike sum-of-squares formulas.
  let squares = 0;
  let residual = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const d = value - shift - shiftedMean;
    squares += d * d;
    residual += d;
  }
  const variance = count > 1 ? Math.max(0, (squares - (residual * residual) / count) / (count - 1)) : 0;
  return finiteMeanSd(count, shift + shiftedMean, Math.sqrt(variance));
}

/**
 * Median of the finite values; 0 for none.
 *
 * @example median([5, 1, 3]) // 3
 */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  const upper = sorted[mid] ?? 0;
  return n % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/**
 * Median absolute deviation from `center` (default: the median), scaled by 1.4826 so that it
 * estimates the SD of normal data while ignoring outliers.
 *
 * @example scaledMad([1, 2, 3, 4, 100]) // 1.4826
 */
export function scaledMad(values: readonly number[], center: number = median(values)): number {
  const deviations = values.filter(Number.isFinite).map((value) => Math.abs(value - center));
  return MAD_TO_SD * median(deviations);
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

/** Replaces any non-finite number (which only overflow could produce) by 0. */
export function finiteOr0(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function finiteMeanSd(count: number, meanValue: number, sd: number): MeanSd {
  return { count, mean: finiteOr0(meanValue), sd: finiteOr0(sd) };
}
