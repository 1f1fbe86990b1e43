import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, meanSd, median, scaledMad } from '../../../core/metrics/stats';

describe('meanSd', () => {
  it('gives the sample mean and SD (n - 1)', () => {
    expect(meanSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ count: 8, mean: 5, sd: Math.sqrt(32 / 7) });
  });

  it('gives 0, not NaN, for empty and one-value samples', () => {
    expect(meanSd([])).toEqual({ count: 0, mean: 0, sd: 0 });
    expect(meanSd([42])).toEqual({ count: 1, mean: 42, sd: 0 });
  });

  it('ignores non-finite values', () => {
    expect(meanSd([1, Number.NaN, 3, Infinity, -Infinity])).toEqual({ count: 2, mean: 2, sd: Math.SQRT2 });
  });

  it('keeps small spreads exact on huge offsets (timestamps hours into a session)', () => {
    const offset = 3.6e9; // 1000 hours in ms
    const summary = meanSd([offset + 1, offset + 2, offset + 3]);
    expect(summary.mean - offset).toBeCloseTo(2, 6);
    expect(summary.sd).toBeCloseTo(1, 6);
  });

  it('is stable over a long take (100,000 values)', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 1e9 + (i % 2 === 0 ? -3 : 3));
    const summary = meanSd(values);
    expect(summary.sd).toBeCloseTo(3, 4);
    expect(summary.mean - 1e9).toBeCloseTo(0, 6);
  });
});

describe('median and scaledMad', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('agrees with a sort-based median on random samples with ties, any length', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    for (let trial = 0; trial < 500; trial += 1) {
      const n = Math.floor(next() * 300);
      const values = Array.from({ length: n }, () => Math.round(next() * 20) - 10 + (next() < 0.1 ? 1e9 : 0));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n === 0 ? 0 : n % 2 === 1 ? sorted[n >> 1] : ((sorted[(n >> 1) - 1] ?? 0) + (sorted[n >> 1] ?? 0)) / 2;
      expect(median(values)).toBe(expected);
    }
  });

  it('scales the MAD to estimate a normal SD and ignores one outlier', () => {
    expect(scaledMad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 6);
    expect(scaledMad([])).toBe(0);
  });
});

describe('coefficientOfVariation', () => {
  it('is sd / mean, and 0 when the mean is 0', () => {
    expect(coefficientOfVariation({ count: 2, mean: 70, sd: 7 })).toBeCloseTo(0.1, 12);
    expect(coefficientOfVariation({ count: 0, mean: 0, sd: 0 })).toBe(0);
  });
});
