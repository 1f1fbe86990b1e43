/**
 * Long unbroken input: no step of phrase splitting may recurse once per note. 100,000-note
 * inputs of several shapes (no pause, equal gaps, one pitch, chords) go through the splitting
 * steps; the full analysis of the same shapes at 100,000 notes runs in
 * `npx tsx scripts/validate-long-input.ts` (it takes tens of seconds per shape).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAtPauses } from '../../../core/align/pauses';
import { limitLength, recognize } from '../../../core/align/recognize';
import { noteView } from '../../../core/align/view';
import { getExercise } from '../../../core/exercises/index';
import type { Note } from '../../../core/midi/types';
import { longInput } from '../../support/long-input';
import type { LongInputShape } from '../../support/long-input';

const SHAPES: readonly LongInputShape[] = ['scale-no-pause', 'equal-gaps', 'one-pitch', 'chords', 'jittered-legato'];

describe('phrase splitting of long unbroken input', () => {
  it('cuts 100,000-note inputs of every shape into ordered pieces of at most 2,048 notes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHAPES), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 64, max: 4096 }), (shape, seed, maxNotes) => {
        const notes: Note[] = longInput(shape, 100_000, seed);
        const view = noteView(notes);
        const pieces = limitLength({ start: 0, end: notes.length }, view, maxNotes);
        let at = 0;
        for (const piece of pieces) {
          expect(piece.start).toBe(at);
          expect(piece.end - piece.start).toBeGreaterThan(0);
          expect(piece.end - piece.start).toBeLessThanOrEqual(maxNotes);
          at = piece.end;
        }
        expect(at).toBe(notes.length);
        // Tied gaps are cut near the middle: about n / maxNotes pieces, not one per note.
        expect(pieces.length).toBeLessThanOrEqual(4 * Math.ceil(notes.length / maxNotes));
        const phrases = splitAtPauses(notes);
        expect(phrases.at(-1)?.end).toBe(notes.length);
      }),
      { numRuns: 10 },
    );
  });

  it('recognises a 10,000-note quantised run of one pitch without overflowing the stack', () => {
    // Before the fix: "Maximum call stack size exceeded" from ~8,500 tied gaps on.
    const notes = longInput('one-pitch', 10_000, 1);
    const exercise = getExercise('scale-c-major-rh-2oct');
    if (exercise === undefined) throw new Error('library lacks scale-c-major-rh-2oct');
    const result = recognize(notes, { catalogue: [exercise] });
    expect(result.takes.length + result.freePlay.length).toBeGreaterThan(0);
  });
});
