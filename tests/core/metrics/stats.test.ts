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

  it('agrees between the small-sample and the large-sample sort', () => {
    const values = Array.from({ length: 101 }, (_, i) => ((i * 7919) % 101) - 50.5);
    expect(median(values)).toBe(-0.5);
    expect(median(values.slice(0, 31))).toBe([...values.slice(0, 31)].sort((a, b) => a - b)[15]);
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
