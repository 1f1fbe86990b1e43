import { describe, expect, it } from 'vitest';
import { findAttempts } from '../../../core/align/attempts';
import { DEFAULT_COSTS } from '../../../core/align/costs';
import { exerciseView, noteView } from '../../../core/align/view';
import { getExercise, listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import { performRepetitions } from '../../support/performer';
import { createRandom } from '../../support/random';
import { findAttemptsReference } from './attempts-reference';
import { pulse } from './helpers';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

const cMajor = exercise('scale-c-major-rh-1oct');
const all = (length: number) => ({ start: 0, end: length });

describe('findAttempts', () => {
  it('finds each repetition played back to back, without pauses', () => {
    const played = performRepetitions(cMajor, 3, { seed: 3 }, 150);
    const search = findAttempts(exerciseView(cMajor), noteView(played.notes), all(played.notes.length), DEFAULT_COSTS);
    expect(search?.attempts.map((a) => [a.from, a.to, a.brokenOff])).toEqual([
      [0, 15, false],
      [0, 15, false],
      [0, 15, false],
    ]);
    expect(search?.idle).toEqual([]);
  });

  it('closes a broken-off attempt and starts a new one at a restart from the beginning', () => {
    const pitches = cMajor.notes.map((n) => n.pitch);
    const notes = [...pulse(pitches.slice(0, 6), 0, 125), ...pulse(pitches, 1000, 125)];
    const search = findAttempts(exerciseView(cMajor), noteView(notes), all(notes.length), DEFAULT_COSTS);
    expect(search?.attempts.map((a) => [a.from, a.to, a.brokenOff, a.start, a.end])).toEqual([
      [0, 6, true, 0, 6],
      [0, 15, false, 6, 21],
    ]);
  });

  it('follows a restart from a position inside the exercise', () => {
    const twoOctaves = exercise('scale-c-major-rh-2oct');
    const pitches = twoOctaves.notes.map((n) => n.pitch);
    // Up and part of the way down, stop, then go again from the ninth note. (Going back only a
    // note or two reads as a few extra notes instead: cheaper than a restart.)
    const notes = [...pulse(pitches.slice(0, 21), 0, 125), ...pulse(pitches.slice(8), 4000, 125)];
    const search = findAttempts(exerciseView(twoOctaves), noteView(notes), all(notes.length), DEFAULT_COSTS);
    expect(search?.attempts.map((a) => [a.from, a.to, a.brokenOff])).toEqual([
      [0, 21, true],
      [8, 29, false],
    ]);
  });

  it('leaves notes that fit no attempt idle', () => {
    const noise = pulse([30, 95, 31, 94, 32, 93], 0, 200);
    const pitches = cMajor.notes.map((n) => n.pitch);
    const notes = [...noise, ...pulse(pitches, 2000, 125)];
    const search = findAttempts(exerciseView(cMajor), noteView(notes), all(notes.length), DEFAULT_COSTS);
    expect(search?.idle).toEqual([0, 1, 2, 3, 4, 5]);
    expect(search?.attempts).toHaveLength(1);
  });

  it('gives up early when asked and every path costs more', () => {
    const notes = pulse([30, 95, 31, 94, 32, 93, 33, 92], 0, 200);
    expect(findAttempts(exerciseView(cMajor), noteView(notes), all(notes.length), DEFAULT_COSTS, 1)).toBeNull();
  });

  it('does work proportional to the number of notes', () => {
    const short = performRepetitions(cMajor, 5, { seed: 1 }, 1500);
    const long = performRepetitions(cMajor, 20, { seed: 1 }, 1500);
    const cells = (notes: typeof short.notes) =>
      findAttempts(exerciseView(cMajor), noteView(notes), all(notes.length), DEFAULT_COSTS)?.cells ?? 0;
    expect(cells(long.notes) / cells(short.notes)).toBeCloseTo(4, 1);
  });
});

describe('findAttempts across a pause', () => {
  it('carries an attempt on across a priced pause: one attempt, the price added once', () => {
    const pitches = cMajor.notes.map((n) => n.pitch);
    const notes = [...pulse(pitches.slice(0, 8), 1000, 125), ...pulse(pitches.slice(8), 3000, 125)];
    const view = noteView(notes);
    const free = findAttempts(exerciseView(cMajor), view, all(notes.length), DEFAULT_COSTS);
    const priced = findAttempts(exerciseView(cMajor), view, all(notes.length), DEFAULT_COSTS, Infinity, { after: [8], cost: 2 });
    expect(priced?.attempts).toHaveLength(1);
    expect(priced?.attempts[0]?.brokenOff).toBe(false);
    expect(priced?.cost).toBeCloseTo((free?.cost ?? 0) + 2, 9);
  });

  it('does not charge an attempt that starts right after the pause', () => {
    const pitches = cMajor.notes.map((n) => n.pitch);
    const notes = [...pulse([90, 91, 92], 1000, 125), ...pulse(pitches, 3000, 125)];
    const view = noteView(notes);
    const free = findAttempts(exerciseView(cMajor), view, all(notes.length), DEFAULT_COSTS);
    const priced = findAttempts(exerciseView(cMajor), view, all(notes.length), DEFAULT_COSTS, Infinity, { after: [3], cost: 2 });
    expect(priced?.cost).toBeCloseTo(free?.cost ?? NaN, 9);
    expect(priced?.attempts.map((a) => [a.start, a.from])).toEqual([[3, 0]]);
  });

  it('gives exactly the result of the plain three-sweep search (random playing, pauses, give-up bounds, costs)', () => {
    const random = createRandom(2026);
    const catalogue = listExercises();
    for (let round = 0; round < 1000; round += 1) {
      const chosen = catalogue[random.int(0, catalogue.length - 1)] ?? cMajor;
      const pitches = chosen.notes.map((n) => n.pitch);
      // Repetitions, fragments and restarts of the exercise with wrong, missed, extra and
      // swapped notes, and stray notes between them.
      const played: number[] = [];
      const pieces = random.int(1, 4);
      for (let piece = 0; piece < pieces; piece += 1) {
        const from = random.chance(0.7) ? 0 : random.int(0, pitches.length - 1);
        const to = random.chance(0.7) ? pitches.length : random.int(from, pitches.length);
        for (let k = from; k < to; k += 1) {
          const pitch = pitches[k] ?? 60;
          if (random.chance(0.05)) continue;
          if (random.chance(0.05)) played.push(pitch + random.int(-2, 2));
          else played.push(pitch);
          if (random.chance(0.05)) played.push(pitch + random.int(-12, 12));
          if (random.chance(0.04) && played.length >= 2) played.push(...played.splice(played.length - 2, 2).reverse());
        }
        for (let k = random.int(0, 3); k > 0; k -= 1) played.push(random.int(40, 90));
      }
      const notes = pulse(played, 0, 100);
      const after: number[] = [];
      for (let k = 1; k < notes.length; k += 1) if (random.chance(0.03)) after.push(k);
      const stops = random.chance(0.5) ? { after, cost: 2 } : undefined;
      const costs = random.chance(0.8) ? DEFAULT_COSTS : { ...DEFAULT_COSTS, idle: 1.2, startInside: 2.5, breakOff: 2 };
      const start = random.int(0, Math.max(0, notes.length - 5));
      const range = { start, end: random.chance(0.8) ? notes.length : random.int(start, notes.length) };
      const bound = random.chance(0.5) ? Infinity : random.int(0, 3 + played.length / 4);
      const view = noteView(notes);
      const fast = findAttempts(exerciseView(chosen), view, range, costs, bound, stops);
      const plain = findAttemptsReference(exerciseView(chosen), view, range, costs, bound, stops);
      expect(fast, `round ${round}, ${chosen.id}`).toEqual(plain);
    }
  });
});
