/**
 * "Time off the beat": a note's onset against the metronome clicks that were actually played
 * during the take (stored with the session), as opposed to the detrended deviation, which is
 * measured against the pianist's own line through the take. Both are useful: the first says
 * how well the pianist follows the click, the second how even the fingers are.
 */

/**
 * Where a time falls on the click grid: the nearest grid point (a click, or a subdivision of
 * the exercise between clicks) and the offset from it, in ms. Used for "time off the beat".
 *
 * @example offBeatMs([1000, 1500, 2000], 1260, 2) // => 10 (grid every 250 ms: 1250)
 */
export function offBeatMs(clickTimesMs: readonly number[], timeMs: number, stepsPerClick = 1): number | null {
  if (clickTimesMs.length < 2) return null;
  // Binary search for the last click at or before timeMs.
  let lo = 0;
  let hi = clickTimesMs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((clickTimesMs[mid] ?? 0) <= timeMs) lo = mid;
    else hi = mid - 1;
  }
  const i = Math.min(lo, clickTimesMs.length - 2);
  const a = clickTimesMs[i] ?? 0;
  const b = clickTimesMs[i + 1] ?? a;
  const interval = b - a;
  if (!(interval > 0)) return null;
  // Beyond the last click by more than one interval: the metronome had stopped.
  if (timeMs > b + interval || timeMs < a - interval) return null;
  const step = interval / stepsPerClick;
  const nearest = a + Math.round((timeMs - a) / step) * step;
  return timeMs - nearest;
}
