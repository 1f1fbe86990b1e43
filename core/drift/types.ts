/**
 * The shapes drift works on: what one session contributes (its takes, in the shape of the
 * `evenkeys.analysis/1` takes, plus the session's time and keyboard) and what the drift analysis
 * returns (series, baselines, points, alerts). Plain data only.
 */
import type { Direction, Finger, Hand } from '../exercises/types';
import type { DriftMetricId } from './metrics';
import type { DriftPoints } from './points';
import type { TakePool } from './pools';

/** Mean and SD as the analysis document carries them; either may be missing or null. */
export interface DriftMeanSd {
  readonly mean: number | null;
  readonly sd?: number | null;
}

/** One finger of one hand in one direction (or over both: 'all'), as measured in a take. */
export interface DriftFinger {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction?: Direction;
  /** Notes of this finger that were measured. */
  readonly count: number;
  /** Null when the take's timing cannot be trusted (bad clock). */
  readonly onsetDeviationMs?: DriftMeanSd | null;
  readonly velocity?: (DriftMeanSd & { readonly cv?: number | null }) | null;
  readonly durationMs?: DriftMeanSd | null;
  readonly legatoOverlapMs?: DriftMeanSd | null;
}

/** One take in the shape of an analysis/1 take, with the optional fields other issues add. */
export interface DriftTake {
  readonly exercise: {
    readonly id: string;
    readonly kind: string;
    readonly key: string;
    readonly mode: string;
    readonly hands: 'right' | 'left' | 'both';
    readonly motion: 'parallel' | 'contrary';
    readonly name: string;
    readonly octaves?: number;
  };
  /** One hand's notes per second at the fitted tempo. */
  readonly notesPerSecond: number;
  readonly matched: number;
  readonly missed: number;
  readonly wrong: number;
  readonly hands: readonly { readonly hand: Hand; readonly direction: Direction; readonly ioiSdMs: number | null; readonly runs: number }[];
  /** Per hand x finger over both directions. */
  readonly fingers: readonly DriftFinger[];
  /** Per hand x direction x finger. */
  readonly fingersByDirection: readonly (DriftFinger & { readonly direction: Direction })[];
  readonly events: readonly { readonly type: string; readonly hand: string; readonly finger: number }[];
  /** Recognition confidence 0-1 (optional; when present it must reach the credibility floor). */
  readonly confidence?: number | null;
  /** The hand could not be told for sure (optional). */
  readonly handUncertain?: boolean | null;
  /** A device gap or clock fault broke the take (optional). */
  readonly deviceInterrupted?: boolean | null;
  /**
   * The take's observations, already read (compactTake, metrics.ts): when present the engine
   * uses them and ignores hands, fingers, fingersByDirection and events. The store keeps takes in
   * this form so a full recompute does not re-read every analysis document.
   */
  readonly observations?: TakeObservations;
}

/**
 * A take's observations by column (see readObservations): rows `offset` to `offset + length - 1`
 * (the columns may be shared by all the takes of a session, as the store decodes them).
 */
export interface TakeObservations {
  readonly offset: number;
  readonly length: number;
  readonly slot: Int32Array;
  readonly value: Float64Array;
  /** Within-take SD of the notes behind a mean; NaN when unknown. */
  readonly spread: Float64Array;
  readonly n: Float64Array;
  readonly events: Float64Array;
}

/** Per-position deviation profile of one exercise in one session (van Vugt et al. 2012). */
export interface DriftPositions {
  readonly exerciseId: string;
  readonly positions: readonly { readonly hand: Hand; readonly direction: Direction; readonly position: number; readonly irregularityMs: number }[];
}

/** What one practice session gives the drift analysis. */
export interface DriftSession {
  readonly id: number;
  /** ISO-8601 start time. Sessions must be added in this order (ties by id). */
  readonly startedAt: string;
  /** The keyboard (a stable name); null when unknown. */
  readonly device: string | null;
  readonly takes: readonly DriftTake[];
  /** Exercises repeated within the session: their per-position deviation profiles. */
  readonly repetitions?: readonly DriftPositions[];
  /** Minutes of playing (for the practice-time covariate); optional. */
  readonly minutes?: number;
  /**
   * Each exercise family's credible takes pooled ahead of time (pools.ts poolTakes; the store
   * keeps them with the drift input). Optional: where a pool is missing, or does not cover
   * exactly the family's credible takes in one tempo band, the engine pools takes one by one,
   * with identical results. A pool's sums are trusted as they are: they must be poolTakes' own.
   */
  readonly pools?: readonly TakePool[];
}

/** Which sessions form a series' baseline. */
export type BaselineRule =
  | { readonly kind: 'first'; readonly sessions: number }
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

/** "Start a new baseline from here": sessions after `at` in the series `seriesKey` (all series if absent) build a new baseline. */
export interface BaselineReset {
  readonly at: string;
  readonly seriesKey?: string;
}

export interface DriftOptions {
  readonly baseline?: BaselineRule;
  readonly resets?: readonly BaselineReset[];
}

