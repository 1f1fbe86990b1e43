import { describe, expect, it } from 'vitest';
import { fiveFinger } from '../../../core/exercises/five-finger';

describe('five-finger patterns', () => {
  it('D minor RH: D E F G A up and down with 1-5 / 5-1', () => {
    const e = fiveFinger({ key: 'D', mode: 'minor', hands: 'right' });
    expect(e.id).toBe('five-finger-d-minor-rh');
    expect(e.notes.map((n) => n.pitch)).toEqual([62, 64, 65, 67, 69, 67, 65, 64, 62]);
    expect(e.notes.map((n) => n.finger).join('')).toBe('123454321');
    expect(e.notes.some((n) => n.crossing)).toBe(false);
  });

  it('Eb major hands together: LH an octave below with 5-1', () => {
    const e = fiveFinger({ key: 'Eb', mode: 'major', hands: 'both' });
    const left = e.notes.filter((n) => n.hand === 'left');
    expect(left.map((n) => n.pitch)).toEqual([51, 53, 55, 56, 58, 56, 55, 53, 51]);
    expect(left.map((n) => n.finger).join('')).toBe('543212345');
  });
});
