/**
 * Candidates the shortlist cannot tell apart (Hanon Nos. 7, 14 and 18: the same keys, range and
 * interval classes) are aligned in an order chosen by their runs of three pitches, so the right
 * one usually goes first and the others are dropped at its cost. The winner must not depend on
 * that order; the work (counted DP cells, not time) must be less than aligning two of them in full.
 */
import { describe, expect, it } from 'vitest';
import { findAttempts } from '../../../core/align/attempts';
import { DEFAULT_COSTS } from '../../../core/align/costs';
import { recognize } from '../../../core/align/recognize';
import { exerciseView, noteView } from '../../../core/align/view';
import { alignmentWork, resetAlignmentWork } from '../../../core/align/work';
import { getExercise } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import { corrupt, perform } from '../../support/performer';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

const NEAR_TIED = ['hanon-7-rh', 'hanon-14-rh', 'hanon-18-rh'];

describe('near-tied candidates', () => {
  for (const id of NEAR_TIED) {
    it(`${id}, clean and with 3 % mistakes, is recognised as itself, with less work than two full alignments`, () => {
      const played = exercise(id);
      for (const seed of [3, 11]) {
        let performance = perform(played, { seed, bpm: 120, startMs: 1000 });
        if (seed === 11) performance = corrupt(performance, { seed, wrong: 0.03, missed: 0.03, extra: 0.03 });
        const notes = performance.notes;
        resetAlignmentWork();
        const takes = recognize(notes).takes;
        const work = alignmentWork();
        expect(takes.map((take) => take.exercise.id)).toEqual([id]);
        // Two of the near-tied exercises aligned in full over the whole take, for comparison.
        const all = { start: 0, end: notes.length };
        resetAlignmentWork();
        for (const other of NEAR_TIED.slice(0, 2)) findAttempts(exerciseView(exercise(other)), noteView(notes), all, DEFAULT_COSTS);
        expect(work).toBeLessThan(alignmentWork());
      }
    });
  }
});
