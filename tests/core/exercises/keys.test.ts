import { describe, expect, it } from 'vitest';
import { isBlackKey, keyToken, rightHandTonic, scaleSemitones } from '../../../core/exercises/keys';
import { parseFingers } from '../../../core/exercises/scale-fingering';

describe('keys', () => {
  it('places the right-hand tonic in 60-71, an octave lower when 4 octaves would pass C8', () => {
    expect(rightHandTonic('C', 3)).toBe(60);
    expect(rightHandTonic('B', 3)).toBe(71);
    expect(rightHandTonic('B', 4)).toBe(59);
    expect(rightHandTonic('C', 4)).toBe(60);
    expect(rightHandTonic('Db', 4)).toBe(49);
    expect(() => rightHandTonic('H', 1)).toThrow(RangeError);
  });

  it('spells scales through tonal', () => {
    expect(scaleSemitones('A', 'harmonic minor')).toEqual([0, 2, 3, 5, 7, 8, 11]);
    expect(scaleSemitones('G#', 'harmonic minor')).toEqual([0, 2, 3, 5, 7, 8, 11]);
    expect(() => scaleSemitones('C', 'nonsense')).toThrow(RangeError);
  });

  it('names black keys and id tokens', () => {
    expect([60, 61, 63, 66, 68, 70, 71].map(isBlackKey)).toEqual([false, true, true, true, true, true, false]);
    expect([keyToken('F#'), keyToken('Bb'), keyToken('C')]).toEqual(['fsharp', 'bb', 'c']);
    expect(() => parseFingers('1236')).toThrow(RangeError);
  });
});
