/**
 * The drift engine: a fold over a profile's sessions in time order. `addSession` updates the
 * state incrementally after each session; `computeDrift` folds all of them. Because every
 * decision depends only on the sessions before and at that point, adding sessions one at a time
 * gives exactly the result of a full recompute (tests/core/drift/engine.test.ts checks this).
 *
 * Cost: a session costs its takes' observations plus the series it feeds, never the whole
 * history. Where the session brings its families' takes pooled ahead of time (pools.ts: what the
 * store keeps), a series costs one row of sums; otherwise a compact take (compactTake) brings its
 * observations as typed columns, and any other take is read into a reused column buffer
 * (readObservations), pooled into per-band accumulators indexed by observation slot. A series'
 * point is written once, final, after the session's baselines are complete, as seven numbers in
 * the series' point blocks (points.ts), with no object per point (bench/drift.bench.ts: 2,000
 * sessions).
 */
import { isCredibleTake } from './credible';
import { BASELINE_SESSIONS, COMMON_MODE_SHARE, CUSUM_K, DRAG_LEVERAGE, EWMA_LAMBDA, HAND_FINGER_MARGIN, MIN_RANGE_BASELINE_SESSIONS, PERSISTENCE, PERSISTENT_SESSIONS, controlLimit } from './detect';
import { familyName, familyOf } from './family';
import { compareFingerprints, fingerprintKey } from './fingerprint';
import type { FingerprintState } from './fingerprint';
import type { Finger } from '../exercises/types';
import { alertMessage } from './message';
import { DRIFT_METRICS, DRIFT_METRIC_INFO, OBSERVATION_SLOTS, createObservationBuffer, observationSlot, slotIdentity } from './metrics';
import type { DriftMetricId, ObservationBuffer } from './metrics';
import { PHASES, addExerciseList, addSessionRow, appendPointFields, createPointColumns, createPointTables, pointField, pointTime, snapshotPoints, standardizeBy, startEpoch } from './points';
import type { PointColumns, PointTables } from './points';
import { ACC_EVENTS, ACC_FIELDS, ACC_N, ACC_SPREAD_KNOWN, ACC_SUM_DF, ACC_SUM_NV, ACC_SUM_VAR, ACC_TAKES, ACC_TEMPO, POOLING, SLOT_KIND, accumulate, observationRows, resetSums } from './pools';
import type { TakePool } from './pools';
import { median, normalQuantile, winsorizedSd } from './robust';
import { bandCentre, findTempoBand, tempoBand } from './tempo';
import type { Baseline, BaselineReset, BaselineRule, DriftAlert, DriftOptions, DriftResult, DriftSeries, DriftSession, DriftTake, SeriesId } from './types';

/** Sessions were added out of time order: recompute from the full list instead. */
export class DriftOrderError extends Error {
  override readonly name = 'DriftOrderError';
}

const METRIC_COUNT = DRIFT_METRICS.length;
const [BEFORE, BASELINE, MONITOR] = [PHASES.indexOf('before'), PHASES.indexOf('baseline'), PHASES.indexOf('monitor')];
const IOI_SD = DRIFT_METRICS.indexOf('ioi-sd');
const ONSET_MEAN = DRIFT_METRICS.indexOf('onset-mean');
const LEGATO_FROM_DURATION = DRIFT_METRICS.indexOf('legato-mean') - DRIFT_METRICS.indexOf('duration-mean');
/**
 * Offsets in SeriesState.stat: the detector's running numbers (EWMA, limit, CUSUMs); the figures
 * of the baseline epoch the monitor standardises with (PointEpoch: location, between-session
 * variance, typical within-session SE, baseline event rate, SEM, baseline sessions); and the
 * session's pooled point until it is monitored and appended (value, SE, n, events, takes, tempo,
 * and its session ordinal, exercise-list number and PHASES index).
 */
const enum Stat {
  Ewma, Limit, CusumUp, CusumDown,
  Location, BetweenVar, WithinSe, P0, Sem, Sessions,
  Value, Se, N, Events, Takes, Tempo, Session, List, Phase,
  /** Onset means only: EWMA of (value - location) in ms, not clipped (attribution and the hand-level finger compare fingers' sizes of shift with it). */
  Shift,
  Fields,
}
/** A series' EWMA after its latest monitored point (0 before one), and the limit it was judged against (NaN before one). */
const ewmaOf = (series: SeriesState): number => series.stat[Stat.Ewma] as number;
const limitOf = (series: SeriesState): number => series.stat[Stat.Limit] as number;

/**
 * One tempo band of one exercise family on one keyboard, and the session's pooling arrays for its
 * observation slots (one slot = one series: hand x direction x finger x metric).
 */
interface BandState {
  readonly id: string;
  centre: number;
  readonly tempos: number[];
  /** Sessions that fed the band until its centre froze. */
  readonly sessions: Set<number>;
  frozen: boolean;
  readonly family: string;
  readonly device: string;
  /** Per slot: the state.sessions stamp the accumulators below belong to. */
  readonly stamp: Int32Array;
  /**
   * The session's pooling accumulators, ACC_FIELDS per slot side by side (one cache line per
   * observation instead of one per field): n, sum n x value, sum df x variance, sum df, events,
   * takes, tempo sum, spread known (1, or 0 once a mean observation without a within-take SD
   * joined the slot this session).
   */
  readonly acc: Float64Array;
  /** Per slot: its series. */
  readonly series: (SeriesState | undefined)[];
  /**
   * Every exercise id pooled in the band, with the state.sessions stamp of the latest session
   * that pooled it (stamped in place: no set emptied and refilled every session); the sorted list
   * of this session's (its number in the point tables); the stamp of the session these describe,
   * and how many distinct exercises it pooled.
   */
  readonly exercises: Map<string, number>;
  exerciseList: readonly string[];
  exerciseListNumber: number;
  exerciseStamp: number;
  sessionExercises: number;
  /** Credible takes in the band this session. */
  sessionTakes: number;
}

/** An exercise's family and name, worked out once per exercise (checked against the take's fields). */
interface ExerciseInfo {
  readonly exercise: DriftTake['exercise'];
  readonly family: string;
  readonly name: string;
  /** device -> the family's tempo bands on that keyboard. */
  readonly bands: Map<string, BandState[]>;
}


interface BaselineStats {
  readonly sessions: number;
  readonly from: string;
  readonly to: string;
  readonly location: number;
  readonly betweenSd: number;
  readonly withinSe: number;
  readonly sem: number;
  readonly mdc: number;
  /** Mean notes per baseline session (weights for attribution). */
  readonly meanN: number;
  /** Event rates: baseline events per note (floored), else 0. */
  readonly p0: number;
}

