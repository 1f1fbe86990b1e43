/**
 * The data of a progress report for one pianist over a date range: what the report template
 * (renderer/screens/teacher/report) shows on screen and prints to PDF. Pure: the caller reads the
 * sessions, analyses and annotations from the store (or the API) and passes them in.
 */
import type { AnalysisDocument } from '../api/analysis';
import { sessionFingers } from '../compare/fingers';
import type { Hand } from '../compare/fingers';
import { groupSessionTakes, likeForLikeTrends } from '../compare/like-for-like';
import { inTempoBand } from '../drift/tempo';

/** The note every report carries. */
export const MEASURES_NOT_DIAGNOSES =
  'Evenkeys measures the timing and loudness of each finger on a MIDI keyboard and follows a pianist against their own earlier playing. ' +
  'It measures; it never diagnoses. A change in these figures can have many causes (fatigue, a new piece, a different keyboard); ' +
  'anyone worried about their hands should see a clinician who knows musicians.';

export interface ReportSession {
  readonly id: number;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly analysis: AnalysisDocument | null;
}

export interface ReportAnnotation {
  readonly sessionStartedAt: string;
  readonly target: 'session' | 'take' | 'event';
  readonly takeIndex: number | null;
  readonly timeMs: number | null;
  readonly eventType: string | null;
  readonly authorName: string;
  readonly author: 'pianist' | 'teacher';
  readonly text: string;
  readonly createdAt: string;
}

/** A drift alert as issue 9's core/drift reports it (only the fields the report shows). */
export interface ReportAlert {
  readonly title: string;
  readonly detail: string;
  readonly at: string;
}

export interface FingerTrendPoint {
  readonly startedAt: string;
  readonly onsetSdMs: number;
  readonly velocityCvPct: number;
  readonly count: number;
}

export interface FingerTrend {
  readonly hand: Hand;
  readonly finger: number;
  readonly points: readonly FingerTrendPoint[];
}

/**
 * One exercise at one tempo band across the range (core/compare/like-for-like.ts): the takes of
 * each session pooled into one mean unevenness (ms), so sessions are compared like with like.
 */
export interface ExerciseTrend {
  readonly exerciseId: string;
  readonly exerciseName: string;
  /** 'right', 'left' or 'both'. */
  readonly hands: string;
  /** The band's centre, notes/s. */
  readonly notesPerSecond: number;
  /** One per session, oldest first. */
  readonly points: ReadonlyArray<{ readonly startedAt: string; readonly unevennessMs: number }>;
}

/** At most this many exercise lines in the report's unevenness chart: more would not be readable. */
export const MAX_EXERCISE_TRENDS = 4;

export interface ProgressReportData {
  readonly profileName: string;
  readonly range: { readonly from: string | null; readonly to: string | null };
  readonly generatedAt: string;
  readonly summary: {
    readonly sessions: number;
    /** Sum of session lengths, ms. */
    readonly practiceMs: number;
    readonly takes: number;
    readonly notes: number;
    readonly events: number;
    readonly firstSession: string | null;
    readonly lastSession: string | null;
  };
  /**
   * Unevenness per exercise and tempo band, for those measured in at least 2 sessions, the most
   * played first, at most MAX_EXERCISE_TRENDS (never one average over unlike takes).
   */
  readonly exerciseTrends: readonly ExerciseTrend[];
  /** Exercise-and-band lines measured in the range but not shown: in one session only, or beyond the first MAX_EXERCISE_TRENDS. */
  readonly exerciseTrendsLeftOut: number;
  /** The one exercise and tempo band the per-finger trends follow (the most played); null when none. */
  readonly fingerTrendsExercise?: { readonly exerciseId: string; readonly exerciseName: string; readonly notesPerSecond: number } | null;
  readonly fingerTrends: readonly FingerTrend[];
  readonly eventsByType: ReadonlyArray<{ readonly type: string; readonly count: number }>;
  /** null: this build has no drift alerts to show (see the template's slot). */
  readonly alerts: readonly ReportAlert[] | null;
  readonly annotations: readonly ReportAnnotation[];
  readonly note: string;
}

/**
 * @example buildProgressReport({ profileName: 'Ana', range: { from: null, to: null }, sessions, annotations: [], alerts: null, now: new Date() }).summary.sessions // => 12
 */
