/**
 * Forced alignment of one take: which played note is which expected note (and so which finger),
 * with the tempo grid fitted on the way. Three banded passes: a rough one on pitch with a loose
 * grid, then two with the grid fitted to what was matched, where a note's distance to its grid
 * slot counts as much as its pitch.
 */
import type { Exercise } from '../exercises/types';
import type { Note } from '../midi/types';
import { DEFAULT_COSTS, pitchCost, timingCost } from './costs';
import type { AlignCosts } from './costs';
import { evenGrid, fitGrid } from './grid';
import type { Grid } from './grid';
import type { NoteRange } from './pauses';
import { alignSpan } from './span';
import type { SpanAlignment } from './span';
import type { Match, Take } from './types';
import { exerciseView, noteView } from './view';
import type { NoteView } from './view';

/** Expected notes covered by an attempt, [from, to). */
export interface ExpectedSpan {
  readonly from: number;
  readonly to: number;
}

export interface TakeOptions {
  /** Played notes to align, [start, end) into `notes`; default all of them. */
  readonly range?: NoteRange;
  /** Expected notes to align, default the whole exercise. */
  readonly span?: ExpectedSpan;
  /** Known matches (expected index, note index) that seed the tempo grid. */
  readonly anchors?: { readonly expected: readonly number[]; readonly played: readonly number[] };
  /** The attempt ended in a breakdown (recorded on the take). */
  readonly brokenOff?: boolean;
  readonly costs?: Partial<AlignCosts>;
  /** Typed view of `notes`, when the caller already has one. */
  readonly view?: NoteView;
}

/**
 * Aligns the notes of one take to an exercise.
 *
 * @example alignTake(getExercise('scale-c-major-rh-2oct')!, notes).matches[3].expected.finger // 1
 */
export function alignTake(exercise: Exercise, notes: readonly Note[], options: TakeOptions = {}): Take {
  const costs: AlignCosts = { ...DEFAULT_COSTS, ...options.costs };
  const range = options.range ?? { start: 0, end: notes.length };
  const span = options.span ?? { from: 0, to: exercise.notes.length };
  const all = options.view ?? noteView(notes);
  const view = exerciseView(exercise);
  const expectedPitch = view.pitch.subarray(span.from, span.to);
  const expectedStep = view.step.subarray(span.from, span.to);
  const playedPitch = all.pitch.subarray(range.start, range.end);
  const playedOnset = all.onset.subarray(range.start, range.end);

  const refine = (start: Grid): { result: SpanAlignment; grid: Grid } => {
    let grid = start;
    let result: SpanAlignment | null = null;
    for (let pass = 0; pass < 2; pass += 1) {
      result = alignSpan({
        expectedPitch,
        expectedStep,
        predictedMs: grid.predictedMs,
        playedPitch,
        playedOnset,
        sigmaMs: grid.sigmaMs,
        windowMs: Math.max(3 * grid.stepMs, 5 * grid.sigmaMs),
        costs,
      });
      if (pass === 0) grid = gridFromPairs(result.pairs, expectedPitch, expectedStep, playedPitch, playedOnset) ?? grid;
    }
    if (result === null) throw new Error('unreachable: alignment ran no pass');
    return { result, grid };
  };

  const anchored = options.anchors
    ? gridFrom(options.anchors.expected, options.anchors.played, span, range, view.pitch, view.step, all, expectedStep)
    : null;
  const fromAnchors = anchored === null ? null : refine(anchored);
  // Pitch matches pin distinct pitches down; with repeated pitches (trills, repeated notes) they
  // can be off by a step, so other starts compete: notes spread evenly over the span, and the
  // grid read from the pulse.
  if (fromAnchors !== null && !repetitive(expectedPitch)) {
    return buildTake(exercise, notes, range, span, fromAnchors.result, fromAnchors.grid, options.brokenOff ?? false);
  }
  const first = playedOnset[0] ?? 0;
  const last = playedOnset[playedOnset.length - 1] ?? first;
  const rough = evenGrid(first, last, expectedStep);
  const roughPass = alignSpan({
    expectedPitch,
    expectedStep,
    predictedMs: rough.predictedMs,
    playedPitch,
    playedOnset,
    sigmaMs: rough.sigmaMs,
    windowMs: Math.max(8 * rough.stepMs, 0.25 * (last - first), 1000),
    costs: { ...costs, timingWeight: 0.3 * costs.timingWeight },
  });
  const candidates = [refine(gridFromPairs(roughPass.pairs, expectedPitch, expectedStep, playedPitch, playedOnset) ?? rough)];
  if (fromAnchors !== null) candidates.push(fromAnchors);
  const pulse = pulseGrid(playedOnset, expectedStep);
  if (pulse !== null) candidates.push(refine(pulse));
  // Each candidate measured its own timing spread; a wrong alignment measures a wider one and so
  // looks cheaper than it is. Compare them all under the narrowest spread.
  const sigmaMs = Math.min(...candidates.map((candidate) => candidate.grid.sigmaMs));
  let best = candidates[0];
  let bestCost = Infinity;
  for (const candidate of candidates) {
    const cost = rescore(candidate.result, candidate.grid, sigmaMs, expectedPitch, playedPitch, playedOnset, costs);
    if (cost < bestCost) {
      bestCost = cost;
      best = candidate;
    }
  }
  if (!best) throw new Error('unreachable: no alignment candidate');
  return buildTake(exercise, notes, range, span, best.result, best.grid, options.brokenOff ?? false);
}

