/**
 * Public API of the metrics layer: per-finger evenness of an aligned take, per-note deviations,
 * and the comparison of repetitions. Definitions and sources: docs/metrics.md.
 */
export type * from './types';
export { measureTake, noteDeviations } from './measure';
export { compareRepetitions } from './repetitions';
export { analyseTiming, GAP_MIN_MS, GAP_MIN_ROBUST_SDS, GAP_MIN_STEPS, MIN_FIT_NOTES } from './timing';
export type { TakeTiming, Segment } from './timing';
export { meanSd, median, scaledMad, MAD_TO_SD } from './stats';
export { fitLine, predict, residual } from './line-fit';
export type { LineFit } from './line-fit';