export function buildProgressReport(input: {
  profileName: string;
  range: { from: string | null; to: string | null };
  sessions: readonly ReportSession[];
  annotations: readonly ReportAnnotation[];
  alerts: readonly ReportAlert[] | null;
  now: Date;
}): ProgressReportData {
  const sessions = [...input.sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const withTakes = sessions.filter((s) => (s.analysis?.takes.length ?? 0) > 0);
  // Like with like: the session lists' grouping (exercise id, then the core/drift tempo band).
  // Takes without trustworthy timing (null) are left out; a line with none has no point.
  const lines = withTakes.map((s) => ({
    id: s.id,
    startedAt: s.startedAt,
    exercises: groupSessionTakes(
      (s.analysis?.takes ?? []).map((t, takeIndex) => ({
        sessionId: s.id,
        takeIndex,
        exerciseId: t.exercise.id,
        exerciseName: t.exercise.name,
        hands: t.exercise.hands,
        bpm: t.bpm,
        notesPerSecond: t.notesPerSecond,
        unevennessMs: t.unevennessMs,
      })),
    ),
  }));
  const allTrends = likeForLikeTrends(lines);
  const exerciseTrends = allTrends
    .filter((t) => t.points.length >= 2)
    .slice(0, MAX_EXERCISE_TRENDS)
    .map((t) => ({ ...t, points: t.points.map((p) => ({ startedAt: p.startedAt, unevennessMs: p.unevennessMs })) }));
  // Per-finger figures like with like too: the most played exercise and tempo band only, since a
  // finger's timing over a Mozart fragment and over a clean scale are not one measure.
  const followed = allTrends[0];
  const alike = (t: AnalysisDocument['takes'][number]) =>
    followed !== undefined && t.exercise.id === followed.exerciseId && t.notesPerSecond !== null && inTempoBand(followed.notesPerSecond, t.notesPerSecond);
  const trends = new Map<string, { hand: Hand; finger: number; points: FingerTrendPoint[] }>();
  for (const s of withTakes) {
    const takes = (s.analysis?.takes ?? []).filter(alike);
    if (takes.length === 0 || !s.analysis) continue;
    for (const f of sessionFingers([{ ...s.analysis, takes }])) {
      const key = `${f.hand}${f.finger}`;
      const trend = trends.get(key) ?? { hand: f.hand, finger: f.finger, points: [] };
      trend.points.push({ startedAt: s.startedAt, onsetSdMs: f.onsetSdMs, velocityCvPct: f.velocityCv * 100, count: f.count });
      trends.set(key, trend);
    }
  }
  const events = new Map<string, number>();
  for (const s of sessions) for (const t of s.analysis?.takes ?? []) for (const e of t.events) events.set(e.type, (events.get(e.type) ?? 0) + 1);
  const practiceMs = sessions.reduce((sum, s) => sum + (s.endedAt === null ? 0 : Math.max(0, Date.parse(s.endedAt) - Date.parse(s.startedAt))), 0);
  return {
    profileName: input.profileName,
    range: input.range,
    generatedAt: input.now.toISOString(),
    summary: {
      sessions: sessions.length,
      practiceMs,
      takes: sessions.reduce((n, s) => n + (s.analysis?.takes.length ?? 0), 0),
      notes: sessions.reduce((n, s) => n + (s.analysis?.source.notes ?? 0), 0),
      events: [...events.values()].reduce((a, b) => a + b, 0),
      firstSession: sessions[0]?.startedAt ?? null,
      lastSession: sessions.at(-1)?.startedAt ?? null,
    },
    exerciseTrends,
    exerciseTrendsLeftOut: allTrends.length - exerciseTrends.length,
    fingerTrendsExercise: followed === undefined ? null : { exerciseId: followed.exerciseId, exerciseName: followed.exerciseName, notesPerSecond: followed.notesPerSecond },
    fingerTrends: [...trends.values()].sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1)),
    eventsByType: [...events.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
    alerts: input.alerts,
    annotations: [...input.annotations].sort((a, b) => a.sessionStartedAt.localeCompare(b.sessionStartedAt) || a.createdAt.localeCompare(b.createdAt)),
    note: MEASURES_NOT_DIAGNOSES,
  };
}
