import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from '../../../core/align/costs';
import { alignSpan } from '../../../core/align/span';
import type { SpanProblem } from '../../../core/align/span';

function problem(expectedPitch: number[], expectedStep: number[], played: [number, number][], stepMs = 125): SpanProblem {
  return {
    expectedPitch,
    expectedStep,
    predictedMs: expectedStep.map((s) => s * stepMs),
    playedPitch: played.map(([pitch]) => pitch),
    playedOnset: played.map(([, onset]) => onset),
    sigmaMs: 25,
    windowMs: 3 * stepMs,
    costs: DEFAULT_COSTS,
  };
}

describe('alignSpan', () => {
  it('matches a clean performance one to one', () => {
    const result = alignSpan(problem([60, 62, 64, 65], [0, 1, 2, 3], [[60, 3], [62, 126], [64, 247], [65, 380]]));
    expect([...result.pairs]).toEqual([0, 1, 2, 3]);
    expect(result.extras).toEqual([]);
  });

  it('reads a missed, an extra and a wrong note', () => {
    // 62 missed, 70 extra between 64 and 65, 67 played as 68.
    const played: [number, number][] = [[60, 0], [64, 250], [70, 300], [65, 375], [68, 500]];
    const result = alignSpan(problem([60, 62, 64, 65, 67], [0, 1, 2, 3, 4], played));
    expect([...result.pairs]).toEqual([0, -1, 1, 3, 4]);
    expect(result.extras).toEqual([2]);
  });

  it('uses timing to place repeated pitches: a missed note leaves the right slot empty', () => {
    const expected = [60, 60, 60, 60, 60, 60];
    const played: [number, number][] = [[60, 0], [60, 125], [60, 375], [60, 500], [60, 625]];
    const result = alignSpan(problem(expected, [0, 1, 2, 3, 4, 5], played));
    expect([...result.pairs]).toEqual([0, 1, -1, 2, 3, 4]);
  });

  it('matches both hands on one step in either order', () => {
    // Left 48 / right 60 on step 0, left 50 / right 62 on step 1; the right hand came first both times.
    const played: [number, number][] = [[60, 0], [48, 12], [62, 120], [50, 131]];
    const result = alignSpan(problem([48, 60, 50, 62], [0, 0, 1, 1], played));
    expect([...result.pairs]).toEqual([1, 0, 3, 2]);
  });

  it('computes a band, not the whole table', () => {
    const length = 400;
    const expected = Array.from({ length }, (_, i) => 60 + (i % 12));
    const played: [number, number][] = expected.map((pitch, i) => [pitch, i * 125]);
    const result = alignSpan(problem(expected, expected.map((_, i) => i), played));
    expect(result.cells).toBeLessThan(12 * length);
    expect([...result.pairs]).toEqual(expected.map((_, i) => i));
  });
});
