/**
 * The metrics drift follows, defined once: what each measures, its unit, and how one take gives a
 * value and its within-take standard error. Event rates are per 100 of the finger's notes.
 */
import type { Direction, Finger, Hand } from '../exercises/types';
import type { DriftFinger, DriftTake, TakeObservations } from './types';

export const DRIFT_METRICS = [
  'onset-mean',
  'onset-sd',
  'ioi-sd',
  'velocity-mean',
  'velocity-cv',
  'duration-mean',
  'legato-mean',
  'late-rate',
  'early-rate',
  'velocity-drop-rate',
  'stuck-key-rate',
  'co-activation-rate',
  'missed-rate',
] as const;

export type DriftMetricId = (typeof DRIFT_METRICS)[number];

export interface DriftMetricInfo {
  readonly id: DriftMetricId;
  readonly unit: 'ms' | 'MIDI velocity' | 'ratio' | 'per 100 notes';
  /** Hand-level metrics have no finger. */
  readonly level: 'finger' | 'hand';
  /** Words for the plain-language message: "<finger> has been about 9 ms <more> ...". */
  readonly more: string;
  readonly less: string;
  /** What it is, for the README and the History page. */
  readonly describe: string;
  /** Event type counted, for rates. */
  readonly event?: string;
}

/**
 * Every metric, by id.
 *
 * @example DRIFT_METRIC_INFO['onset-mean'].unit // => 'ms'
 */
export const DRIFT_METRIC_INFO: Readonly<Record<DriftMetricId, DriftMetricInfo>> = {
  'onset-mean': { id: 'onset-mean', unit: 'ms', level: 'finger', more: 'later', less: 'earlier', describe: "mean onset deviation from the run's fitted line (signed, + = late)" },
  'onset-sd': { id: 'onset-sd', unit: 'ms', level: 'finger', more: 'less steady (larger onset SD)', less: 'steadier (smaller onset SD)', describe: 'SD of the onset deviations (timing jitter)' },
  'ioi-sd': { id: 'ioi-sd', unit: 'ms', level: 'hand', more: 'less even (larger IOI SD)', less: 'more even (smaller IOI SD)', describe: 'SD of the inter-onset intervals within a run (Jabusch 2004), per hand and direction' },
  'velocity-mean': { id: 'velocity-mean', unit: 'MIDI velocity', level: 'finger', more: 'louder', less: 'softer', describe: 'mean key velocity (MIDI 1-127)' },
  'velocity-cv': { id: 'velocity-cv', unit: 'ratio', level: 'finger', more: 'less even in loudness (higher velocity CV)', less: 'more even in loudness', describe: 'velocity coefficient of variation (SD / mean)' },
  'duration-mean': { id: 'duration-mean', unit: 'ms', level: 'finger', more: 'holding keys longer', less: 'releasing keys sooner', describe: 'mean key-down duration' },
  'legato-mean': { id: 'legato-mean', unit: 'ms', level: 'finger', more: 'overlapping the next note more', less: 'overlapping the next note less', describe: 'mean legato overlap with the next note of the hand (negative = gap)' },
  'late-rate': { id: 'late-rate', unit: 'per 100 notes', level: 'finger', event: 'late', more: 'late more often', less: 'late less often', describe: 'late-onset events per 100 notes of the finger' },
  'early-rate': { id: 'early-rate', unit: 'per 100 notes', level: 'finger', event: 'early', more: 'early more often', less: 'early less often', describe: 'early-onset events per 100 notes' },
  'velocity-drop-rate': { id: 'velocity-drop-rate', unit: 'per 100 notes', level: 'finger', event: 'velocity-drop', more: 'dropping in velocity more often', less: 'dropping in velocity less often', describe: 'velocity-drop events per 100 notes' },
  'stuck-key-rate': { id: 'stuck-key-rate', unit: 'per 100 notes', level: 'finger', event: 'stuck-key', more: 'sticking on keys more often', less: 'sticking on keys less often', describe: 'stuck-key events per 100 notes' },
  'co-activation-rate': { id: 'co-activation-rate', unit: 'per 100 notes', level: 'finger', event: 'co-activation', more: 'catching a neighbouring key more often', less: 'catching a neighbouring key less often', describe: 'co-activation (neighbouring key pressed too) events per 100 notes' },
  'missed-rate': { id: 'missed-rate', unit: 'per 100 notes', level: 'finger', event: 'missed-note', more: 'missing notes more often', less: 'missing notes less often', describe: 'missed-note events per 100 notes' },
};

