/**
 * Like-with-like figures for session lists (issue 9): a session's takes per exercise and tempo
 * band, and the trend of one exercise across sessions, never one average over unlike takes.
 */
import type { SessionExercise } from '../../core/api/schemas';
import { inTempoBand } from '../../core/drift/tempo';

/** @example handsWords('both') // => 'hands together' */
export function handsWords(hands: string): string {
  if (hands === 'right') return 'right hand';
  if (hands === 'left') return 'left hand';
  if (hands === 'both') return 'hands together';
  return hands;
}

/**
 * The hands in words, unless the exercise's name already says them (library names do).
 *
 * @example handsUnlessNamed({ exerciseName: 'C major scale, right hand, 2 octaves', hands: 'right' }) // => null
 * @example handsUnlessNamed({ exerciseName: 'Imported: Czerny op. 299 no. 1', hands: 'both' }) // => 'hands together'
 */
export function handsUnlessNamed(line: Pick<SessionExercise, 'exerciseName' | 'hands'>): string | null {
  const words = handsWords(line.hands);
  return line.exerciseName.toLowerCase().includes(words) ? null : words;
}

/**
 * One line's detail: hands (when the name does not say them), tempo and takes.
 *
 * @example exerciseDetail({ exerciseName: 'Mozart K. 545', hands: 'right', notesPerSecond: 8, takes: 3, ... }) // => 'right hand · 8.0 notes/s · 3 takes'
 */
export function exerciseDetail(line: Pick<SessionExercise, 'exerciseName' | 'hands' | 'notesPerSecond' | 'takes'>): string {
  const tempo = line.notesPerSecond === null ? 'no steady tempo' : `${line.notesPerSecond.toFixed(1)} notes/s`;
  return [handsUnlessNamed(line), tempo, `${line.takes} ${line.takes === 1 ? 'take' : 'takes'}`].filter((part) => part !== null).join(' · ');
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
  readonly points: readonly LikeForLikePoint[];
}

/**
 * The exercise and tempo band played in the most sessions, with one unevenness per session (that
 * line's, not the session's average): the one trend a session list can honestly draw. Bands
 * follow core/drift/tempo.ts; ties go to the most recently played. Null when no exercise was
 * measured in at least two sessions.
 *
 * @example likeForLikeTrend(sessions)?.points.length // => 12
 */
export function likeForLikeTrend(sessions: readonly { readonly id?: number; readonly sessionId?: number; readonly startedAt: string; readonly exercises?: readonly SessionExercise[] | undefined }[]): LikeForLikeTrend | null {
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
  const best = groups.reduce<(typeof groups)[number] | null>((top, g) => (top === null || g.points.length > top.points.length || (g.points.length === top.points.length && g.last > top.last) ? g : top), null);
  if (best === null || best.points.length < 2) return null;
  return { exerciseId: best.exerciseId, exerciseName: best.exerciseName, hands: best.hands, notesPerSecond: best.centre, points: best.points };
}
