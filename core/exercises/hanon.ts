/**
 * Hanon's exercises (C.-L. Hanon, *Le pianiste virtuose*, 1873; public domain): an 8-note pattern
 * climbing two octaves of C major by step and coming back (Nos. 1-20), and No. 21's 16-note
 * pattern, each hand alone or both hands an octave apart, with the printed fingering.
 *
 * Layout of Part I (Nos. 1-20), as in every edition: the ascending pattern is played from
 * each of the 14 white keys C3..B4 (right hand; the left hand an octave lower), then the
 * descending pattern from each of the 15 anchors C5 down to C3, then the closing C3. In
 * Part I the hand never passes the thumb: within a bar each key has its own finger, the
 * fingers in pitch order (right hand 1 on the lowest key going up, 5 on the highest going down;
 * the left hand mirrored). That is the printed fingering of the exercises offered here (e.g.
 * No. 1 RH 1-2-3-4-5-4-3-2 up and 5-4-3-2-1-2-3-4 down: the preface's "stretch between the
 * fifth and fourth fingers of the right hand in descending"; No. 5 RH 1-5-4-5-3-4-2-3).
 *
 * No. 21 comes from the MIT-licensed jtauber/czerny `make_hanon.py` (notes and printed right-hand
 * fingering); the left hand plays an octave lower with the mirrored fingering (6 - right), the
 * same convention that file's printed fingering of No. 22 follows for both hands.
 */
import { DEFAULT_SUBDIVISION, handsToken, handsWords } from './describe';
import { buildSequence } from './sequence';
import type { HandLine, LineNote } from './sequence';
import type { Direction, Exercise, Finger, Hand, HandsSpec } from './types';

/** C major degrees (semitones above C) used by every Hanon exercise here. */
const C_MAJOR = [0, 2, 4, 5, 7, 9, 11];
/** Right hand's lowest note, C3 (MIDI 48); the left hand plays an octave lower (C2, 36). */
export const HANON_RIGHT_HAND_START = 48;
/** Hanon's own marking for Part I: "begin at 60, gradually increasing up to 108" (quarter notes). */
export const HANON_BPM = 60;

/** MIDI pitch of a C-major degree counted from `base` (degree 0 = base, 7 = an octave up). */
function degreePitch(base: number, degree: number): number {
  const octave = Math.floor(degree / 7);
  const within = degree - octave * 7;
  return base + octave * 12 + (C_MAJOR[within] ?? 0);
}

/**
 * Part I patterns, in scale degrees relative to the bar's anchor (0 = the anchor key). `down`
 * omitted: the ascending pattern mirrored (Hanon's descending form), degree 4 - d.
 */
const PART_ONE: Readonly<Record<number, { readonly up: readonly number[]; readonly down?: readonly number[] }>> = {
  1: { up: [0, 2, 3, 4, 5, 4, 3, 2] },
  2: { up: [0, 2, 5, 4, 3, 4, 3, 2], down: [4, 1, -1, 0, 1, 0, 1, 2] },
  3: { up: [0, 2, 5, 4, 3, 2, 3, 4], down: [4, 1, -1, 0, 1, 2, 1, 0] },
  5: { up: [0, 5, 4, 5, 3, 4, 2, 3], down: [0, 1, 0, 2, 1, 3, 2, 4] },
  7: { up: [0, 2, 1, 3, 2, 4, 3, 2] },
  8: { up: [0, 2, 4, 5, 3, 4, 2, 3] },
  10: { up: [0, 5, 4, 3, 2, 3, 2, 3] },
  13: { up: [2, 0, 3, 1, 4, 2, 3, 4], down: [2, 4, 1, 3, 2, 0, 1, 2] },
  14: { up: [0, 1, 3, 2, 3, 2, 4, 3] },
  18: { up: [0, 1, 3, 2, 4, 3, 1, 2] },
  19: { up: [0, 5, 3, 4, 5, 3, 2, 4] },
};

/** The Hanon numbers offered, in order. */
export const HANON_NUMBERS: readonly number[] = [...Object.keys(PART_ONE).map(Number), 21];

export interface HanonOptions {
  /** Exercise number: one of HANON_NUMBERS. */
  readonly number: number;
  readonly hands: HandsSpec;
  readonly bpm?: number;
}

/**
 * Fingers for one bar by Part I's rule: each distinct key of the bar gets its own finger in
 * pitch order. Right hand: going up the lowest key takes 1, going down the highest takes 5; left
 * hand mirrored (up: lowest 5, down: highest 1). Throws RangeError for more than five keys.
 *
 * @example barFingering([60, 64, 65, 67, 69, 67, 65, 64], 'right', 'up') // [1, 2, 3, 4, 5, 4, 3, 2]
 */
