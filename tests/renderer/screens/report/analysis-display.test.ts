// What the analysis view shows: direction filter, repetitions per finger, readable evidence.
import { describe, expect, it } from 'vitest';
import type { AnalysisFinger, AnalysisRepetitions, AnalysisTake } from '../../../../core/api/analysis';
import { directionsOf, evidenceRows, fingerRows, pitchName, repetitionFingers } from '../../../../renderer/screens/report/analysis-display';

const finger = (f: 1 | 2 | 3 | 4 | 5, count: number): AnalysisFinger => ({
  hand: 'right',
  finger: f,
  count,
  onsetDeviationMs: { mean: 0, sd: 5 },
  velocity: { mean: 70, sd: 4, cv: 4 / 70 },
  durationMs: { mean: 180 },
  legatoOverlapMs: { mean: 10 },
});

const take = {
  fingers: [finger(1, 8), finger(2, 6)],
  fingersByDirection: [
    { ...finger(1, 4), direction: 'up' as const },
    { ...finger(2, 3), direction: 'up' as const },
    { ...finger(1, 4), direction: 'down' as const },
  ],
} as unknown as AnalysisTake;

describe('fingerRows', () => {
  it('shows both directions from fingers and one direction from fingersByDirection', () => {
    expect(fingerRows(take, 'both').map((r) => r.count)).toEqual([8, 6]);
    expect(fingerRows(take, 'up').map((r) => [r.finger, r.count])).toEqual([[1, 4], [2, 3]]);
    expect(fingerRows(take, 'down').map((r) => [r.finger, r.count])).toEqual([[1, 4]]);
    expect(directionsOf(take)).toEqual(['up', 'down']);
    expect(directionsOf({ ...take, fingersByDirection: [] })).toEqual([]);
  });
});

describe('repetitionFingers', () => {
  it('is the root mean square per finger over positions measured in two or more takes', () => {
    const pos = (finger: 1 | 4, irregularityMs: number, instabilityMs: number, count = 3) => ({
      index: 0, hand: 'right' as const, finger, direction: 'up' as const, position: 0, count, irregularityMs, instabilityMs,
    });
    const repetition: AnalysisRepetitions = {
      exerciseId: 'scale-c-major-rh-2oct',
      takes: 3,
      hands: [],
      positions: [pos(4, 3, 6), pos(4, 4, 8), pos(1, 2, 2), pos(1, 99, 99, 1)],
    };
    const rows = repetitionFingers(repetition);
    expect(rows.map((r) => [r.finger, r.positions])).toEqual([[1, 1], [4, 2]]);
    expect(rows[1]?.irregularityMs).toBeCloseTo(Math.sqrt((9 + 16) / 2), 10);
    expect(rows[1]?.instabilityMs).toBeCloseTo(Math.sqrt((36 + 64) / 2), 10);
    expect(rows[0]).toMatchObject({ irregularityMs: 2, instabilityMs: 2 });
  });
});

describe('evidenceRows', () => {
  it('labels every evidence number readably, in order, with units and note names', () => {
    expect(evidenceRows({ deviationMs: 41.26, normMs: 2, thresholdMs: 30, position: 12, pitch: 65, bySilence: 1, meanVelocity: 41.5 })).toEqual([
      { label: 'deviation', value: '41.3 ms' },
      { label: 'finger norm', value: '2.0 ms' },
      { label: 'threshold', value: '30.0 ms' },
      { label: 'position in exercise', value: '12' },
      { label: 'pitch', value: 'F4 (65)' },
      { label: 'how', value: 'found by a silence in the run' },
      { label: 'mean velocity', value: '41.5' },
    ]);
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(21)).toBe('A0');
  });
});
