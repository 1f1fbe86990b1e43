/**
 * The player's own norm in this take for one measure: each finger's median (once it has enough
 * notes, else the hand's median), and the hand's robust SD of the departures from those medians.
 */
import type { Finger, Hand } from '../exercises/types';
import { MAD_TO_SD } from '../metrics/stats';
import { medianInPlace } from '../numeric/median';

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

/** A norm with one center per finger (index finger - 1), the hand's for any other finger. */
class FingerNorm implements Norm {
  constructor(
    private readonly centers: Float64Array,
    private readonly handCenter: number,
    readonly robustSd: number,
  ) {}

  centerOf(finger: Finger): number {
    return finger >= 1 && finger <= 5 ? (this.centers[finger - 1] ?? this.handCenter) : this.handCenter;
  }
}

// Scratch, reused (norms are taken several times per take, on a few dozen values each): the
// values grouped by finger, the departures, and a copy for each selection.
let grouped = new Float64Array(256);
let departures = new Float64Array(256);
let work = new Float64Array(256);
const counts = new Int32Array(6);
const starts = new Int32Array(7);
const next = new Int32Array(6);

function reserve(size: number): void {
  if (grouped.length < size) {
    const length = Math.max(size, 2 * grouped.length);
    grouped = new Float64Array(length);
    departures = new Float64Array(length);
    work = new Float64Array(length);
  }
}

/** Median of buffer[from, from + n), leaving the buffer as it was (selection runs on a copy). */
function medianOf(buffer: Float64Array, from: number, n: number): number {
  work.set(buffer.subarray(from, from + n));
  return medianInPlace(work, n);
}

/**
 * Norm of one hand's samples.
 *
 * @example handNorm(samples, 'right', 4).centerOf(3) // median of finger 3's values
 */
export function handNorm(samples: readonly Sample[], hand: Hand, fingerMinNotes: number): Norm {
  return handNormOf(samples, hand, fingerMinNotes, sampleValue);
}

function sampleValue(sample: Sample): number | null {
  return sample.value;
}

/**
 * handNorm over any items with a hand and a finger (samples, note measures): `value` null or
 * non-finite leaves an item out. Medians by selection on reused buffers: the same numbers as
 * handNorm always gave (a median depends on the values only, not on their order), without an
 * array per finger and per call.
 *
 * @example handNormOf(metrics.notes, 'right', 4, (m) => m.velocity).robustSd
 */
export function handNormOf<T extends { readonly hand: Hand; readonly finger: Finger }>(
  items: readonly T[],
  hand: Hand,
  fingerMinNotes: number,
  value: (item: T) => number | null,
): Norm {
  reserve(items.length);
  counts.fill(0);
  let total = 0;
  for (const item of items) {
    if (item.hand !== hand) continue;
    const v = value(item);
    if (v === null || !Number.isFinite(v)) continue;
    total += 1;
    const f = item.finger;
    if (f >= 1 && f <= 5) counts[f] = (counts[f] ?? 0) + 1;
  }
  // Fingers 1-5 in order, then any other (never produced; it counts for the hand only).
  starts[1] = 0;
  for (let f = 1; f <= 5; f += 1) starts[f + 1] = (starts[f] ?? 0) + (counts[f] ?? 0);
  for (let f = 1; f <= 5; f += 1) next[f] = starts[f] ?? 0;
  let other = starts[6] ?? 0;
  for (const item of items) {
    if (item.hand !== hand) continue;
    const v = value(item);
    if (v === null || !Number.isFinite(v)) continue;
    const f = item.finger;
    if (f >= 1 && f <= 5) {
      grouped[next[f] ?? 0] = v;
      next[f] = (next[f] ?? 0) + 1;
    } else grouped[other++] = v;
  }
  const handCenter = medianOf(grouped, 0, total);
  const centers = new Float64Array(5);
  let n = 0;
  for (let f = 1; f <= 5; f += 1) {
    const from = starts[f] ?? 0;
    const size = counts[f] ?? 0;
    const center = size >= fingerMinNotes && size > 0 ? medianOf(grouped, from, size) : handCenter;
    centers[f - 1] = center;
    for (let k = from; k < from + size; k += 1) departures[n++] = (grouped[k] ?? 0) - center;
  }
  // scaledMad(departures): 1.4826 x the median of their distances from their median.
  const middle = medianOf(departures, 0, n);
  for (let k = 0; k < n; k += 1) work[k] = Math.abs((departures[k] ?? 0) - middle);
  return new FingerNorm(centers, handCenter, MAD_TO_SD * medianInPlace(work, n));
}

/** A norm with one center for the whole hand. */
class HandWideNorm implements Norm {
  constructor(
    private readonly center: number,
    readonly robustSd: number,
  ) {}

  centerOf(): number {
    return this.center;
  }
}

/**
 * Norm with one center for the whole hand (no per-finger medians).
 *
 * @example handWideNorm(samples, 'left').centerOf(1) === handWideNorm(samples, 'left').centerOf(5)
 */
export function handWideNorm(samples: readonly Sample[], hand: Hand): Norm {
  return handWideNormOf(samples, hand, sampleValue);
}

/**
 * handWideNorm over any items of the hand: `value` null or non-finite leaves an item out.
 *
 * @example handWideNormOf(measures, 'left', (m) => m.durationMs).centerOf(1)
 */
export function handWideNormOf<T extends { readonly hand: Hand }>(items: readonly T[], hand: Hand, value: (item: T) => number | null): Norm {
  reserve(items.length);
  let n = 0;
  for (const item of items) {
    if (item.hand !== hand) continue;
    const v = value(item);
    if (v !== null && Number.isFinite(v)) grouped[n++] = v;
  }
  const center = medianOf(grouped, 0, n);
  for (let k = 0; k < n; k += 1) work[k] = Math.abs((grouped[k] ?? 0) - center);
  return new HandWideNorm(center, MAD_TO_SD * medianInPlace(work, n));
}