interface AlertState {
  readonly sinceIndex: number;
  readonly detectedIndex: number;
  resolvedIndex: number | null;
  readonly side: 1 | -1;
  strength: number;
  readonly explains: Set<Finger>;
  /** The finger named: the series' own, or for a hand-level IOI SD alert the one handFinger found (null until then). */
  finger: Finger | null;
}

/** A series' identity (SeriesId) with its tempo band as it grows, and its running state. */
interface SeriesState extends Omit<SeriesId, 'band'> {
  readonly band: BandState;
  readonly metricIndex: number;
  /** Its observation slot in its band. */
  readonly slot: number;
  /** By column: no object per point (see points.ts). */
  readonly points: PointColumns;
  baselinePoints: { value: number; se: number | null; n: number; events: number; at: string }[];
  baseline: BaselineStats | null;
  resetAt: string | null;
  /** The baseline's own between-session variance before pooling (null before a baseline). */
  rawBetweenVar: number | null;
  /**
   * The numbers the session's pooling, placement and monitor read and write for every series
   * every session, side by side in one small block of doubles (offsets: Stat): the detector's
   * running numbers, the baseline epoch's figures, and the pending point. One object instead of a
   * pending-point object, an epoch and their boxed numbers scattered over the heap. The limit (z
   * units) is the one at the latest monitored point, NaN before one; the epoch's figures are NaN
   * before a baseline; the pending point is the latest session's (Stat.Session its ordinal).
   */
  readonly stat: Float64Array;
  side: 0 | 1 | -1;
  consecutiveOut: number;
  consecutiveIn: number;
  upStart: number;
  downStart: number;
  firstMonitorIndex: number;
  active: AlertState | null;
  readonly alerts: AlertState[];
  /**
   * The latest point's phase (PHASES index, -1 before any) and out-of-control flag, kept beside
   * the points so the cross-series rules (common modes, legato, hand finger) read the series'
   * state instead of its newest block row. With its EWMA (stat, when monitored) and
   * now.session (its session ordinal) they are the latest point's fields.
   */
  lastPhase: number;
  lastOut: boolean;
  /** Ordinal among the state's series, in the order made. */
  readonly made: number;
}

/** Everything the engine remembers between sessions. */
export interface DriftState {
  readonly options: Required<Pick<DriftOptions, 'resets'>> & { readonly baseline: BaselineRule };
  readonly series: Map<string, SeriesState>;
  /** "family|device" -> the family's tempo bands on that keyboard. */
  readonly bands: Map<string, BandState[]>;
  readonly exercises: Map<string, ExerciseInfo>;
  readonly fingerprints: Map<string, FingerprintState>;
  /** Sessions and exercise lists the points refer to by number. */
  readonly tables: PointTables;
  /** Reused from session to session: one take's observations, and the slots the session fed. */
  readonly buffer: ObservationBuffer;
  /**
   * The series the session feeds, in the order first fed (the order series are made and
   * monitored in), in the first `touchedCount` entries; and, in the first `deferredCount` entries
   * of `deferred`, those pooled take by take, whose value is worked out once every take is in
   * their band's accumulators. Reused with a count, never emptied by `length = 0`, which would
   * drop their storage and regrow it every session.
   */
  readonly touchedSeries: SeriesState[];
  touchedCount: number;
  readonly deferred: SeriesState[];
  deferredCount: number;
  /** Per take of the session being added: its band (null when not credible), its exercise, and the pool to add there. */
  readonly takeBands: (BandState | null)[];
  readonly takeInfos: ExerciseInfo[];
  readonly takePools: (TakePool | typeof COVERED | undefined)[];
  /** The control limit for (monitored, baseline sessions), kept while M does not change. */
  limitCache: { monitored: number; sessions: number; limit: number };
  /** Series whose active alert names no finger yet (hand-level IOI SD alerts), for nameHandFingers. */
  readonly unnamed: SeriesState[];
  sessions: number;
  credibleSessions: number;
  monitored: number;
  last: { at: string; id: number } | null;
}

/**
 * A fresh state. Baseline rule defaults to the first BASELINE_SESSIONS qualifying sessions.
 *
 * @throws RangeError for a 'first' rule outside 3 to BASELINE_SESSIONS sessions, or a range that ends before it starts.
 * @example const state = createDriftState(); sessions.forEach((s) => addSession(state, s)); driftResult(state)
 */
export function createDriftState(options: DriftOptions = {}): DriftState {
  const baseline = options.baseline ?? { kind: 'first', sessions: BASELINE_SESSIONS };
  if (baseline.kind === 'first' && !(Number.isInteger(baseline.sessions) && baseline.sessions >= 3 && baseline.sessions <= BASELINE_SESSIONS)) {
    throw new RangeError(`a baseline needs 3 to ${BASELINE_SESSIONS} sessions, got ${baseline.sessions}`);
  }
  if (baseline.kind === 'range' && !(baseline.from <= baseline.to)) throw new RangeError(`baseline range ends (${baseline.to}) before it starts (${baseline.from})`);
  return {
    options: { baseline, resets: [...(options.resets ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) },
    series: new Map(), bands: new Map(), exercises: new Map(), fingerprints: new Map(), tables: createPointTables(),
    buffer: createObservationBuffer(), touchedSeries: [], touchedCount: 0, deferred: [], deferredCount: 0, takeBands: [], takeInfos: [], takePools: [], limitCache: { monitored: -1, sessions: -1, limit: 0 }, unnamed: [],
    sessions: 0, credibleSessions: 0, monitored: 0, last: null,
  };
}

/**
 * Folds all sessions (sorted by time here) and returns the result.
 *
 * @example computeDrift(sessions).alerts[0]?.message
 */
export function computeDrift(sessions: readonly DriftSession[], options: DriftOptions = {}): DriftResult {
  const state = createDriftState(options);
  const sorted = [...sessions].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id - b.id));
  for (const session of sorted) addSession(state, session);
  return driftResult(state);
}

/**
 * Adds one session (it must not be older than the last one added).
 *
 * @throws DriftOrderError when the session is older than the last one added.
 * @example addSession(state, { id: 12, startedAt: '2026-03-03T09:00:00Z', device: 'FP-30', takes })
 */
