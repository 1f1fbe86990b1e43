import { describe, expect, it } from 'vitest';
import { arpeggio, arpeggioFingering } from '../../../core/exercises/arpeggio';
import { arpeggioFingers } from '../../../core/exercises/arpeggio-fingering';

const f = (key: string, mode: 'major' | 'minor', hand: 'right' | 'left', octaves = 1): string =>
  arpeggioFingering(key, mode, hand, octaves).join('');

describe('arpeggio', () => {
  it('C major: RH 1231235, LH 5421421 (measurement.md section 6)', () => {
    expect(f('C', 'major', 'right', 2)).toBe('1231235');
    expect(f('C', 'major', 'left', 2)).toBe('5421421');
  });

  it('follows the colour rule: white-white 1235/5421, white-black 1235/5321, black-white 4124/2142', () => {
    expect([f('G', 'major', 'left'), f('A', 'minor', 'left'), f('B', 'minor', 'left')]).toEqual(['5421', '5421', '5421']);
    expect([f('D', 'major', 'left'), f('B', 'major', 'left'), f('C', 'minor', 'left')]).toEqual(['5321', '5321', '5321']);
    expect([f('Db', 'major', 'right'), f('C#', 'minor', 'right'), f('G#', 'minor', 'left')]).toEqual(['4124', '4124', '2142']);
    expect([f('F#', 'major', 'right'), f('F#', 'major', 'left')]).toEqual(['1235', '5321']);
  });

  it('uses the named exceptions for Eb minor, Bb minor and Bb major', () => {
    expect([f('Eb', 'minor', 'right'), f('Eb', 'minor', 'left')]).toEqual(['1235', '5421']);
    expect([f('Bb', 'minor', 'right'), f('Bb', 'minor', 'left')]).toEqual(['2312', '3213']);
    expect([f('Bb', 'major', 'right'), f('Bb', 'major', 'left')]).toEqual(['4124', '3213']);
  });

  it('extends patterns over octaves', () => {
    expect(arpeggioFingers('4124', 'right', 3).join('')).toBe('4124124124');
    expect(arpeggioFingers('3213', 'left', 3).join('')).toBe('3213213213');
  });

  it('plays root, third, fifth up and down: G major LH 3 octaves from G3', () => {
    const e = arpeggio({ key: 'G', mode: 'major', hands: 'left', octaves: 3 });
    expect(e.id).toBe('arpeggio-g-major-lh-3oct');
    expect(e.notes.slice(0, 4).map((n) => n.pitch)).toEqual([55, 59, 62, 67]);
    expect(e.notes).toHaveLength(19);
    expect(e.notes[9]?.pitch).toBe(55 + 36);
    expect(e.notes.map((n) => n.finger).join('')).toBe('5421421421' + '241241245');
  });

  it('minor triads spelled through tonal: C# minor uses E and G#', () => {
    const e = arpeggio({ key: 'C#', mode: 'minor', hands: 'right', octaves: 1 });
    expect(e.notes.slice(0, 4).map((n) => n.pitch)).toEqual([61, 64, 68, 73]);
  });
});
