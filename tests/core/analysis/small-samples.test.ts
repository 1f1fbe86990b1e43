// Honest small samples: a finger with fewer than 3 notes has no SD or CV (null, not 0.0), rows
// with no notes are not reported, and every reader (CLI table) shows '-' for null.
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../core/analysis/analyze';
import { MIN_SPREAD_COUNT, analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/index';
import { messagesFromNotes } from '../../../core/midi/smf';
import { fixed } from '../../../electron/cli/format';
import { perform } from '../../support/performer';

describe('small samples in evenkeys.analysis/1', () => {
  const exercise = getExercise('scale-c-major-rh-1oct');
  if (exercise === undefined) throw new Error('missing exercise');
  const doc = analyzeRecording({ messages: messagesFromNotes(perform(exercise, { seed: 11 }).notes), file: 't', exercise: exercise.id });
  const take = doc.takes[0];

  it('gives null SD and CV below 3 notes, numbers from 3 up', () => {
    expect(take).toBeDefined();
    const rows = [...(take?.fingers ?? []), ...(take?.fingersByDirection ?? [])];
    const small = rows.filter((f) => f.count < MIN_SPREAD_COUNT);
    expect(small.length).toBeGreaterThan(0); // the little finger plays the top note once
    for (const f of small) {
      expect(f.onsetDeviationMs.sd).toBeNull();
      expect(f.velocity.sd).toBeNull();
      expect(f.velocity.cv).toBeNull();
    }
    for (const f of rows.filter((r) => r.count >= MIN_SPREAD_COUNT)) {
      expect(f.onsetDeviationMs.sd).toBeTypeOf('number');
      expect(f.velocity.cv).toBeTypeOf('number');
    }
    expect(rows.every((f) => f.count > 0)).toBe(true);
    expect(analysisDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('the CLI table prints - for null', () => {
    expect(fixed(null, 1)).toBe('-');
    expect(fixed(0, 1)).toBe('0.0');
  });

  it('repetitions with no position measured twice are not reported', () => {
    expect(doc.repetitions).toEqual([]);
  });
});