export function addSession(state: DriftState, session: DriftSession): void {
  if (state.last && (session.startedAt < state.last.at || (session.startedAt === state.last.at && session.id <= state.last.id))) {
    throw new DriftOrderError(`session ${session.id} (${session.startedAt}) is older than session ${state.last.id}: recompute from all sessions`);
  }
  state.last = { at: session.startedAt, id: session.id };
  state.sessions += 1;
  const ordinal = addSessionRow(state.tables, session.id, session.startedAt);
  const device = session.device ?? 'unknown keyboard';
  const stamp = state.sessions;
  const buffer = state.buffer;
  state.touchedCount = 0;
  state.deferredCount = 0;
  const bandsFed: BandState[] = [];
  let credible = false;
  // First the takes' bands (in take order, as the bands' tempo centres grow), then their pooling.
  const takes = session.takes;
  const takeBands = state.takeBands;
  const takeInfos = state.takeInfos;
  for (let k = 0; k < takes.length; k += 1) {
    const take = takes[k] as DriftTake;
    takeBands[k] = null;
    if (!isCredibleTake(take).credible) continue;
    credible = true;
    const info = exerciseInfo(state, take.exercise);
    const band = bandFor(state, info, device, take.notesPerSecond, session.id);
    if (band.exerciseStamp !== stamp) {
      band.exerciseStamp = stamp;
      band.sessionExercises = 0;
      band.sessionTakes = 0;
      bandsFed.push(band);
    }
    if (band.exercises.get(take.exercise.id) !== stamp) {
      band.exercises.set(take.exercise.id, stamp);
      band.sessionExercises += 1;
    }
    band.sessionTakes += 1;
    takeBands[k] = band;
    takeInfos[k] = info;
  }
  // Each band's exercise list for the session is known once the takes are banded: points carry its number.
  for (const band of bandsFed) {
    // Most sessions pool the same exercises as the last: keep that list (shared by every point) rather than a new one per session.
    const previous = band.exerciseList;
    let same = previous.length === band.sessionExercises;
    if (same) for (const id of previous) if (band.exercises.get(id) !== stamp) same = false;
    if (!same) {
      band.exerciseList = [...band.exercises].filter(([, seen]) => seen === stamp).map(([id]) => id).sort();
      band.exerciseListNumber = addExerciseList(state.tables, band.exerciseList);
    }
  }
  if (credible) state.credibleSessions += 1;

  // Then the pooling: a pool's series take their value from its sums at once; the others once all
  // their takes are in the band's accumulators (in the order first fed, either way).
  const pending: SeriesState[] = [];
  const at = session.startedAt;
  const pools = session.pools !== undefined && session.pools.length > 0 ? usablePools(session.pools, takes.length, takeBands, state.takePools) : null;
  for (let k = 0; k < takes.length; k += 1) {
    const band = takeBands[k];
    if (!band) continue;
    const info = takeInfos[k] as ExerciseInfo;
    if (pools) {
      const pool = pools[k];
      if (pool === COVERED) continue;
      if (pool) {
        addPool(state, band, pool, info, ordinal, at, pending);
        continue;
      }
    }
    const take = takes[k] as DriftTake;
    const tempo = take.notesPerSecond;
    const { source, first, end } = observationRows(take, buffer);
    const slots = source.slot;
    const values = source.value;
    const spreads = source.spread;
    const ns = source.n;
    const events = source.events;
    const bandStamp = band.stamp;
    const acc = band.acc;
    for (let i = first; i < end; i += 1) {
      const slot = slots[i] as number;
      const offset = slot * ACC_FIELDS;
      if (bandStamp[slot] !== stamp) {
        bandStamp[slot] = stamp;
        resetSums(acc, offset);
        state.deferred[state.deferredCount] = touchSlot(state, band, slot, info);
        state.deferredCount += 1;
      }
      accumulate(acc, offset, SLOT_KIND[slot] as number, tempo, ns[i] as number, values[i] as number, spreads[i] as number, events[i] as number);
    }
  }
  const deferred = state.deferred;
  for (let d = 0; d < state.deferredCount; d += 1) {
    const series = deferred[d] as SeriesState;
    poolInto(series.stat, series.band.acc, series.slot * ACC_FIELDS, series.metricIndex, series.band, ordinal);
    placePoint(state, series, pending, at);
  }
  const touched = state.touchedSeries;
  completeBaselines(state, pending);
  monitor(state, touched, state.touchedCount, ordinal);

  const repetitions = session.repetitions ?? [];
  const credibleExercises = repetitions.length > 0 ? new Set(takes.filter((_, k) => takeBands[k] !== null).map((take) => take.exercise.id)) : null;
  for (const repetition of repetitions) {
    if (!credibleExercises?.has(repetition.exerciseId)) continue;
    for (const hand of ['right', 'left'] as const) {
      const positions = repetition.positions.filter((p) => p.hand === hand);
      if (positions.length === 0) continue;
      const key = fingerprintKey(repetition.exerciseId, hand, device);
      let fp = state.fingerprints.get(key);
      if (!fp) {
        fp = { exerciseId: repetition.exerciseId, hand, device, profiles: [] };
        state.fingerprints.set(key, fp);
      }
      fp.profiles.push(new Map(positions.map((p) => [`${p.direction}:${p.position}`, p.irregularityMs])));
    }
  }
}

/** Marks a take a usable pool covers, other than the pool's first take (where the pool is added). */
const COVERED = 1;

/**
 * Per take index, the pool to add there, COVERED for its other takes, or undefined (pool take by
 * take). A pool is usable when its takes are credible, in range and ascending, all fell in one
 * band, and are every credible take of that band this session: then its sums are exactly what
 * take-by-take pooling would add. Otherwise its takes are pooled one by one.
 */
function usablePools(pools: readonly TakePool[], count: number, takeBands: readonly (BandState | null)[], out: (TakePool | typeof COVERED | undefined)[]): (TakePool | typeof COVERED | undefined)[] {
  for (let k = 0; k < count; k += 1) out[k] = undefined;
  for (const pool of pools) {
    const members = pool.takes;
    const first = members[0];
    if (first === undefined || members.length < 2 || pool.sums.length !== pool.slots.length * ACC_FIELDS) continue;
    const band = takeBands[first];
    let usable = band !== null && band !== undefined && band.sessionTakes === members.length;
    for (let j = 1; usable && j < members.length; j += 1) {
      const k = members[j] as number;
      usable = k > (members[j - 1] as number) && k < count && takeBands[k] === band && out[k] === undefined;
    }
    if (!usable || out[first] !== undefined) continue;
    out[first] = pool;
    for (let j = 1; j < members.length; j += 1) out[members[j] as number] = COVERED;
  }
  return out;
}

/**
 * Places a pool's series: no other take feeds the band this session (usablePools), so the pool's
 * sums are the session's, read where they are.
 */
