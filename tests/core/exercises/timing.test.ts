import { describe, expect, it } from 'vitest';
import { clinicalScale } from '../../../core/exercises/clinical';
import { scale } from '../../../core/exercises/scale';
import { nominalOnsetMs, stepMs } from '../../../core/exercises/timing';

describe('grid timing', () => {
  it('clinical preset: 125 ms per sixteenth at 120 bpm', () => {
    const e = clinicalScale('right');
    expect(stepMs(e)).toBe(125);
    const note = e.notes[3];
    expect(note && nominalOnsetMs(e, note, 1000)).toBe(1375);
    const last = e.notes[e.notes.length - 1];
    expect(last && nominalOnsetMs(e, last, 0)).toBe(28 * 125);
  });

  it('tempo can be overridden; hands together share onsets', () => {
    const e = scale({ key: 'G', mode: 'major', hands: 'both', octaves: 1 });
    const [l, r] = [e.notes[4], e.notes[5]];
    expect(l?.hand).toBe('left');
    expect(r?.hand).toBe('right');
    expect(l && r && nominalOnsetMs(e, l, 0, 60)).toBe(r && nominalOnsetMs(e, r, 0, 60));
    expect(l && nominalOnsetMs(e, l, 500, 60)).toBe(500 + 2 * 250);
  });
});
