import { describe, expect, it } from 'vitest';
import { fitLine, predict, residual } from '../../../core/metrics/line-fit';

describe('fitLine', () => {
  it('recovers an exact line', () => {
    const fit = fitLine([0, 1, 2, 3], [1000, 1125, 1250, 1375]);
    expect(fit.slope).toBeCloseTo(125, 10);
    expect(predict(fit, 4)).toBeCloseTo(1500, 10);
  });

  it('leaves residuals that sum to zero and are uncorrelated with x', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [0, 130, 245, 380, 500];
    const fit = fitLine(xs, ys);
    const r = xs.map((x, i) => residual(fit, x, ys[i] ?? 0));
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    expect(r.reduce((a, v, i) => a + v * (xs[i] ?? 0), 0)).toBeCloseTo(0, 9);
  });

  it('fits the mean when all x are equal, and is empty-safe', () => {
    const fit = fitLine([3, 3, 3], [10, 20, 30]);
    expect(fit.slope).toBe(0);
    expect(predict(fit, 3)).toBe(20);
    expect(fitLine([], []).count).toBe(0);
  });

  it('keeps millisecond residuals exact on onsets a month into the clock', () => {
    const base = 2.6e9;
    const fit = fitLine([0, 1, 2], [base, base + 125 + 3, base + 250]);
    expect(residual(fit, 1, base + 128)).toBeCloseTo(2, 6);
  });
});
