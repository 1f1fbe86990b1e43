/**
 * Reads what a report needs from the store: a profile's sessions in a date range with their
 * analyses and annotations, as the plain inputs of core/report.
 */
import type { ReportAlert, ReportAnnotation, ReportSession } from '../../core/report/progress';
import { buildProgressReport } from '../../core/report/progress';
import type { ProgressReportData } from '../../core/report/progress';
import type { ReportSessionInput } from '../../core/report/rows';
import type { Profile, Store } from '../store/index';

export interface ReportRange {
  readonly from: string | null;
  readonly to: string | null;
}

/** Sessions of a profile that started in [from, to), oldest first, not still recording. */
function sessionsInRange(store: Store, profileId: number, range: ReportRange) {
  return store
    .listSessions(profileId)
    .filter((s) => s.status !== 'recording' && (range.from === null || s.startedAt >= range.from) && (range.to === null || s.startedAt < range.to));
}

/**
 * @example collectReportSessions(store, ana, { from: null, to: null })[0].analysis?.takes.length
 */
export function collectReportSessions(store: Store, profile: Profile, range: ReportRange): ReportSessionInput[] {
  return sessionsInRange(store, profile.id, range).map((s) => ({
    profile: profile.name,
    sessionUid: store.getSession(s.id).uid,
    sessionId: s.id,
    startedAt: s.startedAt,
    analysis: store.getAnalysis(s.id) ?? null,
  }));
}

/**
 * A drift alert's title on the teacher's card and in the report: the exercise, then the finger as
 * its code ('R4') or, for a hand-level alert (metric ioi-sd, finger null: no one finger stands
 * out), the hand in words; resolved alerts say they are back within limits.
 *
 * @example alertTitle({ exerciseName: 'C major scale, right hand', hand: 'right', finger: 4, status: 'active' }) // => 'C major scale, right hand: R4'
 * @example alertTitle({ exerciseName: 'C major scale, right hand', hand: 'right', finger: null, status: 'active' }) // => 'C major scale, right hand: Right hand'
 */
export function alertTitle(alert: { readonly exerciseName: string; readonly hand: 'left' | 'right'; readonly finger: number | null; readonly status: string }): string {
  const who = alert.finger === null ? (alert.hand === 'left' ? 'Left hand' : 'Right hand') : `${alert.hand === 'left' ? 'L' : 'R'}${alert.finger}`;
  return `${alert.exerciseName}: ${who}${alert.status === 'resolved' ? ' (back within limits)' : ''}`;
}

/**
 * The pianist's drift alerts (issue 9) in the report's plain shape: active ones, and resolved ones
 * detected in the range. null when the drift cannot be computed (the report then says so).
 *
 * @example driftAlertsForReport(store, 1, { from: null, to: null })?.[0]?.title // => 'C major scale, right hand: R4'
 */
export function driftAlertsForReport(store: Store, profileId: number, range: ReportRange): ReportAlert[] | null {
  try {
    return store
      .drift(profileId)
      .alerts.filter((a) => a.status === 'active' || ((range.from === null || a.detectedAt >= range.from) && (range.to === null || a.detectedAt <= range.to)))
      .map((a) => ({
        title: alertTitle(a),
        detail: a.message,
        at: a.detectedAt,
      }));
  } catch {
    return null;
  }
}

/**
 * The progress report's data. `alerts` comes from core/drift when this build has it (null: the
 * report says drift alerts are not available).
 *
 * @example collectProgressReport(store, ana, { from: '2026-01-01T00:00:00.000Z', to: null }).summary.sessions
 */
export function collectProgressReport(store: Store, profile: Profile, range: ReportRange, options: { alerts?: readonly ReportAlert[] | null; now?: Date } = {}): ProgressReportData {
  const listed = sessionsInRange(store, profile.id, range);
  const sessions: ReportSession[] = listed.map((s) => ({ id: s.id, startedAt: s.startedAt, endedAt: s.endedAt, analysis: store.getAnalysis(s.id) ?? null }));
  const annotations: ReportAnnotation[] = listed.flatMap((s) =>
    store.listAnnotations(s.id).map((a) => ({
      sessionStartedAt: s.startedAt,
      target: a.target,
      takeIndex: a.takeIndex,
      timeMs: a.timeMs,
      eventType: a.eventType,
      authorName: a.authorName,
      author: a.author,
      text: a.text,
      createdAt: a.createdAt,
    })),
  );
  return buildProgressReport({ profileName: profile.name, range, sessions, annotations, alerts: options.alerts === undefined ? driftAlertsForReport(store, profile.id, range) : options.alerts, now: options.now ?? new Date() });
}
