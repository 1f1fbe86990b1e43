/**
 * The metrics drift follows, defined once: what each measures, its unit, and how one take gives a
 * value and its within-take standard error. Event rates are per 100 of the finger's notes.
 */
import type { Direction, Finger, Hand } from '../exercises/types';
import type { DriftFinger, DriftTake } from './types';

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

/** Receives each observation without allocating one (the engine's hot path). */
export type ObservationVisitor = (
  hand: Hand, direction: Direction | 'all', finger: Finger | null, metric: DriftMetricId, value: number, spread: number | null, n: number, events: number,
) => void;


const RATE_METRICS = DRIFT_METRICS.filter((metric) => DRIFT_METRIC_INFO[metric].event !== undefined);
const RATE_INDEX = new Map<string, number>(RATE_METRICS.map((metric, i) => [DRIFT_METRIC_INFO[metric].event as string, i]));

/**
 * Every observation one credible take gives: per finger x direction (timing, velocity, key-down,
 * legato), per hand x direction (IOI SD), per finger over both directions (event rates).
 * Missing or null metrics (e.g. timing of a take with a bad clock) give no observation.
 *
 * @example forEachObservation(take, (hand, direction, finger, metric, value) => console.log(metric, value))
 */
export function forEachObservation(take: DriftTake, visit: ObservationVisitor): void {
  for (const f of take.fingersByDirection) {
    if (f.count < MIN_FINGER_NOTES) continue;
    visitFinger(f, f.direction, visit);
  }
  // Notes per hand x direction (for the IOI counts) and events per hand x finger x type, each in one pass.
  const notes = new Float64Array(4);
  for (const f of take.fingersByDirection) {
    const cell = (f.hand === 'right' ? 0 : 2) + (f.direction === 'up' ? 0 : 1);
    notes[cell] = (notes[cell] ?? 0) + f.count;
  }
  for (const h of take.hands) {
    if (!finite(h.ioiSdMs) || h.runs < 1 || h.ioiSdMs <= 0) continue;
    // The IOIs behind the value are not in the document: the hand's notes in that direction less one per run.
    const count = notes[(h.hand === 'right' ? 0 : 2) + (h.direction === 'up' ? 0 : 1)] ?? 0;
    visit(h.hand, h.direction, null, 'ioi-sd', h.ioiSdMs, null, Math.max(2, count - h.runs), 0);
  }
  const rates = RATE_METRICS.length;
  const counts = new Uint16Array(10 * rates);
  for (const e of take.events) {
    const rate = RATE_INDEX.get(e.type);
    if (rate === undefined || !(e.finger >= 1 && e.finger <= 5) || (e.hand !== 'right' && e.hand !== 'left')) continue;
    const cell = ((e.hand === 'right' ? 0 : 5) + e.finger - 1) * rates + rate;
    counts[cell] = (counts[cell] ?? 0) + 1;
  }
  for (const f of take.fingers) {
    if (f.count < MIN_FINGER_NOTES) continue;
    const base = ((f.hand === 'right' ? 0 : 5) + f.finger - 1) * rates;
    for (let r = 0; r < rates; r += 1) {
      const events = counts[base + r] ?? 0;
      visit(f.hand, 'all', f.finger, RATE_METRICS[r] as DriftMetricId, (100 * events) / f.count, null, f.count, events);
    }
  }
}

/**
 * The observations of a take as a list (see forEachObservation).
 *
 * @example observationsOf(take).filter((o) => o.metric === 'onset-mean').length // => 10 for a one-hand scale
 */
export function observationsOf(take: DriftTake): Observation[] {
  const out: Observation[] = [];
  forEachObservation(take, (hand, direction, finger, metric, value, spread, n, events) => {
    out.push({ hand, direction, finger, metric, value, spread, n, ...(DRIFT_METRIC_INFO[metric].event !== undefined ? { events } : {}) });
  });
  return out;
}

function visitFinger(f: DriftFinger, direction: Direction, visit: ObservationVisitor): void {
  const onset = f.onsetDeviationMs;
  const n = f.count;
  // A one-note SD is 0 by convention, not a measured spread.
  const spreadOf = (sd: number | null | undefined) => (n >= 2 && finite(sd) ? sd : null);
  if (onset && finite(onset.mean)) {
    visit(f.hand, direction, f.finger, 'onset-mean', onset.mean, spreadOf(onset.sd), n, 0);
    if (finite(onset.sd) && n >= 3) visit(f.hand, direction, f.finger, 'onset-sd', onset.sd, null, n, 0);
  }
  const velocity = f.velocity;
  if (velocity && finite(velocity.mean) && velocity.mean > 0) {
    visit(f.hand, direction, f.finger, 'velocity-mean', velocity.mean, spreadOf(velocity.sd), n, 0);
    const cv = finite(velocity.cv) ? velocity.cv : finite(velocity.sd) ? velocity.sd / velocity.mean : null;
    if (cv !== null && n >= 3) visit(f.hand, direction, f.finger, 'velocity-cv', cv, null, n, 0);
  }
  const duration = f.durationMs;
  if (duration && finite(duration.mean)) visit(f.hand, direction, f.finger, 'duration-mean', duration.mean, spreadOf(duration.sd), n, 0);
  const legato = f.legatoOverlapMs;
  if (legato && finite(legato.mean)) visit(f.hand, direction, f.finger, 'legato-mean', legato.mean, spreadOf(legato.sd), n, 0);
}
