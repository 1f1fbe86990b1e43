/**
 * Exercise families: which takes are comparable. A family is one kind of exercise in one key and
 * mode, played by the same hand(s) in the same motion, whatever the number of octaves (the
 * per-finger figures of a 1- and a 2-octave C major scale measure the same thing; the per-position
 * fingerprint, which depends on the octave count, is kept per exercise id instead). Hands
 * separate and hands together are different families: playing with both hands changes timing.
 */
import type { DriftTake } from './types';

/**
 * The family id of a take's exercise: kind:key:mode:hands:motion.
 *
 * @example familyOf(take) // => 'scale:C:major:right:parallel'
 */
export function familyOf(exercise: DriftTake['exercise']): string {
  return `${familyStem(exercise)}:${exercise.hands}:${exercise.motion}`;
}

/**
 * The family id without the hands: kind:key:mode:motion. The right- and left-hand versions of a
 * one-hand exercise (twins: the same pitches up to octaves) share it, so it keys what a pianist's
 * history says about which hand they play that exercise with (core/analysis/hand-prior.ts).
 *
 * @example handFreeFamilyOf(getExercise('scale-g-major-lh-1oct')!) // => 'scale:G:major:parallel'
 */
export function handFreeFamilyOf(exercise: Pick<DriftTake['exercise'], 'kind' | 'key' | 'mode' | 'motion'>): string {
  return `${familyStem(exercise)}:${exercise.motion}`;
}

function familyStem(exercise: Pick<DriftTake['exercise'], 'kind' | 'key' | 'mode'>): string {
  const key = exercise.key === '' ? '-' : exercise.key;
  // The clinical scale test is a two-octave C major scale: the same notes and fingering, so the
  // same family whether the pianist chose the preset or recognition named the scale.
  const kind = exercise.kind === 'clinical-scale' ? 'scale' : exercise.kind;
  return `${kind}:${key}:${exercise.mode}`;
}

/**
 * A readable name for a family: the exercise name without its octave count.
 *
 * @example familyName(take.exercise) // => 'C major scale, right hand'
 */
export function familyName(exercise: DriftTake['exercise']): string {
  return exercise.name.replace(/,\s*\d+(\.\d+)?\s*octaves?/i, '').trim();
}
