/**
 * Major and harmonic minor scales, one hand or both, parallel or contrary motion, 1-4 octaves,
 * up then down with the top (or turning) note played once.
 */
import { HARMONIC_MINOR_SCALE_FINGERINGS, MAJOR_SCALE_FINGERINGS } from './fingering-tables';
import type { ScaleFingeringTable } from './fingering-tables';
import { canonicalKey, checkOctaves, DEFAULT_BPM, DEFAULT_SUBDIVISION, handsToken, handsWords, octavesWords } from './describe';
import { ascendingPitches, keyToken, MAJOR_KEYS, MINOR_KEYS, rightHandTonic, scaleSemitones } from './keys';
import { fingeringRuleOf, parseFingers, scaleFingers } from './scale-fingering';
import { buildSequence, outAndBack } from './sequence';
import type { HandLine } from './sequence';
import type { Exercise, Finger, Hand, HandsSpec, Motion } from './types';

export type ScaleMode = 'major' | 'harmonic minor';

export interface ScaleOptions {
  /** Tonic, e.g. 'C', 'F#', 'Bb' (enharmonic spellings are mapped to the offered key). */
  readonly key: string;
  readonly mode: ScaleMode;
  readonly hands: HandsSpec;
  /** Default 'parallel'; 'contrary' needs hands 'both' and at most 2 octaves. */
  readonly motion?: Motion;
  /** 1 to 4 (parallel), 1 to 2 (contrary). */
  readonly octaves: number;
  readonly bpm?: number;
  readonly subdivision?: number;
}

/** Contrary motion starting an octave apart spans 2*octaves+1 octaves: more than 2 leaves the piano. */
export const MAX_CONTRARY_OCTAVES = 2;
export const MAX_SCALE_OCTAVES = 4;

function tableFor(key: string, mode: ScaleMode): ScaleFingeringTable {
  const table = mode === 'major' ? MAJOR_SCALE_FINGERINGS[key] : HARMONIC_MINOR_SCALE_FINGERINGS[key];
  if (table === undefined) throw new RangeError(`no fingering for ${key} ${mode}`);
  return table;
}

/**
 * Fingers of the ascending scale, bottom to top, for `octaves` octaves (read backwards to descend).
 *
 * @example scaleFingering('C', 'major', 'right', 1) // [1, 2, 3, 1, 2, 3, 4, 5]
 */
export function scaleFingering(key: string, mode: ScaleMode, hand: Hand, octaves: number): Finger[] {
  const table = tableFor(canonicalKey(key, mode === 'major' ? MAJOR_KEYS : MINOR_KEYS), mode);
  const rule = fingeringRuleOf(parseFingers(hand === 'right' ? table.rh : table.lh), hand);
  return scaleFingers(rule, hand, octaves);
}

/**
 * The id of a scale exercise.
 *
 * @example scaleId('F#', 'harmonic minor', 'both', 'parallel', 1) // 'scale-fsharp-harmonic-minor-both-1oct'
 */
export function scaleId(key: string, mode: ScaleMode, hands: HandsSpec, motion: Motion, octaves: number): string {
  const handsPart = motion === 'contrary' ? 'contrary' : handsToken(hands);
  return `scale-${keyToken(key)}-${mode.replace(' ', '-')}-${handsPart}-${octaves}oct`;
}

/**
 * A scale exercise. Right hand starts on the tonic in C4-B4; the left hand plays an octave lower.
 * In contrary motion both hands start on the tonic an octave apart, the right hand going up while
 * the left goes down, and return.
 *
 * @example scale({ key: 'C', mode: 'major', hands: 'right', octaves: 2 }).id // 'scale-c-major-rh-2oct'
 */
export function scale(options: ScaleOptions): Exercise {
  const motion = options.motion ?? 'parallel';
  const { mode, hands, octaves } = options;
  const key = canonicalKey(options.key, mode === 'major' ? MAJOR_KEYS : MINOR_KEYS);
  if (motion === 'contrary') {
    if (hands !== 'both') throw new RangeError('contrary motion needs both hands');
    checkOctaves(octaves, MAX_CONTRARY_OCTAVES);
  } else {
    checkOctaves(octaves, MAX_SCALE_OCTAVES);
  }
  const semitones = scaleSemitones(key, mode);
  const rightTonic = rightHandTonic(key, octaves);
  const lines: HandLine[] = [];
  if (hands !== 'right') {
    // Parallel: the left hand's bottom tonic is an octave under the right's. Contrary: its top is.
    const bottom = motion === 'contrary' ? rightTonic - 12 - 12 * octaves : rightTonic - 12;
    const pitches = ascendingPitches(bottom, semitones, octaves);
    const fingers = scaleFingering(key, mode, 'left', octaves);
    lines.push({ hand: 'left', notes: outAndBack(pitches, fingers, motion === 'contrary' ? 'down' : 'up') });
  }
  if (hands !== 'left') {
    const pitches = ascendingPitches(rightTonic, semitones, octaves);
    lines.push({ hand: 'right', notes: outAndBack(pitches, scaleFingering(key, mode, 'right', octaves)) });
  }
  const handsName = motion === 'contrary' ? 'hands together in contrary motion' : handsWords(hands);
  return {
    id: scaleId(key, mode, hands, motion, octaves),
    kind: 'scale',
    key,
    mode,
    hands,
    motion,
    octaves,
    name: `${key} ${mode} scale, ${handsName}, ${octavesWords(octaves)}`,
    subdivision: options.subdivision ?? DEFAULT_SUBDIVISION,
    bpm: options.bpm ?? DEFAULT_BPM,
    notes: buildSequence(lines),
  };
}
