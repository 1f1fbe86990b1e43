/**
 * Cheap descriptions of an exercise and of a stretch of playing, compared in microseconds so
 * recognition only runs the aligner on a short list of plausible exercises.
 */
import type { Exercise } from '../exercises/types';
import type { NoteRange } from './pauses';
import type { NoteView } from './view';

export interface PitchFeatures {
  /** Share of notes on each pitch class (sums to 1). */
  readonly pitchClassShare: Float64Array;
  readonly lowest: number;
  readonly highest: number;
  readonly count: number;
  /** Share of notes that have another note starting within a few tens of ms (both hands). */
  readonly simultaneous: number;
}

export interface ExerciseFeatures extends PitchFeatures {
  readonly exercise: Exercise;
  /** 12-bit set of the pitch classes the exercise uses. */
  readonly pitchClassMask: number;
}

// Onsets this close count as struck together (the two hands on one step).
const TOGETHER_MS = 40;

const cache = new WeakMap<Exercise, ExerciseFeatures>();

/**
 * Features of an exercise (cached).
 *
 * @example exerciseFeatures(getExercise('scale-c-major-rh-1oct')!).lowest // 60
 */
export function exerciseFeatures(exercise: Exercise): ExerciseFeatures {
  const cached = cache.get(exercise);
  if (cached) return cached;
  const share = new Float64Array(12);
  let mask = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const note of exercise.notes) {
    const pc = ((note.pitch % 12) + 12) % 12;
    share[pc] = (share[pc] ?? 0) + 1;
    mask |= 1 << pc;
    lowest = Math.min(lowest, note.pitch);
    highest = Math.max(highest, note.pitch);
  }
  const count = exercise.notes.length;
  for (let pc = 0; pc < 12; pc += 1) share[pc] = count > 0 ? (share[pc] ?? 0) / count : 0;
  const features: ExerciseFeatures = {
    exercise,
    pitchClassShare: share,
    pitchClassMask: mask,
    lowest,
    highest,
    count,
    simultaneous: exercise.hands === 'both' ? 1 : 0,
  };
  cache.set(exercise, features);
  return features;
}

/**
 * Features of the notes in `range`.
 *
 * @example playedFeatures(noteView(notes), { start: 0, end: notes.length }).simultaneous // ~1 for hands together
 */
export function playedFeatures(notes: NoteView, range: NoteRange): PitchFeatures {
  const share = new Float64Array(12);
  let lowest = Infinity;
  let highest = -Infinity;
  let together = 0;
  const count = range.end - range.start;
  for (let k = range.start; k < range.end; k += 1) {
    const pitch = notes.pitch[k] ?? 0;
    const pc = ((pitch % 12) + 12) % 12;
    share[pc] = (share[pc] ?? 0) + 1;
    lowest = Math.min(lowest, pitch);
    highest = Math.max(highest, pitch);
    const onset = notes.onset[k] ?? 0;
    const before = k > range.start && onset - (notes.onset[k - 1] ?? -Infinity) < TOGETHER_MS;
    const after = k + 1 < range.end && (notes.onset[k + 1] ?? Infinity) - onset < TOGETHER_MS;
    if (before || after) together += 1;
  }
  for (let pc = 0; pc < 12; pc += 1) share[pc] = count > 0 ? (share[pc] ?? 0) / count : 0;
  return { pitchClassShare: share, lowest, highest, count, simultaneous: count > 0 ? together / count : 0 };
}

/**
 * How unlike the playing an exercise looks, from features alone (0 = alike; about 1 per clear
 * disagreement): notes outside the exercise's pitch classes, pitch classes it needs that were
 * not played, a different range (wrong and extra notes may reach two semitones past it), one
 * hand against two, far fewer notes than one repetition. Stops early, returning a lower bound,
 * once the score exceeds `stopAbove`.
 *
 * @example dissimilarity(playedFeatures(view, range), exerciseFeatures(exercise)) // 0.1
 */
export function dissimilarity(played: PitchFeatures, exercise: ExerciseFeatures, stopAbove = Infinity): number {
  // Range, hands and length first: they are cheap and often settle it.
  const rangeMiss =
    Math.max(0, Math.abs(played.lowest - exercise.lowest) - 2) + Math.max(0, Math.abs(played.highest - exercise.highest) - 2);
  const handsMiss = Math.abs(played.simultaneous - exercise.simultaneous) > 0.5 ? 1 : 0;
  const ratio = played.count / Math.max(1, exercise.count);
  const tooFew = ratio < 0.6 ? 0.6 - ratio : 0;
  const cheap = rangeMiss / 6 + 3 * handsMiss + 4 * tooFew;
  if (cheap > stopAbove) return cheap;
  let outside = 0;
  let absent = 0;
  for (let pc = 0; pc < 12; pc += 1) {
    const share = played.pitchClassShare[pc] ?? 0;
    const expected = exercise.pitchClassShare[pc] ?? 0;
    if (expected === 0) outside += share;
    else if (share < 0.25 * expected) absent += 1;
  }
  return cheap + 8 * outside + 0.7 * absent;
}

/** Features of a whole catalogue in flat arrays, for a fast scan. */
export interface CatalogueIndex {
  readonly exercises: readonly Exercise[];
  readonly features: readonly ExerciseFeatures[];
}

const indexes = new WeakMap<readonly Exercise[], CatalogueIndex>();

/**
 * The features of every exercise of a catalogue (cached per catalogue array).
 *
 * @example catalogueIndex(listExercises()).features.length === listExercises().length // true
 */
export function catalogueIndex(exercises: readonly Exercise[]): CatalogueIndex {
  const cached = indexes.get(exercises);
  if (cached) return cached;
  const index = { exercises, features: exercises.map(exerciseFeatures) };
  indexes.set(exercises, index);
  return index;
}

/**
 * The `size` exercises most like the playing, closest first, leaving out those more than
 * `margin` less alike than the closest.
 *
 * @example shortlist(playedFeatures(view, range), catalogueIndex(listExercises()), 6, 2.5)[0]?.exercise.id
 */
export function shortlist(
  played: PitchFeatures,
  index: CatalogueIndex,
  size: number,
  margin: number,
): { readonly exercise: Exercise; readonly score: number }[] {
  const best: { exercise: Exercise; score: number }[] = [];
  for (const features of index.features) {
    const score = dissimilarity(played, features, best.length === size ? (best[size - 1]?.score ?? Infinity) : Infinity);
    if (best.length === size && score >= (best[size - 1]?.score ?? Infinity)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]?.score ?? 0) > score) at -= 1;
    best.splice(at, 0, { exercise: features.exercise, score });
    if (best.length > size) best.pop();
  }
  const closest = best[0]?.score ?? 0;
  return best.filter((entry) => entry.score <= closest + margin);
}