function addPool(state: DriftState, band: BandState, pool: TakePool, info: ExerciseInfo, ordinal: number, at: string, pending: SeriesState[]): void {
  const slots = pool.slots;
  const sums = pool.sums;
  for (let j = 0; j < slots.length; j += 1) {
    const series = touchSlot(state, band, slots[j] as number, info);
    poolInto(series.stat, sums, j * ACC_FIELDS, series.metricIndex, band, ordinal);
    placePoint(state, series, pending, at);
  }
}

/** The first observation of (band, slot) this session: its series (made now if new), listed among the session's touched series. */
function touchSlot(state: DriftState, band: BandState, slot: number, info: ExerciseInfo): SeriesState {
  let series = band.series[slot];
  if (series === undefined) {
    // Named after the family name of the take that first fed it.
    series = createSeries(state, band, slot, info.name);
    band.series[slot] = series;
  }
  state.touchedSeries[state.touchedCount] = series;
  state.touchedCount += 1;
  return series;
}

/** The family and name of an exercise, cached by id and reused while the take's fields match. */
function exerciseInfo(state: DriftState, exercise: DriftTake['exercise']): ExerciseInfo {
  const cached = state.exercises.get(exercise.id);
  if (cached) {
    const e = cached.exercise;
    if (cached.exercise === exercise || (e.kind === exercise.kind && e.key === exercise.key && e.mode === exercise.mode && e.hands === exercise.hands && e.motion === exercise.motion && e.name === exercise.name)) return cached;
  }
  const info: ExerciseInfo = { exercise: { ...exercise }, family: familyOf(exercise), name: familyName(exercise), bands: new Map() };
  state.exercises.set(exercise.id, info);
  return info;
}

function bandFor(state: DriftState, info: ExerciseInfo, device: string, tempo: number, sessionId: number): BandState {
  let bands = info.bands.get(device);
  if (!bands) {
    const key = `${info.family}|${device}`;
    bands = state.bands.get(key);
    if (!bands) {
      bands = [];
      state.bands.set(key, bands);
    }
    info.bands.set(device, bands);
  }
  let band = findTempoBand(bands, tempo);
  if (!band) {
    band = {
      id: `t${bands.length + 1}`, centre: tempo, tempos: [], sessions: new Set(), frozen: false, family: info.family, device,
      stamp: new Int32Array(OBSERVATION_SLOTS), acc: new Float64Array(OBSERVATION_SLOTS * ACC_FIELDS),
      series: new Array<SeriesState | undefined>(OBSERVATION_SLOTS).fill(undefined),
      exercises: new Map(), exerciseList: [], exerciseListNumber: -1, exerciseStamp: -1, sessionExercises: 0, sessionTakes: 0,
    };
    bands.push(band);
  }
  if (!band.frozen) {
    band.tempos.push(tempo);
    band.centre = bandCentre(band.tempos);
    band.sessions.add(sessionId);
    if (band.sessions.size >= BASELINE_SESSIONS) band.frozen = true;
  }
  return band;
}

function createSeries(state: DriftState, band: BandState, slot: number, familyName: string): SeriesState {
  const { hand, direction, finger, metric } = slotIdentity(slot);
  const key = `${band.family}|${hand}|${direction}|${finger ?? '-'}|${metric}|${band.device}|${band.id}`;
  const created: SeriesState = {
    key, family: band.family, familyName, hand, direction, finger, metric, metricIndex: slot % METRIC_COUNT, slot,
    device: band.device, band, points: createPointColumns(state.tables), baselinePoints: [], baseline: null, resetAt: null, rawBetweenVar: null,
    stat: newStat(), side: 0, consecutiveOut: 0, consecutiveIn: 0, upStart: 0, downStart: 0, firstMonitorIndex: -1,
    active: null, alerts: [],
    lastPhase: -1, lastOut: false, made: state.series.size,
  };
  state.series.set(key, created);
  return created;
}

/** A series' running numbers before its first point: EWMA and CUSUMs 0, no limit, no baseline, no pending point. */
function newStat(): Float64Array {
  const stat = new Float64Array(Stat.Fields).fill(Number.NaN);
  stat[Stat.Ewma] = 0;
  stat[Stat.CusumUp] = 0;
  stat[Stat.CusumDown] = 0;
  stat[Stat.Shift] = 0;
  return stat;
}

/** How each metric pools its takes (POOLING), as a number to switch on. */
const enum Pool { Sd, Cv, Mean, Rate }
const POOL_KIND = Uint8Array.from(POOLING, (pooling) => (pooling === 'sd' ? Pool.Sd : pooling === 'cv' ? Pool.Cv : pooling === 'mean' ? Pool.Mean : Pool.Rate));

/** One series' value for the session from its slot's pooled takes, with its SE from the notes within the session. */
function poolInto(now: Float64Array, acc: Float64Array, at: number, metric: number, band: BandState, ordinal: number): void {
  const n = acc[at + ACC_N] as number;
  const takes = acc[at + ACC_TAKES] as number;
  const sumDf = acc[at + ACC_SUM_DF] as number;
  const sumVar = acc[at + ACC_SUM_VAR] as number;
  const events = acc[at + ACC_EVENTS] as number;
  let value: number;
  let se = Number.NaN;
  switch (POOL_KIND[metric]) {
    case Pool.Sd:
      value = Math.sqrt(sumVar / sumDf);
      se = value / Math.sqrt(2 * sumDf);
      break;
    case Pool.Cv:
      value = (acc[at + ACC_SUM_NV] as number) / n;
      se = value * Math.sqrt((0.5 + value ** 2) / n);
      break;
    case Pool.Mean:
      value = (acc[at + ACC_SUM_NV] as number) / n;
      if (acc[at + ACC_SPREAD_KNOWN] === 1 && sumDf > 0) se = Math.sqrt(sumVar / sumDf / n);
      // Otherwise (one-note means) the SE stays unknown: a scatter of 2-4 takes is too rough a
      // yardstick, and the baseline's session-to-session SD then carries all the noise.
      break;
    default:
      value = (100 * events) / n;
  }
  now[Stat.Session] = ordinal;
  now[Stat.Value] = value;
  now[Stat.Se] = se;
  now[Stat.N] = n;
  now[Stat.Events] = events;
  now[Stat.Takes] = takes;
  now[Stat.Tempo] = (acc[at + ACC_TEMPO] as number) / takes;
  now[Stat.List] = band.exerciseListNumber;
}

