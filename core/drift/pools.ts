/**
 * Pooling a session's takes into one value per series, and the same pooling done ahead of time.
 *
 * A session's value for a series pools every credible take of the exercise family (in one tempo
 * band) that measured it: notes, takes and tempo are summed, means are weighted by notes and SDs
 * pooled by degrees of freedom (engine.ts poolInto turns the sums into the value and its SE).
 * The sums are built by `accumulate`, one observation at a time, in take order.
 *
 * A pianist plays the same exercise several times a session (3-6 takes in the simulated
 * histories), so the store pools each family's takes once, when the session is analysed
 * (`poolTakes`, kept in the drift input blob), and a full recompute adds one row per series
 * instead of one per take. The engine uses a pool only where the takes it covers are exactly the
 * family's credible takes and all fell in one tempo band; otherwise it pools take by take. Both
 * ways the sums are the same additions in the same order, so the results are identical
 * (tests/core/drift/pools.test.ts).
 *
 * Pools are stored sums: a change to accumulate, SLOT_KIND, POOLING or poolTakes changes what a
 * stored pool means, and must bump the drift input's version (electron/store/drift-input.ts
 * VERSION), so that older pools are ignored and rebuilt rather than trusted.
 */
import { isCredibleTake } from './credible';
import { familyOf } from './family';
import { DRIFT_METRICS, OBSERVATION_SLOTS, createObservationBuffer, readObservations } from './metrics';
import type { ObservationBuffer } from './metrics';
import type { DriftTake, TakeObservations } from './types';

/** How a metric's session value pools its takes. */
export type Pooling = 'sd' | 'cv' | 'mean' | 'rate';

/**
 * Metric index -> its pooling: SDs pool variances, CV and means weight by notes, rates count events over notes.
 *
 * @example POOLING[DRIFT_METRICS.indexOf('onset-sd')] // => 'sd'
 */
export const POOLING: readonly Pooling[] = DRIFT_METRICS.map((metric) =>
  metric === 'onset-sd' || metric === 'ioi-sd' ? 'sd' : metric === 'velocity-cv' ? 'cv' : metric.endsWith('-rate') ? 'rate' : 'mean',
);

/**
 * Offsets of a slot's sums in an accumulator row: notes, sum of notes x value, sum of df x
 * variance, sum of df, events, takes, sum of tempo, and spread known (1, or 0 once a mean
 * observation without a within-take SD joined).
 */
export const [ACC_N, ACC_SUM_NV, ACC_SUM_VAR, ACC_SUM_DF, ACC_EVENTS, ACC_TAKES, ACC_TEMPO, ACC_SPREAD_KNOWN] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
/** Numbers per slot in an accumulator (one cache line). */
export const ACC_FIELDS = 8;

/** Slot kinds: events over notes, pooled variances of its values, means with their spreads. */
export const [SLOT_RATE, SLOT_SD, SLOT_MEAN] = [0, 1, 2] as const;
/** Per observation slot, its kind. */
export const SLOT_KIND = Uint8Array.from({ length: OBSERVATION_SLOTS }, (_, slot) => {
  const pooling = POOLING[slot % DRIFT_METRICS.length];
  return pooling === 'rate' ? SLOT_RATE : pooling === 'sd' ? SLOT_SD : SLOT_MEAN;
});

/**
 * Zeroes the sums at `at` (spread known starts at 1).
 *
 * @example resetSums(acc, slot * ACC_FIELDS)
 */
export function resetSums(acc: Float64Array, at: number): void {
  // Eight stores: TypedArray.prototype.fill is a runtime call, too dear once per slot and session.
  acc[at + ACC_N] = 0;
  acc[at + ACC_SUM_NV] = 0;
  acc[at + ACC_SUM_VAR] = 0;
  acc[at + ACC_SUM_DF] = 0;
  acc[at + ACC_EVENTS] = 0;
  acc[at + ACC_TAKES] = 0;
  acc[at + ACC_TEMPO] = 0;
  acc[at + ACC_SPREAD_KNOWN] = 1;
}

/**
 * Adds one take's observation of a slot to the sums at `at`: n notes, its value, its within-take
 * spread (NaN when unknown), its events (rates), and the take's tempo in notes/s.
 *
 * @example accumulate(acc, slot * ACC_FIELDS, SLOT_KIND[slot], 8, 20, 4.2, 1.3, 0)
 */
