/**
 * Like-with-like figures for session lists (issue 9): a session's takes per exercise and tempo
 * band, and the trend of one exercise across sessions, never one average over unlike takes.
 */
import type { SessionExercise } from '../../core/api/schemas';

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

export type { LikeForLikePoint, LikeForLikeTrend } from '../../core/compare/like-for-like';
/** The most-played exercise and tempo band across sessions (core/compare/like-for-like.ts). */
export { likeForLikeTrend } from '../../core/compare/like-for-like';
