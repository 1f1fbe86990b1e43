/**
 * Stops inside a take: the player halts in the middle of a run for a second or so (too short to
 * be a pause between phrases) and goes on, often replaying the few notes before the stop. One
 * tempo grid cannot hold across such a stop, so the take is aligned piecewise, one grid per
 * stretch between stops. A stop is judged like metrics judges one (core/metrics/timing.ts): the
 * wait between two pitch-matched notes exceeds what the grid asks for by at least
 * GAP_MIN_STEPS grid steps and GAP_MIN_MS.
 */
import { GAP_MIN_MS, GAP_MIN_STEPS } from '../metrics/timing';
import { medianOfList } from '../numeric/median';

/** Pitch-matched notes of an attempt in expected order: grid step, onset and note index. */
export interface StopAnchors {
  readonly steps: readonly number[];
  readonly onsets: readonly number[];
  /** Note index of each anchor (increasing but for the two notes of a swapped step). */
  readonly played: readonly number[];
}

export interface Stops {
  /** Interval of one grid step read from neighbouring anchors (ms). */
  readonly stepMs: number;
  /** Note indices where a stretch after a stop begins, increasing. */
  readonly cuts: readonly number[];
}

// Fewer neighbouring anchor pairs than this say too little about the step to judge a stop.
const MIN_INTERVALS = 4;

/**
 * The stops among `anchors`; each cut sits at the longest onset gap between the two anchors
 * around the stop (replayed notes inside the stop go with the side they are played nearer to).
 *
 * @example findStops({ steps: [0, 1, 2, 3, 4, 5], onsets: [0, 125, 250, 375, 1400, 1525], played: [0, 1, 2, 3, 4, 5] }, onsets).cuts // [4]
 */
export function findStops(anchors: StopAnchors, onset: ArrayLike<number>): Stops {
  const { steps, onsets, played } = anchors;
  const ratios: number[] = [];
  for (let k = 1; k < steps.length; k += 1) {
    const stepsBetween = (steps[k] ?? 0) - (steps[k - 1] ?? 0);
    if (stepsBetween > 0) ratios.push(((onsets[k] ?? 0) - (onsets[k - 1] ?? 0)) / stepsBetween);
  }
  if (ratios.length < MIN_INTERVALS) return { stepMs: 0, cuts: [] };
  const stepMs = medianOfList(ratios);
  if (!(stepMs > 0)) return { stepMs: 0, cuts: [] };
  const thresholdMs = Math.max(GAP_MIN_STEPS * stepMs, GAP_MIN_MS);
  const cuts: number[] = [];
  for (let k = 1; k < steps.length; k += 1) {
    const before = played[k - 1] ?? 0;
    const after = played[k] ?? 0;
    if (after <= before) continue;
    const excessMs = (onsets[k] ?? 0) - (onsets[k - 1] ?? 0) - ((steps[k] ?? 0) - (steps[k - 1] ?? 0)) * stepMs;
    if (!(excessMs > thresholdMs)) continue;
    let cut = after;
    let longest = -Infinity;
    for (let c = before + 1; c <= after; c += 1) {
      const gap = (onset[c] ?? 0) - (onset[c - 1] ?? 0);
      if (gap > longest) {
        longest = gap;
        cut = c;
      }
    }
    // Anchors out of played order (a swap, a stray match) must not give a cut behind the last.
    if (cut > (cuts[cuts.length - 1] ?? -Infinity)) cuts.push(cut);
  }
  return { stepMs, cuts };
}
