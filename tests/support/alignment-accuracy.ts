/**
 * Alignment accuracy against the synthetic performer: play many exercises (every kind, one hand
 * and both, parallel and contrary, 1-4 octaves, several tempos, with jitter, tempo drift and
 * velocity noise; a quarter of them by a dystonia-like player whose right 4 and 5 are late),
 * corrupt each performance with wrong, missed and extra notes, align, and count how many of the
 * notes that were played correctly land on the right expected note (and so the
 * right finger) of the right repetition. Shared by scripts/validate-alignment.ts and
 * tests/core/align/accuracy.test.ts.
 */
import { alignRecording } from '../../core/align/recording';
import type { Segmentation } from '../../core/align/types';
import { listExercises } from '../../core/exercises';
import type { Exercise } from '../../core/exercises/types';
import { corrupt, performRepetitions } from './performer';
import type { Performance, PerformerOptions } from './performer';
import { createRandom } from './random';

export interface AccuracyCase {
  readonly exercise: Exercise;
  readonly bpm: number;
  readonly repetitions: number;
  readonly tempoDrift: number;
  readonly jitterMs: number;
  /** A dystonia-like player: right 4 and 5 late and weak, left 4 early (a quarter of the cases). */
  readonly unevenFingers: boolean;
  readonly seed: number;
}

const UNEVEN_FINGERS: PerformerOptions['fingers'] = {
  'right-4': { biasMs: 35, velocityMean: 55 },
  'right-5': { biasMs: 45, velocityMean: 50 },
  'left-4': { biasMs: -25 },
};

export interface CaseResult {
  readonly group: string;
  readonly correctNotes: number;
  readonly aligned: number;
  readonly takesExpected: number;
  readonly takesFound: number;
}

export interface AccuracyRow {
  readonly group: string;
  readonly cases: number;
  readonly correctNotes: number;
  readonly aligned: number;
  readonly percent: number;
  readonly takesExpected: number;
  readonly takesFound: number;
}

export interface AccuracyReport {
  readonly rows: readonly AccuracyRow[];
  readonly overall: AccuracyRow;
}

export const CORRUPTION = { wrong: 0.05, missed: 0.05, extra: 0.05 } as const;

/** Exercise kind and hands (with motion for both hands): the rows of the table. */
export function groupOf(exercise: Exercise): string {
  const hands = exercise.hands === 'both' ? `both ${exercise.motion}` : exercise.hands;
  return `${exercise.kind} / ${hands}`;
}

/**
 * A varied sample: `perGroup` performances for every kind x hands group (exercises drawn without
 * replacement, then again when a small group runs out), each at a random tempo among `tempos`,
 * 1-3 repetitions, with tempo drift and jitter, a quarter with late right-hand fingers 4 and 5.
 *
 * @example sampleCases({ perGroup: 4, seed: 1 }).length
 */
export function sampleCases(options: {
  readonly perGroup: number;
  readonly seed: number;
  readonly tempos?: readonly number[];
  readonly maxRepetitions?: number;
}): AccuracyCase[] {
  const random = createRandom(options.seed);
  const tempos = options.tempos ?? [60, 72, 96, 120, 144];
  const byGroup = new Map<string, Exercise[]>();
  for (const exercise of listExercises()) {
    const group = groupOf(exercise);
    byGroup.set(group, [...(byGroup.get(group) ?? []), exercise]);
  }
  const cases: AccuracyCase[] = [];
  for (const group of [...byGroup.keys()].sort()) {
    const all = byGroup.get(group) ?? [];
    let pool: Exercise[] = [];
    for (let k = 0; k < options.perGroup && all.length > 0; k += 1) {
      // Without replacement until the group runs out, then again (other tempo, other seed).
      if (pool.length === 0) pool = [...all];
      const exercise = pool.splice(random.int(0, pool.length - 1), 1)[0];
      if (!exercise) break;
      cases.push({
        exercise,
        bpm: random.pick(tempos),
        repetitions: random.int(1, options.maxRepetitions ?? 3),
        tempoDrift: random.pick([-0.06, -0.03, 0, 0.03, 0.06]),
        jitterMs: random.pick([6, 9, 12]),
        unevenFingers: random.chance(0.25),
        seed: random.int(1, 1_000_000),
      });
    }
  }
  return cases;
}