/** Decides the pending point's phase (baseline, monitor, before), applying a baseline reset first. */
function placePoint(state: DriftState, series: SeriesState, pending: SeriesState[], at: string): void {
  const reset = latestReset(state, series.key, at);
  if (reset && (series.resetAt === null || reset.at > series.resetAt)) {
    series.resetAt = reset.at;
    if (series.baseline) state.monitored -= 1;
    series.baseline = null;
    series.rawBetweenVar = null;
    series.baselinePoints = [];
    if (series.active) {
      series.active.resolvedIndex = series.points.length - 1;
      series.active = null;
    }
    restartDetector(series);
  }
  const rule: BaselineRule = series.resetAt !== null && state.options.baseline.kind === 'range' ? { kind: 'first', sessions: BASELINE_SESSIONS } : state.options.baseline;
  let phase: number;
  if (series.baseline) phase = MONITOR;
  else if (rule.kind === 'first') {
    phase = BASELINE;
    addBaselinePoint(series, at);
    if (series.baselinePoints.length >= rule.sessions) pending.push(series);
  } else if (at < rule.from) phase = BEFORE;
  else if (at <= rule.to) {
    phase = BASELINE;
    addBaselinePoint(series, at);
  } else {
    const completes = series.baselinePoints.length >= MIN_RANGE_BASELINE_SESSIONS;
    if (completes) pending.push(series);
    phase = completes ? MONITOR : BEFORE;
  }
  series.stat[Stat.Phase] = phase;
  if (phase === MONITOR && series.firstMonitorIndex < 0) {
    // The point goes in at index points.length once monitored.
    series.firstMonitorIndex = series.points.length;
    series.upStart = series.firstMonitorIndex;
    series.downStart = series.firstMonitorIndex;
  }
}

/** The pending point as a baseline session. */
function addBaselinePoint(series: SeriesState, at: string): void {
  const now = series.stat;
  const se = now[Stat.Se] as number;
  series.baselinePoints.push({ value: now[Stat.Value] as number, se: Number.isNaN(se) ? null : se, n: now[Stat.N] as number, events: now[Stat.Events] as number, at });
}

function latestReset(state: DriftState, key: string, at: string): BaselineReset | undefined {
  const resets = state.options.resets;
  for (let i = resets.length - 1; i >= 0; i -= 1) {
    const r = resets[i] as BaselineReset;
    // A reset takes effect after the session it was made at (that session keeps its alert, which resolves).
    if (r.at < at && (r.seriesKey === undefined || r.seriesKey === key)) return r;
  }
  return undefined;
}

function restartDetector(series: SeriesState): void {
  series.stat[Stat.Ewma] = 0;
  series.stat[Stat.Shift] = 0;
  series.side = 0;
  series.consecutiveOut = 0;
  series.consecutiveIn = 0;
  series.stat[Stat.CusumUp] = 0;
  series.stat[Stat.CusumDown] = 0;
  series.firstMonitorIndex = -1;
}

/**
 * Completes the baselines that reached their sessions in this session. Each series' day-to-day
 * spread (betweenSd) is the baseline's robust session-to-session variance less the mean
 * within-session variance, but never less than the average of the same metric over the hand's
 * fingers (same exercise family, direction, keyboard and tempo band): 10 sessions give only 9
 * degrees of freedom, and a spread underestimated by chance on one of ~100 series is what makes
 * a pianist's false alarms; the fingers of a hand share their day effects, so their pooled spread
 * is a far steadier floor (45 degrees of freedom for 5 fingers).
 */
function completeBaselines(state: DriftState, pending: readonly SeriesState[]): void {
  if (pending.length === 0) return;
  // Sums in the order of the points, with plain loops (each series completes its baseline once).
  const raw: Omit<BaselineStats, 'betweenSd' | 'sem' | 'mdc'>[] = [];
  for (const series of pending) {
    const points = series.baselinePoints;
    const values: number[] = [];
    let notes = 0;
    let events = 0;
    let squares = 0;
    let known = 0;
    for (const p of points) {
      values.push(p.value);
      notes += p.n;
      events += p.events;
      if (p.se !== null) {
        squares += p.se * p.se;
        known += 1;
      }
    }
    const total = winsorizedSd(values);
    const meanN = notes / points.length;
    let p0 = 0;
    let withinVar: number;
    if (DRIFT_METRIC_INFO[series.metric].event !== undefined) {
      p0 = Math.max(events, 0.5) / notes;
      let sum = 0;
      for (const p of points) sum += (1e4 * p0) / p.n;
      withinVar = sum / points.length;
    } else withinVar = known > 0 ? squares / known : 0;
    series.rawBetweenVar = Math.max(0, total ** 2 - withinVar);
    raw.push({
      sessions: points.length, from: points[0]?.at ?? '', to: points.at(-1)?.at ?? '', location: median(values),
      withinSe: Math.sqrt(withinVar), meanN, p0,
    });
  }
  for (let k = 0; k < pending.length; k += 1) {
    const series = pending[k] as SeriesState;
    const stats = raw[k] as Omit<BaselineStats, 'betweenSd' | 'sem' | 'mdc'>;
    let sum = 0;
    let count = 0;
    for (const other of bandSiblings(series, series.metric)) {
      if (other.rawBetweenVar === null) continue;
      sum += other.rawBetweenVar;
      count += 1;
    }
    const betweenVar = Math.max(series.rawBetweenVar ?? 0, count > 0 ? sum / count : 0);
    const sem = Math.sqrt(betweenVar + stats.withinSe ** 2);
    series.baseline = {
      sessions: stats.sessions, from: stats.from, to: stats.to, location: stats.location, withinSe: stats.withinSe, meanN: stats.meanN, p0: stats.p0,
      betweenSd: Math.sqrt(betweenVar), sem, mdc: 1.96 * Math.SQRT2 * sem,
    };
    // Kept with the points (which are read with it) and beside the running numbers (which the monitor works with).
    const epoch = startEpoch(series.points, { location: stats.location, betweenVar: series.baseline.betweenSd ** 2, withinSe: stats.withinSe, p0: stats.p0, sem, sessions: stats.sessions });
    const stat = series.stat;
    stat[Stat.Location] = epoch.location;
    stat[Stat.BetweenVar] = epoch.betweenVar;
    stat[Stat.WithinSe] = epoch.withinSe;
    stat[Stat.P0] = epoch.p0;
    stat[Stat.Sem] = epoch.sem;
    stat[Stat.Sessions] = epoch.sessions;
    state.monitored += 1;
  }
}

interface Alarm {
  readonly series: SeriesState;
  readonly index: number;
}

/**
 * Monitors each series the session fed and appends its point, built once with its final values:
 * the standardised value, the EWMA against the family-wise limit, the persistence rule, and the
 * CUSUM that dates a drift's start. Then raises the alerts that are neither line drag, a duration
 * change the legato does not confirm, nor a change common to the whole playing.
 */
