/**
 * measureTake: the per-finger, per-hand-and-direction and per-take evenness numbers of one
 * aligned take (see docs/metrics.md for every definition and its source).
 */
import type { Take } from '../align/types';
import type { Direction, Hand } from '../exercises/types';
import type { Note } from '../midi/types';
import { EMPTY_MEAN_SD, coefficientOfVariation, finiteOr0, meanSd, meanSdOf, median } from './stats';
import { analyseTiming, isReached, isTimed, playedOnset } from './timing';
import type { TakeTiming } from './timing';
import { measureThumbPassage } from './thumb-passage';
import type {
  FingerMetrics,
  HandDirectionMetrics,
  MeanSd,
  NoteMeasure,
  RunMetrics,
  SegmentFit,
  TakeMetrics,
} from './types';

const DIRECTIONS: readonly Direction[] = ['up', 'down'];

/**
 * Measures one aligned take. `notes` is the performance's note array (take.extraNoteIndices
 * index into it); only extra notes are read from it, everything else comes from take.matches.
 *
 * @example measureTake(take, notes).unevennessMs // e.g. 8.4 (ms)
 */
export function measureTake(take: Take, notes: readonly Note[]): TakeMetrics {
  const timing = analyseTiming(take);
  const measures = measureNotes(take, timing);
  const runs = measureRuns(take, timing, measures);
  const hands = measureHands(take, measures, runs);
  let extra = 0;
  for (const index of take.extraNoteIndices) if (notes[index] !== undefined) extra += 1;
  const correct = measures.filter((m) => m.correct);
  // Reached notes played at a wrong pitch, reached notes not played, and notes not reached.
  let wrongPitch = 0;
  let missed = 0;
  let unreached = 0;
  take.matches.forEach((m, i) => {
    if (!isReached(take, i)) unreached += 1;
    else if (m.note === null) missed += 1;
    else if (m.wrongPitch) wrongPitch += 1;
  });
  let timed = 0;
  for (const m of measures) if (m.deviationMs !== null) timed += 1;
  return {
    fingers: measureFingers(take, measures),
    unevennessMs: median(hands.filter((h) => h.runs > 0).map((h) => h.ioiSdMs)),
    hands,
    runs,
    thumbPassage: measureThumbPassage(measures),
    overall: {
      ...summaries(correct),
    },
    counts: {
      expected: take.matches.length,
      matched: correct.length,
      wrongPitch,
      missed,
      unreached,
      extra,
      timed,
      iois: runs.reduce((sum, run) => sum + run.ioiMs.count, 0),
      gaps: timing.gaps.length,
    },
    stepMs: timing.stepMs,
    gaps: timing.gaps,
    segments: timing.segments.map((segment): SegmentFit => {
      const first = segment.matchIndices[0];
      const residuals = segment.matchIndices.map((i) => timing.deviations[i] ?? Number.NaN);
      return {
        hand: segment.hand,
        run: segment.run,
        direction: (first !== undefined ? take.matches[first]?.expected.direction : undefined) ?? 'up',
        count: segment.fit === null ? 0 : segment.matchIndices.length,
        msPerStep: segment.fit?.slope ?? 0,
        residualSdMs: meanSd(residuals).sd,
      };
    }),
    notes: measures,
  };
}

/**
 * Per-note onset deviation (ms, + = late) keyed by index into the performance's note array;
 * only notes that were timed (see measureTake) appear.
 *
 * @example noteDeviations(take).get(17) // -3.2
 */
export function noteDeviations(take: Take): Map<number, number> {
  const timing = analyseTiming(take);
  const result = new Map<number, number>();
  take.matches.forEach((match, i) => {
    const deviation = timing.deviations[i];
    if (match.noteIndex !== null && deviation !== null && deviation !== undefined) result.set(match.noteIndex, deviation);
  });
  return result;
}

