/**
 * Flat, typed copies of an exercise's expected pitches and steps, built once per exercise, so the
 * inner loops of the aligner read arrays instead of objects.
 */
import type { Exercise } from '../exercises/types';
import type { Note } from '../midi/types';

export interface ExerciseView {
  readonly exercise: Exercise;
  readonly pitch: Int16Array;
  readonly step: Float64Array;
}

export interface NoteView {
  readonly pitch: Int16Array;
  readonly onset: Float64Array;
}

const views = new WeakMap<Exercise, ExerciseView>();

/**
 * The typed view of an exercise (cached).
 *
 * @example exerciseView(exercise).pitch.length === exercise.notes.length // true
 */
export function exerciseView(exercise: Exercise): ExerciseView {
  const cached = views.get(exercise);
  if (cached) return cached;
  const pitch = Int16Array.from(exercise.notes, (note) => note.pitch);
  const step = Float64Array.from(exercise.notes, (note) => note.step);
  const view = { exercise, pitch, step };
  views.set(exercise, view);
  return view;
}

/**
 * Typed pitches and onsets of performed notes (sorted by onset).
 *
 * @example noteView(notes).onset[0] === notes[0].onsetMs // true
 */
export function noteView(notes: readonly Note[]): NoteView {
  // A plain loop: TypedArray.from with a mapping function is several times slower.
  const pitch = new Int16Array(notes.length);
  const onset = new Float64Array(notes.length);
  for (let k = 0; k < notes.length; k += 1) {
    const note = notes[k];
    if (note === undefined) continue;
    pitch[k] = note.pitch;
    onset[k] = note.onsetMs;
  }
  return { pitch, onset };
}
