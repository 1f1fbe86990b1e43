/**
 * Exercises moved by whole octaves. The catalogue puts each exercise in one register (right hand
 * from C4, left hand an octave lower); a pianist may play the same scale anywhere. Fingering does
 * not change with the octave.
 */
import type { Exercise } from '../exercises/types';

const copies = new WeakMap<Exercise, Map<number, Exercise>>();
const shifts = new WeakMap<Exercise, number>();

/**
 * The exercise with every pitch moved by `semitones` (cached; same id and fingering), or null when
 * a note would leave the MIDI range.
 *
 * @example transposed(getExercise('scale-c-major-rh-1oct')!, 12)?.notes[0].pitch // 72
 */
export function transposed(exercise: Exercise, semitones: number): Exercise | null {
  if (semitones === 0) return exercise;
  let byShift = copies.get(exercise);
  if (!byShift) {
    byShift = new Map();
    copies.set(exercise, byShift);
  }
  const cached = byShift.get(semitones);
  if (cached) return cached;
  if (exercise.notes.some((note) => note.pitch + semitones < 0 || note.pitch + semitones > 127)) return null;
  const copy: Exercise = { ...exercise, notes: exercise.notes.map((note) => ({ ...note, pitch: note.pitch + semitones })) };
  byShift.set(semitones, copy);
  shifts.set(copy, semitones);
  return copy;
}

/**
 * How far (semitones) an exercise made by `transposed` lies from the catalogue's; 0 otherwise.
 *
 * @example transpositionOf(transposed(exercise, -12)!) // -12
 */
export function transpositionOf(exercise: Exercise): number {
  return shifts.get(exercise) ?? 0;
}