function measureNotes(take: Take, timing: TakeTiming): NoteMeasure[] {
  // The hand's next played note, for legato overlap: the next position in expected order. Not
  // across a stop: the silence of a breakdown is not a legato gap (as IOIs, see docs/metrics.md).
  const stopBefore = new Set(timing.gaps.map((gap) => gap.beforeMatch));
  const nextPlayed: (number | null)[] = take.matches.map(() => null);
  const previousAdjacent: (number | null)[] = take.matches.map(() => null);
  for (const order of timing.handOrder.values()) {
    for (let k = 0; k + 1 < order.length; k += 1) {
      const here = order[k];
      const next = order[k + 1];
      if (here === undefined || next === undefined) continue;
      if (playedOnset(take, next) !== null && !stopBefore.has(here)) nextPlayed[here] = next;
      previousAdjacent[next] = here;
    }
  }
  return take.matches.map((match, i): NoteMeasure => {
    const note = match.note;
    const correct = isTimed(take, i);
    const expected = match.expected;
    const next = nextPlayed[i];
    const nextOnset = next !== null && next !== undefined ? playedOnset(take, next) : null;
    const previous = previousAdjacent[i];
    const sameSegment =
      previous !== null && previous !== undefined && timing.segmentOf[previous] === timing.segmentOf[i] && timing.segmentOf[i] !== -1;
    // Inter-onset interval per grid step: with one step per note (scales, Hanon) the plain IOI;
    // over mixed note values (imported scores) the interval divided by the steps it spans, so a
    // quarter after sixteenths is compared with the sixteenths' pace. Notes on the same step
    // (a chord in one hand) have no interval between them.
    const previousStep = previous !== null && previous !== undefined ? (take.matches[previous]?.expected.step ?? expected.step) : expected.step;
    const stepsSpanned = expected.step - previousStep;
    const ioi =
      correct && sameSegment && isTimed(take, previous) && take.matches[previous]?.expected.run === expected.run && stepsSpanned > 0
        ? ((note?.onsetMs ?? 0) - (playedOnset(take, previous) ?? 0)) / stepsSpanned
        : null;
    // A note the assembler closed without a release (lost note-off, retrigger: Note.unreleased)
    // has an invented offset: its onset and velocity are real, its key-down is not measured.
    const finiteOffset = note !== null && Number.isFinite(note.offsetMs) && note.unreleased !== true;
    return {
      matchIndex: i,
      noteIndex: match.noteIndex,
      hand: expected.hand,
      finger: expected.finger,
      direction: expected.direction,
      position: expected.position,
      run: expected.run,
      step: expected.step,
      crossing: expected.crossing,
      reached: isReached(take, i),
      correct,
      deviationMs: timing.deviations[i] ?? null,
      predictedOnsetMs: timing.predicted[i] ?? null,
      ioiMs: ioi !== null && Number.isFinite(ioi) ? ioi : null,
      durationMs: correct && note !== null && finiteOffset ? Math.max(0, note.offsetMs - note.onsetMs) : null,
      legatoOverlapMs: correct && note !== null && finiteOffset && nextOnset !== null ? finite(note.offsetMs - nextOnset) : null,
      velocity: correct && note !== null && Number.isFinite(note.velocity) ? note.velocity : null,
      segment: timing.segmentOf[i] ?? -1,
    };
  });
}

function measureRuns(take: Take, timing: TakeTiming, measures: readonly NoteMeasure[]): RunMetrics[] {
  const runs: RunMetrics[] = [];
  for (const [hand, order] of timing.handOrder) {
    const byRun = new Map<number, number[]>();
    for (const i of order) {
      const run = take.matches[i]?.expected.run ?? 0;
      const list = byRun.get(run) ?? [];
      list.push(i);
      byRun.set(run, list);
    }
    for (const [run, indices] of [...byRun].sort((a, b) => a[0] - b[0])) {
      const first = indices[0];
      const direction = (first !== undefined ? take.matches[first]?.expected.direction : undefined) ?? 'up';
      const inRun = indices.map((i) => measures[i]).filter((m): m is NoteMeasure => m !== undefined);
      runs.push({
        hand,
        run,
        direction,
        expected: indices.length,
        timed: inRun.filter((m) => m.deviationMs !== null).length,
        ioiMs: meanSdOf(inRun, ioiOf),
      });
    }
  }
  return runs;
}

function measureHands(take: Take, measures: readonly NoteMeasure[], runs: readonly RunMetrics[]): HandDirectionMetrics[] {
  const result: HandDirectionMetrics[] = [];
  // The measures per hand and direction, in one pass (right up, right down, left up, left down).
  const cells: NoteMeasure[][] = [[], [], [], []];
  for (const m of measures) cells[(m.hand === 'right' ? 0 : 2) + (m.direction === 'up' ? 0 : 1)]?.push(m);
  for (const hand of handsOf(take)) {
    for (const direction of DIRECTIONS) {
      const cell = cells[(hand === 'right' ? 0 : 2) + (direction === 'up' ? 0 : 1)] ?? [];
      if (cell.length === 0) continue;
      const runSds = runs.filter((r) => r.hand === hand && r.direction === direction && r.ioiMs.count >= 2).map((r) => r.ioiMs.sd);
      result.push({
        hand,
        direction,
        ioiSdMs: meanSd(runSds).mean,
        runs: runSds.length,
        onsetDeviationMs: meanSdOf(cell, deviationOf),
        velocity: withCv(meanSdOf(cell, velocityOf)),
      });
    }
  }
  return result;
}

function measureFingers(take: Take, measures: readonly NoteMeasure[]): FingerMetrics[] {
  // One pass into buckets indexed by (hand, finger, direction), then one summary per bucket.
  const buckets: NoteMeasure[][] = [];
  const add = (key: number, m: NoteMeasure): void => {
    const list = buckets[key];
    if (list === undefined) buckets[key] = [m];
    else list.push(m);
  };
  for (const m of measures) {
    // A note whose finger the score does not give is measured per hand only.
    if (take.matches[m.matchIndex]?.expected.fingered === false) continue;
    const base = fingerBucket(m.hand, m.finger);
    add(base, m);
    add(base + (m.direction === 'up' ? 1 : 2), m);
  }
  const result: FingerMetrics[] = [];
  for (const hand of handsOf(take)) {
    for (const finger of [1, 2, 3, 4, 5] as const) {
      const base = fingerBucket(hand, finger);
      for (const [offset, direction] of BUCKET_DIRECTIONS) {
        const cell = buckets[base + offset];
        if (cell === undefined) continue;
        let count = 0;
        for (const m of cell) if (m.correct) count += 1;
        result.push({
          hand,
          finger,
          direction,
          count,
          ...summaries(cell),
        });
      }
    }
  }
  return result;
}

