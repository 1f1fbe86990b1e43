/**
 * Major and minor scales (harmonic, melodic, natural), one hand or both, parallel or contrary
 * motion, 1-4 octaves, up then down with the top (or turning) note played once. The melodic minor
 * raises the 6th and 7th going up and plays the natural minor coming down, so its two runs have
 * different pitches (and, in two keys, different fingers).
 */
import { HARMONIC_MINOR_SCALE_FINGERINGS, MAJOR_SCALE_FINGERINGS } from './fingering-tables';
import type { ScaleFingeringTable } from './fingering-tables';
import { canonicalKey, checkOctaves, DEFAULT_BPM, DEFAULT_SUBDIVISION, handsToken, handsWords, octavesWords } from './describe';
import { ascendingPitches, isBlackKey, keyToken, MAJOR_KEYS, MINOR_KEYS, rightHandTonic, scaleSemitones } from './keys';
import { fingeringRuleOf, parseFingers, scaleFingers } from './scale-fingering';
import { buildSequence, outAndBackBy } from './sequence';
import type { HandLine } from './sequence';
import type { Exercise, Finger, Hand, HandsSpec, Motion } from './types';

export type ScaleMode = 'major' | 'harmonic minor' | 'melodic minor' | 'natural minor';

/** Every scale mode the library offers, in catalogue order. */
export const SCALE_MODES: readonly ScaleMode[] = ['major', 'harmonic minor', 'melodic minor', 'natural minor'];

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

// Every minor form keeps the harmonic minor table's thumb degrees (see docs/exercises.md,
// "Melodic and natural minor"): the scale books finger the three forms alike except where a
// thumb would land on a raised black 6th.
function tableFor(key: string, mode: ScaleMode): ScaleFingeringTable {
  const table = mode === 'major' ? MAJOR_SCALE_FINGERINGS[key] : HARMONIC_MINOR_SCALE_FINGERINGS[key];
  if (table === undefined) throw new RangeError(`no fingering for ${key} ${mode}`);
  return table;
}

/** Keys offered for a mode. */
export function keysOf(mode: ScaleMode): readonly string[] {
  return mode === 'major' ? MAJOR_KEYS : MINOR_KEYS;
}

/**
 * The pitch-class offsets of a mode going up or down (only the melodic minor differs: natural
 * minor coming down).
 *
 * @example modeSemitones('A', 'melodic minor', 'down') // [0, 2, 3, 5, 7, 8, 10]
 */
export function modeSemitones(key: string, mode: ScaleMode, direction: 'up' | 'down' = 'up'): readonly number[] {
  if (mode === 'natural minor' || (mode === 'melodic minor' && direction === 'down')) return scaleSemitones(key, 'aeolian');
  return scaleSemitones(key, mode);
}

/**
 * Fingers of the scale, bottom to top, for `octaves` octaves, as played going `direction`
 * (default up; read the result backwards for the order of playing going down). Only the melodic
 * minor differs between the two directions.
 *
 * Melodic minor going up: where the harmonic table's thumb degree is a black key of the raised
 * 6th (right hand in F# and C# minor), the thumb moves on to the raised 7th (E#, B#), as in the
 * upper tetrachord of F# major (Beringer & Dunhill: C#-D#-E#-F# = 2-3-1-2); the top note keeps
 * the descending finger so that the turning note has one finger.
 *
 * @example scaleFingering('C', 'major', 'right', 1) // [1, 2, 3, 1, 2, 3, 4, 5]
 * @example scaleFingering('F#', 'melodic minor', 'right', 1).join('') // '23123413'
 */
export function scaleFingering(key: string, mode: ScaleMode, hand: Hand, octaves: number, direction: 'up' | 'down' = 'up'): Finger[] {
  const canonical = canonicalKey(key, keysOf(mode));
  const table = tableFor(canonical, mode);
  const rule = fingeringRuleOf(parseFingers(hand === 'right' ? table.rh : table.lh), hand);
  const plain = scaleFingers(rule, hand, octaves);
  if (mode !== 'melodic minor' || direction === 'down') return plain;
  const semitones = modeSemitones(canonical, mode, 'up');
  const tonic = rightHandTonic(canonical, 1);
  const thumbDegrees = rule.thumbDegrees.map((degree) => {
    let moved = degree;
    while (moved < semitones.length - 1 && isBlackKey(tonic + (semitones[moved] ?? 0))) moved += 1;
    return moved;
  });
  if (thumbDegrees.every((degree, i) => degree === rule.thumbDegrees[i])) return plain;
  const raised = scaleFingers({ ...rule, thumbDegrees }, hand, octaves);
  // The turning note (right hand's top, left hand's bottom) is played once: the way down's finger.
  const far = hand === 'right' ? raised.length - 1 : 0;
  raised[far] = plain[far] ?? raised[far] ?? 1;
  return raised;
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
  const key = canonicalKey(options.key, keysOf(mode));
  if (motion === 'contrary') {
    if (hands !== 'both') throw new RangeError('contrary motion needs both hands');
    checkOctaves(octaves, MAX_CONTRARY_OCTAVES);
  } else {
    checkOctaves(octaves, MAX_SCALE_OCTAVES);
  }
  const rightTonic = rightHandTonic(key, octaves);
  // Each hand's line: pitches and fingers bottom to top, going up and going down (the same
  // except in the melodic minor).
  const line = (hand: Hand, bottom: number, firstDirection: 'up' | 'down'): HandLine => {
    const up = ascendingPitches(bottom, modeSemitones(key, mode, 'up'), octaves);
    const down = ascendingPitches(bottom, modeSemitones(key, mode, 'down'), octaves);
    const notes = outAndBackBy(
      { pitches: up, fingers: scaleFingering(key, mode, hand, octaves, 'up') },
      { pitches: down, fingers: scaleFingering(key, mode, hand, octaves, 'down') },
      firstDirection,
    );
    return { hand, notes };
  };
  const lines: HandLine[] = [];
  if (hands !== 'right') {
    // Parallel: the left hand's bottom tonic is an octave under the right's. Contrary: its top is.
    const bottom = motion === 'contrary' ? rightTonic - 12 - 12 * octaves : rightTonic - 12;
    lines.push(line('left', bottom, motion === 'contrary' ? 'down' : 'up'));
  }
  if (hands !== 'left') lines.push(line('right', rightTonic, 'up'));
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
