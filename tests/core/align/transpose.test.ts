import { describe, expect, it } from 'vitest';
import { transposed, transpositionOf } from '../../../core/align/transpose';
import { getExercise } from '../../../core/exercises';

describe('transposed', () => {
  const scale = getExercise('scale-c-major-rh-1oct');
  if (!scale) throw new Error('missing exercise');

  it('moves every pitch and keeps id and fingering', () => {
    const up = transposed(scale, 12);
    expect(up?.id).toBe(scale.id);
    expect(up?.notes.map((n) => n.pitch)).toEqual(scale.notes.map((n) => n.pitch + 12));
    expect(up?.notes.map((n) => n.finger)).toEqual(scale.notes.map((n) => n.finger));
    expect(transpositionOf(up ?? scale)).toBe(12);
    expect(transpositionOf(scale)).toBe(0);
  });

  it('returns the same copy each time, the exercise itself for 0, and null off the MIDI range', () => {
    expect(transposed(scale, -12)).toBe(transposed(scale, -12));
    expect(transposed(scale, 0)).toBe(scale);
    expect(transposed(scale, 60)).toBeNull();
  });
});
