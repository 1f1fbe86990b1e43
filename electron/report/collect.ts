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
  return buildProgressReport({ profileName: profile.name, range, sessions, annotations, alerts: options.alerts ?? null, now: options.now ?? new Date() });
}
