// One like-with-like grouping for session lists, History and the progress report (issue 9):
// per exercise and core/drift tempo band, most played first, ties to the most recently played.
import { describe, expect, it } from 'vitest';
import { likeForLikeTrend, likeForLikeTrends } from '../../../core/compare/like-for-like';
import type { ExerciseLine } from '../../../core/compare/like-for-like';

const line = (exerciseId: string, notesPerSecond: number | null, unevennessMs: number | null): ExerciseLine => ({
  exerciseId, exerciseName: exerciseId, hands: 'right', notesPerSecond, bpm: notesPerSecond === null ? null : notesPerSecond * 15, takes: 1, unevennessMs,
});
const session = (id: number, exercises: ExerciseLine[]) => ({ id, startedAt: `2026-10-${String(id).padStart(2, '0')}T18:00:00.000Z`, exercises });

describe('likeForLikeTrends', () => {
  it('orders by sessions played, then by the most recent, and keeps one point per session and band', () => {
    const trends = likeForLikeTrends([
      session(3, [line('b', 6, 3), line('a', 8, 3)]),
      session(1, [line('a', 8, 1), line('b', 6, 1), line('a', 8.1, 99)]),
      session(2, [line('c', 5, 2), line('a', 9, 2)]),
      session(4, [line('c', 5, 4), line('d', null, 4), line('e', 5, null)]),
    ]);
    expect(trends.map((t) => [t.exerciseId, t.notesPerSecond, t.points.map((p) => p.unevennessMs)])).toEqual([
      ['c', 5, [2, 4]], // 2 sessions, last on the 4th
      ['a', 8, [1, 3]], // 2 sessions, last on the 3rd, first seen before b; the second line of session 1 in the same band is not a second point
      ['b', 6, [1, 3]],
      ['a', 9, [2]], // 9 notes/s is outside 8 +- 7.5 %: its own band
    ]);
  });

  it('likeForLikeTrend is the first of them, or null without a repeat', () => {
    expect(likeForLikeTrend([session(1, [line('a', 8, 1)]), session(2, [line('a', 8, 2)])])?.points).toHaveLength(2);
    expect(likeForLikeTrend([session(1, [line('a', 8, 1)]), session(2, [line('b', 8, 2)])])).toBeNull();
  });
});
