/**
 * The drift engine: a fold over a profile's sessions in time order. `addSession` updates the
 * state incrementally after each session; `computeDrift` folds all of them. Because every
 * decision depends only on the sessions before and at that point, adding sessions one at a time
 * gives exactly the result of a full recompute (tests/core/drift/engine.test.ts checks this).
 */
import type { Direction, Finger, Hand } from '../exercises/types';
import { isCredibleTake } from './credible';
import { BASELINE_SESSIONS, COMMON_MODE_SHARE, CUSUM_K, EWMA_LAMBDA, MIN_RANGE_BASELINE_SESSIONS, PERSISTENCE, PERSISTENT_SESSIONS, Z_CLIP, controlLimit } from './detect';
import { familyName, familyOf } from './family';
import { compareFingerprints, fingerprintKey } from './fingerprint';
import type { FingerprintState } from './fingerprint';
import { alertMessage } from './message';
import { DRIFT_METRICS, DRIFT_METRIC_INFO, forEachObservation } from './metrics';
import type { DriftMetricId } from './metrics';
import { median, normalQuantile, winsorizedSd } from './robust';
import { inTempoBand, tempoBand } from './tempo';
import type { Baseline, BaselineReset, BaselineRule, DriftAlert, DriftOptions, DriftResult, DriftSeries, DriftSession, SeriesId, SeriesPoint } from './types';

