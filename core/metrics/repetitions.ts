/**
 * Across repetitions of the same exercise: per expected position, the mean deviation
 * ("irregularity", systematic, a personal fingerprint) and the SD across repetitions
 * ("instability", motor noise), after van Vugt, Jabusch & Altenmüller 2012.
 */
import type { Take } from '../align/types';
import { groupByTempoBand, tempoBandLabel } from '../drift/tempo';
import type { Hand } from '../exercises/types';
import { meanSd } from './stats';
import { analyseTiming } from './timing';
import type { PositionComparison, RepetitionComparison } from './types';

/**
 * Compares the takes of each exercise, hand and tempo band: takes are grouped by exercise id
 * (which names the hands), then by tempo band with drift's rule (core/drift/tempo.ts,
 * groupByTempoBand: a take joins the first group whose median tempo it is within +-7.5 % of, else
 * opens one), in first-seen order: only like with like is pooled. The tempo is the take's notes
 * per second (fitted bpm x the exercise's subdivision / 60), the unit drift's bands are in; the
 * label gives the band's edges ('7.4-8.6 notes/s'). Deviations come from each take's own line
 * fits, so tempo differences within a band do not matter; every input a take needs is inside
 * take.matches, so no note array is required. A caller that has measured the takes already may
 * pass each take's per-match deviations (`measureTake(take, notes).notes.map((m) => m.deviationMs)`)
 * instead of having them refitted.
 *
 * @example compareRepetitions(tenTakes)[0].positions[4].instabilityMs // e.g. 7.9
 */
export function compareRepetitions(takes: readonly Take[], deviations?: readonly (readonly (number | null)[])[]): RepetitionComparison[] {
  const byExercise = new Map<string, number[]>();
  takes.forEach((take, k) => {
    const list = byExercise.get(take.exercise.id) ?? [];
    list.push(k);
    byExercise.set(take.exercise.id, list);
  });
  // Groups in the order their first take was played.
  const groups: { first: number; centre: number; members: number[] }[] = [];
  for (const indices of byExercise.values()) {
    for (const band of groupByTempoBand(indices.map((k) => notesPerSecondOf(takes[k] as Take)))) {
      const members = band.members.map((m) => indices[m] as number);
      groups.push({ first: members[0] as number, centre: band.centre, members });
    }
  }
  groups.sort((a, b) => a.first - b.first);
  return groups.map(({ centre, members }) => {
    const first = takes[members[0] as number] as Take;
    const comparison = compareGroup(first.exercise.id, members.map((k) => ({ take: takes[k] as Take, deviations: deviations?.[k] })));
    return { ...comparison, exerciseHands: first.exercise.hands, tempoBand: tempoBandLabel(centre) };
  });
}

/** One hand's notes per second at the take's fitted tempo (NaN when it has none). */
function notesPerSecondOf(take: Take): number {
  return Number.isFinite(take.bpm) && take.bpm > 0 ? (take.bpm * take.exercise.subdivision) / 60 : Number.NaN;
}

function compareGroup(exerciseId: string, takes: readonly { take: Take; deviations: readonly (number | null)[] | undefined }[]): RepetitionComparison {
  const exercise = takes[0]?.take.exercise;
  const perIndex = new Map<number, number[]>();
  for (const { take, deviations } of takes) {
    const perMatch = deviations !== undefined && deviations.length === take.matches.length ? deviations : analyseTiming(take).deviations;
    take.matches.forEach((match, i) => {
      const deviation = perMatch[i];
      if (deviation === null || deviation === undefined) return;
      const list = perIndex.get(match.expected.index) ?? [];
      list.push(deviation);
      perIndex.set(match.expected.index, list);
    });
  }
  const positions: PositionComparison[] = (exercise?.notes ?? []).map((expected) => {
    const summary = meanSd(perIndex.get(expected.index) ?? []);
    return {
      index: expected.index,
      hand: expected.hand,
      finger: expected.finger,
      direction: expected.direction,
      position: expected.position,
      count: summary.count,
      irregularityMs: summary.mean,
      instabilityMs: summary.sd,
    };
  });
  const hands = (['right', 'left'] as const satisfies readonly Hand[])
    .map((hand) => {
      const used = positions.filter((p) => p.hand === hand && p.count >= 2);
      return {
        hand,
        positions: used.length,
        irregularityMs: rootMeanSquare(used.map((p) => p.irregularityMs)),
        instabilityMs: rootMeanSquare(used.map((p) => p.instabilityMs)),
      };
    })
    .filter((entry) => positions.some((p) => p.hand === entry.hand));
  return { exerciseId, takes: takes.length, positions, hands };
}

function rootMeanSquare(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value * value;
  const result = Math.sqrt(sum / values.length);
  return Number.isFinite(result) ? result : 0;
}
