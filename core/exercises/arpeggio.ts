/**
 * Root-position major and minor triad arpeggios, 1-4 octaves, one hand or both (an octave apart),
 * up then down with the top note played once.
 */
import { Chord, Interval } from 'tonal';
import { arpeggioFingers, arpeggioPattern } from './arpeggio-fingering';
import { canonicalKey, checkOctaves, DEFAULT_BPM, DEFAULT_SUBDIVISION, handsToken, handsWords, octavesWords } from './describe';
import { ascendingPitches, isBlackKey, keyToken, MAJOR_KEYS, MINOR_KEYS, rightHandTonic } from './keys';
import { buildSequence, outAndBack } from './sequence';
import type { HandLine } from './sequence';
import type { Exercise, Finger, Hand, HandsSpec } from './types';

export type TriadMode = 'major' | 'minor';

export interface ArpeggioOptions {
  readonly key: string;
  readonly mode: TriadMode;
  readonly hands: HandsSpec;
  /** 1 to 4. */
  readonly octaves: number;
  readonly bpm?: number;
  readonly subdivision?: number;
}

export const MAX_ARPEGGIO_OCTAVES = 4;

function triadSemitones(key: string, mode: TriadMode): number[] {
  const chord = Chord.get(`${key}${mode === 'major' ? 'M' : 'm'}`);
  if (chord.empty) throw new RangeError(`unknown triad ${key} ${mode}`);
  return chord.intervals.map((interval) => Interval.semitones(interval) ?? 0);
}

/**
 * Fingers of the ascending arpeggio, bottom to top (read backwards to descend).
 *
 * @example arpeggioFingering('Db', 'major', 'right', 1) // [4, 1, 2, 4]
 */
export function arpeggioFingering(key: string, mode: TriadMode, hand: Hand, octaves: number): Finger[] {
  const tonic = canonicalKey(key, mode === 'major' ? MAJOR_KEYS : MINOR_KEYS);
  const semitones = triadSemitones(tonic, mode);
  const root = rightHandTonic(tonic, 1);
  const colour = (pitch: number): 'white' | 'black' => (isBlackKey(pitch) ? 'black' : 'white');
  const pattern = arpeggioPattern(tonic, mode, colour(root), colour(root + (semitones[1] ?? 0)));
  return arpeggioFingers(hand === 'right' ? pattern.rh : pattern.lh, hand, octaves);
}

/**
 * A root-position triad arpeggio.
 *
 * @example arpeggio({ key: 'G', mode: 'major', hands: 'left', octaves: 3 }).id // 'arpeggio-g-major-lh-3oct'
 */
export function arpeggio(options: ArpeggioOptions): Exercise {
  const { mode, hands, octaves } = options;
  checkOctaves(octaves, MAX_ARPEGGIO_OCTAVES);
  const key = canonicalKey(options.key, mode === 'major' ? MAJOR_KEYS : MINOR_KEYS);
  const semitones = triadSemitones(key, mode);
  const rightTonic = rightHandTonic(key, octaves);
  const lines: HandLine[] = [];
  if (hands !== 'right') {
    const pitches = ascendingPitches(rightTonic - 12, semitones, octaves);
    lines.push({ hand: 'left', notes: outAndBack(pitches, arpeggioFingering(key, mode, 'left', octaves)) });
  }
  if (hands !== 'left') {
    const pitches = ascendingPitches(rightTonic, semitones, octaves);
    lines.push({ hand: 'right', notes: outAndBack(pitches, arpeggioFingering(key, mode, 'right', octaves)) });
  }
  return {
    id: `arpeggio-${keyToken(key)}-${mode}-${handsToken(hands)}-${octaves}oct`,
    kind: 'arpeggio',
    key,
    mode,
    hands,
    motion: 'parallel',
    octaves,
    name: `${key} ${mode} arpeggio, ${handsWords(hands)}, ${octavesWords(octaves)}`,
    subdivision: options.subdivision ?? DEFAULT_SUBDIVISION,
    bpm: options.bpm ?? DEFAULT_BPM,
    notes: buildSequence(lines),
  };
}
