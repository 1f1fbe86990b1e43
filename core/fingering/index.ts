/**
 * Public API of free-play estimation: hands, fingers, and what free play measures.
 * See docs/fingering.md for the methods, their sources and the measured accuracy.
 */
export { separateHands, createHandSeparator, DEFAULT_HAND_COSTS } from './hands';
export type { HandCosts, HandDecision, HandEstimate, HandInputNote, HandOptions, HandSeparator } from './hands';
export { estimateFingering } from './fingers';
export type { FingerEstimate, FingeringInputNote, FingeringOptions } from './fingers';
export { spanLimits, isPracticalPair, pairSpan } from './span-table';
export type { SpanLimits } from './span-table';
export { fingeringPatterns, patternPriors } from './patterns';
export type { FingeringPattern, PatternKind } from './patterns';
export {
  analyzeFreePlay,
  FINGER_CONFIDENCE_THRESHOLD,
  HAND_CONFIDENCE_THRESHOLD,
  MIN_RUN_NOTES,
  RUN_TOLERANCE,
} from './free-play';
export type { FreePlayAnalysis, FreePlayEvent, FreePlayFingerFigures, FreePlayNoteEstimate, FreePlayOptions, FreePlayTiming } from './free-play';
export { describeFreePlay } from './document';
export type { FreePlayDescription } from './document';
