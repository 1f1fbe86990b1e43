/**
 * Random and adversarial recordings: alignment and recognition never throw, never produce NaN,
 * and place every played note exactly once (matched in a take, extra in a take, or free play).
 */
import { describe, expect, it } from 'vitest';
import { alignRecording } from '../../../core/align/recording';
import { recognize } from '../../../core/align/recognize';
import type { Segmentation } from '../../../core/align/types';
import { listExercises } from '../../../core/exercises';
import type { Note } from '../../../core/midi/types';
import { corrupt, performRepetitions } from '../../support/performer';
import { createRandom } from '../../support/random';
import type { Random } from '../../support/random';

function expectSound(notes: readonly Note[], segmentation: Segmentation): void {
  const seen = new Uint8Array(notes.length);
  const place = (index: number): void => {
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(notes.length);
    seen[index] = (seen[index] ?? 0) + 1;
  };
  let previousStart = -Infinity;
  for (const take of segmentation.takes) {
    expect(take.matches).toHaveLength(take.exercise.notes.length);
    for (const match of take.matches) if (match.noteIndex !== null) place(match.noteIndex);
    for (const index of take.extraNoteIndices) place(index);
    expect(Number.isFinite(take.bpm) && take.bpm > 0).toBe(true);
    expect(Number.isFinite(take.startMs) && take.startMs <= take.endMs).toBe(true);
    expect(take.startMs).toBeGreaterThanOrEqual(previousStart);
    previousStart = take.startMs;
  }
  for (const segment of segmentation.freePlay) for (const index of segment.noteIndices) place(index);
  expect([...seen].every((count) => count === 1)).toBe(true);
}

function randomNotes(random: Random, count: number, shape: 'scatter' | 'chords' | 'gaps' | 'same-time'): Note[] {
  const notes: Note[] = [];
  let time = 0;
  for (let i = 0; i < count; i += 1) {
    if (shape === 'scatter') time += random.next() * 400;
    if (shape === 'chords') time += i % 5 === 0 ? 300 + random.next() * 200 : random.next() * 5;
    if (shape === 'gaps') time += random.chance(0.1) ? 1e6 * random.next() : random.next() * 200;
    const duration = random.chance(0.1) ? 0 : random.next() * 500;
    notes.push({ pitch: random.int(0, 127), onsetMs: time, offsetMs: time + duration, velocity: random.int(1, 127), channel: 0, pedalAtOnset: random.chance(0.5), unreleased: false });
  }
  return notes;
}

describe('alignment robustness', () => {
  const exercises = listExercises();

  it('handles random note streams of every shape, forced and recognised', () => {
    const random = createRandom(77);
    for (let round = 0; round < 40; round += 1) {
      const shape = random.pick(['scatter', 'chords', 'gaps', 'same-time'] as const);
      const notes = randomNotes(random, random.int(0, 200), shape);
      expectSound(notes, alignRecording(notes, random.pick(exercises)));
      expectSound(notes, recognize(notes));
    }
  });

  it('handles heavily corrupted performances', () => {
    const random = createRandom(78);
    for (let round = 0; round < 30; round += 1) {
      const exercise = random.pick(exercises);
      const rate = random.next() * 0.3;
      const played = corrupt(performRepetitions(exercise, random.int(1, 3), { seed: round, bpm: random.int(40, 200) }, random.int(0, 3000)), {
        seed: round,
        wrong: rate,
        missed: rate,
        extra: rate,
      });
      expectSound(played.notes, alignRecording(played.notes, exercise));
      expectSound(played.notes, recognize(played.notes));
    }
  });

  it('handles one note, and notes all at one instant', () => {
    const one = [{ pitch: 60, onsetMs: 5, offsetMs: 5, velocity: 1, channel: 0, pedalAtOnset: false, unreleased: true }];
    const exercise = listExercises()[0];
    if (!exercise) throw new Error('empty catalogue');
    expectSound(one, alignRecording(one, exercise));
    expectSound(one, recognize(one));
    const cluster = exercise.notes.map((n) => ({ ...one[0]!, pitch: n.pitch }));
    expectSound(cluster, alignRecording(cluster, exercise));
    expectSound(cluster, recognize(cluster));
  });
});