export function barFingering(pitches: readonly number[], hand: Hand, direction: Direction): Finger[] {
  const keys = [...new Set(pitches)].sort((a, b) => a - b);
  if (keys.length > 5) throw new RangeError(`a bar of ${keys.length} different keys cannot be played without passing the thumb`);
  const rank = (pitch: number): number => keys.indexOf(pitch);
  const top = keys.length - 1;
  return pitches.map((pitch) => {
    const r = rank(pitch);
    // Right hand counts up from the thumb; the left hand's thumb is its highest finger.
    const rightFinger = direction === 'up' ? r + 1 : 5 - (top - r);
    return (hand === 'right' ? rightFinger : 6 - rightFinger) as Finger;
  });
}

function partOneLine(number: number, hand: Hand): LineNote[] {
  const pattern = PART_ONE[number];
  if (pattern === undefined) throw new RangeError(`Hanon No. ${number} is not offered (offered: ${HANON_NUMBERS.join(', ')})`);
  const base = HANON_RIGHT_HAND_START - (hand === 'left' ? 12 : 0);
  const down = pattern.down ?? pattern.up.map((d) => 4 - d);
  const notes: LineNote[] = [];
  const bar = (anchor: number, degrees: readonly number[], direction: Direction, run: number): void => {
    const pitches = degrees.map((d) => degreePitch(base, anchor + d));
    const fingers = barFingering(pitches, hand, direction);
    pitches.forEach((pitch, i) => notes.push({ pitch, finger: fingers[i] as Finger, direction, run }));
  };
  for (let anchor = 0; anchor <= 13; anchor += 1) bar(anchor, pattern.up, 'up', 0);
  for (let anchor = 14; anchor >= 0; anchor -= 1) bar(anchor, down, 'down', 1);
  // The closing tonic: right hand thumb, left hand fifth finger.
  notes.push({ pitch: base, finger: hand === 'right' ? 1 : 5, direction: 'down', run: 1 });
  return notes;
}

// No. 21, after jtauber/czerny examples/scores/make_hanon.py (MIT): degrees are 1-based there.
const H21_A = { notes: [1, 2, 3, 2, 1, 3, 4, 5, 6, 5, 4, 5, 6, 5, 4, 3], fingers: [1, 2, 3, 2, 1, 2, 3, 4, 5, 4, 3, 4, 5, 4, 3, 2] };
const H21_B = { notes: [6, 5, 4, 5, 6, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 4], fingers: [5, 4, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 4] };
const H21_C = { notes: [6, 5, 4, 5, 6, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2], fingers: [5, 4, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2] };
const H21_D = { notes: [1], fingers: [1] };

function no21Line(hand: Hand): LineNote[] {
  const base = HANON_RIGHT_HAND_START - (hand === 'left' ? 12 : 0);
  const sections: [typeof H21_A, readonly number[], Direction, number][] = [
    [H21_A, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 'up', 0],
    [H21_B, [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'down', 1],
    [H21_C, [0], 'down', 1],
    [H21_D, [0], 'down', 1],
  ];
  const notes: LineNote[] = [];
  for (const [section, offsets, direction, run] of sections) {
    for (const offset of offsets) {
      section.notes.forEach((degree, i) => {
        const printed = section.fingers[i] ?? 1;
        notes.push({
          pitch: degreePitch(base, degree + offset - 1),
          finger: (hand === 'right' ? printed : 6 - printed) as Finger,
          direction,
          run,
        });
      });
    }
  }
  return notes;
}

/**
 * One Hanon exercise, one hand or both (the left hand an octave below the right, on the same
 * sixteenth-note grid). Throws RangeError for a number not offered.
 *
 * @example hanon({ number: 1, hands: 'right' }).notes.length // 233 (14 + 15 bars of 8, and the closing C)
 * @example hanon({ number: 21, hands: 'both' }).id // 'hanon-21-both'
 */
export function hanon(options: HanonOptions): Exercise {
  const { number, hands } = options;
  const line = (hand: Hand): LineNote[] => (number === 21 ? no21Line(hand) : partOneLine(number, hand));
  const lines: HandLine[] = [];
  if (hands !== 'right') lines.push({ hand: 'left', notes: line('left') });
  if (hands !== 'left') lines.push({ hand: 'right', notes: line('right') });
  return {
    id: `hanon-${number}-${handsToken(hands)}`,
    kind: 'hanon',
    key: 'C',
    mode: 'major',
    hands,
    motion: 'parallel',
    octaves: 2,
    name: `Hanon No. ${number}, ${handsWords(hands)}`,
    subdivision: DEFAULT_SUBDIVISION,
    bpm: options.bpm ?? HANON_BPM,
    notes: buildSequence(lines),
  };
}

/**
 * Every offered Hanon exercise, each hand alone and both together.
 *
 * @example hanonExercises().length // HANON_NUMBERS.length * 3
 */
export function hanonExercises(): Exercise[] {
  const hands: readonly HandsSpec[] = ['right', 'left', 'both'];
  return HANON_NUMBERS.flatMap((number) => hands.map((h) => hanon({ number, hands: h })));
}