const BUCKET_DIRECTIONS = [
  [0, 'all'],
  [1, 'up'],
  [2, 'down'],
] as const;

/** First of three consecutive bucket slots ('all', 'up', 'down') of a hand's finger. */
function fingerBucket(hand: Hand, finger: number): number {
  return ((hand === 'right' ? 0 : 5) + finger - 1) * 3;
}

function handsOf(take: Take): Hand[] {
  let right = false;
  let left = false;
  for (const m of take.matches) {
    if (m.expected.hand === 'right') right = true;
    else if (m.expected.hand === 'left') left = true;
  }
  const hands: Hand[] = [];
  if (right) hands.push('right');
  if (left) hands.push('left');
  return hands;
}

/**
 * meanSdOf of onset deviation, velocity (with its CV), key-down duration and legato overlap over
 * the same notes, in one pair of passes instead of four: the same arithmetic per measure, in the
 * same order, so the same numbers.
 */
function summaries(
  cell: readonly NoteMeasure[],
): { onsetDeviationMs: MeanSd; velocity: MeanSd & { cv: number }; durationMs: MeanSd; legatoOverlapMs: MeanSd } {
  const n = cell.length;
  for (let q = 0; q < 4; q += 1) {
    counts[q] = 0;
    shifts[q] = 0;
    sums[q] = 0;
    squares[q] = 0;
    residuals[q] = 0;
  }
  for (let k = 0; k < n; k += 1) {
    const m = cell[k];
    if (m === undefined) continue;
    accumulate(0, m.deviationMs);
    accumulate(1, m.velocity);
    accumulate(2, m.durationMs);
    accumulate(3, m.legatoOverlapMs);
  }
  for (let q = 0; q < 4; q += 1) means[q] = (counts[q] ?? 0) > 0 ? (sums[q] ?? 0) / (counts[q] ?? 1) : 0;
  if ((counts[0] ?? 0) > 1 || (counts[1] ?? 0) > 1 || (counts[2] ?? 0) > 1 || (counts[3] ?? 0) > 1) {
    for (let k = 0; k < n; k += 1) {
      const m = cell[k];
      if (m === undefined) continue;
      spread(0, m.deviationMs);
      spread(1, m.velocity);
      spread(2, m.durationMs);
      spread(3, m.legatoOverlapMs);
    }
  }
  const velocity = summary(1);
  return {
    onsetDeviationMs: summary(0),
    velocity: { count: velocity.count, mean: velocity.mean, sd: velocity.sd, cv: coefficientOfVariation(velocity) },
    durationMs: summary(2),
    legatoOverlapMs: summary(3),
  };
}

// summaries' accumulators, per measure (deviation, velocity, duration, overlap).
const counts = new Float64Array(4);
const shifts = new Float64Array(4);
const sums = new Float64Array(4);
const means = new Float64Array(4);
const squares = new Float64Array(4);
const residuals = new Float64Array(4);

function accumulate(q: number, value: number | null): void {
  if (value === null || !Number.isFinite(value)) return;
  if (counts[q] === 0) shifts[q] = value;
  sums[q] = (sums[q] ?? 0) + (value - (shifts[q] ?? 0));
  counts[q] = (counts[q] ?? 0) + 1;
}

function spread(q: number, value: number | null): void {
  if (value === null || !Number.isFinite(value) || (counts[q] ?? 0) < 2) return;
  const d = value - (shifts[q] ?? 0) - (means[q] ?? 0);
  squares[q] = (squares[q] ?? 0) + d * d;
  residuals[q] = (residuals[q] ?? 0) + d;
}

/** As meanSdOf ends (stats.ts). */
function summary(q: number): MeanSd {
  const count = counts[q] ?? 0;
  if (count === 0) return EMPTY_MEAN_SD;
  const mean = finiteOr0((shifts[q] ?? 0) + (means[q] ?? 0));
  if (count === 1) return { count, mean, sd: 0 };
  const residual = residuals[q] ?? 0;
  const variance = Math.max(0, ((squares[q] ?? 0) - (residual * residual) / count) / (count - 1));
  return { count, mean, sd: finiteOr0(Math.sqrt(variance)) };
}

// The summarised measures (module-level: no closure per summary).
function deviationOf(m: NoteMeasure): number | null {
  return m.deviationMs;
}

function velocityOf(m: NoteMeasure): number | null {
  return m.velocity;
}

function ioiOf(m: NoteMeasure): number | null {
  return m.ioiMs;
}

function withCv(summary: MeanSd): MeanSd & { cv: number } {
  return { count: summary.count, mean: summary.mean, sd: summary.sd, cv: coefficientOfVariation(summary) };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
