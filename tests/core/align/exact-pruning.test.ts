/**
 * The pruning that only saves work must never change a result (issue 12's performance pass):
 * the attempt search's lower bound of the notes still to come (a search is dropped only when it
 * would have ended over its limit anyway, and otherwise finds the same attempts), and the timed
 * alignment's diagonal strip (with any cost guess, the same matches as the whole band).
 */
import { describe, expect, it } from 'vitest';
import { findAttempts } from '../../../core/align/attempts';
import { DEFAULT_COSTS } from '../../../core/align/costs';
import { alignSpan } from '../../../core/align/span';
import type { SpanProblem } from '../../../core/align/span';
import { exerciseView, noteView } from '../../../core/align/view';
import { listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { performRepetitions } from '../../support/performer';
import { createRandom } from '../../support/random';
import type { Random } from '../../support/random';

/** A performance of `exercise` with wrong, missed and extra notes (`rate` each), sometimes followed by another exercise. */
function corrupted(exercise: Exercise, other: Exercise, random: Random, rate: number): Note[] {
  const clean = performRepetitions(exercise, random.int(1, 2), { seed: random.int(1, 1 << 30), bpm: random.pick([72, 108, 144]) }, 900).notes;
  const notes: Note[] = [];
  for (const note of clean) {
    const roll = random.next();
    if (roll < rate) continue;
    if (roll < 2 * rate) notes.push({ ...note, pitch: Math.min(108, Math.max(21, note.pitch + random.pick([-12, -2, -1, 1, 2, 7]))) });
    else notes.push(note);
    if (random.chance(rate)) notes.push({ ...note, pitch: Math.min(108, note.pitch + random.int(1, 4)), onsetMs: note.onsetMs + 20, offsetMs: note.offsetMs + 20 });
  }
  if (random.chance(0.3)) {
    const end = notes[notes.length - 1]?.offsetMs ?? 0;
    for (const note of performRepetitions(other, 1, { seed: random.int(1, 1 << 30) }).notes) notes.push({ ...note, onsetMs: note.onsetMs + end, offsetMs: note.offsetMs + end });
  }
  return notes.sort((a, b) => a.onsetMs - b.onsetMs);
}

const catalogue = listExercises().filter((exercise) => exercise.notes.length <= 120);

describe('exact pruning', () => {
  it("the attempt search's lower bound drops a candidate only when its cost passes the limit, and changes nothing else", () => {
    const random = createRandom(1207);
    for (let trial = 0; trial < 40; trial += 1) {
      const played = random.pick(catalogue);
      const notes = corrupted(played, random.pick(catalogue), random, random.pick([0, 0.03, 0.08]));
      const view = noteView(notes);
      const range = { start: 0, end: notes.length };
      // The played exercise and a candidate from elsewhere in the catalogue (same key or not).
      for (const candidate of [played, random.pick(catalogue)]) {
        const full = findAttempts(exerciseView(candidate), view, range, DEFAULT_COSTS);
        expect(full).not.toBeNull();
        if (full === null) continue;
        for (const limit of [0, full.cost - 1, full.cost - 1e-6, full.cost, full.cost + 0.5, 0.55 * notes.length]) {
          const bounded = findAttempts(exerciseView(candidate), view, range, DEFAULT_COSTS, limit);
          if (full.cost > limit) expect(bounded).toBeNull();
          else {
            expect(bounded?.cost).toBe(full.cost);
            expect(bounded?.attempts).toEqual(full.attempts);
            expect(bounded?.idle).toEqual(full.idle);
          }
        }
      }
    }
  });

  it('the diagonal strip gives the same alignment as the whole band, whatever the cost guess', () => {
    const random = createRandom(1208);
    for (let trial = 0; trial < 60; trial += 1) {
      const exercise = random.pick(catalogue);
      const notes = corrupted(exercise, exercise, random, random.pick([0, 0.03, 0.08])).slice(0, exercise.notes.length + random.int(-4, 4));
      if (notes.length === 0) continue;
      const first = notes[0]?.onsetMs ?? 0;
      const last = notes[notes.length - 1]?.onsetMs ?? first;
      const steps = exercise.notes.map((note) => note.step);
      const span = Math.max(1, (steps[steps.length - 1] ?? 0) - (steps[0] ?? 0));
      const stepMs = Math.max(1, (last - first) / span);
      const base: SpanProblem = {
        expectedPitch: exercise.notes.map((note) => note.pitch),
        expectedStep: steps,
        predictedMs: steps.map((step) => first + (step - (steps[0] ?? 0)) * stepMs * (0.97 + 0.06 * random.next())),
        playedPitch: notes.map((note) => note.pitch),
        playedOnset: notes.map((note) => note.onsetMs),
        sigmaMs: Math.max(0.35 * stepMs, 12),
        windowMs: Math.max(8 * stepMs, 0.25 * (last - first), 1000),
        costs: { ...DEFAULT_COSTS, timingWeight: 0.3 },
        openStart: random.chance(0.2),
      };
      const whole = alignSpan(base);
      for (const guess of [0, 1, whole.cost / 2, whole.cost, 2 * whole.cost + 3, 40 * random.next()]) {
        const strip = alignSpan({ ...base, costGuess: guess });
        expect(strip.cost).toBe(whole.cost);
        expect([...strip.pairs]).toEqual([...whole.pairs]);
        expect(strip.extras).toEqual(whole.extras);
      }
    }
  });
});
