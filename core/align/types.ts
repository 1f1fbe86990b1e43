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
  /**
   * Optional (added by the aligner): expected notes this attempt covered, [from, to). Absent for
   * a full repetition. A breakdown ends a take early (to < notes.length); a restart from a
   * position starts one late (from > 0). Matches outside the span were not reached: their
   * noteIndex is null but they are not missed notes.
   */
  readonly span?: { readonly from: number; readonly to: number };
  /** Optional: the player stopped inside this take and started again (a breakdown). */
  readonly breakdown?: boolean;
  /** Optional: alignment cost (about one per missed, extra or wrong note; timing adds a little). */
  readonly cost?: number;
  /**
   * Optional: recognition found the exercise played this many semitones (whole octaves) away from
   * the catalogue's register; `exercise` is then the moved copy (same id and fingering).
   */
  readonly transposition?: number;
  /**
   * Optional (recognition, forced alignment): 0-1, how clearly the exercise explains the take's
   * notes (core/align/credibility.ts).
   */
  readonly confidence?: number;
  /**
   * Optional: 0-1, probability that `exercise.hands` is the hand that played (1 when given by the
   * player or told by the pitches, e.g. hands together; see core/align/twins.ts).
   */
  readonly handConfidence?: number;
  /** Optional: true when the hand could not be told from the notes and was not given. */
  readonly handUncertain?: boolean;
  /**
   * Optional: where the hand comes from when something other than recognition's own choice set it
   * ('given', 'corrected', 'history'; core/analysis). Absent: recognition's (or the hand given to
   * it, `RecognizeOptions.hand`).
   */
  readonly handSource?: 'notes' | 'given' | 'corrected' | 'history';
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
