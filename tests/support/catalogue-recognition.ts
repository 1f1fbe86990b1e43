/**
 * The catalogue-wide recognition property (issue 12): every exercise, in every register where it
 * fits on the 88 keys, at 2-12 notes per second, clean and with 5 % wrong / 5 % missed / 5 %
 * extra notes, must be recognised as itself (twins with the same pitches count as one), with
 * the right octave count, and with the right hand or flagged `handUncertain`; and a wrong hand
 * never without the flag, nor when the hand was given.
 *
 * Iterates whatever the library holds (listExercises), so exercises added later are covered.
 */
import { recognize } from '../../core/align/recognize';
import { transposed } from '../../core/align/transpose';
import type { Take } from '../../core/align/types';
import { PIANO_BOTTOM, PIANO_TOP } from '../../core/exercises/keys';
import { listExercises } from '../../core/exercises/library';
import type { Exercise, Hand } from '../../core/exercises/types';
import { corrupt, perform } from './performer';
import { createRandom } from './random';

/** One performance to check. */
export interface RecognitionCase {
  readonly exercise: Exercise;
  /** Semitones from the catalogue register (whole octaves). */
  readonly shift: number;
  readonly notesPerSecond: number;
  readonly corrupted: boolean;
  readonly seed: number;
  /** The hand stated up front (analyze --hand), or undefined. */
  readonly givenHand?: Hand;
}

export interface CaseResult {
  readonly case: RecognitionCase;
  /** Recognised as itself (pitches, octaves) with an acceptable hand. */
  readonly ok: boolean;
  /** A wrong hand reported without the flag (or despite a given hand). */
  readonly silentWrongHand: boolean;
  readonly flagged: boolean;
  readonly found: string;
}

/**
 * Every whole-octave shift that keeps the exercise on the 88 keys.
 *
 * @example registers(getExercise('scale-c-major-rh-1oct')!) // [-36, -24, -12, 0, 12, 24, 36]
 */
export function registers(exercise: Exercise): number[] {
  const pitches = exercise.notes.map((note) => note.pitch);
  const low = Math.min(...pitches);
  const high = Math.max(...pitches);
  const shifts: number[] = [];
  for (let shift = -96; shift <= 96; shift += 12) if (low + shift >= PIANO_BOTTOM && high + shift <= PIANO_TOP) shifts.push(shift);
  return shifts;
}

/**
 * All cases (every exercise x register x clean/corrupted), one tempo drawn per case from 2-12
 * notes/s; or a fixed-seed sample of `sample` cases.
 *
 * @example recognitionCases({ seed: 12 }).length // thousands
 */
export function recognitionCases(options: { seed: number; sample?: number; catalogue?: readonly Exercise[] }): RecognitionCase[] {
  const random = createRandom(options.seed);
  const all: RecognitionCase[] = [];
  for (const exercise of options.catalogue ?? listExercises()) {
    for (const shift of registers(exercise)) {
      for (const corrupted of [false, true]) {
        all.push({ exercise, shift, corrupted, notesPerSecond: 2 + 10 * random.next(), seed: random.int(1, 1e9) });
      }
    }
  }
  if (options.sample === undefined || options.sample >= all.length) return all;
  const picked: RecognitionCase[] = [];
  const pool = [...all];
  for (let n = 0; n < options.sample; n += 1) {
    const k = random.int(0, pool.length - 1);
    const [item] = pool.splice(k, 1);
    if (item) picked.push(item);
  }
  return picked;
}

function pitchesOf(exercise: Exercise): string {
  return exercise.notes.map((note) => note.pitch).join(',');
}

/**
 * Plays one case and checks what recognition makes of it.
 *
 * @example runCase(recognitionCases({ seed: 1, sample: 1 })[0]!).ok // true
 */
export function runCase(item: RecognitionCase): CaseResult {
  const played = transposed(item.exercise, item.shift);
  if (played === null) throw new RangeError(`${item.exercise.id} cannot move by ${item.shift}`);
  const bpm = (item.notesPerSecond * 60) / played.subdivision;
  let performance = perform(played, { seed: item.seed, bpm, startMs: 1000, tempoDrift: 0.04 });
  if (item.corrupted) performance = corrupt(performance, { seed: item.seed + 1, wrong: 0.05, missed: 0.05, extra: 0.05 });
  const { takes } = recognize(performance.notes, item.givenHand ? { hand: item.givenHand } : {});
  // The take holding most of the notes is the answer.
  let main: Take | undefined;
  let most = -1;
  for (const take of takes) {
    const held = take.matches.filter((match) => match.note !== null).length;
    if (held > most) {
      most = held;
      main = take;
    }
  }
  const found = main ? `${main.exercise.id}${main.transposition ? `@${main.transposition}` : ''}${main.handUncertain ? ' (hand uncertain)' : ''}` : 'nothing';
  if (!main) return { case: item, ok: false, silentWrongHand: false, flagged: false, found };
  const samePitches = pitchesOf(main.exercise) === pitchesOf(played);
  const sameOctaves = main.exercise.octaves === played.octaves;
  const single = takes.length === 1;
  const rightHand = main.exercise.hands === played.hands;
  const flagged = main.handUncertain === true;
  const handOk = rightHand || (flagged && item.givenHand === undefined);
  return {
    case: item,
    ok: samePitches && sameOctaves && single && handOk,
    silentWrongHand: samePitches && !rightHand && (!flagged || item.givenHand !== undefined),
    flagged,
    found: takes.length > 1 ? `${found} +${takes.length - 1} more` : found,
  };
}
