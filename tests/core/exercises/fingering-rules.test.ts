/**
 * Rule tests on every encoded fingering table and on the exercises generated from them.
 */
import { describe, expect, it } from 'vitest';
import { ARPEGGIO_EXCEPTIONS, ARPEGGIO_PATTERNS, ARPEGGIO_THUMB_ON_BLACK_ALLOWED } from '../../../core/exercises/arpeggio-fingering';
import { arpeggio } from '../../../core/exercises/arpeggio';
import { HARMONIC_MINOR_SCALE_FINGERINGS, MAJOR_SCALE_FINGERINGS, THUMB_ON_BLACK_KEY_ALLOWED } from '../../../core/exercises/fingering-tables';
import { isBlackKey, MAJOR_KEYS, MINOR_KEYS } from '../../../core/exercises/keys';
import { scale } from '../../../core/exercises/scale';
import type { ScaleMode } from '../../../core/exercises/scale';
import { fingeringRuleOf, parseFingers, scaleFingers } from '../../../core/exercises/scale-fingering';
import type { Exercise, ExpectedNote, Hand } from '../../../core/exercises/types';

const HANDS: readonly Hand[] = ['right', 'left'];
const TABLES: readonly { mode: ScaleMode; key: string; rh: string; lh: string; octaves: number }[] = [
  ...Object.entries(MAJOR_SCALE_FINGERINGS).map(([key, t]) => ({ mode: 'major' as const, key, ...t, octaves: 2 })),
  ...Object.entries(HARMONIC_MINOR_SCALE_FINGERINGS).map(([key, t]) => ({ mode: 'harmonic minor' as const, key, ...t, octaves: 1 })),
];

function handNotes(exercise: Exercise, hand: Hand): ExpectedNote[] {
  return exercise.notes.filter((n) => n.hand === hand);
}
/** The ascending half (up run) of a hand in a parallel-motion exercise, bottom to top. */
function ascending(notes: readonly ExpectedNote[]): ExpectedNote[] {
  return notes.filter((n) => n.direction === 'up');
}

describe('encoded scale tables', () => {
  it('cover the 12 major and 12 harmonic minor keys offered', () => {
    expect(Object.keys(MAJOR_SCALE_FINGERINGS).sort()).toEqual([...MAJOR_KEYS].sort());
    expect(Object.keys(HARMONIC_MINOR_SCALE_FINGERINGS).sort()).toEqual([...MINOR_KEYS].sort());
  });

  for (const table of TABLES) {
    for (const hand of HANDS) {
      const text = hand === 'right' ? table.rh : table.lh;
      it(`${table.key} ${table.mode} ${hand}: '${text}' has one finger 1-5 per note and follows the thumb rule`, () => {
        const fingers = parseFingers(text);
        expect(fingers).toHaveLength(7 * table.octaves + 1);
        expect(fingers.every((f) => f >= 1 && f <= 5)).toBe(true);
        // The table is reproduced exactly from its near finger and thumb degrees: so between thumbs
        // the fingers count 1, 2, 3, ... outward and every octave repeats the same thumb degrees.
        const rule = fingeringRuleOf(fingers, hand);
        expect(scaleFingers(rule, hand, table.octaves)).toEqual(fingers);
        expect(rule.thumbDegrees.length).toBe(2);
      });
    }
  }

  it('two-octave major tables put the thumb on the same degrees in both octaves', () => {
    for (const [key, t] of Object.entries(MAJOR_SCALE_FINGERINGS)) {
      for (const text of [t.rh, t.lh]) {
        const f = parseFingers(text);
        const thumbsIn = (from: number): number[] => [1, 2, 3, 4, 5, 6].filter((d) => f[from + d] === 1);
        expect(thumbsIn(0), `${key} ${text}`).toEqual(thumbsIn(7));
      }
    }
  });
});

