/**
 * Forced alignment of one take: which played note is which expected note (and so which finger),
 * with the tempo grid fitted on the way. Three banded passes: a rough one on pitch with a loose
 * grid, then two with the grid fitted to what was matched, where a note's distance to its grid
 * slot counts as much as its pitch.
 */
import type { Exercise } from '../exercises/types';
import type { Note } from '../midi/types';
import { kthSmallestOfList } from '../numeric/median';
import { DEFAULT_COSTS, pitchCost, timingCost } from './costs';
import type { AlignCosts } from './costs';
import { evenGrid, fitGrid, offsetGrid } from './grid';
import type { Grid } from './grid';
import type { NoteRange } from './pauses';
import { alignSpan } from './span';
import { findStops } from './stops';
import type { StopAnchors, Stops } from './stops';
import type { SpanAlignment } from './span';
import type { Match, Take } from './types';
import { exerciseView, noteView } from './view';
import type { ExerciseView, NoteView } from './view';

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
  const brokenOff = options.brokenOff ?? false;
  const anchors = options.anchors ? anchorsIn(options.anchors, span, range, view.pitch, view.step, all) : null;
  const stops = anchors === null ? null : findStops(anchors, all.onset);
  if (anchors === null || stops === null || stops.cuts.length === 0) {
    const whole = alignSegment(view, all, range, span, anchors, costs, fitGrid);
    return buildTake(exercise, notes, range, span, absolutePairs(whole.result, range), whole.result.extras.map((k) => range.start + k), whole.result.cost, whole.grid.stepMs, brokenOff);
  }
  return alignAroundStops(exercise, notes, view, all, range, span, anchors, stops, costs, brokenOff);
}

/** Pitch-matched anchors inside the span and range, in expected order. */
interface Anchors extends StopAnchors {
  readonly steps: number[];
  readonly onsets: number[];
  readonly played: number[];
  readonly expected: number[];
}

type GridFit = (steps: number[], onsets: number[], query: Float64Array) => Grid | null;

/**
 * One stretch of a take, aligned with one tempo grid: the grid from the anchors refined twice,
 * and for repetitive exercises two more starts competing (see alignTake).
 */
function alignSegment(
  view: ExerciseView,
  all: NoteView,
  range: NoteRange,
  span: ExpectedSpan,
  anchors: Anchors | null,
  costs: AlignCosts,
  fit: GridFit,
  openStart = false,
): { result: SpanAlignment; grid: Grid } {
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
        openStart,
      });
      if (pass === 0) {
        const next = gridFromPairs(result.pairs, expectedPitch, expectedStep, playedPitch, playedOnset, fit) ?? grid;
        // The first pass kept the matches the grid came from: the second would get the same grid
        // and so return the same alignment (most takes; skipping it is exact).
        if (sameGrid(next, grid)) return { result, grid: next };
        grid = next;
      }
    }
    if (result === null) throw new Error('unreachable: alignment ran no pass');
    return { result, grid };
  };

  const anchored = anchors === null ? null : fit(anchors.steps, anchors.onsets, expectedStep);
  const fromAnchors = anchored === null ? null : refine(anchored);
  // Pitch matches pin distinct pitches down; with repeated pitches (trills, repeated notes) they
  // can be off by a step, so other starts compete: notes spread evenly over the span, and the
  // grid read from the pulse.
  if (fromAnchors !== null && !repetitive(expectedPitch)) return fromAnchors;
  const first = playedOnset[0] ?? 0;
  const last = playedOnset[playedOnset.length - 1] ?? first;
  const rough = evenGrid(first, last, expectedStep);
  const roughCosts = { ...costs, timingWeight: 0.3 * costs.timingWeight };
  const roughPass = alignSpan({
    expectedPitch,
    expectedStep,
    predictedMs: rough.predictedMs,
    playedPitch,
    playedOnset,
    sigmaMs: rough.sigmaMs,
    windowMs: Math.max(8 * rough.stepMs, 0.25 * (last - first), 1000),
    costs: roughCosts,
    openStart,
    // The wide rough band mostly holds cells far off any good path: the anchored alignment,
    // priced as this pass prices it, says how far off they may be (an exact saving, see alignSpan).
    ...(fromAnchors === null ? {} : { costGuess: rescore(fromAnchors.result, rough, rough.sigmaMs, expectedPitch, playedPitch, playedOnset, roughCosts) }),
  });
  const fromRough = gridFromPairs(roughPass.pairs, expectedPitch, expectedStep, playedPitch, playedOnset, fit) ?? rough;
  // Most often the rough pass leads back to the anchors' grid: the same refinement, already made.
  const candidates = [fromAnchors !== null && anchored !== null && sameGrid(fromRough, anchored) ? fromAnchors : refine(fromRough)];
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
  return best;
}

