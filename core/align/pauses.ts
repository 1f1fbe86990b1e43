/**
 * Splitting a recording where the player paused: the cheap first cut that keeps every later
 * step (alignment, recognition) working on short, independent stretches.
 */
import type { Note } from '../midi/types';
import { medianOfList } from '../numeric/median';

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
// Intervals looked at on each side of a candidate pause.
const NEIGHBOURS = 8;

/**
 * Cuts notes (sorted by onset) into phrases at pauses: an onset gap of at least `minPauseMs` and
 * at least `pauseFactor` times the median of the neighbouring inter-onset intervals (a few on
 * each side), so a slow exercise is not cut at every note.
 *
 * @example splitAtPauses(notes).length // 3 for three scales with a 2 s pause between them
 */
export function splitAtPauses(notes: readonly Note[], options: PauseOptions = {}): NoteRange[] {
  const minPause = options.minPauseMs ?? DEFAULT_MIN_PAUSE_MS;
  const factor = options.pauseFactor ?? DEFAULT_PAUSE_FACTOR;
  const phrases: NoteRange[] = [];
  if (notes.length === 0) return phrases;
  // Intervals between successive onsets that count for the pulse (not chords), by note index.
  const pulse: number[] = [];
  const pulseAt: number[] = [];
  for (let i = 1; i < notes.length; i += 1) {
    const gap = (notes[i]?.onsetMs ?? 0) - (notes[i - 1]?.onsetMs ?? 0);
    if (gap >= SIMULTANEOUS_MS) {
      pulse.push(gap);
      pulseAt.push(i);
    }
  }
  let start = 0;
  const window: number[] = [];
  for (let k = 0; k < pulse.length; k += 1) {
    const gap = pulse[k] ?? 0;
    if (gap < minPause) continue;
    window.length = 0;
    for (let d = 1; d <= NEIGHBOURS; d += 1) {
      const before = pulse[k - d];
      const after = pulse[k + d];
      if (before !== undefined) window.push(before);
      if (after !== undefined) window.push(after);
    }
    if (gap >= factor * medianOfList(window)) {
      const at = pulseAt[k] ?? notes.length;
      phrases.push({ start, end: at });
      start = at;
    }
  }
  phrases.push({ start, end: notes.length });
  return phrases;
}
