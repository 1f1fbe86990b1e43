/**
 * The published scale fingerings Evenkeys prescribes, encoded once as data.
 *
 * Each string lists the fingers of an ASCENDING scale from its lowest tonic to its highest
 * (spaces only group octaves for reading). Descending is always the exact reverse.
 * Sources (see docs/exercises.md):
 * - Major: Beringer & Dunhill (1900), two octaves, via the MIT-licensed dvdrndlph/pydactyl corpus
 *   (data/corpora/beringer2/scales), as summarised in shared/research/measurement.md section 6.
 * - Harmonic minor: one octave, two teaching sites that agree (measurement.md section 6); where they
 *   offer an alternative, the first-listed fingering is used.
 */

/** Fingering strings of one key: right hand and left hand, both read bottom to top. */
export interface ScaleFingeringTable {
  readonly rh: string;
  readonly lh: string;
}

/**
 * Major scales, two octaves ascending (15 fingers), keyed by tonic.
 *
 * @example MAJOR_SCALE_FINGERINGS.C.rh // '1231234 1231234 5'
 */
export const MAJOR_SCALE_FINGERINGS: Readonly<Record<string, ScaleFingeringTable>> = {
  C: { rh: '1231234 1231234 5', lh: '5432132 1432132 1' },
  G: { rh: '1231234 1231234 5', lh: '5432132 1432132 1' },
  D: { rh: '1231234 1231234 5', lh: '5432132 1432132 1' },
  A: { rh: '1231234 1231234 5', lh: '5432132 1432132 1' },
  E: { rh: '1231234 1231234 5', lh: '5432132 1432132 1' },
  B: { rh: '1231234 1231234 5', lh: '4321432 1321432 1' },
  F: { rh: '1234123 1234123 4', lh: '5432132 1432132 1' },
  Bb: { rh: '2123123 4123123 4', lh: '3214321 3214321 2' },
  Eb: { rh: '2123412 3123412 3', lh: '3214321 3214321 2' },
  Ab: { rh: '2312312 3412312 3', lh: '3214321 3214321 2' },
  Db: { rh: '2312341 2312341 2', lh: '3214321 3214321 2' },
  'F#': { rh: '2341231 2341231 2', lh: '4321321 4321321 4' },
};

/**
 * Harmonic minor scales, one octave ascending (8 fingers), keyed by tonic.
 *
 * @example HARMONIC_MINOR_SCALE_FINGERINGS.A.lh // '54321321'
 */
export const HARMONIC_MINOR_SCALE_FINGERINGS: Readonly<Record<string, ScaleFingeringTable>> = {
  A: { rh: '12312345', lh: '54321321' },
  D: { rh: '12312345', lh: '54321321' },
  E: { rh: '12312345', lh: '54321321' },
  G: { rh: '12312345', lh: '54321321' },
  C: { rh: '12312345', lh: '54321321' },
  B: { rh: '12312345', lh: '43214321' },
  F: { rh: '12341234', lh: '54321321' },
  'F#': { rh: '23123123', lh: '43213214' },
  'C#': { rh: '34123123', lh: '32143213' },
  'G#': { rh: '23123123', lh: '32132143' },
  Eb: { rh: '31234123', lh: '21432132' },
  Bb: { rh: '21231234', lh: '21321432' },
};

/**
 * Tables whose standard fingering puts the thumb on a black key. None of the encoded scale tables
 * does (checked by tests/core/exercises/fingering-rules.test.ts); the list exists so that the rule
 * test names its exceptions explicitly instead of silently skipping keys.
 */
export const THUMB_ON_BLACK_KEY_ALLOWED: readonly string[] = [];