/** One take's contribution to one series (before pooling a session's takes). */
export interface Observation {
  readonly hand: Hand;
  readonly direction: Direction | 'all';
  readonly finger: Finger | null;
  readonly metric: DriftMetricId;
  readonly value: number;
  /** Within-take SD of the underlying notes when known (for mean metrics), else null. */
  readonly spread: number | null;
  /** Notes (IOIs for ioi-sd, runs x notes) behind the value. */
  readonly n: number;
  /** For event rates: events counted. */
  readonly events?: number;
}

/**
 * Fewest notes of a finger in a take for its per-finger values to count. One: the little finger
 * plays a single note per run in a scale (the top or bottom), and it is one of the fingers that
 * matter most; a session pools several takes, and a one-note mean has no within-take SD, so its series is
 * judged against its baseline's session-to-session spread alone.
 */
export const MIN_FINGER_NOTES = 1;

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

const METRIC_COUNT = DRIFT_METRICS.length;
const DIRECTIONS = ['up', 'down', 'all'] as const;
const [ONSET_MEAN, ONSET_SD, IOI_SD, VELOCITY_MEAN, VELOCITY_CV, DURATION_MEAN, LEGATO_MEAN] = [0, 1, 2, 3, 4, 5, 6];

/**
 * Number of observation slots: hand (2) x direction (up, down, all) x finger (0 for the hand-level
 * IOI SD, 1-5) x metric. A slot is one series of an exercise family at one tempo band on one
 * keyboard, so the engine pools a session's takes into arrays indexed by slot, without a key
 * string or an object per observation.
 */
export const OBSERVATION_SLOTS = 2 * 3 * 6 * METRIC_COUNT;

/**
 * The slot of (hand, direction, finger, metric): ((hand x 3 + direction) x 6 + finger) x metrics + metric.
 *
 * @example observationSlot('right', 'up', 4, 'onset-mean') // => 52
 */
export function observationSlot(hand: Hand, direction: Direction | 'all', finger: Finger | null, metric: DriftMetricId): number {
  return ((((hand === 'right' ? 0 : 1) * 3 + DIRECTIONS.indexOf(direction)) * 6 + (finger ?? 0)) * METRIC_COUNT) + DRIFT_METRICS.indexOf(metric);
}

/** What a slot stands for. */
export interface SlotIdentity {
  readonly hand: Hand;
  readonly direction: Direction | 'all';
  readonly finger: Finger | null;
  readonly metric: DriftMetricId;
}

const SLOT_IDENTITIES: readonly SlotIdentity[] = Array.from({ length: OBSERVATION_SLOTS }, (_, slot) => {
  const metric = DRIFT_METRICS[slot % METRIC_COUNT] as DriftMetricId;
  const finger = Math.floor(slot / METRIC_COUNT) % 6;
  const direction = DIRECTIONS[Math.floor(slot / (METRIC_COUNT * 6)) % 3] as Direction | 'all';
  const hand: Hand = Math.floor(slot / (METRIC_COUNT * 18)) === 0 ? 'right' : 'left';
  return { hand, direction, finger: finger === 0 ? null : (finger as Finger), metric };
});

/**
 * The hand, direction, finger and metric of a slot (the inverse of observationSlot).
 *
 * @throws RangeError for a slot outside 0 to OBSERVATION_SLOTS - 1.
 * @example slotIdentity(52) // => { hand: 'right', direction: 'up', finger: 4, metric: 'onset-mean' }
 */
export function slotIdentity(slot: number): SlotIdentity {
  const identity = SLOT_IDENTITIES[slot];
  if (!identity) throw new RangeError(`no observation slot ${slot} (0 to ${OBSERVATION_SLOTS - 1})`);
  return identity;
}

/**
 * A take's observations, column by column, reused from take to take (the engine's hot path
 * allocates nothing per observation). Row i is one observation: its slot, value, within-take
 * spread (NaN when unknown: mean metrics of one note, SD metrics, rates), n and events.
 */
export interface ObservationBuffer {
  length: number;
  slot: Int32Array;
  value: Float64Array;
  spread: Float64Array;
  n: Float64Array;
  events: Float64Array;
  /** Scratch: events per hand x finger x rate metric of the take being read. */
  readonly eventCounts: Uint16Array;
}

const RATE_METRICS = DRIFT_METRICS.filter((metric) => DRIFT_METRIC_INFO[metric].event !== undefined);
const RATE_INDEX = new Map<string, number>(RATE_METRICS.map((metric, i) => [DRIFT_METRIC_INFO[metric].event as string, i]));
const RATE_METRIC_INDEX = RATE_METRICS.map((metric) => DRIFT_METRICS.indexOf(metric));

