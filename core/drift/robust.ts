/**
 * Small robust statistics for baselines: median, a winsorised SD that one bad baseline day cannot
 * inflate, and the normal quantile used to split the false-alarm budget.
 */

/**
 * Median of a list (mean of the two middle values for even counts); NaN for an empty list.
 *
 * @example median([3, 1, 2]) // => 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * SD (n - 1) after winsorising at median +- 3 x 1.4826 x MAD: as efficient as the SD on clean
 * data, but one wild baseline session is pulled in to the fence instead of inflating the scale.
 * 0 for fewer than two values.
 *
 * @example winsorizedSd([10, 11, 9, 10, 60]) // far below the plain SD (22)
 */
export function winsorizedSd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const centre = median(values);
  const mad = 1.4826 * median(values.map((v) => Math.abs(v - centre)));
  const fence = 3 * mad;
  const clipped = fence > 0 ? values.map((v) => Math.min(centre + fence, Math.max(centre - fence, v))) : [...values];
  const mean = clipped.reduce((sum, v) => sum + v, 0) / clipped.length;
  const variance = clipped.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (clipped.length - 1);
  return Math.sqrt(variance);
}

const [a0, a1, a2, a3, a4, a5] = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const [b0, b1, b2, b3, b4] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const [c0, c1, c2, c3, c4, c5] = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const [d0, d1, d2, d3] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 *
 * @example normalQuantile(0.975) // => 1.959963...
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