function monitor(state: DriftState, touched: readonly SeriesState[], count: number, ordinal: number): void {
  // Made at the first alarm: most sessions have none.
  let alarms: Alarm[] | null = null;
  // The limit depends on the baseline's length and the number of monitored series, which is fixed during the loop.
  let limitSessions = -1;
  let sessionLimit = 0;
  for (let t = 0; t < count; t += 1) {
    const series = touched[t] as SeriesState;
    const stat = series.stat;
    const index = series.points.length;
    // A monitored point always has its baseline (placePoint, completeBaselines).
    if (stat[Stat.Phase] !== MONITOR) {
      appendPending(series, Number.NaN, false);
      continue;
    }
    const z = standardizeBy(stat[Stat.Location] as number, stat[Stat.BetweenVar] as number, stat[Stat.WithinSe] as number, stat[Stat.P0] as number, stat[Stat.Value] as number, stat[Stat.Se] as number, stat[Stat.N] as number);
    const ewma = EWMA_LAMBDA * z + (1 - EWMA_LAMBDA) * (stat[Stat.Ewma] as number);
    stat[Stat.Ewma] = ewma;
    if (series.metricIndex === ONSET_MEAN) stat[Stat.Shift] = EWMA_LAMBDA * ((stat[Stat.Value] as number) - (stat[Stat.Location] as number)) + (1 - EWMA_LAMBDA) * (stat[Stat.Shift] as number);
    const sessions = stat[Stat.Sessions] as number;
    if (sessions !== limitSessions) {
      limitSessions = sessions;
      sessionLimit = limitFor(state, sessions);
    }
    const limit = sessionLimit;
    stat[Stat.Limit] = limit;
    const out = Math.abs(ewma) > limit;
    const side: 1 | -1 = ewma >= 0 ? 1 : -1;
    if (out) {
      series.consecutiveOut = series.side === side ? series.consecutiveOut + 1 : 1;
      series.consecutiveIn = 0;
      series.side = side;
    } else {
      series.consecutiveOut = 0;
      series.consecutiveIn += 1;
      series.side = 0;
    }
    // Page's CUSUM, only to date where a drift began: the run starts after its last zero.
    const cusumUp = Math.max(0, (stat[Stat.CusumUp] as number) + z - CUSUM_K);
    const cusumDown = Math.max(0, (stat[Stat.CusumDown] as number) - z - CUSUM_K);
    stat[Stat.CusumUp] = cusumUp;
    stat[Stat.CusumDown] = cusumDown;
    if (cusumUp === 0) series.upStart = index + 1;
    if (cusumDown === 0) series.downStart = index + 1;
    // Only the newest point is ever written, at its own session: results handed out earlier never change.
    appendPending(series, ewma, out);
    if (series.active) {
      series.active.strength = Math.abs(ewma) / limit;
      if (series.consecutiveIn >= PERSISTENCE) {
        series.active.resolvedIndex = index;
        series.active = null;
      }
    } else if (series.consecutiveOut >= PERSISTENCE) (alarms ??= []).push({ series, index });
  }
  if (alarms !== null) raiseAlerts(state, alarms, touched, count, ordinal);
  nameHandFingers(state, ordinal);
}

/** Appends the session's point to a series (EWMA NaN: not monitored; z and the EWMA in metric units are worked out on read from its epoch). */
function appendPending(series: SeriesState, ewma: number, out: boolean): void {
  const now = series.stat;
  const phase = now[Stat.Phase] as number;
  appendPointFields(series.points, now[Stat.Session] as number, now[Stat.List] as number, now[Stat.Value] as number, now[Stat.Se] as number, now[Stat.N] as number, now[Stat.Takes] as number, now[Stat.Tempo] as number, phase, ewma, out);
  series.lastPhase = phase;
  series.lastOut = out;
}

/** Raises the alerts of this session's alarms that are neither line drag, an unconfirmed duration change nor common to the whole playing. */
function raiseAlerts(state: DriftState, alarms: readonly Alarm[], touched: readonly SeriesState[], count: number, session: number): void {
  const explained = attribute(alarms, session);
  // Worked out once an alarm gets that far (most duration alarms stop at the legato check).
  let common: Set<number> | null = null;
  for (const alarm of alarms) {
    if (explained.has(alarm.series)) continue;
    if (alarm.series.metric === 'duration-mean' && !legatoAgrees(alarm.series)) continue;
    common ??= commonModes(touched, count);
    if (common.has(alarm.series.metricIndex * 2 + (alarm.series.side > 0 ? 0 : 1))) continue;
    const series = alarm.series;
    const start = series.side > 0 ? series.upStart : series.downStart;
    const alert: AlertState = {
      sinceIndex: Math.min(alarm.index, Math.max(series.firstMonitorIndex, start)),
      detectedIndex: alarm.index,
      resolvedIndex: null,
      side: series.side > 0 ? 1 : -1,
      strength: Math.abs(ewmaOf(series)) / (Number.isNaN(limitOf(series)) ? 1 : limitOf(series)),
      explains: new Set(),
      finger: series.finger,
    };
    if (series.metricIndex === IOI_SD && alert.finger === null && !state.unnamed.includes(series)) state.unnamed.push(series);
    series.active = alert;
    series.alerts.push(alert);
  }
  for (const [dragged, driver] of explained) {
    if (dragged.finger !== null) driver.active?.explains.add(dragged.finger);
  }
}

/**
 * Active hand-level alerts fed this session that have no finger yet get one when the data supports
 * it (handFinger). Only the series listed in state.unnamed can have one: the others are not visited.
 */
function nameHandFingers(state: DriftState, session: number): void {
  const unnamed = state.unnamed;
  if (unnamed.length === 0) return;
  let kept = 0;
  for (const series of unnamed) {
    const alert = series.active;
    if (!alert || alert.finger !== null) continue;
    if (series.stat[Stat.Session] === session && series.lastPhase >= 0) alert.finger = handFinger(series, session, alert.side);
    if (alert.finger === null) unnamed[kept++] = series;
  }
  unnamed.length = kept;
}

/**
 * Names the finger behind a hand-level IOI SD alert once the data supports it. An inter-onset
 * interval changes when the finger it lands on, or the one before, moves: a finger drifting late
 * or early (onset-mean, either side) or growing less steady (onset-sd, on the alert's side). Each
 * finger's evidence is the larger of its onset-mean shift (Stat.Shift: the unclipped EWMA of value
 * minus baseline, so a large change is not capped at the detector's Z_CLIP) as a fraction of that
 * series' control limit in ms, and its onset-sd EWMA on the alert's side as a fraction of its
 * limit, at this session. The alert names the finger with the most evidence when its timing is
 * beyond its limit by the robust detector (its clipped EWMA, so not one bad day, which the
 * unclipped shift follows) and its evidence is at least HAND_FINGER_MARGIN times every other
 * finger's: tested against the other fingers, so a change common to the hand, or the fitted
 * line's drag (each other finger moves by only a share of the driver's shift), names no one. Otherwise the finger stays null and is
 * tried again at the next session while the alert lasts.
 */
