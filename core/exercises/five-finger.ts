/**
 * Five-finger patterns: the first five notes of a major or minor key, up and down, one finger per
 * key (right hand 1-2-3-4-5-4-3-2-1, left hand 5-4-3-2-1-2-3-4-5).
 */
import { canonicalKey, DEFAULT_BPM, DEFAULT_SUBDIVISION, handsToken, handsWords } from './describe';
import { keyToken, MAJOR_KEYS, MINOR_KEYS, rightHandTonic, scaleSemitones } from './keys';
import { buildSequence, outAndBack } from './sequence';
import type { HandLine } from './sequence';
import type { Exercise, Finger, HandsSpec } from './types';

export interface FiveFingerOptions {
  readonly key: string;
  /** 'minor' uses the first five notes of the minor scale (the same in every minor form). */
  readonly mode: 'major' | 'minor';
  readonly hands: HandsSpec;
  readonly bpm?: number;
  readonly subdivision?: number;
}

/**
 * A five-finger pattern; `octaves` is 0 because it spans a fifth.
 *
 * @example fiveFinger({ key: 'D', mode: 'minor', hands: 'right' }).id // 'five-finger-d-minor-rh'
 */
export function fiveFinger(options: FiveFingerOptions): Exercise {
  const { mode, hands } = options;
  const key = canonicalKey(options.key, mode === 'major' ? MAJOR_KEYS : MINOR_KEYS);
  const offsets = scaleSemitones(key, mode === 'major' ? 'major' : 'minor').slice(0, 5);
  const tonic = rightHandTonic(key, 1);
  const lines: HandLine[] = [];
  if (hands !== 'right') {
    lines.push({ hand: 'left', notes: outAndBack(offsets.map((o) => tonic - 12 + o), [5, 4, 3, 2, 1] as Finger[]) });
  }
  if (hands !== 'left') {
    lines.push({ hand: 'right', notes: outAndBack(offsets.map((o) => tonic + o), [1, 2, 3, 4, 5] as Finger[]) });
  }
  return {
    id: `five-finger-${keyToken(key)}-${mode}-${handsToken(hands)}`,
    kind: 'five-finger',
    key,
    mode,
    hands,
    motion: 'parallel',
    octaves: 0,
    name: `${key} ${mode} five-finger pattern, ${handsWords(hands)}`,
    subdivision: options.subdivision ?? DEFAULT_SUBDIVISION,
    bpm: options.bpm ?? DEFAULT_BPM,
    notes: buildSequence(lines),
  };
}