// A stretch between stops is aligned over the expected notes its anchors cover, widened by this
// many grid steps before its first anchor (a restart a few notes back, replaying them)...
const HEAD_STEPS = 8;
// ...and after its last one by the notes played after that anchor and this many steps more (a
// note or two played off pitch just before the stop, or a last anchor that the pitch-only search
// put on a repeated pitch a couple of notes early).
const TAIL_STEPS = 3;
// A stretch with fewer anchors than this, or spanning fewer steps, keeps the take's step and
// only reads its own offset: a handful of notes cannot measure a tempo.
const MIN_ANCHORS_FOR_OWN_TEMPO = 8;

/**
 * A take with stops inside: each stretch between stops gets its own grid. Notes after a stop
 * that replay expected notes already matched before it (a restart a few notes back) become
 * extra notes of the take, so the take stays one run with a gap that metrics and events see as
 * a stop, and the replayed notes as its restart.
 */
function alignAroundStops(
  exercise: Exercise,
  notes: readonly Note[],
  view: ExerciseView,
  all: NoteView,
  range: NoteRange,
  span: ExpectedSpan,
  anchors: Anchors,
  stops: Stops,
  costs: AlignCosts,
  brokenOff: boolean,
): Take {
  const bounds = [range.start, ...stops.cuts, range.end];
  const pairs = new Int32Array(span.to - span.from).fill(-1);
  const extras: number[] = [];
  let cost = 0;
  let lastMatched = -1;
  let stepMs = stops.stepMs;
  let longest = -1;
  const fit: GridFit = (steps, onsets, query) =>
    steps.length >= MIN_ANCHORS_FOR_OWN_TEMPO && (steps[steps.length - 1] ?? 0) - (steps[0] ?? 0) >= MIN_ANCHORS_FOR_OWN_TEMPO
      ? fitGrid(steps, onsets, query)
      : offsetGrid(steps, onsets, stops.stepMs, query);
  for (let piece = 0; piece + 1 < bounds.length; piece += 1) {
    const pieceRange = { start: bounds[piece] ?? range.start, end: bounds[piece + 1] ?? range.end };
    const own = anchorsWithin(anchors, pieceRange, lastMatched);
    const firstStep = own.steps[0];
    const lastStep = own.steps[own.steps.length - 1];
    const pieceSpan = {
      from: piece === 0 || firstStep === undefined ? span.from : Math.min(Math.max(lastMatched + 1, firstAtStep(view.step, span, firstStep - HEAD_STEPS)), span.to - 1),
      to: piece + 2 === bounds.length || lastStep === undefined ? span.to : lastAtStep(view.step, span, lastStep + TAIL_STEPS + notesAfter(own, pieceRange)),
    };
    const { result, grid } = alignSegment(view, all, pieceRange, pieceSpan, own, costs, fit, piece > 0);
    cost += result.cost;
    let reached = lastMatched;
    result.pairs.forEach((local, e) => {
      if (local < 0) return;
      const expected = pieceSpan.from + e;
      const note = pieceRange.start + local;
      // Played again after the stop: the restart, not a second match.
      if (expected <= lastMatched) extras.push(note);
      else {
        pairs[expected - span.from] = note;
        reached = Math.max(reached, expected);
      }
    });
    lastMatched = reached;
    for (const local of result.extras) extras.push(pieceRange.start + local);
    if (own.steps.length > longest) {
      longest = own.steps.length;
      stepMs = grid.stepMs;
    }
  }
  extras.sort((a, b) => a - b);
  return buildTake(exercise, notes, range, span, pairs, extras, cost, stepMs, brokenOff);
}

function anchorsIn(
  given: { readonly expected: readonly number[]; readonly played: readonly number[] },
  span: ExpectedSpan,
  range: NoteRange,
  pitch: Int16Array,
  step: Float64Array,
  all: NoteView,
): Anchors {
  const anchors: Anchors = { steps: [], onsets: [], played: [], expected: [] };
  for (let k = 0; k < given.expected.length; k += 1) {
    const e = given.expected[k] ?? -1;
    const p = given.played[k] ?? -1;
    if (e < span.from || e >= span.to || p < range.start || p >= range.end) continue;
    if (pitch[e] !== all.pitch[p]) continue;
    anchors.steps.push(step[e] ?? 0);
    anchors.onsets.push(all.onset[p] ?? 0);
    anchors.played.push(p);
    anchors.expected.push(e);
  }
  return anchors;
}

/**
 * The anchors played in `range`, leaving out those that replay an expected note already matched
 * before (up to `matchedUpTo`): a restart's notes say where the player went back to, not where
 * the run goes on, so they must not place the grid. All of them when nothing else is left.
 */
