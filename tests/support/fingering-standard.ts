/**
 * Plays every scale and arpeggio of the library with the synthetic performer and asks the
 * fingering estimator, which is told only each note's hand (not the exercise), for the fingers;
 * counts how many notes get the standard fingering the library prescribes.
 */
import { estimateFingering } from '../../core/fingering/fingers';
import { listExercises } from '../../core/exercises/library';
import type { Exercise, Finger, Hand } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import { perform } from './performer';

export interface StandardFingeringRow {
  readonly kind: string;
  readonly key: string;
  readonly mode: string;
  readonly hand: Hand;
  readonly notes: number;
  readonly agree: number;
}

/** The scale and arpeggio exercises of the library, optionally only every `every`-th one. */
export function scalesAndArpeggios(every = 1): Exercise[] {
  return listExercises()
    .filter((exercise) => exercise.kind === 'scale' || exercise.kind === 'arpeggio')
    .filter((_, i) => i % every === 0);
}

/**
 * One row per exercise and hand: notes played and notes whose estimated finger is the standard one.
 * @example measureStandardFingering(scalesAndArpeggios(10)).length
 */
export function measureStandardFingering(exercises: readonly Exercise[], seed = 7): StandardFingeringRow[] {
  const rows: StandardFingeringRow[] = [];
  exercises.forEach((exercise, e) => {
    const performance = perform(exercise, { seed: seed + e });
    for (const hand of ['right', 'left'] as const) {
      const notes: Note[] = [];
      const fingers: Finger[] = [];
      for (let i = 0; i < performance.notes.length; i++) {
        const index = performance.truth[i]?.expectedIndex;
        const expected = index === null || index === undefined ? undefined : exercise.notes[index];
        if (!expected || expected.hand !== hand) continue;
        notes.push(performance.notes[i]!);
        fingers.push(expected.finger);
      }
      if (notes.length === 0) continue;
      const estimates = estimateFingering(notes, hand);
      const agree = estimates.filter((estimate, i) => estimate.finger === fingers[i]).length;
      rows.push({ kind: exercise.kind, key: exercise.key, mode: exercise.mode, hand, notes: notes.length, agree });
    }
  });
  return rows;
}

/** Pools rows by kind, key, mode and hand. */
export function poolRows(rows: readonly StandardFingeringRow[]): StandardFingeringRow[] {
  const pooled = new Map<string, StandardFingeringRow>();
  for (const row of rows) {
    const key = `${row.kind}|${row.mode}|${row.key}|${row.hand}`;
    const old = pooled.get(key);
    pooled.set(key, old ? { ...old, notes: old.notes + row.notes, agree: old.agree + row.agree } : row);
  }
  return [...pooled.values()];
}
