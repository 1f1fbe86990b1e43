/**
 * Twins: exercises that play the same pitches in the same order up to whole octaves, such as a
 * right-hand scale and the left-hand one (the left hand sits an octave lower) or the clinical
 * preset and the two-octave C major scale. MIDI cannot tell twins apart by pitch: recognition
 * aligns one of each group and then chooses the hand from the other cues it has (see `chooseHand`).
 */
import type { Exercise, Hand } from '../exercises/types';
import { transposed } from './transpose';
import type { Take } from './types';

export interface TwinGroups {
  /** One exercise per group, in catalogue order (the first member met). */
  readonly representatives: readonly Exercise[];
  /** Every member of the group a representative stands for (itself included). */
  readonly membersOf: ReadonlyMap<Exercise, readonly Exercise[]>;
}

const groups = new WeakMap<readonly Exercise[], TwinGroups>();

/** The pitches (moved to start in octave 0), steps and, hands together, the hands: equal for twins. */
function shapeKey(exercise: Exercise): string {
  let lowest = Infinity;
  for (const note of exercise.notes) lowest = Math.min(lowest, note.pitch);
  const base = 12 * Math.floor(lowest / 12);
  const together = exercise.hands === 'both';
  const parts = exercise.notes.map((note) => `${note.pitch - base}.${note.step}${together ? note.hand[0] : ''}`);
  return `${together ? 'both' : 'one'}:${parts.join(',')}`;
}

/**
 * The catalogue grouped into twins (cached per catalogue array).
 *
 * @example twinGroups(listExercises()).membersOf.get(getExercise('scale-c-major-rh-1oct')!)?.map((e) => e.id) // ['scale-c-major-rh-1oct', 'scale-c-major-lh-1oct']
 */
export function twinGroups(catalogue: readonly Exercise[]): TwinGroups {
  const cached = groups.get(catalogue);
  if (cached) return cached;
  const byKey = new Map<string, Exercise[]>();
  const representatives: Exercise[] = [];
  for (const exercise of catalogue) {
    const key = shapeKey(exercise);
    const members = byKey.get(key);
    if (members) members.push(exercise);
    else {
      byKey.set(key, [exercise]);
      representatives.push(exercise);
    }
  }
  const membersOf = new Map<Exercise, readonly Exercise[]>();
  for (const members of byKey.values()) if (members[0]) membersOf.set(members[0], members);
  const result = { representatives, membersOf };
  groups.set(catalogue, result);
  return result;
}

/** The member chosen for a take, where it was played, and how sure the hand is. */
export interface HandChoice {
  readonly exercise: Exercise;
  /** Semitones (whole octaves) from the member's catalogue register to where it was played. */
  readonly shift: number;
  /** Probability (0-1) that the hand(s) reported are the hand(s) that played. */
  readonly handConfidence: number;
  /** True when the hand could not be told (twins of the other hand, no hand given). */
  readonly handUncertain: boolean;
}

/** Below this hand confidence a take is marked `handUncertain`. */
export const HAND_CERTAIN = 0.9;
/**
 * Register prior: each octave a hand plays away from where the catalogue puts it (right hand
 * from C4, left hand an octave lower) makes that hand 3 times less likely. A stated assumption
 * about where pianists play, not a measured rate: it only orders the hands, and any choice it
 * makes between twins is flagged (its confidence stays below HAND_CERTAIN).
 */
const OCTAVE_ODDS = 3;

function lowestPitch(exercise: Exercise): number {
  let lowest = Infinity;
  for (const note of exercise.notes) lowest = Math.min(lowest, note.pitch);
  return lowest;
}

/**
 * Picks which twin the player meant: the one of the stated `hand` if any, else the one played
 * closest to its catalogue register. `shift` is the representative's octave shift.
 *
 * @example chooseHand(members, -12).exercise.hands // 'left' for a right-hand scale found an octave down
 */
export function chooseHand(members: readonly Exercise[], representative: Exercise, shift: number, hand?: Hand): HandChoice {
  const repLowest = lowestPitch(representative);
  const options = members.map((exercise) => {
    const memberShift = shift - (lowestPitch(exercise) - repLowest);
    return { exercise, shift: memberShift, weight: OCTAVE_ODDS ** (-Math.abs(memberShift) / 12) };
  });
  const together = representative.hands === 'both';
  const stated = hand === undefined || together ? undefined : options.find((option) => option.exercise.hands === hand);
  if (stated) return { exercise: stated.exercise, shift: stated.shift, handConfidence: 1, handUncertain: false };
  let best = options[0];
  for (const option of options) {
    // Ties (an octave above one hand's register and below the other's): the higher hand plays
    // the higher register.
    if (best === undefined || option.weight > best.weight + 1e-9) best = option;
  }
  if (best === undefined) throw new RangeError('a twin group has no members');
  const tied = options.filter((option) => Math.abs(option.weight - (best?.weight ?? 0)) < 1e-9 && option.exercise.hands !== best?.exercise.hands);
  if (tied.length > 0 && best.exercise.hands === 'left') best = tied.find((option) => option.exercise.hands === 'right') ?? best;
  let same = 0;
  let all = 0;
  const counted = new Set<string>();
  for (const option of options) {
    // Twins of the same hand (the clinical preset and its scale) are one explanation, not two.
    const key = `${option.exercise.hands}:${option.shift}`;
    if (counted.has(key)) continue;
    counted.add(key);
    all += option.weight;
    if (option.exercise.hands === best.exercise.hands) same += option.weight;
  }
  const handConfidence = together ? 1 : all > 0 ? same / all : 1;
  return { exercise: best.exercise, shift: best.shift, handConfidence, handUncertain: handConfidence < HAND_CERTAIN };
}

/**
 * The same take as played by the other hand: the twin of `take.exercise` whose hands are `hand`
 * (same pitches in the same order, that hand's fingering), with every match moved onto the twin's
 * expected notes. Null when the exercise has no such twin (hands together, or no one-hand twin).
 * Used when the pianist corrects the hand of a take (`evenkeys takes set-hand`): nothing is
 * aligned again, only the fingering changes, and the hand is then certain.
 *
 * @example takeWithHand(take, 'left', listExercises())?.exercise.id // 'scale-c-major-lh-1oct'
 */
export function takeWithHand(take: Take, hand: Hand, catalogue: readonly Exercise[]): Take | null {
  const current = take.exercise;
  if (current.hands === 'both') return null;
  if (current.hands === hand) return { ...take, handConfidence: 1, handUncertain: false };
  const { membersOf } = twinGroups(catalogue);
  const original = catalogue.find((exercise) => exercise.id === current.id);
  if (!original) return null;
  const group = [...membersOf.values()].find((members) => members.includes(original));
  const twin = group?.find((exercise) => exercise.hands === hand && exercise.kind === original.kind) ?? group?.find((exercise) => exercise.hands === hand);
  if (!twin) return null;
  const played = lowestPitch(current);
  const shift = played - lowestPitch(twin);
  const moved = transposed(twin, shift);
  if (!moved) return null;
  const matches = take.matches.map((match) => ({ ...match, expected: moved.notes[match.expected.index] ?? match.expected }));
  const { transposition: _dropped, ...rest } = take;
  return { ...rest, exercise: moved, matches, ...(shift === 0 ? {} : { transposition: shift }), handConfidence: 1, handUncertain: false };
}