describe('generated scales, 1-4 octaves, every key and hand', () => {
  const blackThumbTables = new Set<string>();

  for (const table of TABLES) {
    for (const octaves of [1, 2, 3, 4]) {
      it(`${table.key} ${table.mode}, ${octaves} octave(s)`, () => {
        const exercise = scale({ key: table.key, mode: table.mode, hands: 'both', octaves });
        for (const hand of HANDS) {
          const notes = handNotes(exercise, hand);
          const up = ascending(notes);
          const down = notes.filter((n) => n.direction === 'down');
          // One finger per note; up, top once, down.
          expect(up).toHaveLength(7 * octaves + 1);
          expect(down).toHaveLength(7 * octaves);
          expect(notes.every((n) => n.finger >= 1 && n.finger <= 5)).toBe(true);
          // Descending is the exact reverse of ascending (pitches and fingers).
          const upPairs = up.map((n) => [n.pitch, n.finger]);
          expect([up[up.length - 1], ...down].map((n) => [n?.pitch, n?.finger])).toEqual([...upPairs].reverse());
          // Each octave puts the thumb on the same scale degrees. The left hand's bottom tonic is its
          // far end (the hand turns there, e.g. C major: 5 instead of 1), so degree 0 of the first
          // octave is compared only from the second octave on.
          const thumbDegrees = (o: number, fromDegree: number): number[] =>
            [0, 1, 2, 3, 4, 5, 6].filter((d) => d >= fromDegree && up[7 * o + d]?.finger === 1);
          for (let o = 1; o < octaves; o++) {
            expect(thumbDegrees(o, 1)).toEqual(thumbDegrees(0, 1));
            expect(thumbDegrees(o, 0)).toEqual(thumbDegrees(1, 0));
            if (hand === 'right') expect(thumbDegrees(o, 0)).toEqual(thumbDegrees(0, 0));
          }
          // The published table is what the generator plays (first octave and closing finger).
          const tableFingers = parseFingers(hand === 'right' ? table.rh : table.lh);
          if (octaves === table.octaves) expect(up.map((n) => n.finger)).toEqual(tableFingers);
          // Thumbs on black keys are recorded and compared with the explicit allow-list below.
          if (notes.some((n) => n.finger === 1 && isBlackKey(n.pitch))) blackThumbTables.add(`${table.key} ${table.mode} ${hand}`);
          // Crossings happen exactly where the thumb passes: RH up and LH down when a finger > 1 is
          // followed by the thumb; RH down and LH up when the thumb is followed by a finger > 1.
          // Every other move steps to the neighbouring finger (+1 or -1 in the natural order).
          notes.forEach((n, i) => {
            const previous = notes[i - 1];
            if (previous === undefined) return expect(n.crossing).toBe(false);
            const outward = (hand === 'right') === (n.pitch > previous.pitch);
            const thumbPasses = outward ? previous.finger > 1 && n.finger === 1 : previous.finger === 1 && n.finger > 1;
            expect(n.crossing, `${hand} note ${i}`).toBe(thumbPasses);
            if (!thumbPasses) expect(n.finger - previous.finger).toBe(outward ? 1 : -1);
          });
        }
      });
    }
  }

  it('no scale puts the thumb on a black key, except the explicitly allowed tables (none)', () => {
    expect([...blackThumbTables].sort()).toEqual([...THUMB_ON_BLACK_KEY_ALLOWED].sort());
    expect(THUMB_ON_BLACK_KEY_ALLOWED).toEqual([]);
  });
});

describe('arpeggio patterns', () => {
  it('use fingers 1-5, four per octave pattern', () => {
    for (const t of [...Object.values(ARPEGGIO_PATTERNS), ...Object.values(ARPEGGIO_EXCEPTIONS)]) {
      for (const text of [t.rh, t.lh]) {
        const f = parseFingers(text);
        expect(f).toHaveLength(4);
        expect(new Set(f).has(1)).toBe(true);
      }
    }
  });

  const triads: ['major' | 'minor', readonly string[]][] = [['major', MAJOR_KEYS], ['minor', MINOR_KEYS]];
  for (const [mode, keys] of triads) {
    it(`${mode} arpeggios: every octave repeats, descending reverses, thumbs on black keys only where allowed`, () => {
      const blackThumb = new Set<string>();
      for (const key of keys) {
        const ex = arpeggio({ key, mode, hands: 'both', octaves: 3 });
        for (const hand of HANDS) {
          const notes = handNotes(ex, hand);
          const up = ascending(notes);
          expect(up).toHaveLength(10);
          const f = up.map((n) => n.finger);
          // Every octave repeats: the right hand from its bottom note (the top is its far end), the
          // left hand from the note above its bottom (the bottom is its far end).
          const first = hand === 'right' ? 0 : 1;
          expect(f.slice(first, first + 3)).toEqual(f.slice(first + 3, first + 6));
          expect(f.slice(first, first + 3)).toEqual(f.slice(first + 6, first + 9));
          const down = notes.filter((n) => n.direction === 'down').map((n) => n.finger);
          expect(down).toEqual([...f].reverse().slice(1));
          if (notes.some((n) => n.finger === 1 && isBlackKey(n.pitch))) blackThumb.add(`${ex.key} ${mode}`);
        }
      }
      expect([...blackThumb].sort()).toEqual(ARPEGGIO_THUMB_ON_BLACK_ALLOWED.filter((t) => t.endsWith(mode)).sort());
    });
  }
});
