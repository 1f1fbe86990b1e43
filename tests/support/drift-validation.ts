/**
 * The drift validation, shared by the fixed-seed tests and scripts/validate-drift.ts: healthy
 * pianists for the in-control run length, onset pianists for the detection delay and attribution,
 * and one-off bad sessions for "a single bad day never alerts".
 */
import { computeDrift } from '../../core/drift/engine';
import { pointsOf } from '../../core/drift/points';
import type { DriftMetricId } from '../../core/drift/metrics';
import type { DriftAlert, DriftResult } from '../../core/drift/types';
import { randomOnset, simulatePianist } from './longitudinal';
import type { DriftKind, Onset } from './longitudinal';
import { createRandom } from './random';

export interface InControlFigures {
  readonly pianists: number;
  /** Sessions monitored (after each series' baseline) summed over pianists. */
  readonly monitoredSessions: number;
  readonly falseAlarms: number;
  /** Profile-level in-control ARL: monitored sessions per false alarm (all sessions if none). */
  readonly arl: number;
  readonly pianistsWithAlarm: number;
}

/**
 * Healthy pianists, 300 sessions each: every alert is a false alarm.
 *
 * @example inControl(20, 7).arl // => sessions per false alarm
 */
export function inControl(pianists: number, seed: number, sessions = 300, takesPerSession?: readonly [number, number]): InControlFigures {
  let monitored = 0;
  let alarms = 0;
  let withAlarm = 0;
  for (let p = 0; p < pianists; p += 1) {
    const sim = simulatePianist({ seed: seed * 1000 + p, sessions, onset: null, ...(takesPerSession ? { takesPerSession } : {}) });
    const result = computeDrift(sim.sessions);
    // A profile is monitored from its first monitored session on.
    const firstMonitored = Math.min(...result.series.map((s) => pointsOf(s.points).findIndex((pt) => pt.phase === 'monitor')).filter((i) => i >= 0));
    monitored += Number.isFinite(firstMonitored) ? sessions - firstMonitored : 0;
    const count = distinctAlarmSessions(result.alerts);
    alarms += count;
    if (count > 0) withAlarm += 1;
  }
  return { pianists, monitoredSessions: monitored, falseAlarms: alarms, arl: alarms > 0 ? monitored / alarms : monitored, pianistsWithAlarm: withAlarm };
}

/** Alerts raised in the same session count as one alarm of the profile. */
function distinctAlarmSessions(alerts: readonly DriftAlert[]): number {
  return new Set(alerts.map((a) => a.detectedSessionId)).size;
}

const TARGET_METRICS: Readonly<Record<DriftKind, readonly DriftMetricId[]>> = {
  bias: ['onset-mean'],
  jitter: ['onset-sd'],
  velocity: ['velocity-mean'],
  keyhold: ['legato-mean', 'duration-mean'],
};

export interface DetectionCase {
  readonly onset: Onset;
  /** Session index where the true drift first reaches one MDC of the most sensitive target series. */
  readonly reachIndex: number | null;
  readonly detectedIndex: number | null;
  readonly delay: number | null;
  readonly correctFinger: boolean;
  readonly falseAlarmsBefore: number;
  readonly alert: DriftAlert | null;
}

export interface DetectionFigures {
  readonly cases: readonly DetectionCase[];
  /** Cases whose drift reached one MDC within the simulated sessions. */
  readonly reached: number;
  readonly detected: number;
  readonly medianDelay: number;
  readonly within15: number;
  readonly correctAttribution: number;
}

/**
 * Onset pianists: one finger's bias, jitter, velocity or key-hold drifts from a random session.
 *
 * @example detection(20, 11).medianDelay // => sessions after the drift reached one MDC
 */