function handFinger(series: SeriesState, session: number, side: 1 | -1): Finger | null {
  let best: Finger | null = null;
  let bestEvidence = 0;
  let bestBeyond = false;
  let runnerUp = 0;
  for (const finger of [1, 2, 3, 4, 5] as const) {
    let evidence = 0;
    let beyond = false;
    for (const metric of ['onset-mean', 'onset-sd'] as const) {
      const timing = series.band.series[observationSlot(series.hand, series.direction, finger, metric)];
      if (!timing?.baseline || Number.isNaN(limitOf(timing)) || timing.lastPhase !== MONITOR || timing.stat[Stat.Session] !== session) continue;
      // Late or early by the unclipped shift (the fitted line's drag is a share of it: a large change
      // must not be capped at Z_CLIP like its neighbours' drag); jitter by the robust EWMA, since a
      // jittery finger at a run's end also makes its neighbours' deviations less steady.
      evidence = Math.max(evidence, metric === 'onset-mean' ? Math.abs(timing.stat[Stat.Shift] as number) / (limitOf(timing) * timing.baseline.sem) : (ewmaOf(timing) * side) / limitOf(timing));
      // Beyond its limit by the robust (clipped) detector: one bad day, which the unclipped shift follows, is not enough.
      beyond ||= (metric === 'onset-mean' ? Math.abs(ewmaOf(timing)) : ewmaOf(timing) * side) >= limitOf(timing);
    }
    if (evidence > bestEvidence) {
      runnerUp = bestEvidence;
      bestEvidence = evidence;
      best = finger;
      bestBeyond = beyond;
    } else if (evidence > runnerUp) runnerUp = evidence;
  }
  return best !== null && bestBeyond && bestEvidence >= HAND_FINGER_MARGIN * runnerUp ? best : null;
}

/** The EWMA limit for the current number of monitored series and a baseline of `sessions` sessions. */
function limitFor(state: DriftState, sessions: number): number {
  const cache = state.limitCache;
  if (cache.monitored !== state.monitored || cache.sessions !== sessions) {
    cache.monitored = state.monitored;
    cache.sessions = sessions;
    cache.limit = controlLimit(state.monitored, sessions, normalQuantile);
  }
  return cache.limit;
}

/**
 * A note's key-down duration is the interval to the hand's next onset plus its legato overlap, so
 * when the NEXT finger comes late, this finger's duration grows although nothing changed in it.
 * A duration alarm therefore raises an alert only when the same finger's legato overlap (which
 * does not depend on the next onset's timing) is beyond its limit on the same side too; otherwise
 * the onset series of the next finger is where the change shows.
 */
function legatoAgrees(duration: SeriesState): boolean {
  // The same band, hand, direction and finger: the slot of the other metric (observationSlot).
  const legato = duration.band.series[duration.slot + LEGATO_FROM_DURATION];
  // Out of control only ever at a monitored point, whose EWMA is the series' own.
  return legato !== undefined && legato.lastOut && Math.sign(ewmaOf(legato)) === duration.side;
}

/**
 * Focal changes are what drift looks for. When at least COMMON_MODE_SHARE of a metric's monitored
 * series (over both hands and all fingers) are beyond their limits on the same side in one
 * session, the change is common to the whole playing (a tiring week, a new room, an undeclared
 * keyboard change), not one finger's: those alarms raise no alert. Returns metric index x 2 + (0 up, 1 down).
 */
function commonModes(touched: readonly SeriesState[], count: number): Set<number> {
  const totals = new Uint32Array(METRIC_COUNT);
  const outs = new Uint32Array(METRIC_COUNT * 2);
  for (let t = 0; t < count; t += 1) {
    const series = touched[t] as SeriesState;
    if (series.lastPhase !== MONITOR || series.finger === null) continue;
    totals[series.metricIndex] = (totals[series.metricIndex] ?? 0) + 1;
    if (series.lastOut) {
      const key = series.metricIndex * 2 + (ewmaOf(series) >= 0 ? 0 : 1);
      outs[key] = (outs[key] ?? 0) + 1;
    }
  }
  const common = new Set<number>();
  outs.forEach((count, key) => {
    const total = totals[key >> 1] ?? 0;
    if (count >= 3 && count >= COMMON_MODE_SHARE * total) common.add(key);
  });
  return common;
}
/**
 * Per-finger mean onset deviations are relative to each run's fitted line, so when finger k moves
 * by d, the line absorbs about its share w_k of the notes: k's mean moves by d(1 - w_k) and every
 * other finger's by about -w_k d. The fitted line has a slope too, so a finger at the end of a run
 * (high leverage, e.g. the top note of a scale) is dragged by up to about twice that
 * (DRAG_LEVERAGE): in a two-octave C major scale, R4 late by d moves R5 by -0.26 d against
 * w_4 d = -0.13 d. Each finger's size of shift is its unclipped EWMA of (value - location)
 * (Stat.Shift): the detector's z is clipped at Z_CLIP, which would make a 40 ms step and the
 * 10 ms it drags its neighbours look alike. The driver of a hand, direction and band is the
 * finger, alarming or not, whose shift implies the largest d, among those monitored this session;
 * another finger's alarm is explained (and raises no alert of its own, now or while it stays
 * explained) when its shift is on the drag's side and within its limit of up to DRAG_LEVERAGE x
 * the -w_k d the driver predicts. A dragged finger that crosses its limit before the driver does
 * (its noise was already on that side) therefore waits for the driver instead of alerting first.
 * Returns dragged series -> driver.
 */
