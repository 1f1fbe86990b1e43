/**
 * Shared wording and defaults for exercise ids and names.
 */
import { Note } from 'tonal';
import type { HandsSpec } from './types';

/** Grid steps per beat used unless an exercise says otherwise (4 = sixteenths). */
export const DEFAULT_SUBDIVISION = 4;
/** Suggested practice tempo (beats per minute) unless an exercise says otherwise. */
export const DEFAULT_BPM = 72;

/**
 * The hands as they appear in ids.
 *
 * @example handsToken('both') // 'both'
 */
export function handsToken(hands: HandsSpec): 'rh' | 'lh' | 'both' {
  return hands === 'right' ? 'rh' : hands === 'left' ? 'lh' : 'both';
}

/**
 * The hands as they appear in names.
 *
 * @example handsWords('right') // 'right hand'
 */
export function handsWords(hands: HandsSpec): string {
  return hands === 'right' ? 'right hand' : hands === 'left' ? 'left hand' : 'hands together';
}

/**
 * "1 octave" / "3 octaves".
 *
 * @example octavesWords(2) // '2 octaves'
 */
export function octavesWords(octaves: number): string {
  return octaves === 1 ? '1 octave' : `${octaves} octaves`;
}

/**
 * The offered key with the same pitch class as `key` (so 'Gb' finds 'F#', 'd#' finds 'Eb').
 *
 * @example canonicalKey('gb', ['C', 'F#']) // 'F#'
 */
export function canonicalKey(key: string, offered: readonly string[]): string {
  const spelled = key.length > 0 ? key[0]!.toUpperCase() + key.slice(1) : key;
  const chroma = Note.chroma(spelled);
  const found = offered.find((candidate) => Note.chroma(candidate) === chroma);
  if (chroma === undefined || Number.isNaN(chroma) || found === undefined) {
    throw new RangeError(`unknown key '${key}'`);
  }
  return found;
}

/**
 * Checks an octave count against the range an exercise supports (throws a RangeError outside 1..max
 * or for a non-integer).
 *
 * @example checkOctaves(5, 4) // throws RangeError
 */
export function checkOctaves(octaves: number, max: number): void {
  if (!Number.isInteger(octaves) || octaves < 1 || octaves > max) {
    throw new RangeError(`octaves must be an integer from 1 to ${max}, got ${octaves}`);
  }
}
