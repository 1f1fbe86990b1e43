/**
 * A session's takes grouped like with like: one line per exercise and tempo band, so a session
 * list never averages a Mozart fragment with ten clean scales (issue 9). Takes are pooled within
 * the tempo band defined once in core/drift/tempo.ts.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { inTempoBand } from '../../core/drift/tempo';
import type { SessionExerciseSummary } from './types';

/** One stored take as the grouping needs it. */
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

/**
 * Groups one session's takes by exercise id, then by tempo band: the first take of an exercise
 * opens a band at its tempo, later takes join the first band whose centre they are within
 * +-TEMPO_BAND_HALF_WIDTH of, otherwise they open another. Takes without a tempo form their own
 * line. Lines keep the order of their first take. Per line: the median tempo (notes/s and bpm),
 * the number of takes and the mean unevenness of the measured ones (ms; null when none was).
 *
 * @example groupSessionTakes([
 *   { sessionId: 1, takeIndex: 0, exerciseId: 'a', exerciseName: 'A', hands: 'right', bpm: 120, notesPerSecond: 8, unevennessMs: 10 },
 *   { sessionId: 1, takeIndex: 1, exerciseId: 'a', exerciseName: 'A', hands: 'right', bpm: 121, notesPerSecond: 8.1, unevennessMs: 12 },
 * ]) // => [{ exerciseId: 'a', exerciseName: 'A', hands: 'right', notesPerSecond: 8.05, bpm: 120.5, takes: 2, unevennessMs: 11 }]
 */
export function groupSessionTakes(takes: readonly TakeLine[]): SessionExerciseSummary[] {
  const groups: { exerciseId: string; centre: number | null; takes: TakeLine[] }[] = [];
  for (const take of [...takes].sort((a, b) => a.takeIndex - b.takeIndex)) {
    const tempo = take.notesPerSecond !== null && take.notesPerSecond > 0 && Number.isFinite(take.notesPerSecond) ? take.notesPerSecond : null;
    const group = groups.find((g) => g.exerciseId === take.exerciseId && (g.centre === null ? tempo === null : tempo !== null && inTempoBand(g.centre, tempo)));
    if (group) group.takes.push(take);
    else groups.push({ exerciseId: take.exerciseId, centre: tempo, takes: [take] });
  }
  return groups.map((g) => {
    const first = g.takes[0] as TakeLine;
    const measured = g.takes.flatMap((t) => (t.unevennessMs !== null && Number.isFinite(t.unevennessMs) ? [t.unevennessMs] : []));
    return {
      exerciseId: g.exerciseId,
      exerciseName: first.exerciseName,
      hands: first.hands,
      notesPerSecond: median(g.takes.flatMap((t) => (t.notesPerSecond !== null && t.notesPerSecond > 0 ? [t.notesPerSecond] : []))),
      bpm: median(g.takes.flatMap((t) => (t.bpm !== null && t.bpm > 0 ? [t.bpm] : []))),
      takes: g.takes.length,
      unevennessMs: measured.length === 0 ? null : measured.reduce((s, v) => s + v, 0) / measured.length,
    };
  });
}

/**
 * The per-exercise lines of every session of a profile, by session id (sessions without takes
 * are absent).
 *
 * @example sessionExercisesOf(db, 1).get(7) // => [{ exerciseId: 'clinical-scale-rh', takes: 3, unevennessMs: 9.8, ... }]
 */
export function sessionExercisesOf(db: BetterSqlite3.Database, profileId: number): Map<number, SessionExerciseSummary[]> {
  const rows = db
    .prepare(
      `SELECT t.session_id AS sessionId, t.take_index AS takeIndex, t.exercise_id AS exerciseId, t.exercise_name AS exerciseName,
              t.hands, t.bpm, t.notes_per_second AS notesPerSecond, t.unevenness_ms AS unevennessMs
         FROM takes t JOIN sessions s ON s.id = t.session_id
        WHERE s.profile_id = ? ORDER BY t.session_id, t.take_index`,
    )
    .all(profileId) as TakeLine[];
  const bySession = new Map<number, TakeLine[]>();
  for (const row of rows) {
    const list = bySession.get(row.sessionId) ?? [];
    list.push(row);
    bySession.set(row.sessionId, list);
  }
  return new Map([...bySession].map(([id, list]) => [id, groupSessionTakes(list)]));
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
