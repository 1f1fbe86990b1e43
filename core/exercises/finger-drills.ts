/**
 * Single-hand finger drills in the C five-finger position: trills between two fingers and repeated
 * notes with one finger. Each finger sits over its own white key (right hand C4 D4 E4 F4 G4 for
 * fingers 1-5; left hand C3 D3 E3 F3 G3 for fingers 5-1), so adjacent fingers trill a second apart
 * and wider pairs span accordingly (1-5 a fifth). These drills have no melodic direction: every note
 * is one run (run 0) marked 'up'.
 */
import { DEFAULT_BPM, DEFAULT_SUBDIVISION } from './describe';
import { buildSequence } from './sequence';
import type { Exercise, Finger, Hand } from './types';

const RIGHT_POSITION = [60, 62, 64, 65, 67];
const LEFT_POSITION = [55, 53, 52, 50, 48];

/** Trill alternations (pairs of notes) unless asked otherwise. */
export const DEFAULT_TRILL_ALTERNATIONS = 8;
/** Strikes of the repeated-note drill unless asked otherwise. */
export const DEFAULT_REPETITIONS_OF_NOTE = 16;

/**
 * The key a finger rests on in the C five-finger position.
 *
 * @example fingerKey('left', 5) // 48
 */
export function fingerKey(hand: Hand, finger: Finger): number {
  const key = (hand === 'right' ? RIGHT_POSITION : LEFT_POSITION)[finger - 1];
  if (key === undefined) throw new RangeError(`no finger ${finger}`);
  return key;
}

function handToken(hand: Hand): string {
  return hand === 'right' ? 'rh' : 'lh';
}

function drill(id: string, kind: 'trill' | 'repeated-note', hand: Hand, name: string, fingers: readonly Finger[], bpm?: number, subdivision?: number): Exercise {
  const notes = fingers.map((finger) => ({ pitch: fingerKey(hand, finger), finger, direction: 'up' as const, run: 0 }));
  return {
    id,
    kind,
    key: '',
    mode: '',
    hands: hand,
    motion: 'parallel',
    octaves: 0,
    name,
    subdivision: subdivision ?? DEFAULT_SUBDIVISION,
    bpm: bpm ?? DEFAULT_BPM,
    notes: buildSequence([{ hand, notes }]),
  };
}

export interface TrillOptions {
  readonly hand: Hand;
  /** Two different fingers; the lower-numbered one plays first. */
  readonly fingers: readonly [Finger, Finger];
  readonly alternations?: number;
  readonly bpm?: number;
  readonly subdivision?: number;
}

/**
 * A trill between two fingers: `alternations` pairs, lower-numbered finger first.
 *
 * @example trill({ hand: 'right', fingers: [3, 4] }).id // 'trill-rh-3-4'
 */
export function trill(options: TrillOptions): Exercise {
  const [x, y] = options.fingers;
  if (x === y) throw new RangeError('a trill needs two different fingers');
  const [a, b] = x < y ? [x, y] : [y, x];
  const alternations = options.alternations ?? DEFAULT_TRILL_ALTERNATIONS;
  const fingers = Array.from({ length: 2 * alternations }, (_, i) => (i % 2 === 0 ? a : b));
  const handName = options.hand === 'right' ? 'right hand' : 'left hand';
  return drill(`trill-${handToken(options.hand)}-${a}-${b}`, 'trill', options.hand, `Trill, ${handName}, fingers ${a}-${b}`, fingers, options.bpm, options.subdivision);
}

export interface RepeatedNoteOptions {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly count?: number;
  readonly bpm?: number;
  readonly subdivision?: number;
}

/**
 * One finger striking its key `count` times.
 *
 * @example repeatedNote({ hand: 'right', finger: 4 }).id // 'repeated-rh-4'
 */
export function repeatedNote(options: RepeatedNoteOptions): Exercise {
  const count = options.count ?? DEFAULT_REPETITIONS_OF_NOTE;
  const handName = options.hand === 'right' ? 'right hand' : 'left hand';
  return drill(`repeated-${handToken(options.hand)}-${options.finger}`, 'repeated-note', options.hand, `Repeated note, ${handName}, finger ${options.finger}`, Array(count).fill(options.finger) as Finger[], options.bpm, options.subdivision);
}
