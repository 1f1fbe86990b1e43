import { describe, expect, it } from 'vitest';
import { evenGrid, fitGrid, offsetGrid } from '../../../core/align/grid';

describe('fitGrid', () => {
  it('recovers a steady tempo and predicts further steps', () => {
    const steps = [0, 1, 2, 3, 4, 5, 6, 7];
    const grid = fitGrid(steps, steps.map((s) => 1000 + 125 * s), [8, 10]);
    expect(grid?.stepMs).toBeCloseTo(125, 6);
    expect(grid?.predictedMs[0]).toBeCloseTo(2000, 6);
    expect(grid?.predictedMs[1]).toBeCloseTo(2250, 6);
  });

  it('follows a steady tempo drift (accelerando)', () => {
    const steps = Array.from({ length: 40 }, (_, s) => s);
    // Step length shrinks from 125 ms to 115 ms over the take.
    const onsets = steps.map((s) => 1000 + 125 * s - (10 / 2) * (s * s) / 39);
    const grid = fitGrid(steps, onsets, steps);
    expect(grid).not.toBeNull();
    steps.forEach((s) => expect(Math.abs((grid?.predictedMs[s] ?? 0) - (onsets[s] ?? 0))).toBeLessThan(0.5));
  });

  it('is not pulled off by an anchor matched one step wrong', () => {
    const steps = Array.from({ length: 20 }, (_, s) => s);
    const onsets = steps.map((s) => 500 + 100 * s);
    onsets[10] = 500 + 100 * 11; // matched to the wrong step
    const grid = fitGrid(steps, onsets, [10]);
    expect(grid?.predictedMs[0]).toBeCloseTo(1500, 0);
  });

  it('needs two anchors', () => {
    expect(fitGrid([0], [100], [1])).toBeNull();
    expect(fitGrid([3, 3], [100, 110], [1])).toBeNull();
  });

  it('keeps the timing spread between sensible bounds', () => {
    const steps = Array.from({ length: 30 }, (_, s) => s);
    const grid = fitGrid(steps, steps.map((s) => 125 * s + (s % 2 === 0 ? 5 : -5)), steps);
    expect(grid?.sigmaMs).toBeGreaterThanOrEqual(12);
    expect(grid?.sigmaMs).toBeLessThanOrEqual(0.45 * 125 + 1e-9);
  });
});

describe('evenGrid', () => {
  it('spreads the steps evenly between the first and last onset', () => {
    const grid = evenGrid(1000, 2000, [0, 4, 8]);
    expect([...grid.predictedMs]).toEqual([1000, 1500, 2000]);
    expect(grid.stepMs).toBe(125);
  });
});

describe('offsetGrid', () => {
  it('places a known step by the median offset of a few anchors', () => {
    const grid = offsetGrid([5, 6, 7], [2003, 2125, 2400], 125, [8, 9]);
    expect(grid?.stepMs).toBe(125);
    // Offsets 1378, 1375, 1525: the median ignores the late third note.
    expect([...(grid?.predictedMs ?? [])]).toEqual([2378, 2503]);
  });

  it('needs an anchor and a positive step', () => {
    expect(offsetGrid([], [], 125, [0])).toBeNull();
    expect(offsetGrid([0], [1000], 0, [0])).toBeNull();
  });
});