function anchorsWithin(anchors: Anchors, range: NoteRange, matchedUpTo: number): Anchors {
  const pick = (skipReplays: boolean): Anchors => {
    const own: Anchors = { steps: [], onsets: [], played: [], expected: [] };
    anchors.played.forEach((p, k) => {
      const e = anchors.expected[k] ?? 0;
      if (p < range.start || p >= range.end || (skipReplays && e <= matchedUpTo)) return;
      own.steps.push(anchors.steps[k] ?? 0);
      own.onsets.push(anchors.onsets[k] ?? 0);
      own.played.push(p);
      own.expected.push(e);
    });
    return own;
  };
  const after = pick(true);
  return after.steps.length > 0 ? after : pick(false);
}

/** Notes of the range played after its last anchor: they may still be expected notes. */
function notesAfter(anchors: Anchors, range: NoteRange): number {
  const last = anchors.played[anchors.played.length - 1];
  return last === undefined ? 0 : Math.max(0, range.end - 1 - last);
}

/** First expected index of the span at or after grid step `step`. */
function firstAtStep(steps: Float64Array, span: ExpectedSpan, step: number): number {
  let e = span.from;
  while (e < span.to && (steps[e] ?? 0) < step) e += 1;
  return Math.min(e, span.to - 1);
}

/** One past the last expected index of the span at or before grid step `step`. */
function lastAtStep(steps: Float64Array, span: ExpectedSpan, step: number): number {
  let e = span.to;
  while (e > span.from && (steps[e - 1] ?? 0) > step) e -= 1;
  return Math.max(e, span.from + 1);
}

function absolutePairs(result: SpanAlignment, range: NoteRange): Int32Array {
  return result.pairs.map((local) => (local >= 0 ? range.start + local : -1));
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
  let stepMs = kthSmallestOfList(intervals, intervals.length >> 1);
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

/** The same step, spread and predicted onsets (bit for bit): an alignment pass would repeat itself. */
function sameGrid(a: Grid, b: Grid): boolean {
  if (a === b) return true;
  if (a.stepMs !== b.stepMs || a.sigmaMs !== b.sigmaMs || a.predictedMs.length !== b.predictedMs.length) return false;
  for (let k = 0; k < a.predictedMs.length; k += 1) if (a.predictedMs[k] !== b.predictedMs[k]) return false;
  return true;
}

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
  // Distinct pitches counted on a reused bitmap (MIDI pitches); a Set per take was measurable.
  let distinct = 0;
  seenPitch.fill(0);
  for (let k = 0; k < pitches.length; k += 1) {
    const pitch = pitches[k] ?? 0;
    if (pitch < 0 || pitch >= seenPitch.length) return new Set(pitches).size < 0.35 * pitches.length;
    if (seenPitch[pitch] === 0) {
      seenPitch[pitch] = 1;
      distinct += 1;
    }
  }
  return distinct < 0.35 * pitches.length;
}

const seenPitch = new Uint8Array(128);

function gridFromPairs(
  pairs: Int32Array,
  expectedPitch: Int16Array,
  expectedStep: Float64Array,
  playedPitch: Int16Array,
  playedOnset: Float64Array,
  fit: GridFit,
): Grid | null {
  const steps: number[] = [];
  const onsets: number[] = [];
  for (let e = 0; e < pairs.length; e += 1) {
    const p = pairs[e] ?? -1;
    if (p < 0 || expectedPitch[e] !== playedPitch[p]) continue;
    steps.push(expectedStep[e] ?? 0);
    onsets.push(playedOnset[p] ?? 0);
  }
  // Steps come in expected order, already non-decreasing; a swap inside a step keeps them so.
  return fit(steps, onsets, expectedStep);
}

function buildTake(
  exercise: Exercise,
  notes: readonly Note[],
  range: NoteRange,
  span: ExpectedSpan,
  pairs: Int32Array,
  extras: readonly number[],
  cost: number,
  stepMs: number,
  brokenOff: boolean,
): Take {
  const matches: Match[] = exercise.notes.map((expected, index) => {
    const played = index >= span.from && index < span.to ? (pairs[index - span.from] ?? -1) : -1;
    const noteIndex = played >= 0 ? played : null;
    const note = noteIndex === null ? null : (notes[noteIndex] ?? null);
    return { expected, noteIndex, note, wrongPitch: note !== null && note.pitch !== expected.pitch };
  });
  const extraNoteIndices = [...extras];
  let startMs = Infinity;
  let endMs = -Infinity;
  for (let k = range.start; k < range.end; k += 1) {
    const note = notes[k];
    if (!note) continue;
    startMs = Math.min(startMs, note.onsetMs);
    endMs = Math.max(endMs, note.offsetMs);
  }
  if (!Number.isFinite(startMs)) startMs = endMs = 0;
  const bpm = 60_000 / (stepMs * exercise.subdivision);
  const complete = span.from === 0 && span.to === exercise.notes.length;
  return {
    exercise,
    startMs,
    endMs,
    matches,
    extraNoteIndices,
    bpm,
    cost,
    ...(complete ? {} : { span: { from: span.from, to: span.to } }),
    ...(brokenOff ? { breakdown: true } : {}),
  };
}
