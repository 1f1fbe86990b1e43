/**
 * Splitting a recording where the player paused: the cheap first cut that keeps every later
 * step (alignment, recognition) working on short, independent stretches.
 */
import type { Note } from '../midi/types';

/** A half-open range of indices into a note array: [start, end). */
export interface NoteRange {
  readonly start: number;
  readonly end: number;
}

export interface PauseOptions {
  /** A gap between onsets shorter than this is never a pause (ms). */
  readonly minPauseMs?: number;
  /** A gap is a pause when it is this many times the recent typical inter-onset interval. */
  readonly pauseFactor?: number;
}

export const DEFAULT_MIN_PAUSE_MS = 1000;
export const DEFAULT_PAUSE_FACTOR = 2.5;

// Onsets closer than this belong to one chord or to both hands on one step, not to the pulse.
const SIMULTANEOUS_MS = 35;
const RECENT_INTERVALS = 16;

/**
 * Cuts notes (sorted by onset) into phrases at pauses: an onset gap of at least `minPauseMs` and
 * at least `pauseFactor` times the median of the last few inter-onset intervals, so a slow
 * exercise is not cut at every note.
 *
 * @example splitAtPauses(notes).length // 3 for three scales with a 2 s pause between them
 */
export function splitAtPauses(notes: readonly Note[], options: PauseOptions = {}): NoteRange[] {
  const minPause = options.minPauseMs ?? DEFAULT_MIN_PAUSE_MS;
  const factor = options.pauseFactor ?? DEFAULT_PAUSE_FACTOR;
  const phrases: NoteRange[] = [];
  if (notes.length === 0) return phrases;
  let start = 0;
  let recent: number[] = [];
  for (let i = 1; i < notes.length; i += 1) {
    const gap = (notes[i]?.onsetMs ?? 0) - (notes[i - 1]?.onsetMs ?? 0);
    const typical = recent.length >= 3 ? median(recent) : 0;
    if (gap >= minPause && gap >= factor * typical) {
      phrases.push({ start, end: i });
      start = i;
      recent = [];
      continue;
    }
    if (gap >= SIMULTANEOUS_MS) {
      recent.push(gap);
      if (recent.length > RECENT_INTERVALS) recent.shift();
    }
  }
  phrases.push({ start, end: notes.length });
  return phrases;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
