/**
 * The player's own norm in this take for one measure: each finger's median (once it has enough
 * notes, else the hand's median), and the hand's robust SD of the departures from those medians.
 */
import type { Finger, Hand } from '../exercises/types';
import { median, scaledMad } from '../metrics/stats';

export interface Norm {
  /** The finger's (or hand's) median. */
  centerOf(finger: Finger): number;
  /** Hand-level robust SD (scaled MAD of departures), before any floor. */
  readonly robustSd: number;
}

export interface Sample {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly value: number;
}

/**
 * Norm of one hand's samples.
 *
 * @example handNorm(samples, 'right', 4).centerOf(3) // median of finger 3's values
 */
export function handNorm(samples: readonly Sample[], hand: Hand, fingerMinNotes: number): Norm {
  // Values per finger (index finger - 1) and for the whole hand, in one pass.
  const byFinger: number[][] = [[], [], [], [], []];
  const all: number[] = [];
  for (const s of samples) {
    if (s.hand !== hand || !Number.isFinite(s.value)) continue;
    all.push(s.value);
    byFinger[s.finger - 1]?.push(s.value);
  }
  const handCenter = median(all);
  const centers = byFinger.map((values) => (values.length >= fingerMinNotes && values.length > 0 ? median(values) : handCenter));
  const centerOf = (finger: Finger): number => centers[finger - 1] ?? handCenter;
  const departures: number[] = [];
  byFinger.forEach((values, k) => {
    const center = centers[k] ?? handCenter;
    for (const value of values) departures.push(value - center);
  });
  return { centerOf, robustSd: scaledMad(departures) };
}

/**
 * Norm with one center for the whole hand (no per-finger medians).
 *
 * @example handWideNorm(samples, 'left').centerOf(1) === handWideNorm(samples, 'left').centerOf(5)
 */
export function handWideNorm(samples: readonly Sample[], hand: Hand): Norm {
  const own = samples.filter((s) => s.hand === hand && Number.isFinite(s.value)).map((s) => s.value);
  const center = median(own);
  return { centerOf: () => center, robustSd: scaledMad(own, center) };
}