/** Plays, corrupts and aligns one case. */
export function performCase(c: AccuracyCase): Performance {
  const clean = performRepetitions(c.exercise, c.repetitions, {
    seed: c.seed,
    bpm: c.bpm,
    tempoDrift: c.tempoDrift,
    style: { jitterMs: c.jitterMs, velocitySd: 6 },
    ...(c.unevenFingers ? { fingers: UNEVEN_FINGERS } : {}),
  });
  return corrupt(clean, { seed: c.seed + 1, ...CORRUPTION });
}

/**
 * Counts the correctly played notes aligned to their true expected note within the take that
 * holds most of their repetition.
 *
 * @example scoreSegmentation(performance, alignRecording(performance.notes, exercise)).aligned
 */
export function scoreSegmentation(performance: Performance, segmentation: Segmentation): { correctNotes: number; aligned: number } {
  const assigned = new Int32Array(performance.notes.length).fill(-1);
  const takeOfNote = new Int32Array(performance.notes.length).fill(-1);
  const truthTakeOfTake: number[] = [];
  segmentation.takes.forEach((take, t) => {
    const votes = new Map<number, number>();
    for (const match of take.matches) {
      if (match.noteIndex === null) continue;
      assigned[match.noteIndex] = match.expected.index;
      takeOfNote[match.noteIndex] = t;
      const truth = performance.truth[match.noteIndex];
      if (truth) votes.set(truth.take, (votes.get(truth.take) ?? 0) + 1);
    }
    let best = -1;
    let bestVotes = -1;
    for (const [take, count] of votes) if (count > bestVotes) [best, bestVotes] = [take, count];
    truthTakeOfTake.push(best);
  });
  let correctNotes = 0;
  let aligned = 0;
  performance.truth.forEach((truth, i) => {
    if (truth.kind !== 'correct') return;
    correctNotes += 1;
    const t = takeOfNote[i] ?? -1;
    if (assigned[i] === truth.expectedIndex && t >= 0 && truthTakeOfTake[t] === truth.take) aligned += 1;
  });
  return { correctNotes, aligned };
}

export function runCase(c: AccuracyCase): CaseResult {
  const performance = performCase(c);
  const segmentation = alignRecording(performance.notes, c.exercise);
  const score = scoreSegmentation(performance, segmentation);
  return {
    group: groupOf(c.exercise),
    ...score,
    takesExpected: c.repetitions,
    takesFound: segmentation.takes.length,
  };
}

/** Runs every case and sums per group and overall. */
export function measureAccuracy(cases: readonly AccuracyCase[]): AccuracyReport {
  const rows = new Map<string, { cases: number; correctNotes: number; aligned: number; takesExpected: number; takesFound: number }>();
  const total = { cases: 0, correctNotes: 0, aligned: 0, takesExpected: 0, takesFound: 0 };
  for (const c of cases) {
    const result = runCase(c);
    const row = rows.get(result.group) ?? { cases: 0, correctNotes: 0, aligned: 0, takesExpected: 0, takesFound: 0 };
    for (const target of [row, total]) {
      target.cases += 1;
      target.correctNotes += result.correctNotes;
      target.aligned += result.aligned;
      target.takesExpected += result.takesExpected;
      target.takesFound += result.takesFound;
    }
    rows.set(result.group, row);
  }
  const finish = (group: string, row: typeof total): AccuracyRow => ({
    group,
    ...row,
    percent: row.correctNotes === 0 ? 100 : (100 * row.aligned) / row.correctNotes,
  });
  return {
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, row]) => finish(group, row)),
    overall: finish('overall', total),
  };
}

/** The report as a plain-text table. */
export function formatAccuracyTable(report: AccuracyReport): string {
  const header = ['exercise kind / hands', 'cases', 'takes (found/true)', 'correct notes', 'aligned right', '%'];
  const line = (row: AccuracyRow): string[] => [
    row.group,
    String(row.cases),
    `${row.takesFound}/${row.takesExpected}`,
    String(row.correctNotes),
    String(row.aligned),
    row.percent.toFixed(2),
  ];
  const body = [...report.rows.map(line), line(report.overall)];
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] ?? '').length)));
  const format = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [format(header), rule, ...report.rows.map((r) => format(line(r))), rule, format(line(report.overall))].join('\n');
}