export function accumulate(acc: Float64Array, at: number, kind: number, tempo: number, n: number, value: number, spread: number, events: number): void {
  acc[at + ACC_N] = (acc[at + ACC_N] as number) + n;
  acc[at + ACC_TAKES] = (acc[at + ACC_TAKES] as number) + 1;
  acc[at + ACC_TEMPO] = (acc[at + ACC_TEMPO] as number) + tempo;
  // Rates (about a third of the observations: 6 metrics per finger against 7 per direction) need only notes and events.
  if (kind === SLOT_RATE) {
    acc[at + ACC_EVENTS] = (acc[at + ACC_EVENTS] as number) + events;
    return;
  }
  acc[at + ACC_SUM_NV] = (acc[at + ACC_SUM_NV] as number) + n * value;
  const df = n > 1 ? n - 1 : 1;
  // SD metrics pool their own values; means pool their within-take spreads when known.
  const s = kind === SLOT_SD ? value : spread;
  if (Number.isNaN(s)) acc[at + ACC_SPREAD_KNOWN] = 0;
  else {
    acc[at + ACC_SUM_VAR] = (acc[at + ACC_SUM_VAR] as number) + df * s * s;
    acc[at + ACC_SUM_DF] = (acc[at + ACC_SUM_DF] as number) + df;
  }
}

/**
 * One exercise family's credible takes of a session, pooled: the sums `accumulate` gives over
 * them, in take order, for each slot they measured.
 */
export interface TakePool {
  /** The takes' indices in the session, ascending (two or more). */
  readonly takes: readonly number[];
  /** The slots, in the order the first take gives them (it measured every one of them). */
  readonly slots: Int32Array;
  /** ACC_FIELDS sums per slot, in the order of `slots`. */
  readonly sums: Float64Array;
}

/**
 * Pools each exercise family's credible takes. A family is pooled when it has two or more such
 * takes and its first one measured every slot the others did (so its series are made in the
 * order take-by-take pooling makes them); other takes are left to the engine.
 *
 * @example poolTakes(session.takes)[0]?.takes // => [0, 2, 3]
 */
export function poolTakes(takes: readonly DriftTake[]): TakePool[] {
  const families = new Map<string, number[]>();
  takes.forEach((take, i) => {
    if (!isCredibleTake(take).credible) return;
    const family = familyOf(take.exercise);
    const list = families.get(family);
    if (list) list.push(i);
    else families.set(family, [i]);
  });
  const pools: TakePool[] = [];
  const buffer = createObservationBuffer();
  const acc = new Float64Array(OBSERVATION_SLOTS * ACC_FIELDS);
  const seen = new Uint8Array(OBSERVATION_SLOTS);
  for (const members of families.values()) {
    if (members.length < 2) continue;
    seen.fill(0);
    const order: number[] = [];
    let firstOnly = true;
    for (const [k, index] of members.entries()) {
      const take = takes[index] as DriftTake;
      const { source, first, end } = observationRows(take, buffer);
      for (let i = first; i < end; i += 1) {
        const slot = source.slot[i] as number;
        const at = slot * ACC_FIELDS;
        if (seen[slot] === 0) {
          if (k > 0) firstOnly = false;
          seen[slot] = 1;
          order.push(slot);
          resetSums(acc, at);
        }
        accumulate(acc, at, SLOT_KIND[slot] as number, take.notesPerSecond, source.n[i] as number, source.value[i] as number, source.spread[i] as number, source.events[i] as number);
      }
    }
    if (!firstOnly) continue;
    const sums = new Float64Array(order.length * ACC_FIELDS);
    order.forEach((slot, j) => sums.set(acc.subarray(slot * ACC_FIELDS, (slot + 1) * ACC_FIELDS), j * ACC_FIELDS));
    pools.push({ takes: members, slots: Int32Array.from(order), sums });
  }
  return pools;
}

/**
 * A take's observation rows: its compact columns when it has them, else read into `buffer`.
 *
 * @example const { source, first, end } = observationRows(take, buffer)
 */
export function observationRows(take: DriftTake, buffer: ObservationBuffer): { source: TakeObservations | ObservationBuffer; first: number; end: number } {
  const pre = take.observations;
  if (pre) return { source: pre, first: pre.offset, end: pre.offset + pre.length };
  return { source: buffer, first: 0, end: readObservations(take, buffer) };
}