/**
 * A grid read from the pulse alone: the median inter-onset interval is the step, every note sits
 * on the nearest whole step from the first one, and a robust line through those refines both.
 * Missed notes leave a gap of two steps and extra notes fall between steps, so this start knows
 * where a note is missing even when every note has the same pitch.
 */
function pulseGrid(onsets: Float64Array, expectedStep: Float64Array): Grid | null {
  const intervals: number[] = [];
  for (let j = 1; j < onsets.length; j += 1) {
    const interval = (onsets[j] ?? 0) - (onsets[j - 1] ?? 0);
    if (interval >= SAME_STEP_MS) intervals.push(interval);
  }
  if (intervals.length < 2) return null;
  intervals.sort((a, b) => a - b);
  let stepMs = intervals[intervals.length >> 1] ?? 0;
  let originMs = onsets[0] ?? 0;
  const firstStep = expectedStep[0] ?? 0;
  const steps = new Float64Array(onsets.length);
  let grid: Grid | null = null;
  for (let round = 0; round < 2 && stepMs > 0; round += 1) {
    for (let j = 0; j < onsets.length; j += 1) steps[j] = firstStep + Math.max(0, Math.round(((onsets[j] ?? 0) - originMs) / stepMs));
    grid = fitGrid(steps, onsets, expectedStep);
    if (grid === null) return null;
    stepMs = grid.stepMs;
    originMs = (grid.predictedMs[0] ?? originMs) - ((expectedStep[0] ?? 0) - firstStep) * stepMs;
  }
  return grid;
}

// Onsets closer than this are one step (both hands, or a chord).
const SAME_STEP_MS = 35;

/** Cost of a finished alignment with the timing priced at a given spread. */
function rescore(
  result: SpanAlignment,
  grid: Grid,
  sigmaMs: number,
  expectedPitch: Int16Array,
  playedPitch: Int16Array,
  playedOnset: Float64Array,
  costs: AlignCosts,
): number {
  let total = result.extras.length * costs.extra;
  result.pairs.forEach((p, e) => {
    if (p < 0) {
      total += costs.missed;
      return;
    }
    total += pitchCost(expectedPitch[e] ?? 0, playedPitch[p] ?? 0, costs);
    total += timingCost((playedOnset[p] ?? 0) - (grid.predictedMs[e] ?? 0), sigmaMs, costs);
  });
  return total;
}

/** Few distinct pitches for the length: a pitch match says little about which note it was. */
function repetitive(pitches: Int16Array): boolean {
  return new Set(pitches).size < 0.35 * pitches.length;
}

function gridFrom(
  expected: readonly number[],
  played: readonly number[],
  span: ExpectedSpan,
  range: NoteRange,
  pitch: Int16Array,
  step: Float64Array,
  all: NoteView,
  expectedStep: Float64Array,
): Grid | null {
  const steps: number[] = [];
  const onsets: number[] = [];
  for (let k = 0; k < expected.length; k += 1) {
    const e = expected[k] ?? -1;
    const p = played[k] ?? -1;
    if (e < span.from || e >= span.to || p < range.start || p >= range.end) continue;
    if (pitch[e] !== all.pitch[p]) continue;
    steps.push(step[e] ?? 0);
    onsets.push(all.onset[p] ?? 0);
  }
  return sortedFit(steps, onsets, expectedStep);
}

function gridFromPairs(
  pairs: Int32Array,
  expectedPitch: Int16Array,
  expectedStep: Float64Array,
  playedPitch: Int16Array,
  playedOnset: Float64Array,
): Grid | null {
  const steps: number[] = [];
  const onsets: number[] = [];
  for (let e = 0; e < pairs.length; e += 1) {
    const p = pairs[e] ?? -1;
    if (p < 0 || expectedPitch[e] !== playedPitch[p]) continue;
    steps.push(expectedStep[e] ?? 0);
    onsets.push(playedOnset[p] ?? 0);
  }
  return sortedFit(steps, onsets, expectedStep);
}

function sortedFit(steps: number[], onsets: number[], querySteps: Float64Array): Grid | null {
  // Steps come in expected order, already non-decreasing; a swap inside a step keeps them so.
  return fitGrid(steps, onsets, querySteps);
}

function buildTake(
  exercise: Exercise,
  notes: readonly Note[],
  range: NoteRange,
  span: ExpectedSpan,
  result: SpanAlignment,
  grid: Grid,
  brokenOff: boolean,
): Take {
  const matches: Match[] = exercise.notes.map((expected, index) => {
    const local = index >= span.from && index < span.to ? (result.pairs[index - span.from] ?? -1) : -1;
    const noteIndex = local >= 0 ? range.start + local : null;
    const note = noteIndex === null ? null : (notes[noteIndex] ?? null);
    return { expected, noteIndex, note, wrongPitch: note !== null && note.pitch !== expected.pitch };
  });
  const extraNoteIndices = result.extras.map((local) => range.start + local);
  let startMs = Infinity;
  let endMs = -Infinity;
  for (let k = range.start; k < range.end; k += 1) {
    const note = notes[k];
    if (!note) continue;
    startMs = Math.min(startMs, note.onsetMs);
    endMs = Math.max(endMs, note.offsetMs);
  }
  if (!Number.isFinite(startMs)) startMs = endMs = 0;
  const bpm = 60_000 / (grid.stepMs * exercise.subdivision);
  const complete = span.from === 0 && span.to === exercise.notes.length;
  return {
    exercise,
    startMs,
    endMs,
    matches,
    extraNoteIndices,
    bpm,
    cost: result.cost,
    ...(complete ? {} : { span: { from: span.from, to: span.to } }),
    ...(brokenOff ? { breakdown: true } : {}),
  };
}
