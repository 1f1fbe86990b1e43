/**
 * Exercises and the sequence of notes each one prescribes, with the finger for every note.
 */

export type Hand = 'right' | 'left';
export type Finger = 1 | 2 | 3 | 4 | 5;
export type Direction = 'up' | 'down';
export type HandsSpec = 'right' | 'left' | 'both';
export type Motion = 'parallel' | 'contrary';

export type ExerciseKind =
  | 'scale'
  | 'arpeggio'
  | 'five-finger'
  | 'trill'
  | 'repeated-note'
  | 'chromatic'
  | 'clinical-scale'
  | 'hanon'
  | 'imported';

/**
 * Where an exercise's fingering comes from: the book or score ('printed'), a pianist's own
 * fingering stored for their profile ('own'), the fingering estimator ('estimated'), or nothing
 * ('none': notes without a fingering mark, measured per hand only).
 */
export type FingeringSource = 'printed' | 'own' | 'estimated' | 'none';

/** One note an exercise expects. */
export interface ExpectedNote {
  /** Index in the exercise's full expected sequence (both hands, sorted by step then hand). */
  readonly index: number;
  readonly pitch: number;
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction;
  /** Index of this note within its hand's sequence (0-based): the "position" of the clinical method. */
  readonly position: number;
  /**
   * Which run of the hand this note belongs to, in playing order (0 = the first pass, 1 = the way
   * back): ascending first for most exercises, but descending first for the left hand in contrary
   * motion; trills and repeated notes are a single run 0. `direction` says which way a run goes.
   */
  readonly run: number;
  /** Nominal onset on the metronome grid, in grid steps from the first note (0, 1, 2, ...). */
  readonly step: number;
  /** True for a note played by the thumb passing under or a finger crossing over the thumb. */
  readonly crossing: boolean;
  /**
   * Optional: false for a note whose finger is unknown (an imported score without a fingering
   * mark on it). `finger` then holds a placeholder and the note is measured per hand only: it
   * is left out of every per-finger table and per-finger event baseline. Absent means known.
   */
  readonly fingered?: false;
}

export interface Exercise {
  /** Stable id, e.g. "scale-c-major-rh-2oct", listed by `evenkeys exercises`. */
  readonly id: string;
  readonly kind: ExerciseKind;
  /** Tonic spelled by tonal, e.g. "C", "F#", "Bb"; "" for exercises without a key. */
  readonly key: string;
  /** "major", "harmonic minor", "melodic minor", "chromatic", ... */
  readonly mode: string;
  readonly hands: HandsSpec;
  /** Parallel (an octave apart) or contrary motion; "parallel" for one-hand exercises. */
  readonly motion: Motion;
  readonly octaves: number;
  /** Human name, e.g. "C major scale, right hand, 2 octaves". */
  readonly name: string;
  /** Grid steps per metronome beat (4 = sixteenths). */
  readonly subdivision: number;
  /** Suggested metronome tempo in beats per minute. */
  readonly bpm: number;
  /**
   * How many times the exercise is meant to be played in a row (optional; only the clinical
   * preset sets it, to 10). `notes` always describes one repetition.
   */
  readonly repetitions?: number;
  readonly notes: readonly ExpectedNote[];
  /**
   * Optional: which fingering each hand's notes carry (absent: 'printed', the library's own
   * sourced fingering). Set by imports and by a pianist's own fingering, so reports can say
   * which fingering the numbers were attributed with.
   */
  readonly fingering?: { readonly right?: FingeringSource; readonly left?: FingeringSource; readonly profile?: string };
}