export function detection(pianists: number, seed: number, sessions = 300, takesPerSession?: readonly [number, number]): DetectionFigures {
  const cases: DetectionCase[] = [];
  for (let p = 0; p < pianists; p += 1) {
    const onset = randomOnset(createRandom(seed * 7919 + p), sessions);
    const sim = simulatePianist({ seed: seed * 1000 + p, sessions, onset, ...(takesPerSession ? { takesPerSession } : {}) });
    cases.push(detectionCase(computeDrift(sim.sessions), sim.shift, onset));
  }
  const reachedCases = cases.filter((c) => c.reachIndex !== null);
  const detected = reachedCases.filter((c) => c.delay !== null);
  const delays = detected.map((c) => c.delay as number).sort((a, b) => a - b);
  const medianDelay = delays.length > 0 ? (delays[(delays.length - 1) >> 1] as number + (delays[delays.length >> 1] as number)) / 2 : Number.NaN;
  return {
    cases,
    reached: reachedCases.length,
    detected: detected.length,
    medianDelay,
    within15: detected.filter((c) => (c.delay as number) <= 15).length,
    correctAttribution: detected.filter((c) => c.correctFinger).length,
  };
}

/**
 * One onset pianist's outcome. The delay counts sessions from the one where the drift reached one
 * MDC to the one whose analysis raised the first alert at or after the onset (0 when it came
 * earlier, i.e. the drift was caught before it reached one MDC).
 */
export function detectionCase(result: DriftResult, shift: readonly number[], onset: Onset): DetectionCase {
  const ids = [...new Set(result.series.flatMap((s) => pointsOf(s.points).map((p) => p.sessionId)))].sort((a, b) => a - b);
  const indexOf = (sessionId: number) => ids.indexOf(sessionId);
  const targets = result.series.filter((s) => s.hand === onset.hand && s.finger === onset.finger && TARGET_METRICS[onset.kind].includes(s.metric) && s.baseline.mdc !== null);
  const mdc = Math.min(...targets.map((s) => s.baseline.mdc as number));
  const reach = shift.findIndex((v) => Math.abs(v) >= mdc);
  const reachIndex = Number.isFinite(mdc) && reach >= 0 ? reach : null;
  const after = result.alerts.filter((a) => indexOf(a.detectedSessionId) >= onset.fromSession);
  const falseAlarmsBefore = new Set(result.alerts.filter((a) => indexOf(a.detectedSessionId) < onset.fromSession).map((a) => a.detectedSessionId)).size;
  const first = after[0];
  if (!first || reachIndex === null) return { onset, reachIndex, detectedIndex: first ? indexOf(first.detectedSessionId) : null, delay: null, correctFinger: false, falseAlarmsBefore, alert: first ?? null };
  const detectedIndex = indexOf(first.detectedSessionId);
  const atDetection = after.filter((a) => a.detectedSessionId === first.detectedSessionId && a.finger !== null).sort((a, b) => b.strength - a.strength);
  const top = atDetection[0] ?? null;
  return {
    onset, reachIndex, detectedIndex, delay: Math.max(0, detectedIndex - reachIndex),
    correctFinger: top !== null && top.hand === onset.hand && top.finger === onset.finger, falseAlarmsBefore, alert: top,
  };
}

export interface BadDayFigures {
  readonly pianists: number;
  /** Pianists for whom the bad session raised an alert the same history without it does not have. */
  readonly alertsCaused: number;
}

/**
 * One-off bad sessions (all fingers worse) in otherwise healthy histories: any alert within 10
 * sessions of the bad day that the same history without it does not raise counts against.
 */
export function badDays(pianists: number, seed: number, sessions = 120, badIndex = 60): BadDayFigures {
  let caused = 0;
  for (let p = 0; p < pianists; p += 1) {
    const base = { seed: seed * 1000 + p, sessions, onset: null, badDayRate: 0 } as const;
    const clean = computeDrift(simulatePianist(base).sessions);
    const bad = computeDrift(simulatePianist({ ...base, badDays: [badIndex] }).sessions);
    const cleanKeys = new Set(clean.alerts.map((a) => a.seriesKey));
    const window = (id: number) => id - 1 >= badIndex && id - 1 <= badIndex + 10;
    if (bad.alerts.some((a) => window(a.detectedSessionId) && !cleanKeys.has(a.seriesKey))) caused += 1;
  }
  return { pianists, alertsCaused: caused };
}
