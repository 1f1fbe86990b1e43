import { describe, expect, it } from 'vitest';
import type { Take } from '../../../core/align/types';
import { detectEvents } from '../../../core/events/detect';
import { getExercise } from '../../../core/exercises/library';
import { measureTake } from '../../../core/metrics/measure';
import type { Note } from '../../../core/midi/types';
import { injectFaults } from '../../support/faults';
import { perform } from '../../support/performer';
import { truthTakes } from '../../support/metrics-validation';

/** The same take, every time moved by `shiftMs` (a live session's clock hours or days in). */
function shifted(take: Take, notes: readonly Note[], shiftMs: number): { take: Take; notes: Note[] } {
  const moved = notes.map((n) => ({ ...n, onsetMs: n.onsetMs + shiftMs, offsetMs: n.offsetMs + shiftMs }));
  const matches = take.matches.map((m) => ({ ...m, note: m.noteIndex === null ? null : (moved[m.noteIndex] ?? null) }));
  return { take: { ...take, startMs: take.startMs + shiftMs, endMs: take.endMs + shiftMs, matches }, notes: moved };
}

/** Largest absolute difference between two numeric trees, ignoring absolute times. */
function largestDifference(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
    let worst = 0;
    for (const [key, value] of Object.entries(a)) {
      if (key === 'predictedOnsetMs' || key === 'timeMs') continue;
      worst = Math.max(worst, largestDifference(value, (b as Record<string, unknown>)[key]));
    }
    return worst;
  }
  return a === b ? 0 : Infinity;
}

describe('onsets far from zero', () => {
  for (const id of ['scale-c-major-both-2oct', 'trill-lh-4-5', 'repeated-rh-5', 'chromatic-lh-2oct']) {
    it(`measures ${id} the same at 1e9 ms as at 1 s (to a microsecond)`, () => {
      const exercise = getExercise(id);
      if (!exercise) throw new Error(id);
      const played = injectFaults(perform(exercise, { seed: 5 }), { seed: 6, perTake: 2, types: ['late', 'velocity-drop', 'stuck-key', 'missed-note', 'co-activation', 'breakdown'], edge: 1, spacingSteps: 2 });
      const take = truthTakes(played.performance)[0];
      if (!take) throw new Error('no take');
      const notes = played.performance.notes;
      const near = measureTake(take, notes);
      const far = shifted(take, notes, 1e9);
      const farMetrics = measureTake(far.take, far.notes);
      expect(largestDifference(near, farMetrics)).toBeLessThan(1e-3);
      const nearEvents = detectEvents(take, notes, near);
      const farEvents = detectEvents(far.take, far.notes, farMetrics);
      expect(nearEvents.length).toBeGreaterThan(0);
      expect(farEvents.map((e) => [e.type, e.hand, e.finger])).toEqual(nearEvents.map((e) => [e.type, e.hand, e.finger]));
      expect(farEvents.map((e) => e.timeMs - 1e9)).toEqual(nearEvents.map((e) => expect.closeTo(e.timeMs, 3)));
    });
  }
});