/** The identity of a series: like with like. */
export interface SeriesId {
  /** Stable key: family|hand|direction|finger|metric|device|band. */
  readonly key: string;
  readonly family: string;
  readonly familyName: string;
  readonly hand: Hand;
  /** 'all' for metrics measured over both directions (event rates). */
  readonly direction: Direction | 'all';
  /** Null for hand-level metrics (IOI SD). */
  readonly finger: Finger | null;
  readonly metric: DriftMetricId;
  readonly device: string;
  /** Tempo band: centre and edges in notes per second. */
  readonly band: { readonly id: string; readonly centre: number; readonly low: number; readonly high: number };
}

/** One session's value in a series (the drift/1 document's point; the engine keeps points by column, see points.ts). */
export interface SeriesPoint {
  readonly sessionId: number;
  readonly at: string;
  readonly value: number;
  /** Standard error of the value from the notes within the session; null when not known. */
  readonly se: number | null;
  /** Notes (or IOIs) behind the value. */
  readonly n: number;
  readonly takes: number;
  /** Mean tempo of the pooled takes (notes/s). */
  readonly notesPerSecond: number;
  readonly exercises: readonly string[];
  /** 'baseline' while building it; 'monitor' afterwards; 'before' for range baselines. */
  readonly phase: 'before' | 'baseline' | 'monitor';
  /** Standardised, clipped value and the EWMA after this point (monitor phase only). */
  readonly z: number | null;
  readonly ewma: number | null;
  /** EWMA in the metric's units (location + ewma x typical SD), for charts. */
  readonly ewmaValue: number | null;
  readonly outOfControl: boolean;
}

export interface Baseline {
  /** Sessions in it and how many it needs ("6 of 10 sessions"). */
  readonly sessions: number;
  readonly needed: number;
  readonly complete: boolean;
  readonly from: string | null;
  readonly to: string | null;
  /** Median of the baseline session values. */
  readonly location: number | null;
  /** Session-to-session SD of the true level (day effects), after removing within-session noise. */
  readonly betweenSd: number | null;
  /** Typical within-session standard error. */
  readonly withinSe: number | null;
  /** Standard error of measurement of one session: sqrt(betweenSd^2 + withinSe^2). */
  readonly sem: number | null;
  /** Smallest detectable change: 1.96 x sqrt(2) x SEM (Weir 2005). */
  readonly mdc: number | null;
  /** EWMA control limits in metric units around the location (current M). */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface DriftSeries extends SeriesId {
  readonly unit: string;
  readonly baseline: Baseline;
  /** By column (points.ts: pointAt / pointsOf give objects). */
  readonly points: DriftPoints;
}

export type AlertStatus = 'active' | 'resolved';

export interface DriftAlert {
  /** Stable across recomputes: the series key and the first session of the drifting run. */
  readonly key: string;
  readonly seriesKey: string;
  readonly status: AlertStatus;
  readonly hand: Hand;
  /**
   * The finger that changed: the series' own; for a hand-level metric (IOI SD) the finger whose
   * own timing stands out from the others' (engine.ts handFinger), null until one does.
   */
  readonly finger: Finger | null;
  readonly direction: Direction | 'all';
  readonly metric: DriftMetricId;
  readonly exercise: string;
  readonly exerciseName: string;
  readonly notesPerSecond: number;
  readonly device: string;
  /** Start time of the first session of the drifting run (ISO). */
  readonly since: string;
  readonly sinceSessionId: number;
  /** The session whose analysis raised the alert (ISO). */
  readonly detectedAt: string;
  readonly detectedSessionId: number;
  readonly resolvedAt: string | null;
  /** Sessions in the series from `since` up to the latest one. */
  readonly sessions: number;
  /** Mean change against the baseline over the run's recent sessions, signed, in `unit`. */
  readonly magnitude: number;
  readonly mdc: number;
  readonly unit: string;
  /** How far the EWMA is past its limit (>= 1 when raised). */
  readonly strength: number;
  /** True once the drift has lasted PERSISTENT_SESSIONS sessions. */
  readonly persistent: boolean;
  readonly message: string;
  /** Fingers whose alarms this one explains (line drag), by number. */
  readonly explains: readonly Finger[];
}

/** Position-level comparison of recent sessions with the baseline (the second signal). */
export interface FingerprintComparison {
  readonly exerciseId: string;
  readonly hand: Hand;
  readonly device: string;
  readonly baselineSessions: number;
  readonly recentSessions: number;
  readonly positions: number;
  /** Pearson correlation of the recent and baseline irregularity profiles. */
  readonly correlation: number | null;
  /** RMS difference between the profiles (ms). */
  readonly rmsDifferenceMs: number | null;
  /** The RMS difference expected from noise alone, from the baseline's own spread (ms). */
  readonly expectedRmsMs: number | null;
  /** rmsDifferenceMs clearly above what noise explains (ratio > FINGERPRINT_CHANGE_RATIO). */
  readonly changed: boolean;
}

export interface DriftResult {
  readonly series: readonly DriftSeries[];
  readonly alerts: readonly DriftAlert[];
  readonly fingerprints: readonly FingerprintComparison[];
  /** Sessions seen, and those that had at least one credible take. */
  readonly sessions: number;
  readonly credibleSessions: number;
  /** Series with a complete baseline at the latest session (the M of the family-wise split). */
  readonly monitoredSeries: number;
}
