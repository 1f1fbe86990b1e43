/**
 * Where an expected note falls in time on the metronome grid.
 */
import type { Exercise, ExpectedNote } from './types';

/**
 * Nominal onset of `note` in ms: startMs + step * 60000 / bpm / subdivision. `bpm` defaults to the
 * exercise's suggested tempo.
 *
 * @example nominalOnsetMs(clinicalScale('right'), note3, 1000) // 1000 + 3 * 125 = 1375
 */
export function nominalOnsetMs(exercise: Exercise, note: ExpectedNote, startMs: number, bpm: number = exercise.bpm): number {
  return startMs + (note.step * 60000) / bpm / exercise.subdivision;
}

/**
 * Milliseconds between two grid steps.
 *
 * @example stepMs(clinicalScale('left')) // 125
 */
export function stepMs(exercise: Exercise, bpm: number = exercise.bpm): number {
  return 60000 / bpm / exercise.subdivision;
}
