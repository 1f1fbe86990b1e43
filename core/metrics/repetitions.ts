/**
 * Across repetitions of the same exercise: per expected position, the mean deviation
 * ("irregularity", systematic, a personal fingerprint) and the SD across repetitions
 * ("instability", motor noise), after van Vugt, Jabusch & Altenmüller 2012.
 */
import type { Take } from '../align/types';
import type { Hand } from '../exercises/types';
import { meanSd } from './stats';
import { tempoBand } from './tempo-band';
import { analyseTiming } from './timing';
import type { PositionComparison, RepetitionComparison } from './types';

/**
 * Compares the takes of each exercise, hand and tempo band (grouped by exercise id, which names
 * the hands, and by `tempoBand(take.bpm)`, in first-seen order): only like with like is pooled.
 * Deviations
 * come from each take's own line fits, so tempo differences between repetitions do not matter;
 * every input a take needs is inside take.matches, so no note array is required. A caller that
 * has measured the takes already may pass each take's per-match deviations
 * (`measureTake(take, notes).notes.map((m) => m.deviationMs)`) instead of having them refitted.
 *
 * @example compareRepetitions(tenTakes)[0].positions[4].instabilityMs // e.g. 7.9
 */
export function compareRepetitions(takes: readonly Take[], deviations?: readonly (readonly (number | null)[])[]): RepetitionComparison[] {
  const groups = new Map<string, { take: Take; deviations: readonly (number | null)[] | undefined }[]>();
  takes.forEach((take, k) => {
    const key = `${take.exercise.id} ${tempoBand(take.bpm).index}`;
    const list = groups.get(key) ?? [];
    list.push({ take, deviations: deviations?.[k] });
    groups.set(key, list);
  });
  return [...groups].map(([, group]) => {
    const first = group[0]?.take;
    const comparison = compareGroup(first?.exercise.id ?? '', group);
    return first ? { ...comparison, exerciseHands: first.exercise.hands, tempoBand: tempoBand(first.bpm).label } : comparison;
  });
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
