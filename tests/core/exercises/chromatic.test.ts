import { describe, expect, it } from 'vitest';
import { chromatic, chromaticFingers } from '../../../core/exercises/chromatic';

describe('chromatic', () => {
  it('RH: 3 on black keys, 1 on white, 2 on F and C after E and B', () => {
    const e = chromatic({ hands: 'right', octaves: 1 });
    expect(e.id).toBe('chromatic-rh-1oct');
    expect(e.notes.slice(0, 13).map((n) => n.finger).join('')).toBe('1313123131312');
    expect(e.notes.map((n) => n.pitch)).toEqual([...Array.from({ length: 13 }, (_, i) => 60 + i), ...Array.from({ length: 12 }, (_, i) => 71 - i)]);
  });

  it('LH: 2 on E and B, mirror of the right hand', () => {
    const pitches = Array.from({ length: 13 }, (_, i) => 48 + i);
    expect(chromaticFingers(pitches, 'left').join('')).toBe('1313213131321');
  });

  it('descending reverses ascending; both hands an octave apart; 4 octaves stay on the keyboard', () => {
    const e = chromatic({ hands: 'both', octaves: 4 });
    const right = e.notes.filter((n) => n.hand === 'right');
    expect(Math.max(...right.map((n) => n.pitch))).toBe(108);
    const up = right.slice(0, 49).map((n) => n.finger);
    expect(right.slice(48).map((n) => n.finger)).toEqual([...up].reverse());
  });
});
