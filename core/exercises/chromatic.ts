/**
 * The chromatic scale from C, 1-4 octaves, up then down, one hand or both (an octave apart).
 * Fingering by the common teaching rule: 3 on every black key, 1 on white keys, and 2 on the second
 * key of each white pair met going outward (right hand F and C after E and B going up; left hand
 * E and B after F and C going down). The same key keeps its finger in both directions.
 */
import { checkOctaves, DEFAULT_BPM, DEFAULT_SUBDIVISION, handsToken, handsWords, octavesWords } from './describe';
import { ascendingPitches, isBlackKey, rightHandTonic } from './keys';
import { buildSequence, outAndBack } from './sequence';
import type { HandLine } from './sequence';
import type { Exercise, Finger, Hand, HandsSpec } from './types';

export const MAX_CHROMATIC_OCTAVES = 4;
const SEMITONES = Array.from({ length: 12 }, (_, i) => i);

/**
 * Fingers for ascending chromatic pitches (bottom to top).
 *
 * @example chromaticFingers([60, 61, 62, 63, 64, 65], 'right') // [1, 3, 1, 3, 1, 2]
 */
export function chromaticFingers(ascending: readonly number[], hand: Hand): Finger[] {
  return ascending.map((pitch, i): Finger => {
    if (isBlackKey(pitch)) return 3;
    const pc = ((pitch % 12) + 12) % 12;
    // Right hand: F (5) and C (0), except the very first note, which has no white key below it.
    if (hand === 'right') return (pc === 5 || pc === 0) && i > 0 ? 2 : 1;
    // Left hand: E (4) and B (11), except the very top note, where the left hand starts.
    return (pc === 4 || pc === 11) && i < ascending.length - 1 ? 2 : 1;
  });
}

export interface ChromaticOptions {
  readonly hands: HandsSpec;
  readonly octaves: number;
  readonly bpm?: number;
  readonly subdivision?: number;
}

/**
 * A chromatic scale from C (right hand from C4, left hand from C3).
 *
 * @example chromatic({ hands: 'right', octaves: 1 }).id // 'chromatic-rh-1oct'
 */
export function chromatic(options: ChromaticOptions): Exercise {
  const { hands, octaves } = options;
  checkOctaves(octaves, MAX_CHROMATIC_OCTAVES);
  const rightTonic = rightHandTonic('C', octaves);
  const lines: HandLine[] = [];
  if (hands !== 'right') {
    const pitches = ascendingPitches(rightTonic - 12, SEMITONES, octaves);
    lines.push({ hand: 'left', notes: outAndBack(pitches, chromaticFingers(pitches, 'left')) });
  }
  if (hands !== 'left') {
    const pitches = ascendingPitches(rightTonic, SEMITONES, octaves);
    lines.push({ hand: 'right', notes: outAndBack(pitches, chromaticFingers(pitches, 'right')) });
  }
  return {
    id: `chromatic-${handsToken(hands)}-${octaves}oct`,
    kind: 'chromatic',
    key: 'C',
    mode: 'chromatic',
    hands,
    motion: 'parallel',
    octaves,
    name: `Chromatic scale from C, ${handsWords(hands)}, ${octavesWords(octaves)}`,
    subdivision: options.subdivision ?? DEFAULT_SUBDIVISION,
    bpm: options.bpm ?? DEFAULT_BPM,
    notes: buildSequence(lines),
  };
}