function attribute(alarms: readonly Alarm[], session: number): Map<SeriesState, SeriesState> {
  const explained = new Map<SeriesState, SeriesState>();
  const done = new Set<SeriesState>();
  for (const alarm of alarms) {
    const first = alarm.series;
    if (first.metricIndex !== ONSET_MEAN || first.finger === null || done.has(first)) continue;
    // The fingers of this alarm's hand, direction and band, monitored this session (their Shift is current).
    const siblings = bandSiblings(first, 'onset-mean').filter((s) => s.finger !== null && s.baseline !== null);
    for (const s of siblings) done.add(s);
    const totalN = siblings.reduce((sum, s) => sum + (s.baseline?.meanN ?? 0), 0);
    if (!(totalN > 0)) continue;
    const share = (s: SeriesState) => (s.baseline?.meanN ?? 0) / totalN;
    const current = siblings.filter((s) => s.lastPhase === MONITOR && s.stat[Stat.Session] === session);
    let driver: SeriesState | null = null;
    let d = 0;
    for (const s of current) {
      const implied = (s.stat[Stat.Shift] as number) / (1 - share(s));
      if (Math.abs(implied) > Math.abs(d)) {
        driver = s;
        d = implied;
      }
    }
    if (driver === null) continue;
    const drag = -share(driver) * d;
    for (const other of alarms) {
      const series = other.series;
      if (series === driver || !current.includes(series)) continue;
      const shift = series.stat[Stat.Shift] as number;
      const limitMs = (Number.isNaN(limitOf(series)) ? 0 : limitOf(series)) * (series.baseline?.sem ?? 0);
      // Between 0 and DRAG_LEVERAGE x the drag, widened by the finger's own limit on both sides.
      const reach = DRAG_LEVERAGE * drag;
      if (shift >= Math.min(reach, 0) - limitMs && shift <= Math.max(reach, 0) + limitMs) explained.set(series, driver);
    }
  }
  return explained;
}

/**
 * The series of `metric` in the same band (so exercise family and keyboard), hand and direction
 * as `series`, over its fingers (and the hand-level slot), in the order they were made: the order
 * of the state's series, which sums over them follow.
 */
function bandSiblings(series: SeriesState, metric: DriftMetricId): SeriesState[] {
  const siblings: SeriesState[] = [];
  for (const finger of [null, 1, 2, 3, 4, 5] as const) {
    const sibling = series.band.series[observationSlot(series.hand, series.direction, finger, metric)];
    if (sibling) siblings.push(sibling);
  }
  return siblings.sort((a, b) => a.made - b.made);
}

/**
 * The result for the sessions added so far.
 *
 * @example driftResult(state).series.filter((s) => s.baseline.complete).length
 */
export function driftResult(state: DriftState): DriftResult {
  const nowIso = state.last?.at;
  const series: DriftSeries[] = [];
  const alerts: DriftAlert[] = [];
  const keys = [...state.series.keys()].sort();
  const needed = state.options.baseline.kind === 'first' ? state.options.baseline.sessions : MIN_RANGE_BASELINE_SESSIONS;
  for (const key of keys) {
    const s = state.series.get(key) as SeriesState;
    const b = s.baseline;
    const band = tempoBand(s.band.centre);
    const limitMetric = b && !Number.isNaN(limitOf(s)) ? limitOf(s) * b.sem : null;
    const baseline: Baseline = {
      sessions: b ? b.sessions : s.baselinePoints.length,
      needed: b ? b.sessions : s.resetAt !== null ? BASELINE_SESSIONS : needed,
      complete: b !== null,
      from: b?.from ?? s.baselinePoints[0]?.at ?? null,
      to: b?.to ?? s.baselinePoints.at(-1)?.at ?? null,
      location: b?.location ?? null,
      betweenSd: b?.betweenSd ?? null,
      withinSe: b?.withinSe ?? null,
      sem: b?.sem ?? null,
      mdc: b?.mdc ?? null,
      lower: b && limitMetric !== null ? b.location - limitMetric : null,
      upper: b && limitMetric !== null ? b.location + limitMetric : null,
    };
    // One literal, not a spread of the identity: 489 series a recompute.
    series.push({
      key: s.key, family: s.family, familyName: s.familyName, hand: s.hand, direction: s.direction, finger: s.finger, metric: s.metric, device: s.device,
      band: { id: s.band.id, centre: band.centre, low: band.low, high: band.high },
      unit: DRIFT_METRIC_INFO[s.metric].unit, baseline, points: snapshotPoints(s.points),
    });
    for (const a of s.alerts) alerts.push(alertOf(s, a, b, nowIso));
  }
  alerts.sort((x, y) => (x.detectedAt < y.detectedAt ? -1 : x.detectedAt > y.detectedAt ? 1 : y.strength - x.strength));
  return {
    series,
    alerts,
    fingerprints: [...state.fingerprints.values()].map((fp) => compareFingerprints(fp, state.options.baseline.kind === 'first' ? state.options.baseline.sessions : BASELINE_SESSIONS)).sort((x, y) => (x.exerciseId + x.hand < y.exerciseId + y.hand ? -1 : 1)),
    sessions: state.sessions,
    credibleSessions: state.credibleSessions,
    monitoredSeries: state.monitored,
  };
}

function alertOf(s: SeriesState, a: AlertState, b: BaselineStats | null, nowIso: string | undefined): DriftAlert {
  const points = s.points;
  const end = a.resolvedIndex ?? points.length - 1;
  const since = { at: pointTime(points, a.sinceIndex) as string, sessionId: pointField(points, a.sinceIndex, 'sessionId') as number };
  const detected = { at: pointTime(points, a.detectedIndex) as string, sessionId: pointField(points, a.detectedIndex, 'sessionId') as number };
  let recentSum = 0;
  let recentCount = 0;
  for (let i = Math.max(a.sinceIndex, end - 4); i <= end; i += 1) {
    recentSum += pointField(points, i, 'value') as number;
    recentCount += 1;
  }
  const location = b?.location ?? 0;
  const magnitude = recentSum / Math.max(1, recentCount) - location;
  const sessions = end - a.sinceIndex + 1;
  const mdc = b?.mdc ?? 0;
  const persistent = sessions >= PERSISTENT_SESSIONS && a.resolvedIndex === null;
  const resolved = a.resolvedIndex !== null;
  return {
    key: `${s.key}@${since.sessionId}`,
    seriesKey: s.key,
    status: resolved ? 'resolved' : 'active',
    hand: s.hand,
    finger: a.finger,
    direction: s.direction,
    metric: s.metric,
    exercise: s.family,
    exerciseName: s.familyName,
    notesPerSecond: s.band.centre,
    device: s.device,
    since: since.at,
    sinceSessionId: since.sessionId,
    detectedAt: detected.at,
    detectedSessionId: detected.sessionId,
    resolvedAt: resolved ? (pointTime(points, end) ?? null) : null,
    sessions,
    magnitude,
    mdc,
    unit: DRIFT_METRIC_INFO[s.metric].unit,
    strength: a.strength,
    persistent,
    message: alertMessage({
      hand: s.hand, finger: a.finger, metric: s.metric, direction: s.direction, exerciseName: s.familyName, notesPerSecond: s.band.centre,
      since: since.at, magnitude, mdc, sessions, persistent, resolved, ...(nowIso ? { now: nowIso } : {}),
    }),
    explains: [...a.explains].sort(),
  };
}
