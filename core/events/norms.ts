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
  const own = samples.filter((s) => s.hand === hand && Number.isFinite(s.value));
  const handCenter = median(own.map((s) => s.value));
  const byFinger = new Map<Finger, number[]>();
  for (const s of own) {
    const list = byFinger.get(s.finger);
    if (list === undefined) byFinger.set(s.finger, [s.value]);
    else list.push(s.value);
  }
  const centers = new Map<Finger, number>();
  for (const [finger, values] of byFinger) centers.set(finger, values.length >= fingerMinNotes ? median(values) : handCenter);
  const centerOf = (finger: Finger): number => centers.get(finger) ?? handCenter;
  const departures = own.map((s) => s.value - centerOf(s.finger));
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
