/**
 * Root-position triad arpeggio fingerings.
 *
 * Books agree on C major (RH 1231235, LH 5421421; measurement.md section 6) but differ in detail
 * for other keys, so Evenkeys encodes the common teaching rule once, as data: the pattern follows
 * from whether the root and the second note (the third of the chord) are white or black keys, with
 * three named exceptions. Sources and disagreements are listed in docs/exercises.md.
 * Each string is ONE ascending octave (4 fingers, bottom to top), read like the scale tables.
 */
import { parseFingers } from './scale-fingering';
import type { Finger, Hand } from './types';
import type { ScaleFingeringTable } from './fingering-tables';

export type KeyColour = 'white' | 'black';

/**
 * One-octave arpeggio patterns by colour of (root, third).
 *
 * @example ARPEGGIO_PATTERNS['white-black'].lh // '5321' (D, A, E, B major; C, F, G minor)
 */
export const ARPEGGIO_PATTERNS: Readonly<Record<`${KeyColour}-${KeyColour}`, ScaleFingeringTable>> = {
  'white-white': { rh: '1235', lh: '5421' },
  'white-black': { rh: '1235', lh: '5321' },
  'black-white': { rh: '4124', lh: '2142' },
  // Only F# major (and Eb minor, an exception below) has three black keys: white-key shape.
  'black-black': { rh: '1235', lh: '5321' },
};

/**
 * Triads whose usual fingering does not follow the colour rule, keyed by 'tonic mode'.
 *
 * @example ARPEGGIO_EXCEPTIONS['Bb minor'].rh // '2312'
 */
export const ARPEGGIO_EXCEPTIONS: Readonly<Record<string, ScaleFingeringTable>> = {
  'Eb minor': { rh: '1235', lh: '5421' },
  'Bb minor': { rh: '2312', lh: '3213' },
  'Bb major': { rh: '4124', lh: '3213' },
};

/**
 * Triads whose standard fingering puts a thumb on a black key: the all-black triads, which cannot
 * avoid it. Any other thumb on a black key in an arpeggio is a bug (rule test).
 */
export const ARPEGGIO_THUMB_ON_BLACK_ALLOWED: readonly string[] = ['F# major', 'Eb minor'];

/**
 * The one-octave pattern for a triad, from its exception or its key colours.
 *
 * @example arpeggioPattern('D', 'major', 'black').lh // '5321'
 */
export function arpeggioPattern(tonic: string, mode: 'major' | 'minor', rootColour: KeyColour, thirdColour: KeyColour): ScaleFingeringTable {
  return ARPEGGIO_EXCEPTIONS[`${tonic} ${mode}`] ?? ARPEGGIO_PATTERNS[`${rootColour}-${thirdColour}`];
}

/**
 * Extends a one-octave pattern to `octaves` octaves (3*octaves + 1 fingers, bottom to top): the
 * right hand repeats its first three fingers and ends on the pattern's top finger; the left hand
 * starts on the pattern's bottom finger and then repeats the other three.
 *
 * @example arpeggioFingers('1235', 'right', 2) // [1, 2, 3, 1, 2, 3, 5]
 * @example arpeggioFingers('5421', 'left', 2)  // [5, 4, 2, 1, 4, 2, 1]
 */
export function arpeggioFingers(pattern: string, hand: Hand, octaves: number): Finger[] {
  const one = parseFingers(pattern);
  if (one.length !== 4) throw new RangeError(`an arpeggio pattern has 4 fingers, got '${pattern}'`);
  const n = 3 * octaves + 1;
  return Array.from({ length: n }, (_, i): Finger => {
    if (hand === 'right') return (i === n - 1 ? one[3] : one[i % 3]) as Finger;
    return (i === 0 ? one[0] : one[1 + ((i - 1) % 3)]) as Finger;
  });
}
