/**
 * A pianist's own fingering: the same exercise with one hand's fingers replaced, in that hand's
 * playing order, and the thumb-passage flags recomputed from the new fingers. Every per-finger
 * number of an analysis follows the fingering the exercise carries, so this is how a pianist who
 * starts B-flat major on 4 gets their numbers attributed to the fingers they really used.
 */
import { isCrossing } from './sequence';
import type { Exercise, ExpectedNote, Finger, FingeringSource, Hand } from './types';

/** The given fingers do not match the number of notes the hand plays. */
export class FingeringCountError extends RangeError {
  override readonly name = 'FingeringCountError';
  constructor(
    readonly exerciseId: string,
    readonly hand: Hand,
    readonly expected: number,
    readonly given: number,
  ) {
    super(`${exerciseId} has ${expected} ${hand}-hand notes, so the fingering needs ${expected} fingers (got ${given})`);
  }
}

/**
 * How many notes one hand plays in the exercise (one repetition).
 *
 * @example handNoteCount(getExercise('scale-c-major-rh-2oct')!, 'right') // 29
 */
export function handNoteCount(exercise: Exercise, hand: Hand): number {
  let count = 0;
  for (const note of exercise.notes) if (note.hand === hand) count += 1;
  return count;
}

/**
 * One hand's fingers in playing order (null where the score gives none).
 *
 * @example handFingers(getExercise('scale-c-major-rh-1oct')!, 'right').join('') // '123123453213211' (up and down)
 */
export function handFingers(exercise: Exercise, hand: Hand): (Finger | null)[] {
  return exercise.notes
    .filter((note) => note.hand === hand)
    .sort((a, b) => a.position - b.position)
    .map((note) => (note.fingered === false ? null : note.finger));
}

/**
 * The exercise with `hand`'s fingers replaced by `fingers` (one per note of that hand, in playing
 * order, each 1-5); crossings are recomputed. Throws FingeringCountError for another count and
 * RangeError for a finger outside 1-5.
 *
 * @example withFingering(getExercise('scale-bb-major-rh-1oct')!, 'right', [4,1,2,3,1,2,3,4,3,2,1,3,2,1,4]).notes[0]?.finger // 4
 */
export function withFingering(
  exercise: Exercise,
  hand: Hand,
  fingers: readonly number[],
  source: { readonly fingering?: FingeringSource; readonly profile?: string } = {},
): Exercise {
  const count = handNoteCount(exercise, hand);
  if (fingers.length !== count) throw new FingeringCountError(exercise.id, hand, count, fingers.length);
  fingers.forEach((finger, i) => {
    if (!Number.isInteger(finger) || finger < 1 || finger > 5) {
      throw new RangeError(`finger ${i + 1} of the ${hand} hand is ${finger}; fingers are 1 (thumb) to 5`);
    }
  });
  const byPosition = [...exercise.notes].filter((note) => note.hand === hand).sort((a, b) => a.position - b.position);
  const fingerAt = new Map<ExpectedNote, Finger>();
  byPosition.forEach((note, i) => fingerAt.set(note, fingers[i] as Finger));
  const previousOf = new Map<ExpectedNote, ExpectedNote>();
  byPosition.forEach((note, i) => {
    const previous = byPosition[i - 1];
    if (previous !== undefined) previousOf.set(note, previous);
  });
  const notes = exercise.notes.map((note): ExpectedNote => {
    const finger = fingerAt.get(note);
    if (finger === undefined) return note;
    const previous = previousOf.get(note);
    const crossing =
      previous !== undefined && isCrossing(hand, { pitch: previous.pitch, finger: fingerAt.get(previous) ?? previous.finger }, { pitch: note.pitch, finger });
    const { fingered: _unknown, ...known } = note;
    return { ...known, finger, crossing };
  });
  const label = source.fingering ?? 'own';
  return {
    ...exercise,
    notes,
    fingering: {
      ...exercise.fingering,
      [hand]: label,
      ...(source.profile === undefined ? {} : { profile: source.profile }),
    },
  };
}
