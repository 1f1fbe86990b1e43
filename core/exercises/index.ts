/**
 * Public API of the exercise library: generators, the catalogue and grid timing.
 */
export type * from './types';
export { listExercises, getExercise, exerciseIds } from './library';
export { scale, scaleFingering, scaleId, modeSemitones, keysOf, SCALE_MODES } from './scale';
export type { ScaleMode, ScaleOptions } from './scale';
export { arpeggio, arpeggioFingering } from './arpeggio';
export type { ArpeggioOptions, TriadMode } from './arpeggio';
export { fiveFinger } from './five-finger';
export type { FiveFingerOptions } from './five-finger';
export { trill, repeatedNote, fingerKey } from './finger-drills';
export type { TrillOptions, RepeatedNoteOptions } from './finger-drills';
export { chromatic } from './chromatic';
export type { ChromaticOptions } from './chromatic';
export { clinicalScale } from './clinical';
export { nominalOnsetMs, stepMs } from './timing';
export { MAJOR_KEYS, MINOR_KEYS } from './keys';
export { hanon, hanonExercises, barFingering, HANON_NUMBERS } from './hanon';
export type { HanonOptions } from './hanon';
export { withFingering, handFingers, handNoteCount, FingeringCountError } from './own-fingering';
