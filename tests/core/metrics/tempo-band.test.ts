import { describe, expect, it } from 'vitest';
import { recognize } from '../../../core/align/recognize';
import { getExercise } from '../../../core/exercises';
import { compareRepetitions } from '../../../core/metrics/repetitions';
import { tempoBand } from '../../../core/metrics/tempo-band';
import { performRepetitions } from '../../support/performer';

describe('tempo bands', () => {
  it('are 1.25 wide from 40 bpm, labelled in bpm', () => {
    expect(tempoBand(100)).toEqual({ index: 4, lowBpm: 98, highBpm: 122, label: '98-122 bpm' });
    expect(tempoBand(60).index).not.toBe(tempoBand(120).index);
    expect(tempoBand(96).index).toBe(tempoBand(80).index);
    expect(tempoBand(10).label).toBe('under 50 bpm');
    expect(tempoBand(Number.NaN).index).toBe(0);
  });

  it('repetitions pool only the same exercise, hand and tempo band', () => {
    const rh = getExercise('scale-c-major-rh-1oct');
    const lh = getExercise('scale-c-major-lh-1oct');
    if (!rh || !lh) throw new Error('missing exercise');
    const slow = performRepetitions(rh, 2, { seed: 1, bpm: 60, startMs: 1000 }).notes;
    const fast = performRepetitions(rh, 2, { seed: 2, bpm: 120, startMs: 40_000 }).notes;
    const left = performRepetitions(lh, 2, { seed: 3, bpm: 60, startMs: 80_000 }).notes;
    const { takes } = recognize([...slow, ...fast, ...left]);
    const groups = compareRepetitions(takes);
    expect(groups.map((g) => [g.exerciseId, g.exerciseHands, g.takes, g.tempoBand])).toEqual([
      ['scale-c-major-rh-1oct', 'right', 2, tempoBand(60).label],
      ['scale-c-major-rh-1oct', 'right', 2, tempoBand(120).label],
      ['scale-c-major-lh-1oct', 'left', 2, tempoBand(60).label],
    ]);
  });
});
