import { describe, expect, it } from 'vitest';
import { scale, scaleFingering } from '../../../core/exercises/scale';
import type { Exercise, Hand } from '../../../core/exercises/types';

function fingersOf(exercise: Exercise, hand: Hand): string {
  return exercise.notes.filter((n) => n.hand === hand).map((n) => n.finger).join('');
}
function pitchesOf(exercise: Exercise, hand: Hand): number[] {
  return exercise.notes.filter((n) => n.hand === hand).map((n) => n.pitch);
}

describe('scale', () => {
  it('C major RH 2 octaves: 1231234 1231234 5 then the reverse, C4 to C6', () => {
    const ex = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 2 });
    expect(ex.id).toBe('scale-c-major-rh-2oct');
    expect(fingersOf(ex, 'right')).toBe('123123412312345' + '43213214321321');
    expect(pitchesOf(ex, 'right').slice(0, 15)).toEqual([60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79, 81, 83, 84]);
    expect(ex.notes).toHaveLength(29);
    expect(ex.notes.map((n) => n.step)).toEqual([...Array(29).keys()]);
    expect(ex.notes.filter((n) => n.direction === 'up')).toHaveLength(15);
    expect(ex.notes.map((n) => n.run)).toEqual([...Array(15).fill(0), ...Array(14).fill(1)]);
  });

  it('B major LH 2 octaves follows the table 4321432 1321432 1, starting on B3 (59)', () => {
    const ex = scale({ key: 'B', mode: 'major', hands: 'left', octaves: 2 });
    expect(fingersOf(ex, 'left').slice(0, 15)).toBe('432143213214321');
    expect(pitchesOf(ex, 'left')[0]).toBe(59);
  });

  it('extends the one-octave harmonic minor tables: F# minor RH 2 octaves', () => {
    expect(scaleFingering('F#', 'harmonic minor', 'right', 1).join('')).toBe('23123123');
    expect(scaleFingering('F#', 'harmonic minor', 'right', 2).join('')).toBe('231231234123123');
  });

  it('hands together in parallel: LH an octave below, same steps, left listed first', () => {
    const ex = scale({ key: 'A', mode: 'harmonic minor', hands: 'both', octaves: 1 });
    expect(ex.id).toBe('scale-a-harmonic-minor-both-1oct');
    const left = ex.notes.filter((n) => n.hand === 'left');
    const right = ex.notes.filter((n) => n.hand === 'right');
    expect(left.map((n) => n.pitch + 12)).toEqual(right.map((n) => n.pitch));
    expect(left.map((n) => n.step)).toEqual(right.map((n) => n.step));
    expect(ex.notes.map((n) => n.index)).toEqual([...ex.notes.keys()]);
    expect(ex.notes[0]?.hand).toBe('left');
    expect(right.map((n) => n.pitch).slice(0, 8)).toEqual([57 + 12, 71, 72, 74, 76, 77, 80, 81]);
  });

  it('contrary motion: hands start an octave apart, LH goes down while RH goes up', () => {
    const ex = scale({ key: 'C', mode: 'major', hands: 'both', motion: 'contrary', octaves: 2 });
    expect(ex.id).toBe('scale-c-major-contrary-2oct');
    const left = ex.notes.filter((n) => n.hand === 'left');
    const right = ex.notes.filter((n) => n.hand === 'right');
    expect(left[0]?.pitch).toBe(48);
    expect(right[0]?.pitch).toBe(60);
    expect(left[14]?.pitch).toBe(24);
    expect(left.slice(0, 15).every((n) => n.direction === 'down')).toBe(true);
    expect(fingersOf(ex, 'left')).toBe('123123412312345' + '43213214321321');
    expect(() => scale({ key: 'C', mode: 'major', hands: 'both', motion: 'contrary', octaves: 3 })).toThrow(RangeError);
    expect(() => scale({ key: 'C', mode: 'major', hands: 'right', motion: 'contrary', octaves: 1 })).toThrow(RangeError);
  });

  it('marks thumb-under and finger-over notes as crossings', () => {
    const ex = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 1 });
    // C D E F G A B C B A G F E D C: thumb under on F (3), finger over on E going down (12).
    expect(ex.notes.filter((n) => n.crossing).map((n) => n.position)).toEqual([3, 12]);
  });

  it('keeps 4-octave scales on the keyboard and maps enharmonic names', () => {
    const ex = scale({ key: 'B', mode: 'major', hands: 'both', octaves: 4 });
    const pitches = ex.notes.map((n) => n.pitch);
    expect(Math.max(...pitches)).toBeLessThanOrEqual(108);
    expect(Math.min(...pitches)).toBeGreaterThanOrEqual(21);
    expect(scale({ key: 'Gb', mode: 'major', hands: 'right', octaves: 1 }).key).toBe('F#');
    expect(scale({ key: 'D#', mode: 'harmonic minor', hands: 'right', octaves: 1 }).id).toBe('scale-eb-harmonic-minor-rh-1oct');
  });
});

describe('run numbering (ExpectedNote.run is playing order, not pitch direction)', () => {
  it('starts the left hand of contrary motion with a descending run 0', () => {
    const contrary = scale({ key: 'C', mode: 'major', hands: 'both', motion: 'contrary', octaves: 2 });
    const left = contrary.notes.filter((n) => n.hand === 'left');
    const right = contrary.notes.filter((n) => n.hand === 'right');
    expect(new Set(left.filter((n) => n.run === 0).map((n) => n.direction))).toEqual(new Set(['down']));
    expect(new Set(left.filter((n) => n.run === 1).map((n) => n.direction))).toEqual(new Set(['up']));
    expect(new Set(right.filter((n) => n.run === 0).map((n) => n.direction))).toEqual(new Set(['up']));
    // The left hand's first note is its top tonic, played with the thumb.
    expect(left[0]?.finger).toBe(1);
  });
});
