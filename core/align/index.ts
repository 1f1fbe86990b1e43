/**
 * Public API of alignment and recognition: which played note is which expected note (and so
 * which finger), where each take of an exercise starts and ends, and which exercise was played.
 */
export type * from './types';
export { alignRecording, takeOfAttempt, takesOfAttempts, freePlayOf, widen, joinHesitations } from './recording';
export type { RecordingOptions } from './recording';
export { alignTake } from './take';
export { assignNotes } from './assignments';
export type { NoteAssignment } from './assignments';
export type { TakeOptions, ExpectedSpan } from './take';
export { recognize, recognizeRange, DEFAULT_MAX_COST_PER_NOTE, DEFAULT_SHORTLIST } from './recognize';
export type { RecognizeOptions, Recognition } from './recognize';
export { splitAtPauses, DEFAULT_MIN_PAUSE_MS, DEFAULT_PAUSE_FACTOR } from './pauses';
export type { NoteRange, PauseOptions } from './pauses';
export { DEFAULT_COSTS, pitchCost, timingCost } from './costs';
export type { AlignCosts } from './costs';
export { fitGrid, evenGrid } from './grid';
export type { Grid } from './grid';
export { findAttempts } from './attempts';
export type { Attempt, AttemptSearch } from './attempts';
export { alignmentWork, resetAlignmentWork } from './work';
export { transposed, transpositionOf } from './transpose';
export { isCredibleTake, takeCredibility, embeddedIn, pulseSteadiness, CREDIBILITY } from './credibility';
export type { TakeCredibility, TakeContext } from './credibility';
export { twinGroups, chooseHand, takeWithHand, HAND_CERTAIN } from './twins';
export type { TwinGroups, HandChoice } from './twins';
export { octaveShift } from './features';
