/**
 * Public API of the exercise library: generators, the catalogue and grid timing.
 */
export type * from './types';
export { listExercises, getExercise, exerciseIds } from './library';
export { scale, scaleFingering, scaleId } from './scale';
export type { ScaleMode, ScaleOptions } from './scale';
export { clinicalScale } from './clinical';
export { nominalOnsetMs, stepMs } from './timing';
export { MAJOR_KEYS, MINOR_KEYS } from './keys';
