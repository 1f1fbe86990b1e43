/**
 * Least-squares straight line y = a + b x, fitted around the means of x and y so that large
 * timestamps (hours into a session, in ms) keep full precision in the residuals.
 */

export interface LineFit {
  /** Mean of x and of y: the line passes through (x0, y0). */
  readonly x0: number;
  readonly y0: number;
  /** dy/dx; 0 when all x are equal (the fit is then the mean). */
  readonly slope: number;
  /** Points used. */
  readonly count: number;
}

/**
 * Fits a least-squares line to the points (xs[i], ys[i]); both arrays have the same length.
 *
 * @example fitLine([0, 1, 2], [10, 20, 30]).slope // 10
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { x0: 0, y0: 0, slope: 0, count: 0 };
  // Shift by the first point before averaging, then centre: two passes, no cancellation.
  const xShift = xs[0] ?? 0;
  const yShift = ys[0] ?? 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i += 1) {
    sx += (xs[i] ?? xShift) - xShift;
    sy += (ys[i] ?? yShift) - yShift;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] ?? xShift) - xShift - mx;
    const dy = (ys[i] ?? yShift) - yShift - my;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  const slope = sxx > 0 && Number.isFinite(sxy / sxx) ? sxy / sxx : 0;
  return { x0: xShift + mx, y0: yShift + my, slope, count: n };
}

/**
 * The line's value at x.
 *
 * @example predict(fitLine([0, 1], [10, 20]), 3) // 40
 */
export function predict(fit: LineFit, x: number): number {
  return fit.y0 + fit.slope * (x - fit.x0);
}

/**
 * y minus the line at x, computed from the centred terms so it stays exact for large y.
 *
 * @example residual(fitLine([0, 1, 2], [0, 10, 26]), 1, 10) // -2
 */
export function residual(fit: LineFit, x: number, y: number): number {
  return y - fit.y0 - fit.slope * (x - fit.x0);
}
