// The one tempo band (core/drift/tempo.ts) as repetitions use it: a session's takes of one
// exercise are pooled only within +-7.5 % of their group's median tempo, by the same rule drift
// opens its bands with.
import { describe, expect, it } from 'vitest';
import { recognize } from '../../../core/align/recognize';
import { computeDrift } from '../../../core/drift/engine';
import { pointAt } from '../../../core/drift/points';
import { TEMPO_BAND_HALF_WIDTH, groupByTempoBand, tempoBandLabel } from '../../../core/drift/tempo';
import { getExercise } from '../../../core/exercises';
import { compareRepetitions } from '../../../core/metrics/repetitions';
import { simulatePianist } from '../../support/longitudinal';
import { performRepetitions } from '../../support/performer';

describe('the tempo band', () => {
  it('groups greedily: a tempo joins the first group whose median it is within +-7.5 % of', () => {
    expect(groupByTempoBand([8, 8.2, 6, 7.9])).toEqual([{ members: [0, 1, 3], centre: 8 }, { members: [2], centre: 6 }]);
    // 8.7 is 8.75 % above 8: a band of its own; 8.5 joins the first band.
    expect(groupByTempoBand([8, 8.7, 8.5]).map((g) => g.members)).toEqual([[0, 2], [1]]);
    const edge = 8 * (1 + TEMPO_BAND_HALF_WIDTH);
    expect(groupByTempoBand([8, edge - 1e-9]).length).toBe(1);
    expect(groupByTempoBand([8, edge + 1e-6]).length).toBe(2);
  });

  it('keeps takes without a tempo in a group of their own, and labels bands in notes/s', () => {
    const groups = groupByTempoBand([Number.NaN, 8, 0, 8.1]);
    expect(groups.map((g) => g.members)).toEqual([[0, 2], [1, 3]]);
    expect(Number.isNaN(groups[0]?.centre)).toBe(true);
    expect(tempoBandLabel(8)).toBe('7.4-8.6 notes/s');
    expect(tempoBandLabel(Number.NaN)).toBe('tempo unknown');
  });

  it('is the band drift pools a session\'s takes in', () => {
    const [session] = simulatePianist({ seed: 5, sessions: 1, takesPerSession: [4, 4], badDayRate: 0 }).sessions;
    if (!session) throw new Error('no session');
    const tempos = [8, 8.5, 9.3, 8.1];
    const right = session.takes.filter((t) => t.exercise.hands === 'right').slice(0, 1);
    const takes = tempos.map((notesPerSecond) => ({ ...(right[0] as (typeof session.takes)[number]), notesPerSecond }));
    const drift = computeDrift([{ ...session, takes }]);
    const bands = new Map(drift.series.map((s) => [s.band.id, s.band.centre]));
    const groups = groupByTempoBand(tempos);
    expect([...bands.values()].sort()).toEqual(groups.map((g) => g.centre).sort());
    const series = drift.series.find((s) => s.metric === 'onset-mean' && s.direction === 'up' && s.band.id === 't1');
    expect((series ? pointAt(series.points, 0) : undefined)?.takes).toBe(groups[0]?.members.length);
  });
});

describe('repetitions', () => {
  const rh = getExercise('scale-c-major-rh-1oct');
  const lh = getExercise('scale-c-major-lh-1oct');
  if (!rh || !lh) throw new Error('missing exercise');

  it('pool only the same exercise, hand and tempo band', () => {
    const slow = performRepetitions(rh, 2, { seed: 1, bpm: 60, startMs: 1000 }).notes;
    const fast = performRepetitions(rh, 2, { seed: 2, bpm: 120, startMs: 40_000 }).notes;
    const left = performRepetitions(lh, 2, { seed: 3, bpm: 60, startMs: 80_000 }).notes;
    const { takes } = recognize([...slow, ...fast, ...left]);
    const groups = compareRepetitions(takes);
    expect(groups.map((g) => [g.exerciseId, g.exerciseHands, g.takes])).toEqual([
      ['scale-c-major-rh-1oct', 'right', 2],
      ['scale-c-major-rh-1oct', 'right', 2],
      ['scale-c-major-lh-1oct', 'left', 2],
    ]);
    // Labels in notes/s around each group's median tempo (60 bpm sixteenths = 4 notes/s).
    expect(groups[0]?.tempoBand).toMatch(/^3\.\d-4\.\d notes\/s$/);
    expect(groups[1]?.tempoBand).toMatch(/^7\.\d-8\.\d notes\/s$/);
  });

  it('pool 116 and 124 bpm (within +-7.5 %) but not 100 and 120 bpm (which one 1.25-wide bin used to pool)', () => {
    const at = (bpm: number, seed: number, startMs: number) => performRepetitions(rh, 1, { seed, bpm, startMs }).notes;
    const near = compareRepetitions(recognize([...at(116, 4, 1000), ...at(124, 5, 30_000)]).takes);
    expect(near.map((g) => g.takes)).toEqual([2]);
    const apart = compareRepetitions(recognize([...at(100, 6, 1000), ...at(120, 7, 30_000)]).takes);
    expect(apart.map((g) => g.takes)).toEqual([1, 1]);
  });
});