/** Sessions were added out of time order: recompute from the full list instead. */
export class DriftOrderError extends Error {
  override readonly name = 'DriftOrderError';
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface BandState {
  readonly id: string;
  centre: number;
  readonly tempos: number[];
  readonly sessions: Set<number>;
  frozen: boolean;
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
}

/** A series' identity (SeriesId) with its tempo band as it grows, and its running state. */
interface SeriesState extends Omit<SeriesId, 'band'> {
  readonly band: BandState;
  readonly points: Mutable<SeriesPoint>[];
  baselinePoints: { value: number; se: number | null; n: number; events: number; at: string }[];
  baseline: BaselineStats | null;
  resetAt: string | null;
  /** The baseline's own between-session variance before pooling (null before a baseline). */
  rawBetweenVar: number | null;
  ewma: number;
  side: 0 | 1 | -1;
  consecutiveOut: number;
  consecutiveIn: number;
  cusumUp: number;
  cusumDown: number;
  upStart: number;
  downStart: number;
  firstMonitorIndex: number;
  active: AlertState | null;
  readonly alerts: AlertState[];
  /** The limit (z units) at the latest monitored point. */
  limit: number | null;
}

/** Everything the engine remembers between sessions. */
export interface DriftState {
  readonly options: Required<Pick<DriftOptions, 'resets'>> & { readonly baseline: BaselineRule };
  readonly series: Map<string, SeriesState>;
  readonly bands: Map<string, BandState[]>;
  readonly fingerprints: Map<string, FingerprintState>;
  readonly pools: Map<string, PoolGroup>;
  sessions: number;
  credibleSessions: number;
  monitored: number;
  last: { at: string; id: number } | null;
}

/**
 * A fresh state. Baseline rule defaults to the first BASELINE_SESSIONS qualifying sessions.
 *
 * @example const state = createDriftState(); sessions.forEach((s) => addSession(state, s)); driftResult(state)
 */
export function createDriftState(options: DriftOptions = {}): DriftState {
  const baseline = options.baseline ?? { kind: 'first', sessions: BASELINE_SESSIONS };
  if (baseline.kind === 'first' && !(Number.isInteger(baseline.sessions) && baseline.sessions >= 3 && baseline.sessions <= BASELINE_SESSIONS)) {
    throw new RangeError(`a baseline needs 3 to ${BASELINE_SESSIONS} sessions, got ${baseline.sessions}`);
  }
  if (baseline.kind === 'range' && !(baseline.from <= baseline.to)) throw new RangeError(`baseline range ends (${baseline.to}) before it starts (${baseline.from})`);
  return { options: { baseline, resets: [...(options.resets ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) }, series: new Map(), bands: new Map(), fingerprints: new Map(), pools: new Map(), sessions: 0, credibleSessions: 0, monitored: 0, last: null };
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

const MEAN_METRICS = new Set<DriftMetricId>(['onset-mean', 'velocity-mean', 'duration-mean', 'legato-mean']);
const SD_METRICS = new Set<DriftMetricId>(['onset-sd', 'ioi-sd']);

interface PoolGroup {
  readonly pools: Map<number, Pool>;
  readonly exercises: Set<string>;
  exerciseList: readonly string[];
  stamp: number;
}

interface Pool {
  readonly hand: Hand;
  readonly direction: Direction | 'all';
  readonly finger: Finger | null;
  readonly metric: DriftMetricId;
  readonly band: BandState;
  readonly family: string;
  readonly familyName: string;
  readonly group: PoolGroup;
  series: SeriesState | null;
  /** The session (state.sessions) the accumulators below belong to. */
  stamp: number;
  n: number;
  sumNV: number;
  sumVar: number;
  sumDf: number;
  spreadKnown: boolean;
  events: number;
  takes: number;
  tempoSum: number;
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
  const device = session.device ?? 'unknown keyboard';
  // Pools per (family|device|band), then per numeric observation code: no string per observation.
  // Accumulators live in the state, one per (family|device|band group, observation code), with a
  // direct link to their series: a session builds no key strings and no per-series objects.
  const stamp = state.sessions;
  const touchedPools: Pool[] = [];
  const touchedGroups: PoolGroup[] = [];
  const credibleExercises = new Set<string>();
  for (const take of session.takes) {
    if (!isCredibleTake(take).credible) continue;
    credibleExercises.add(take.exercise.id);
    const family = familyOf(take.exercise);
    const band = bandFor(state, `${family}|${device}`, take.notesPerSecond, session.id);
    const groupKey = `${family}|${device}|${band.id}`;
    let group = state.pools.get(groupKey);
    if (!group) {
      group = { pools: new Map(), exercises: new Set(), exerciseList: [], stamp: -1 };
      state.pools.set(groupKey, group);
    }
    if (group.stamp !== stamp) {
      group.stamp = stamp;
      group.exercises.clear();
      touchedGroups.push(group);
    }
    group.exercises.add(take.exercise.id);
    const into = group.pools;
    const owner = group;
    const name = familyName(take.exercise);
    const tempo = take.notesPerSecond;
    forEachObservation(take, (hand, direction, finger, metric, value, spread, n, events) => {
      const code = observationCode(hand, direction, finger, metric);
      let pool = into.get(code);
      if (!pool) {
        pool = { hand, direction, finger, metric, band, family, familyName: name, group: owner, series: null, stamp: -1, n: 0, sumNV: 0, sumVar: 0, sumDf: 0, spreadKnown: true, events: 0, takes: 0, tempoSum: 0 };
        into.set(code, pool);
      }
      if (pool.stamp !== stamp) {
        pool.stamp = stamp;
        pool.n = 0;
        pool.sumNV = 0;
        pool.sumVar = 0;
        pool.sumDf = 0;
        pool.spreadKnown = true;
        pool.events = 0;
        pool.takes = 0;
        pool.tempoSum = 0;
        touchedPools.push(pool);
      }
      pool.n += n;
      pool.sumNV += n * value;
      pool.takes += 1;
      pool.tempoSum += tempo;
      pool.events += events;
      const df = n > 1 ? n - 1 : 1;
      if (metric === 'onset-sd' || metric === 'ioi-sd') {
        pool.sumVar += df * value * value;
        pool.sumDf += df;
      } else if (spread === null) pool.spreadKnown = false;
      else {
        pool.sumVar += df * spread * spread;
        pool.sumDf += df;
      }
    });
  }
  if (credibleExercises.size > 0) state.credibleSessions += 1;
  for (const group of touchedGroups) group.exerciseList = [...group.exercises].sort();

  const touched: SeriesState[] = [];
  const pending: SeriesState[] = [];
  for (const pool of touchedPools) {
    let series = pool.series;
    if (!series) {
      const key = `${pool.family}|${pool.hand}|${pool.direction}|${pool.finger ?? '-'}|${pool.metric}|${device}|${pool.band.id}`;
      series = seriesFor(state, key, pool, device);
      pool.series = series;
    }
    placePoint(state, series, pooledPoint(pool, session, pool.group.exerciseList), pending);
    touched.push(series);
  }
  completeBaselines(state, pending);
  monitor(state, touched);

  for (const repetition of session.repetitions ?? []) {
    if (!credibleExercises.has(repetition.exerciseId)) continue;
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

function bandFor(state: DriftState, groupKey: string, tempo: number, sessionId: number): BandState {
  let bands = state.bands.get(groupKey);
  if (!bands) {
    bands = [];
    state.bands.set(groupKey, bands);
  }
  let band = bands.find((b) => inTempoBand(b.centre, tempo));
  if (!band) {
    band = { id: `t${bands.length + 1}`, centre: tempo, tempos: [], sessions: new Set(), frozen: false };
    bands.push(band);
  }
  if (!band.frozen) {
    band.tempos.push(tempo);
    band.centre = median(band.tempos);
  }
  band.sessions.add(sessionId);
  if (band.sessions.size >= BASELINE_SESSIONS) band.frozen = true;
  return band;
}

function seriesFor(state: DriftState, key: string, pool: Pool, device: string): SeriesState {
  const existing = state.series.get(key);
  if (existing) return existing;
  const created: SeriesState = {
    key, family: pool.family, familyName: pool.familyName, hand: pool.hand, direction: pool.direction, finger: pool.finger,
    metric: pool.metric, device, band: pool.band, points: [], baselinePoints: [], baseline: null, resetAt: null, rawBetweenVar: null,
    ewma: 0, side: 0, consecutiveOut: 0, consecutiveIn: 0, cusumUp: 0, cusumDown: 0, upStart: 0, downStart: 0, firstMonitorIndex: -1,
    active: null, alerts: [], limit: null,
  };
  state.series.set(key, created);
  return created;
}

const METRIC_INDEX = new Map<DriftMetricId, number>(DRIFT_METRICS.map((metric, i) => [metric, i]));
const DIRECTION_INDEX = { up: 0, down: 1, all: 2 } as const;

function observationCode(hand: Hand, direction: Direction | 'all', finger: Finger | null, metric: DriftMetricId): number {
  return (((hand === 'right' ? 0 : 1) * 3 + DIRECTION_INDEX[direction]) * 6 + (finger ?? 0)) * 16 + (METRIC_INDEX.get(metric) ?? 15);
}

interface RawPoint {
  readonly sessionId: number;
  readonly at: string;
  readonly value: number;
  readonly se: number | null;
  readonly n: number;
  readonly events: number;
  readonly takes: number;
  readonly notesPerSecond: number;
  readonly exercises: readonly string[];
}

function pooledPoint(pool: Pool, session: DriftSession, exercises: readonly string[]): RawPoint {
  const metric = pool.metric;
  const takes = pool.takes;
  let value: number;
  let se: number | null = null;
  if (SD_METRICS.has(metric)) {
    value = Math.sqrt(pool.sumVar / pool.sumDf);
    se = value / Math.sqrt(2 * pool.sumDf);
  } else if (metric === 'velocity-cv') {
    value = pool.sumNV / pool.n;
    se = value * Math.sqrt((0.5 + value ** 2) / pool.n);
  } else if (MEAN_METRICS.has(metric)) {
    value = pool.sumNV / pool.n;
    if (pool.spreadKnown && pool.sumDf > 0) se = Math.sqrt(pool.sumVar / pool.sumDf / pool.n);
    // Otherwise (one-note means) the SE stays unknown: a scatter of 2-4 takes is too rough a
    // yardstick, and the baseline's session-to-session SD then carries all the noise.
  } else {
    value = (100 * pool.events) / pool.n;
  }
  return {
    sessionId: session.id, at: session.startedAt, value, se, n: pool.n, events: pool.events, takes,
    notesPerSecond: pool.tempoSum / takes, exercises,
  };
}

function placePoint(state: DriftState, series: SeriesState, raw: RawPoint, pending: SeriesState[]): void {
  const reset = latestReset(state, series.key, raw.at);
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
  let phase: SeriesPoint['phase'];
  if (series.baseline) phase = 'monitor';
  else if (rule.kind === 'first') {
    phase = 'baseline';
    series.baselinePoints.push({ value: raw.value, se: raw.se, n: raw.n, events: raw.events, at: raw.at });
    if (series.baselinePoints.length >= rule.sessions) pending.push(series);
  } else if (raw.at < rule.from) phase = 'before';
  else if (raw.at <= rule.to) {
    phase = 'baseline';
    series.baselinePoints.push({ value: raw.value, se: raw.se, n: raw.n, events: raw.events, at: raw.at });
  } else {
    const completes = series.baselinePoints.length >= MIN_RANGE_BASELINE_SESSIONS;
    if (completes) pending.push(series);
    phase = completes ? 'monitor' : 'before';
  }
  series.points.push({
    sessionId: raw.sessionId, at: raw.at, value: raw.value, se: raw.se, n: raw.n, takes: raw.takes, notesPerSecond: raw.notesPerSecond,
    exercises: raw.exercises, phase, z: null, ewma: null, ewmaValue: null, outOfControl: false,
  });
  if (phase === 'monitor' && series.firstMonitorIndex < 0) {
    series.firstMonitorIndex = series.points.length - 1;
    series.upStart = series.firstMonitorIndex;
    series.downStart = series.firstMonitorIndex;
  }
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
  series.ewma = 0;
  series.side = 0;
  series.consecutiveOut = 0;
  series.consecutiveIn = 0;
  series.cusumUp = 0;
  series.cusumDown = 0;
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
  const raw = new Map<SeriesState, Omit<BaselineStats, 'betweenSd' | 'sem' | 'mdc'>>();
  for (const series of pending) {
    const points = series.baselinePoints;
    const values = points.map((p) => p.value);
    const total = winsorizedSd(values);
    const meanN = points.reduce((s, p) => s + p.n, 0) / points.length;
    let p0 = 0;
    let withinVar: number;
    if (DRIFT_METRIC_INFO[series.metric].event !== undefined) {
      const notes = points.reduce((s, p) => s + p.n, 0);
      p0 = Math.max(points.reduce((s, p) => s + p.events, 0), 0.5) / notes;
      withinVar = points.reduce((s, p) => s + (1e4 * p0) / p.n, 0) / points.length;
    } else {
      const ses = points.flatMap((p) => (p.se === null ? [] : [p.se]));
      withinVar = ses.length > 0 ? ses.reduce((s, v) => s + v * v, 0) / ses.length : 0;
    }
    series.rawBetweenVar = Math.max(0, total ** 2 - withinVar);
    raw.set(series, {
      sessions: points.length, from: points[0]?.at ?? '', to: points.at(-1)?.at ?? '', location: median(values),
      withinSe: Math.sqrt(withinVar), meanN, p0,
    });
  }
  for (const series of pending) {
    const stats = raw.get(series);
    if (!stats) continue;
    let sum = 0;
    let count = 0;
    for (const other of state.series.values()) {
      if (other.rawBetweenVar === null || other.metric !== series.metric || other.hand !== series.hand || other.direction !== series.direction) continue;
      if (other.family !== series.family || other.device !== series.device || other.band !== series.band) continue;
      sum += other.rawBetweenVar;
      count += 1;
    }
    const betweenVar = Math.max(series.rawBetweenVar ?? 0, count > 0 ? sum / count : 0);
    const sem = Math.sqrt(betweenVar + stats.withinSe ** 2);
    series.baseline = { ...stats, betweenSd: Math.sqrt(betweenVar), sem, mdc: 1.96 * Math.SQRT2 * sem };
    state.monitored += 1;
  }
}

interface Alarm {
  readonly series: SeriesState;
  readonly index: number;
  readonly shift: number;
}

function monitor(state: DriftState, touched: readonly SeriesState[]): void {
  const alarms: Alarm[] = [];
  const limits = new Map<number, number>();
  for (const series of touched) {
    const baseline = series.baseline;
    const index = series.points.length - 1;
    const point = series.points[index];
    if (!baseline || !point || point.phase !== 'monitor') continue;
    const seNow = baseline.p0 > 0 ? 100 * Math.sqrt(baseline.p0 / point.n) : point.se ?? baseline.withinSe;
    const sigma = Math.sqrt(baseline.betweenSd ** 2 + seNow ** 2);
    const z = sigma > 0 ? Math.max(-Z_CLIP, Math.min(Z_CLIP, (point.value - baseline.location) / sigma)) : 0;
    series.ewma = EWMA_LAMBDA * z + (1 - EWMA_LAMBDA) * series.ewma;
    let limit = limits.get(baseline.sessions);
    if (limit === undefined) {
      limit = controlLimit(state.monitored, baseline.sessions, normalQuantile);
      limits.set(baseline.sessions, limit);
    }
    series.limit = limit;
    const out = Math.abs(series.ewma) > limit;
    const side: 1 | -1 = series.ewma >= 0 ? 1 : -1;
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
    series.cusumUp = Math.max(0, series.cusumUp + z - CUSUM_K);
    series.cusumDown = Math.max(0, series.cusumDown - z - CUSUM_K);
    if (series.cusumUp === 0) series.upStart = index + 1;
    if (series.cusumDown === 0) series.downStart = index + 1;
    // Only the newest point is ever written, at its own session: results handed out earlier never change.
    point.z = z;
    point.ewma = series.ewma;
    point.ewmaValue = baseline.location + series.ewma * baseline.sem;
    point.outOfControl = out;
    if (series.active) {
      series.active.strength = Math.abs(series.ewma) / limit;
      if (series.consecutiveIn >= PERSISTENCE) {
        series.active.resolvedIndex = index;
        series.active = null;
      }
    } else if (series.consecutiveOut >= PERSISTENCE) alarms.push({ series, index, shift: series.ewma * baseline.sem });
  }
  const explained = attribute(state, alarms);
  const common = commonModes(touched);
  for (const alarm of alarms) {
    if (explained.has(alarm.series)) continue;
    if (alarm.series.metric === 'duration-mean' && !legatoAgrees(state, alarm.series)) continue;
    if (common.has(`${alarm.series.metric}|${alarm.series.side}`)) continue;
    const series = alarm.series;
    const start = series.side > 0 ? series.upStart : series.downStart;
    const alert: AlertState = {
      sinceIndex: Math.min(alarm.index, Math.max(series.firstMonitorIndex, start)),
      detectedIndex: alarm.index,
      resolvedIndex: null,
      side: series.side > 0 ? 1 : -1,
      strength: Math.abs(series.ewma) / (series.limit ?? 1),
      explains: new Set(),
    };
    series.active = alert;
    series.alerts.push(alert);
  }
  for (const [dragged, driver] of explained) {
    if (dragged.finger !== null) driver.active?.explains.add(dragged.finger);
  }
}

/**
 * A note's key-down duration is the interval to the hand's next onset plus its legato overlap, so
 * when the NEXT finger comes late, this finger's duration grows although nothing changed in it.
 * A duration alarm therefore raises an alert only when the same finger's legato overlap (which
 * does not depend on the next onset's timing) is beyond its limit on the same side too; otherwise
 * the onset series of the next finger is where the change shows.
 */
function legatoAgrees(state: DriftState, duration: SeriesState): boolean {
  const key = duration.key.replace('|duration-mean|', '|legato-mean|');
  const legato = state.series.get(key);
  const point = legato?.points.at(-1);
  return point !== undefined && point.outOfControl && Math.sign(point.ewma ?? 0) === duration.side;
}

/**
 * Focal changes are what drift looks for. When at least COMMON_MODE_SHARE of a metric's monitored
 * series (over both hands and all fingers) are beyond their limits on the same side in one
 * session, the change is common to the whole playing (a tiring week, a new room, an undeclared
 * keyboard change), not one finger's: those alarms raise no alert. Returns "metric|side" keys.
 */
function commonModes(touched: readonly SeriesState[]): Set<string> {
  const totals = new Map<DriftMetricId, number>();
  const outs = new Map<string, number>();
  for (const series of touched) {
    const point = series.points.at(-1);
    if (!point || point.phase !== 'monitor' || series.finger === null) continue;
    totals.set(series.metric, (totals.get(series.metric) ?? 0) + 1);
    if (point.outOfControl) {
      const key = `${series.metric}|${(point.ewma ?? 0) >= 0 ? 1 : -1}`;
      outs.set(key, (outs.get(key) ?? 0) + 1);
    }
  }
  const common = new Set<string>();
  for (const [key, count] of outs) {
    const total = totals.get(key.split('|')[0] as DriftMetricId) ?? 0;
    if (count >= 3 && count >= COMMON_MODE_SHARE * total) common.add(key);
  }
  return common;
}

/**
 * Per-finger mean onset deviations are relative to each run's fitted line, so when finger k moves
 * by d, the line absorbs its share w_k of the notes: k's mean moves by d(1 - w_k) and every other
 * finger's by -w_k d. Among the alarming onset-mean series of one hand, direction and exercise,
 * the driver is the finger whose shift implies the largest d; another finger's alarm is explained
 * (and raises no alert of its own) when its shift is within its limit of the -w_k d the driver
 * predicts. Returns dragged series -> driver.
 */
function attribute(state: DriftState, alarms: readonly Alarm[]): Map<SeriesState, SeriesState> {
  const explained = new Map<SeriesState, SeriesState>();
  const groups = new Map<string, Alarm[]>();
  for (const alarm of alarms) {
    if (alarm.series.metric !== 'onset-mean') continue;
    const s = alarm.series;
    const group = `${s.family}|${s.hand}|${s.direction}|${s.device}|${s.band.id}`;
    groups.set(group, [...(groups.get(group) ?? []), alarm]);
  }
  // Active alerts count as drivers too (a drift already reported keeps dragging its neighbours).
  for (const series of state.series.values()) {
    if (series.metric !== 'onset-mean' || !series.active || !series.baseline) continue;
    const group = `${series.family}|${series.hand}|${series.direction}|${series.device}|${series.band.id}`;
    const list = groups.get(group);
    if (list) list.push({ series, index: series.points.length - 1, shift: series.ewma * series.baseline.sem });
  }
  for (const [group, list] of groups) {
    if (list.length < 2) continue;
    const siblings = [...state.series.values()].filter((s) => s.metric === 'onset-mean' && s.baseline && `${s.family}|${s.hand}|${s.direction}|${s.device}|${s.band.id}` === group);
    const totalN = siblings.reduce((sum, s) => sum + (s.baseline?.meanN ?? 0), 0);
    const share = (s: SeriesState) => (totalN > 0 ? (s.baseline?.meanN ?? 0) / totalN : 0);
    let driver = list[0] as Alarm;
    for (const alarm of list) {
      if (Math.abs(alarm.shift) / (1 - share(alarm.series)) > Math.abs(driver.shift) / (1 - share(driver.series))) driver = alarm;
    }
    const d = driver.shift / (1 - share(driver.series));
    for (const alarm of list) {
      if (alarm === driver || alarm.series.active) continue;
      const predicted = -share(driver.series) * d;
      const limitMs = (alarm.series.limit ?? 0) * (alarm.series.baseline?.sem ?? 0);
      if (Math.abs(alarm.shift - predicted) <= limitMs) explained.set(alarm.series, driver.series);
    }
  }
  return explained;
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
    const limitMetric = b && s.limit !== null ? s.limit * b.sem : null;
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
    const id = {
      key: s.key, family: s.family, familyName: s.familyName, hand: s.hand, direction: s.direction, finger: s.finger, metric: s.metric, device: s.device,
      band: { id: s.band.id, centre: band.centre, low: band.low, high: band.high },
    };
    series.push({ ...id, unit: DRIFT_METRIC_INFO[s.metric].unit, baseline, points: s.points.slice() });
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
  const end = a.resolvedIndex ?? s.points.length - 1;
  const since = s.points[a.sinceIndex] as SeriesPoint;
  const detected = s.points[a.detectedIndex] as SeriesPoint;
  const recent = s.points.slice(Math.max(a.sinceIndex, end - 4), end + 1);
  const location = b?.location ?? 0;
  const magnitude = recent.reduce((sum, p) => sum + p.value, 0) / Math.max(1, recent.length) - location;
  const sessions = end - a.sinceIndex + 1;
  const mdc = b?.mdc ?? 0;
  const persistent = sessions >= PERSISTENT_SESSIONS && a.resolvedIndex === null;
  const resolved = a.resolvedIndex !== null;
  return {
    key: `${s.key}@${since.sessionId}`,
    seriesKey: s.key,
    status: resolved ? 'resolved' : 'active',
    hand: s.hand,
    finger: s.finger,
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
    resolvedAt: resolved ? (s.points[end]?.at ?? null) : null,
    sessions,
    magnitude,
    mdc,
    unit: DRIFT_METRIC_INFO[s.metric].unit,
    strength: a.strength,
    persistent,
    message: alertMessage({
      hand: s.hand, finger: s.finger, metric: s.metric, direction: s.direction, exerciseName: s.familyName, notesPerSecond: s.band.centre,
      since: since.at, magnitude, mdc, sessions, persistent, resolved, ...(nowIso ? { now: nowIso } : {}),
    }),
    explains: [...a.explains].sort(),
  };
}
