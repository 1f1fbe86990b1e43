/**
 * Like with like (issue 9): a session's takes per exercise and tempo band, and the trend of each
 * exercise and band across sessions. One grouping for every place that compares sessions (the
 * session lists, the History screen, the teacher's progress report), so a Mozart fragment is never
 * averaged with ten clean scales. Takes are pooled within the tempo band defined once in
 * core/drift/tempo.ts.
 */
import { groupByTempoBand, inTempoBand } from '../drift/tempo';

/** One take as the grouping needs it. */
export interface TakeLine {
  readonly sessionId: number;
  readonly takeIndex: number;
  readonly exerciseId: string;
  readonly exerciseName: string;
  readonly hands: string;
  /** null when the take had no tempo (issue 11). */
  readonly bpm: number | null;
  readonly notesPerSecond: number | null;
  /** null when not measured. */
  readonly unevennessMs: number | null;
}

/** One exercise and tempo band of one session. */
export interface ExerciseLine {
  readonly exerciseId: string;
  readonly exerciseName: string;
  /** 'right', 'left' or 'both'. */
  readonly hands: string;
  /** Median tempo of the takes (notes/s, bpm); null when none had a tempo. */
  readonly notesPerSecond: number | null;
  readonly bpm: number | null;
  readonly takes: number;
  /** Mean unevenness of these takes (ms); null when none was measured. */
  readonly unevennessMs: number | null;
}

/**
 * Groups one session's takes by exercise id, then by tempo band with the rule repetitions and
 * drift use (core/drift/tempo.ts groupByTempoBand: a take joins the first band whose centre, the
 * median tempo of its takes so far, it is within +-TEMPO_BAND_HALF_WIDTH of, else it opens one). Takes without a tempo form their own
 * line. Lines keep the order of their first take. Per line: the median tempo (notes/s and bpm),
 * the number of takes and the mean unevenness of the measured ones (ms; null when none was).
 *
 * @example groupSessionTakes([
 *   { sessionId: 1, takeIndex: 0, exerciseId: 'a', exerciseName: 'A', hands: 'right', bpm: 120, notesPerSecond: 8, unevennessMs: 10 },
 *   { sessionId: 1, takeIndex: 1, exerciseId: 'a', exerciseName: 'A', hands: 'right', bpm: 121, notesPerSecond: 8.1, unevennessMs: 12 },
 * ]) // => [{ exerciseId: 'a', exerciseName: 'A', hands: 'right', notesPerSecond: 8.05, bpm: 120.5, takes: 2, unevennessMs: 11 }]
 */
export function groupSessionTakes(takes: readonly TakeLine[]): ExerciseLine[] {
  const ordered = [...takes].sort((a, b) => a.takeIndex - b.takeIndex);
  const byExercise = new Map<string, TakeLine[]>();
  for (const take of ordered) {
    const list = byExercise.get(take.exerciseId);
    if (list) list.push(take);
    else byExercise.set(take.exerciseId, [take]);
  }
  // The band rule is the one repetitions and drift use (groupByTempoBand); a take without a tempo
  // gets NaN, which that rule puts in a group of its own.
  const groups: { firstIndex: number; takes: TakeLine[] }[] = [];
  for (const list of byExercise.values()) {
    for (const band of groupByTempoBand(list.map((t) => t.notesPerSecond ?? Number.NaN))) {
      const members = band.members.map((i) => list[i] as TakeLine);
      groups.push({ firstIndex: ordered.indexOf(members[0] as TakeLine), takes: members });
    }
  }
  groups.sort((a, b) => a.firstIndex - b.firstIndex);
  return groups.map((g) => {
    const first = g.takes[0] as TakeLine;
    const measured = g.takes.flatMap((t) => (t.unevennessMs !== null && Number.isFinite(t.unevennessMs) ? [t.unevennessMs] : []));
    return {
      exerciseId: first.exerciseId,
      exerciseName: first.exerciseName,
      hands: first.hands,
      notesPerSecond: median(g.takes.flatMap((t) => (t.notesPerSecond !== null && t.notesPerSecond > 0 ? [t.notesPerSecond] : []))),
      bpm: median(g.takes.flatMap((t) => (t.bpm !== null && t.bpm > 0 ? [t.bpm] : []))),
      takes: g.takes.length,
      unevennessMs: measured.length === 0 ? null : measured.reduce((s, v) => s + v, 0) / measured.length,
    };
  });
}

export interface LikeForLikePoint {
  readonly sessionId: number;
  readonly startedAt: string;
  readonly unevennessMs: number;
}

export interface LikeForLikeTrend {
  readonly exerciseId: string;
  readonly exerciseName: string;
  readonly hands: string;
  /** The band's centre: its first session's tempo (notes/s). */
  readonly notesPerSecond: number;
  /** One per session, oldest first: that line's unevenness (ms), not the session's average. */
  readonly points: readonly LikeForLikePoint[];
}

/** A session as the trends need it (the session list's summary or a history point). */
export interface SessionWithLines {
  readonly id?: number;
  readonly sessionId?: number;
  readonly startedAt: string;
  readonly exercises?: readonly ExerciseLine[] | undefined;
}

/**
 * Every exercise and tempo band measured across sessions, with one unevenness per session, most
 * played first (ties: the most recently played first). A band's centre is the tempo of its first
 * session's line; a later line joins the first band of its exercise within +-7.5 % of that
 * centre (core/drift/tempo.ts). Lines without a tempo or a measured unevenness are left out.
 *
 * @example likeForLikeTrends(sessions).filter((t) => t.points.length >= 2).length // => 3
 */
export function likeForLikeTrends(sessions: readonly SessionWithLines[]): LikeForLikeTrend[] {
  const groups: { exerciseId: string; exerciseName: string; hands: string; centre: number; points: LikeForLikePoint[]; last: string }[] = [];
  const ordered = [...sessions].sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  for (const session of ordered) {
    for (const line of session.exercises ?? []) {
      if (line.notesPerSecond === null || line.unevennessMs === null || !Number.isFinite(line.unevennessMs)) continue;
      const tempo = line.notesPerSecond;
      let group = groups.find((g) => g.exerciseId === line.exerciseId && inTempoBand(g.centre, tempo));
      if (!group) {
        group = { exerciseId: line.exerciseId, exerciseName: line.exerciseName, hands: line.hands, centre: tempo, points: [], last: session.startedAt };
        groups.push(group);
      }
      const sessionId = session.id ?? session.sessionId ?? -1;
      // Two lines of one session in one band (possible when the session's own bands straddle it): keep the first.
      if (group.points.at(-1)?.sessionId === sessionId) continue;
      group.points.push({ sessionId, startedAt: session.startedAt, unevennessMs: line.unevennessMs });
      group.last = session.startedAt;
    }
  }
  return groups
    .map((g, order) => ({ g, order }))
    .sort((a, b) => b.g.points.length - a.g.points.length || (a.g.last < b.g.last ? 1 : a.g.last > b.g.last ? -1 : 0) || a.order - b.order)
    .map(({ g }) => ({ exerciseId: g.exerciseId, exerciseName: g.exerciseName, hands: g.hands, notesPerSecond: g.centre, points: g.points }));
}

/**
 * The exercise and tempo band played in the most sessions: the one trend a session list can
 * honestly draw. Null when no exercise was measured in at least two sessions.
 *
 * @example likeForLikeTrend(sessions)?.points.length // => 12
 */
export function likeForLikeTrend(sessions: readonly SessionWithLines[]): LikeForLikeTrend | null {
  const best = likeForLikeTrends(sessions)[0];
  return best === undefined || best.points.length < 2 ? null : best;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
