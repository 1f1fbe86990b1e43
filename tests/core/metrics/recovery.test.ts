/**
 * Per-finger bias and jitter recovered from ~200-note takes (the validation of docs/metrics.md):
 * the mean over 1,000 takes per hand of each finger's mean deviation is within 0.5 ms of its exact
 * expectation after the per-run line fit, and the root mean of the within-take variances within
 * 10 % of the expected SD. scripts/validate-metrics.ts prints the table.
 */
import { describe, expect, it } from 'vitest';
import { scale } from '../../../core/exercises/scale';
import { expectedDeviationStats, longScale, recoverBiasAndJitter } from '../../support/metrics-validation';

describe('recovery of per-finger timing bias and jitter', () => {
  const rows = recoverBiasAndJitter({ takes: 1000, seed: 11 });

  it('covers every finger of both hands with ~200-note takes', () => {
    expect(longScale('right').notes.length).toBeGreaterThanOrEqual(195);
    expect(rows.map((r) => `${r.hand}-${r.finger}`)).toEqual(['right-1', 'right-2', 'right-3', 'right-4', 'right-5', 'left-1', 'left-2', 'left-3', 'left-4', 'left-5']);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('row %i: bias within 0.5 ms and SD within 10 %%', (k) => {
    const row = rows[k];
    expect(row).toBeDefined();
    if (!row) return;
    expect(Math.abs(row.recoveredBiasMs - row.expectedBiasMs)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(row.recoveredSdMs - row.expectedSdMs)).toBeLessThanOrEqual(0.1 * row.expectedSdMs);
  });

  it('the expectation reduces to the plain parameters when every finger plays alike', () => {
    // Equal bias and jitter: the line absorbs the bias entirely, and the residual variance is
    // jitter^2 (1 - h_ii) on average, i.e. jitter^2 (n - 2) / n per run.
    const exercise = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 1, bpm: 120, subdivision: 4 });
    const stats = expectedDeviationStats(exercise, { seed: 1, style: { biasMs: 7, jitterMs: 10 } });
    for (const value of stats.values()) expect(Math.abs(value.mean)).toBeLessThan(1e-9);
    const thumb = stats.get(1);
    expect(thumb?.variance).toBeGreaterThan(70);
    expect(thumb?.variance).toBeLessThan(100);
  });
});