/**
 * An empty buffer; it grows as a take needs.
 *
 * @example const buffer = createObservationBuffer(); readObservations(take, buffer); buffer.length // => 92
 */
export function createObservationBuffer(capacity = 128): ObservationBuffer {
  return {
    length: 0, slot: new Int32Array(capacity), value: new Float64Array(capacity), spread: new Float64Array(capacity), n: new Float64Array(capacity), events: new Float64Array(capacity),
    eventCounts: new Uint16Array(10 * RATE_METRICS.length),
  };
}

function push(buffer: ObservationBuffer, slot: number, value: number, spread: number, n: number, events: number): void {
  const i = buffer.length;
  if (i === buffer.slot.length) {
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (size: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    buffer.slot = grow(buffer.slot, (size) => new Int32Array(size));
    buffer.value = grow(buffer.value, (size) => new Float64Array(size));
    buffer.spread = grow(buffer.spread, (size) => new Float64Array(size));
    buffer.n = grow(buffer.n, (size) => new Float64Array(size));
    buffer.events = grow(buffer.events, (size) => new Float64Array(size));
  }
  buffer.slot[i] = slot;
  buffer.value[i] = value;
  buffer.spread[i] = spread;
  buffer.n[i] = n;
  buffer.events[i] = events;
  buffer.length = i + 1;
}

/** (hand, direction, finger) -> the slot of its first metric; -1 when the entry is malformed. */
function baseSlot(hand: string, direction: number, finger: number): number {
  const h = hand === 'right' ? 0 : hand === 'left' ? 1 : -1;
  if (h < 0 || !(finger >= 1 && finger <= 5) || !Number.isInteger(finger)) return -1;
  return ((h * 3 + direction) * 6 + finger) * METRIC_COUNT;
}

/**
 * Reads every observation one credible take gives into `buffer` (replacing its contents) and
 * returns how many (a compact take's `observations` are copied as they are): per finger x direction (timing, velocity, key-down, legato), per hand x
 * direction (IOI SD), per finger over both directions (event rates), in that order. Missing or
 * null metrics (e.g. timing of a take with a bad clock) give no observation; entries with an
 * unknown hand, direction or finger are skipped.
 *
 * @example const buffer = createObservationBuffer(); readObservations(take, buffer) // => 92 for a one-hand scale
 */
export function readObservations(take: DriftTake, buffer: ObservationBuffer): number {
  buffer.length = 0;
  const read = take.observations;
  if (read) {
    for (let i = read.offset; i < read.offset + read.length; i += 1) push(buffer, read.slot[i] as number, read.value[i] as number, read.spread[i] as number, read.n[i] as number, read.events[i] as number);
    return buffer.length;
  }
  // Notes per hand x direction (for the IOI counts), in the same pass.
  let rightUp = 0;
  let rightDown = 0;
  let leftUp = 0;
  let leftDown = 0;
  for (const f of take.fingersByDirection) {
    const direction = f.direction === 'up' ? 0 : f.direction === 'down' ? 1 : -1;
    const n = f.count;
    if (f.hand === 'right') {
      if (direction === 0) rightUp += n;
      else if (direction === 1) rightDown += n;
    } else if (f.hand === 'left') {
      if (direction === 0) leftUp += n;
      else if (direction === 1) leftDown += n;
    }
    if (direction < 0 || n < MIN_FINGER_NOTES) continue;
    const base = baseSlot(f.hand, direction, f.finger);
    if (base >= 0) readFinger(f, base, buffer);
  }
  for (const h of take.hands) {
    if (!finite(h.ioiSdMs) || h.runs < 1 || h.ioiSdMs <= 0) continue;
    const direction = h.direction === 'up' ? 0 : h.direction === 'down' ? 1 : -1;
    if (direction < 0 || (h.hand !== 'right' && h.hand !== 'left')) continue;
    // The IOIs behind the value are not in the document: the hand's notes in that direction less one per run.
    const count = h.hand === 'right' ? (direction === 0 ? rightUp : rightDown) : direction === 0 ? leftUp : leftDown;
    push(buffer, ((h.hand === 'right' ? 0 : 3) + direction) * 6 * METRIC_COUNT + IOI_SD, h.ioiSdMs, Number.NaN, Math.max(2, count - h.runs), 0);
  }
  const rates = RATE_METRICS.length;
  const counts = buffer.eventCounts;
  counts.fill(0);
  for (const e of take.events) {
    const rate = RATE_INDEX.get(e.type);
    if (rate === undefined || !(e.finger >= 1 && e.finger <= 5) || (e.hand !== 'right' && e.hand !== 'left')) continue;
    const cell = ((e.hand === 'right' ? 0 : 5) + e.finger - 1) * rates + rate;
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
  for (const f of take.fingers) {
    if (f.count < MIN_FINGER_NOTES) continue;
    const base = baseSlot(f.hand, 2, f.finger);
    if (base < 0) continue;
    const cell = ((f.hand === 'right' ? 0 : 5) + f.finger - 1) * rates;
    for (let r = 0; r < rates; r += 1) {
      const events = counts[cell + r] ?? 0;
      push(buffer, base + (RATE_METRIC_INDEX[r] ?? 0), (100 * events) / f.count, Number.NaN, f.count, events);
    }
  }
  return buffer.length;
}

function readFinger(f: DriftFinger, base: number, buffer: ObservationBuffer): void {
  const n = f.count;
  // A one-note SD is 0 by convention, not a measured spread.
  const onset = f.onsetDeviationMs;
  if (onset && finite(onset.mean)) {
    const sd = onset.sd;
    push(buffer, base + ONSET_MEAN, onset.mean, n >= 2 && finite(sd) ? sd : Number.NaN, n, 0);
    if (finite(sd) && n >= 3) push(buffer, base + ONSET_SD, sd, Number.NaN, n, 0);
  }
  const velocity = f.velocity;
  if (velocity && finite(velocity.mean) && velocity.mean > 0) {
    const sd = velocity.sd;
    push(buffer, base + VELOCITY_MEAN, velocity.mean, n >= 2 && finite(sd) ? sd : Number.NaN, n, 0);
    const cv = finite(velocity.cv) ? velocity.cv : finite(sd) ? sd / velocity.mean : null;
    if (cv !== null && n >= 3) push(buffer, base + VELOCITY_CV, cv, Number.NaN, n, 0);
  }
  const duration = f.durationMs;
  if (duration && finite(duration.mean)) push(buffer, base + DURATION_MEAN, duration.mean, n >= 2 && finite(duration.sd) ? duration.sd : Number.NaN, n, 0);
  const legato = f.legatoOverlapMs;
  if (legato && finite(legato.mean)) push(buffer, base + LEGATO_MEAN, legato.mean, n >= 2 && finite(legato.sd) ? legato.sd : Number.NaN, n, 0);
}

/**
 * The observations of a take as a list of plain objects (see readObservations; for tests and
 * tools: the engine reads the buffer directly).
 *
 * @example observationsOf(take).filter((o) => o.metric === 'onset-mean').length // => 10 for a one-hand scale
 */
export function observationsOf(take: DriftTake): Observation[] {
  const buffer = createObservationBuffer();
  const out: Observation[] = [];
  const count = readObservations(take, buffer);
  for (let i = 0; i < count; i += 1) {
    const { hand, direction, finger, metric } = slotIdentity(buffer.slot[i] ?? 0);
    const spread = buffer.spread[i] ?? Number.NaN;
    const value = buffer.value[i] ?? Number.NaN;
    const n = buffer.n[i] ?? 0;
    out.push({ hand, direction, finger, metric, value, spread: Number.isNaN(spread) ? null : spread, n, ...(DRIFT_METRIC_INFO[metric].event !== undefined ? { events: buffer.events[i] ?? 0 } : {}) });
  }
  return out;
}

/**
 * The take with its observations read once (`observations`) and the per-finger lists it was read
 * from dropped: what the store keeps for drift, so a full recompute reads a few typed arrays per
 * take instead of re-walking every analysis document. The engine gives identical results for a
 * take and its compact form (tests/core/drift/compact.test.ts).
 *
 * @example compactTake(take).observations?.length // => 92 for a one-hand scale
 */
export function compactTake(take: DriftTake): DriftTake {
  if (take.observations) return take;
  const buffer = createObservationBuffer();
  const count = readObservations(take, buffer);
  const observations: TakeObservations = {
    offset: 0, length: count, slot: buffer.slot.slice(0, count), value: buffer.value.slice(0, count), spread: buffer.spread.slice(0, count),
    n: buffer.n.slice(0, count), events: buffer.events.slice(0, count),
  };
  const { hands: _hands, fingers: _fingers, fingersByDirection: _byDirection, events: _events, ...header } = take;
  return { ...header, hands: [], fingers: [], fingersByDirection: [], events: [], observations };
}
