/**
 * The exercise picker's model: from the library and a (possibly stale) choice, which values
 * each control offers and which exercise the choice resolves to. A value the library does not
 * offer for the other choices (G# harmonic minor in 4 octaves contrary motion, say) falls back
 * to the first one offered, so the picker always names a real exercise.
 */
import type { Exercise, ExerciseKind, HandsSpec, Motion } from '../../../core/exercises/types';

export interface PickerChoice {
  readonly kind: ExerciseKind;
  readonly key: string;
  readonly mode: string;
  readonly hands: HandsSpec;
  readonly octaves: number;
  readonly motion: Motion;
  /** The exercise id when several remain (trills: which fingers). */
  readonly variant: string;
}

export interface PickerFacets {
  readonly kinds: readonly ExerciseKind[];
  readonly keys: readonly string[];
  readonly modes: readonly string[];
  readonly hands: readonly HandsSpec[];
  readonly octaves: readonly number[];
  readonly motions: readonly Motion[];
  /** More than one exercise left: the picker shows a "variant" select. */
  readonly variants: readonly Exercise[];
  readonly exercise: Exercise;
  /** The choice with every fallback applied. */
  readonly choice: PickerChoice;
}

/** Kinds in the order the picker lists them (the clinical preset has its own button). */
export const PICKER_KINDS: readonly ExerciseKind[] = ['scale', 'arpeggio', 'five-finger', 'chromatic', 'trill', 'repeated-note', 'hanon', 'imported'];

export const KIND_LABEL: Readonly<Record<ExerciseKind, string>> = {
  scale: 'Scale',
  arpeggio: 'Arpeggio',
  'five-finger': 'Five-finger pattern',
  chromatic: 'Chromatic scale',
  trill: 'Trill',
  'repeated-note': 'Repeated note',
  'clinical-scale': 'Clinical scale test',
  hanon: 'Hanon exercise',
  imported: 'Imported exercise',
};

export const HANDS_LABEL: Readonly<Record<HandsSpec, string>> = { right: 'Right hand', left: 'Left hand', both: 'Both hands' };

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function pick<T>(offered: readonly T[], wanted: T): T {
  return offered.includes(wanted) ? wanted : (offered[0] as T);
}

/**
 * @example facetsFor(listExercises(), { kind: 'scale', key: 'C', mode: 'major', hands: 'right', octaves: 2, motion: 'parallel', variant: '' }).exercise.id
 *   // => 'scale-c-major-rh-2oct'
 */
export function facetsFor(library: readonly Exercise[], wanted: PickerChoice): PickerFacets {
  const kinds = PICKER_KINDS.filter((k) => library.some((e) => e.kind === k));
  const kind = wanted.kind === 'clinical-scale' ? wanted.kind : pick(kinds, wanted.kind);
  let pool = library.filter((e) => e.kind === kind);
  const keys = distinct(pool.map((e) => e.key));
  const key = pick(keys, wanted.key);
  pool = pool.filter((e) => e.key === key);
  const modes = distinct(pool.map((e) => e.mode));
  const mode = pick(modes, wanted.mode);
  pool = pool.filter((e) => e.mode === mode);
  const hands = (['right', 'left', 'both'] as const).filter((h) => pool.some((e) => e.hands === h));
  const hand = pick(hands, wanted.hands);
  pool = pool.filter((e) => e.hands === hand);
  const motions = (['parallel', 'contrary'] as const).filter((m) => pool.some((e) => e.motion === m));
  const motion = pick(motions, wanted.motion);
  pool = pool.filter((e) => e.motion === motion);
  const octaves = distinct(pool.map((e) => e.octaves)).sort((a, b) => a - b);
  const octave = pick(octaves, wanted.octaves);
  pool = pool.filter((e) => e.octaves === octave);
  const exercise = pool.find((e) => e.id === wanted.variant) ?? pool[0];
  if (exercise === undefined) throw new Error(`no exercise of kind ${kind} in the library`);
  return {
    kinds,
    keys,
    modes,
    hands,
    octaves,
    motions,
    variants: pool.length > 1 ? pool : [],
    exercise,
    choice: { kind, key, mode, hands: hand, octaves: octave, motion, variant: exercise.id },
  };
}

/**
 * The picker's choice that names an exercise (to restore a remembered or recent exercise).
 *
 * @example choiceOf(getExercise('arpeggio-a-minor-lh-2oct')!).kind // => 'arpeggio'
 */
export function choiceOf(exercise: Exercise): PickerChoice {
  return { kind: exercise.kind, key: exercise.key, mode: exercise.mode, hands: exercise.hands, octaves: exercise.octaves, motion: exercise.motion, variant: exercise.id };
}

/**
 * Most recent first, without duplicates, at most `max`.
 *
 * @example pushRecent(['a', 'b'], 'b') // => ['b', 'a']
 */
export function pushRecent(list: readonly string[], id: string, max = 6): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, max);
}

/** @example toggleFavourite(['a'], 'a') // => [] */
export function toggleFavourite(list: readonly string[], id: string): string[] {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

/** One hand's notes per second at a tempo: the clinical protocol's "8 notes/s" at 120 bpm. */
export function notesPerSecond(exercise: Exercise, bpm: number): number {
  return (bpm * exercise.subdivision) / 60;
}
