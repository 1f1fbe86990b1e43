/**
 * Melodic and natural minor scales (issue 12): pitches by direction, ids, fingering rules.
 */
import { describe, expect, it } from 'vitest';
import { getExercise } from '../../../core/exercises/library';
import { isBlackKey, MINOR_KEYS } from '../../../core/exercises/keys';
import { scale, scaleFingering } from '../../../core/exercises/scale';
import type { ScaleMode } from '../../../core/exercises/scale';
import type { ExpectedNote, Hand } from '../../../core/exercises/types';

const HANDS: readonly Hand[] = ['right', 'left'];
const FORMS: readonly ScaleMode[] = ['melodic minor', 'natural minor'];
const pc = (pitch: number): number => ((pitch % 12) + 12) % 12;

describe('melodic and natural minor scales', () => {
  it('A melodic minor raises the 6th and 7th going up and plays the natural minor coming down', () => {
    const rh = scale({ key: 'A', mode: 'melodic minor', hands: 'right', octaves: 1 });
    expect(rh.id).toBe('scale-a-melodic-minor-rh-1oct');
    expect(rh.mode).toBe('melodic minor');
    expect(rh.notes.map((n) => n.pitch)).toEqual([69, 71, 72, 74, 76, 78, 80, 81, 79, 77, 76, 74, 72, 71, 69]);
    const natural = scale({ key: 'A', mode: 'natural minor', hands: 'right', octaves: 1 });
    expect(natural.notes.map((n) => n.pitch)).toEqual([69, 71, 72, 74, 76, 77, 79, 81, 79, 77, 76, 74, 72, 71, 69]);
  });

  it('contrary motion: each hand raises going up and lowers going down', () => {
    const ex = getExercise('scale-a-melodic-minor-contrary-1oct');
    expect(ex?.motion).toBe('contrary');
    const lh = ex?.notes.filter((n) => n.hand === 'left') ?? [];
    // LH goes down first (natural: G F), then up (raised: F# G#).
    expect(lh.map((n) => n.pitch)).toEqual([57, 55, 53, 52, 50, 48, 47, 45, 47, 48, 50, 52, 54, 56, 57]);
  });

  it('the catalogue offers 12 keys x 1-4 octaves x RH/LH/both + contrary 1-2 octaves per form', () => {
    for (const form of FORMS) {
      const token = form.replace(' ', '-');
      for (const key of ['a', 'e', 'b', 'fsharp', 'csharp', 'gsharp', 'eb', 'bb', 'f', 'c', 'g', 'd']) {
        for (const hands of ['rh', 'lh', 'both']) for (const n of [1, 2, 3, 4]) expect(getExercise(`scale-${key}-${token}-${hands}-${n}oct`)?.mode).toBe(form);
        for (const n of [1, 2]) expect(getExercise(`scale-${key}-${token}-contrary-${n}oct`)).toBeDefined();
      }
    }
  });

  it('F# and C# melodic minor RH going up move the thumb from the black raised 6th to the raised 7th', () => {
    expect(scaleFingering('F#', 'melodic minor', 'right', 1, 'up').join('')).toBe('23123413');
    expect(scaleFingering('F#', 'melodic minor', 'right', 1, 'down').join('')).toBe('23123123');
    expect(scaleFingering('C#', 'melodic minor', 'right', 1, 'up').join('')).toBe('34123413');
    expect(scaleFingering('F#', 'melodic minor', 'right', 2, 'up').join('')).toBe('231234123123413');
    // Every other key and hand: the harmonic minor table's fingering in both directions.
    expect(scaleFingering('A', 'melodic minor', 'right', 1, 'up').join('')).toBe('12312345');
    expect(scaleFingering('Bb', 'natural minor', 'left', 1).join('')).toBe('21321432');
  });

  for (const form of FORMS) {
    for (const key of MINOR_KEYS) {
      it(`${key} ${form}, 1-4 octaves: thumb rule, crossings, no thumb on a black key`, () => {
        for (const octaves of [1, 2, 3, 4]) {
          const exercise = scale({ key, mode: form, hands: 'both', octaves });
          for (const hand of HANDS) {
            const notes: ExpectedNote[] = exercise.notes.filter((n) => n.hand === hand);
            const up = notes.filter((n) => n.direction === 'up');
            const down = notes.filter((n) => n.direction === 'down');
            expect(up).toHaveLength(7 * octaves + 1);
            expect(down).toHaveLength(7 * octaves);
            // Pitch classes: up has the raised 6th and 7th in the melodic minor, down the natural ones.
            const tonic = pc(up[0]?.pitch ?? 0);
            const degrees = (run: readonly ExpectedNote[]): number[] => [...new Set(run.map((n) => (pc(n.pitch) - tonic + 12) % 12))].sort((a, b) => a - b);
            expect(degrees(down)).toEqual([0, 2, 3, 5, 7, 8, 10]);
            expect(degrees(up)).toEqual(form === 'melodic minor' ? [0, 2, 3, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10]);
            for (const n of notes) {
              expect(n.finger >= 1 && n.finger <= 5).toBe(true);
              expect(n.finger === 1 && isBlackKey(n.pitch), `${hand} thumb on ${n.pitch}`).toBe(false);
            }
            // Crossings exactly where the thumb passes; otherwise neighbouring fingers; the right
            // hand's turning note (top) may be reached by a stretch 1 -> 3 (F#, C# melodic).
            notes.forEach((n, i) => {
              const previous = notes[i - 1];
              if (previous === undefined) return;
              const outward = (hand === 'right') === (n.pitch > previous.pitch);
              const thumbPasses = outward ? previous.finger > 1 && n.finger === 1 : previous.finger === 1 && n.finger > 1;
              expect(n.crossing).toBe(thumbPasses);
              const turning = i === 7 * octaves || i === 7 * octaves + 1;
              if (!thumbPasses && !turning) expect(n.finger - previous.finger, `${key} ${hand} note ${i}`).toBe(outward ? 1 : -1);
            });
          }
        }
      });
    }
  }
});
