import { describe, expect, it } from 'vitest';
import { fingerKey, repeatedNote, trill } from '../../../core/exercises/finger-drills';

describe('finger drills', () => {
  it('trill 3-4 RH alternates E4 and F4 eight times, finger 3 first', () => {
    const e = trill({ hand: 'right', fingers: [4, 3] });
    expect(e.id).toBe('trill-rh-3-4');
    expect(e.notes).toHaveLength(16);
    expect(e.notes.slice(0, 4).map((n) => [n.pitch, n.finger])).toEqual([[64, 3], [65, 4], [64, 3], [65, 4]]);
    expect(e.notes.every((n) => n.run === 0 && n.direction === 'up' && !n.crossing)).toBe(true);
  });

  it('non-adjacent pairs span their fingers: LH 1-5 is G3 against C3', () => {
    const e = trill({ hand: 'left', fingers: [1, 5], alternations: 3 });
    expect(e.notes.map((n) => n.pitch)).toEqual([55, 48, 55, 48, 55, 48]);
    expect(fingerKey('right', 5) - fingerKey('right', 1)).toBe(7);
    expect(() => trill({ hand: 'left', fingers: [2, 2] })).toThrow(RangeError);
  });

  it('repeated note: one finger, one key, 16 strikes on consecutive steps', () => {
    const e = repeatedNote({ hand: 'right', finger: 4 });
    expect(e.id).toBe('repeated-rh-4');
    expect(new Set(e.notes.map((n) => n.pitch))).toEqual(new Set([65]));
    expect(e.notes.map((n) => n.step)).toEqual([...Array(16).keys()]);
    expect(repeatedNote({ hand: 'left', finger: 2, count: 5 }).notes.map((n) => n.pitch)).toEqual([53, 53, 53, 53, 53]);
  });
});
