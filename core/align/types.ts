import type { Exercise, ExpectedNote } from '../exercises/types';
import type { Note } from '../midi/types';

/** One expected note and what was played for it (null: missed). */
export interface Match {
  readonly expected: ExpectedNote;
  /** Index into the performance's note array, or null when the expected note was not played. */
  readonly noteIndex: number | null;
  /** The performed note, or null when missed. */
  readonly note: Note | null;
  /** Played, but at a different pitch than expected (a wrong note counted as a substitution). */
  readonly wrongPitch: boolean;
}

/** One repetition of an exercise found in a recording. */
export interface Take {
  readonly exercise: Exercise;
  /** Onset of the first played note and offset of the last, in ms. */
  readonly startMs: number;
  readonly endMs: number;
  /** One entry per expected note, in expected order. */
  readonly matches: readonly Match[];
  /** Played notes inside the take that match no expected note (indices into the note array). */
  readonly extraNoteIndices: readonly number[];
  /** Estimated tempo in bpm of the metronome beat (from the fitted grid step). */
  readonly bpm: number;
}

/** A stretch of notes that matches no exercise. */
export interface FreePlaySegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly noteIndices: readonly number[];
}

export interface Segmentation {
  readonly takes: readonly Take[];
  readonly freePlay: readonly FreePlaySegment[];
}
