import { describe, expect, it } from 'vitest';
import { alignTake } from '../../../core/align/take';
import { getExercise } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import { corrupt, perform } from '../../support/performer';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

describe('alignTake', () => {
  it('matches every note of a clean take and estimates the tempo', () => {
    const scale = exercise('scale-c-major-rh-2oct');
    const played = perform(scale, { seed: 1, bpm: 100 });
    const take = alignTake(scale, played.notes);
    expect(take.matches).toHaveLength(scale.notes.length);
    take.matches.forEach((match, i) => {
      expect(match.noteIndex).toBe(i);
      expect(match.wrongPitch).toBe(false);
    });
    expect(take.extraNoteIndices).toEqual([]);
    expect(take.bpm).toBeGreaterThan(97);
    expect(take.bpm).toBeLessThan(103);
    expect(take.startMs).toBe(played.notes[0]?.onsetMs);
    expect(take.span).toBeUndefined();
  });

  it('puts wrong, missed and extra notes where the truth says', () => {
    const scale = exercise('scale-g-major-both-2oct');
    const played = corrupt(perform(scale, { seed: 4 }), { seed: 5, wrong: 0.05, missed: 0.05, extra: 0.05 });
    const take = alignTake(scale, played.notes);
    const byNote = new Map<number, number>();
    for (const match of take.matches) if (match.noteIndex !== null) byNote.set(match.noteIndex, match.expected.index);
    let correct = 0;
    let right = 0;
    played.truth.forEach((truth, i) => {
      if (truth.kind === 'extra') expect(byNote.has(i)).toBe(false);
      if (truth.kind !== 'correct') return;
      correct += 1;
      if (byNote.get(i) === truth.expectedIndex) right += 1;
    });
    expect(right / correct).toBeGreaterThanOrEqual(0.98);
    const wrongNotes = take.matches.filter((m) => m.wrongPitch);
    wrongNotes.forEach((m) => expect(m.note?.pitch).not.toBe(m.expected.pitch));
  });

  it('keeps a trill on the right fingers when a note is missed', () => {
    const trill = exercise('trill-rh-3-4');
    const clean = perform(trill, { seed: 9, bpm: 96 });
    // Drop the sixth note: the rest must keep their own expected notes.
    const notes = clean.notes.filter((_, i) => i !== 5);
    const take = alignTake(trill, notes);
    expect(take.matches[5]?.noteIndex).toBeNull();
    take.matches.forEach((match, i) => {
      if (i !== 5) expect(match.noteIndex).toBe(i < 5 ? i : i - 1);
    });
  });

  it('aligns only the span and range it is given', () => {
    const scale = exercise('scale-d-major-lh-1oct');
    const played = perform(scale, { seed: 2 });
    const take = alignTake(scale, played.notes, { range: { start: 0, end: 8 }, span: { from: 0, to: 8 }, brokenOff: true });
    expect(take.span).toEqual({ from: 0, to: 8 });
    expect(take.breakdown).toBe(true);
    expect(take.matches.slice(0, 8).map((m) => m.noteIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(take.matches.slice(8).every((m) => m.noteIndex === null)).toBe(true);
  });

  it('survives an empty take', () => {
    const scale = exercise('scale-c-major-rh-1oct');
    const take = alignTake(scale, []);
    expect(take.matches.every((m) => m.noteIndex === null)).toBe(true);
    expect(Number.isFinite(take.startMs)).toBe(true);
  });
});
