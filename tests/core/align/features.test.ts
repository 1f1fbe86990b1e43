import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueIndex, dissimilarity, exerciseFeatures, octaveShift, playedFeatures, shortlist } from '../../../core/align/features';
import { noteView } from '../../../core/align/view';
import { getExercise, listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { PitchFeatures } from '../../../core/align/features';
import { perform } from '../../support/performer';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

describe('recognition features', () => {
  it('describes an exercise: pitch classes, range, hands', () => {
    const features = exerciseFeatures(exercise('scale-c-major-rh-1oct'));
    expect(features.pitchClassMask).toBe(0b101010110101);
    expect([features.lowest, features.highest, features.count]).toEqual([60, 72, 15]);
    expect(features.simultaneous).toBe(0);
  });

  it('sees two hands in simultaneous onsets', () => {
    const both = perform(exercise('scale-c-major-both-1oct'), { seed: 1 });
    const one = perform(exercise('scale-c-major-rh-1oct'), { seed: 1 });
    expect(playedFeatures(noteView(both.notes), { start: 0, end: both.notes.length }).simultaneous).toBeGreaterThan(0.8);
    expect(playedFeatures(noteView(one.notes), { start: 0, end: one.notes.length }).simultaneous).toBeLessThan(0.2);
  });

  it('finds the played exercise closer than its neighbours in key, hands and octaves', () => {
    const played = perform(exercise('scale-e-major-rh-2oct'), { seed: 2 });
    const features = playedFeatures(noteView(played.notes), { start: 0, end: played.notes.length });
    const own = dissimilarity(features, exerciseFeatures(exercise('scale-e-major-rh-2oct')));
    for (const other of ['scale-a-major-rh-2oct', 'scale-e-major-rh-1oct', 'scale-e-major-both-2oct', 'arpeggio-e-major-rh-2oct']) {
      expect(dissimilarity(features, exerciseFeatures(exercise(other)))).toBeGreaterThan(own);
    }
    // Register-free (issue 12): the left-hand twin, an octave lower in the catalogue, plays the
    // same pitches once moved; the hand is chosen after alignment (core/align/twins.ts).
    expect(dissimilarity(features, exerciseFeatures(exercise('scale-e-major-lh-2oct')))).toBe(own);
  });

  it('octaveShift lays an exercise over the played range by whole octaves, on the 88 keys', () => {
    expect(octaveShift(48, 72, 60, 84)).toBe(-12);
    expect(octaveShift(60, 84, 60, 84)).toBe(0);
    // Half an octave off at one end: the nearest whole octave (ties round up).
    expect(octaveShift(36, 84, 48, 84)).toBe(0);
    // Never off the keyboard: C8 is the top.
    expect(octaveShift(100, 120, 60, 84)).toBe(24);
  });

  it('shortlists the played exercise from the whole catalogue', () => {
    const played = perform(exercise('arpeggio-bb-major-lh-3oct'), { seed: 3 });
    const features = playedFeatures(noteView(played.notes), { start: 0, end: played.notes.length });
    const ids = shortlist(features, catalogueIndex(listExercises()), 6, 2.5).map((entry) => entry.exercise.id);
    expect(ids).toContain('arpeggio-bb-major-lh-3oct');
  });

  it('tells apart exercises with the same keys, range and hands by their melodic shape (Hanon)', () => {
    const hanon = listExercises().filter((e) => e.id.startsWith('hanon-'));
    expect(hanon.length).toBeGreaterThan(20);
    const index = catalogueIndex(listExercises());
    for (const [k, item] of hanon.entries()) {
      const played = perform(item, { seed: 300 + k, bpm: 100 }).notes;
      const features = playedFeatures(noteView(played), { start: 0, end: played.length });
      const own = dissimilarity(features, exerciseFeatures(item));
      // Every other Hanon exercise of the same hands scores worse (or equal only for a twin with
      // the very same pitches: none among the Hanon numbers).
      for (const other of hanon.filter((e) => e !== item && e.hands === item.hands)) {
        expect(dissimilarity(features, exerciseFeatures(other)), `${item.id} vs ${other.id}`).toBeGreaterThan(own);
      }
      const ids = shortlist(features, index, 6, 2.5).map((entry) => entry.exercise.id);
      expect(ids, item.id).toContain(item.id);
    }
  });

  it('melodic shape: the same for hands an octave apart, a transposition or a missing note of one hand; none without time', () => {
    const both = perform(exercise('hanon-1-both'), { seed: 7, bpm: 80 }).notes;
    const right = perform(exercise('hanon-1-rh'), { seed: 8, bpm: 80 }).notes;
    const shape = (notes: typeof both, timed = true): number[] => Array.from(playedFeatures(noteView(notes), { start: 0, end: notes.length }, timed).intervalShare);
    const close = (a: number[], b: number[]): void => a.forEach((value, bin) => expect(value).toBeCloseTo(b[bin] ?? 0, 9));
    close(shape(both), shape(right));
    close(shape(right.map((note) => ({ ...note, pitch: note.pitch + 12 }))), shape(right));
    // The left hand's note of one step lost: its group's lowest is the right hand's, an octave up.
    const lowest = both.reduce((low, note, k) => (note.pitch < (both[low]?.pitch ?? Infinity) && k > 10 ? k : low), 11);
    close(shape(both.filter((_, k) => k !== lowest)), shape(both));
    expect(Array.from(exerciseFeatures(exercise('hanon-1-both')).intervalShare)).toEqual(Array.from(exerciseFeatures(exercise('hanon-1-rh')).intervalShare));
    const frozen = right.map((note) => ({ ...note, onsetMs: 0 }));
    expect(playedFeatures(noteView(frozen), { start: 0, end: frozen.length }, false).simultaneous).toBeNaN();
    close(shape(frozen, false), shape(right));
  });

  it('shortlists exactly what scoring every exercise with dissimilarity() and sorting gives (fast-check)', () => {
    const catalogue = listExercises();
    const index = catalogueIndex(catalogue);
    // The plain definition: every exercise scored, stable sort (the earlier one wins a tie).
    const reference = (played: PitchFeatures, size: number, margin: number): string[] => {
      const scored = catalogue.map((exercise) => ({ id: exercise.id, score: dissimilarity(played, exerciseFeatures(exercise)) }));
      const best = scored.sort((a, b) => a.score - b.score).slice(0, size);
      const closest = best[0]?.score ?? 0;
      return best.filter((entry) => entry.score <= closest + margin).map((entry) => `${entry.id}:${entry.score}`);
    };
    const features = fc.record({
      weights: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 }),
      lowest: fc.integer({ min: 24, max: 72 }),
      span: fc.integer({ min: 0, max: 50 }),
      count: fc.integer({ min: 5, max: 300 }),
      simultaneous: fc.double({ min: 0, max: 1, noNaN: true }),
      intervals: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(features, fc.integer({ min: 1, max: 8 }), (f, size) => {
        const total = f.weights.reduce((sum, w) => sum + w, 0) || 1;
        const played: PitchFeatures = {
          pitchClassShare: Float64Array.from(f.weights, (w) => w / total),
          lowest: f.lowest,
          highest: f.lowest + f.span,
          count: f.count,
          simultaneous: f.simultaneous,
          intervalShare: Float64Array.from(f.intervals, (w) => w / (f.intervals.reduce((sum, v) => sum + v, 0) || 1)),
        };
        const fast = shortlist(played, index, size, 2.5).map((entry) => `${entry.exercise.id}:${entry.score}`);
        expect(fast).toEqual(reference(played, size, 2.5));
      }),
      { numRuns: 150, seed: 2026 },
    );
  });
});
