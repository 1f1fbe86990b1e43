/**
 * The cost of alignment and recognition grows linearly with the number of notes: counted in
 * dynamic-programming cells (exact, unlike time), four times the notes cost four times the work.
 */
import { describe, expect, it } from 'vitest';
import { alignRecording } from '../../../core/align/recording';
import { recognize } from '../../../core/align/recognize';
import { alignmentWork, resetAlignmentWork } from '../../../core/align/work';
import { listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import { buildMixedRecording } from '../../support/recordings';
import { createRandom } from '../../support/random';

function workOf(task: () => void): number {
  resetAlignmentWork();
  task();
  return alignmentWork();
}

describe('linear cost', () => {
  const random = createRandom(3);
  const catalogue = listExercises().filter((exercise) => exercise.kind !== 'clinical-scale');
  const programme: Exercise[] = Array.from({ length: 12 }, () => random.pick(catalogue));
  const once = buildMixedRecording(programme, { seed: 1, mistakes: { wrong: 0.03, missed: 0.03, extra: 0.03 } });
  const fourTimes = buildMixedRecording([...programme, ...programme, ...programme, ...programme], {
    seed: 1,
    mistakes: { wrong: 0.03, missed: 0.03, extra: 0.03 },
  });
  const noteRatio = fourTimes.notes.length / once.notes.length;

  it('recognition does four times the work for four times the playing', () => {
    const ratio = workOf(() => recognize(fourTimes.notes)) / workOf(() => recognize(once.notes));
    expect(noteRatio).toBeGreaterThan(3.5);
    expect(ratio / noteRatio).toBeGreaterThan(0.8);
    expect(ratio / noteRatio).toBeLessThan(1.25);
  });

  it('forced alignment of ten times the repetitions does ten times the work', () => {
    const exercise = programme[0];
    if (!exercise) throw new Error('empty programme');
    const few = buildMixedRecording([exercise], { seed: 2, repetitions: [3, 3] });
    const many = buildMixedRecording([exercise], { seed: 2, repetitions: [30, 30] });
    const ratio = workOf(() => alignRecording(many.notes, exercise)) / workOf(() => alignRecording(few.notes, exercise));
    expect(ratio).toBeGreaterThan(8.5);
    expect(ratio).toBeLessThan(11.5);
  });
});
