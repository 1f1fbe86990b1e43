/**
 * The timing skeleton of a take: each hand's notes in expected order, the interval per grid step,
 * the stops that split a run (gaps far beyond the grid), and a least-squares line per run
 * segment giving every timed note its deviation (van Vugt, Jabusch & Altenmüller 2012: the
 * line removes tempo drift; what is left is unevenness).
 *
 * Timed notes are expected notes played at the right pitch with a finite onset. Wrong-pitch and
 * missed notes are left out of the fits: a wrong key may have been struck by another finger, and
 * a missed one has no onset.
 */
import type { Take } from '../align/types';
import type { Hand } from '../exercises/types';
import { fitLine, predict, residual } from './line-fit';
import type { LineFit } from './line-fit';
import { median, scaledMad } from './stats';
import type { TimingGap } from './types';

/** A run must be interrupted by at least this many grid steps of silence to count as a stop... */
export const GAP_MIN_STEPS = 3;
/** ...and at least this long in ms, so a fast tempo's short pause is not a stop... */
export const GAP_MIN_MS = 400;
/** ...and this many robust SDs beyond the usual interval jitter of the take. */
export const GAP_MIN_ROBUST_SDS = 10;
/** A segment needs this many timed notes for its line (two points always fit exactly). */
export const MIN_FIT_NOTES = 3;
/** Fallback interval per step when the take gives no usable pair of notes. */
const FALLBACK_STEP_MS = 125;

export interface Segment {
  readonly hand: Hand;
  readonly run: number;
  /** Indices into take.matches of the segment's timed notes, in step order. */
  readonly matchIndices: readonly number[];
  /** Null with fewer than MIN_FIT_NOTES timed notes. */
  readonly fit: LineFit | null;
}

export interface TakeTiming {
  /** Interval per grid step (ms). */
  readonly stepMs: number;
  /** Per hand: indices into take.matches in expected (position) order. */
  readonly handOrder: ReadonlyMap<Hand, readonly number[]>;
  readonly gaps: readonly TimingGap[];
  readonly segments: readonly Segment[];
  /** Per match: its segment index or -1. */
  readonly segmentOf: readonly number[];
  /** Per match: onset minus its segment's line, or null. */
  readonly deviations: readonly (number | null)[];
  /** Per match: the segment line's onset, or null (also for missed notes inside a fitted segment). */
  readonly predicted: readonly (number | null)[];
}

/**
 * Onset of a reached match's note when it was played at all (any pitch) with a finite onset.
 *
 * @example playedOnset(take, 0) // 1000, or null when missed or unreached
 */
export function playedOnset(take: Take, matchIndex: number): number | null {
  if (!isReached(take, matchIndex)) return null;
  const onset = take.matches[matchIndex]?.note?.onsetMs;
  return onset !== undefined && Number.isFinite(onset) ? onset : null;
}

/**
 * False for expected notes outside the attempt's span (take.span, set by the aligner when a take
 * stopped early or started late): they were not reached, so they are neither missed nor timed.
 *
 * @example isReached({ ...take, span: { from: 0, to: 10 } }, 12) // false
 */
export function isReached(take: Take, matchIndex: number): boolean {
  const span = take.span;
  return span === undefined || (matchIndex >= span.from && matchIndex < span.to);
}

/**
 * True when the match is a reached expected note played at the right pitch with a finite onset.
 *
 * @example isTimed(take, 3) // false when note 3 was missed or played at a wrong pitch
 */
export function isTimed(take: Take, matchIndex: number): boolean {
  const match = take.matches[matchIndex];
  return match !== undefined && !match.wrongPitch && isReached(take, matchIndex) && playedOnset(take, matchIndex) !== null;
}

/**
 * Computes the timing skeleton of a take.
 *
 * @example analyseTiming(take).deviations[3] // ms, + = late, or null
 */
export function analyseTiming(take: Take): TakeTiming {
  const handOrder = orderByHand(take);
  const stepMs = estimateStepMs(take, handOrder);
  const gaps: TimingGap[] = [];
  for (const [hand, order] of handOrder) gaps.push(...findGaps(take, hand, order, stepMs));
  const gapStarts = new Set(gaps.map((gap) => gap.beforeMatch));

  const segments: Segment[] = [];
  const segmentOf: number[] = take.matches.map(() => -1);
  const deviations: (number | null)[] = take.matches.map(() => null);
  const predicted: (number | null)[] = take.matches.map(() => null);
  for (const [hand, order] of handOrder) {
    // Walk the hand's notes; a new segment starts with each run and after each gap.
    let run = 0;
    let all: number[] | null = null;
    for (const matchIndex of order) {
      const noteRun = take.matches[matchIndex]?.expected.run ?? 0;
      if (all === null || run !== noteRun) {
        if (all !== null) segments.push(fitSegment(take, hand, run, all, segments.length, segmentOf, deviations, predicted));
        run = noteRun;
        all = [];
      }
      all.push(matchIndex);
      if (gapStarts.has(matchIndex)) {
        segments.push(fitSegment(take, hand, run, all, segments.length, segmentOf, deviations, predicted));
        all = null;
      }
    }
    if (all !== null) segments.push(fitSegment(take, hand, run, all, segments.length, segmentOf, deviations, predicted));
  }
  return { stepMs, handOrder, gaps, segments, segmentOf, deviations, predicted };
}

function orderByHand(take: Take): Map<Hand, number[]> {
  const whole = exerciseOrder(take);
  if (whole === null) return sortedByHand(take);
  // The exercise's order restricted to the reached notes (a span keeps the order), hands in the
  // order of their first reached note, as sortedByHand gives.
  const span = take.span;
  const from = span === undefined ? 0 : Math.max(0, span.from);
  const to = span === undefined ? take.matches.length : Math.min(take.matches.length, span.to);
  const byHand = new Map<Hand, number[]>();
  const first = take.matches[from]?.expected.hand;
  if (from >= to || first === undefined) return byHand;
  for (const hand of first === 'right' ? HANDS_RIGHT_FIRST : HANDS_LEFT_FIRST) {
    const all = whole.get(hand);
    if (all === undefined) continue;
    const list: number[] = [];
    for (const i of all) if (i >= from && i < to) list.push(i);
    if (list.length > 0) byHand.set(hand, list);
  }
  return byHand;
}

const HANDS_RIGHT_FIRST: readonly Hand[] = ['right', 'left'];
const HANDS_LEFT_FIRST: readonly Hand[] = ['left', 'right'];

// Per exercise: every note's index per hand in expected (position) order, sorted once.
const exerciseOrders = new WeakMap<Take['exercise'], Map<Hand, number[]>>();

/**
 * The per-hand order of all the exercise's notes (cached per exercise), or null when the take's
 * matches are not the exercise's notes one for one (then each take is sorted on its own).
 */
function exerciseOrder(take: Take): Map<Hand, number[]> | null {
  const notes = take.exercise.notes;
  if (notes.length !== take.matches.length) return null;
  for (let i = 0; i < notes.length; i += 1) if (take.matches[i]?.expected !== notes[i]) return null;
  const cached = exerciseOrders.get(take.exercise);
  if (cached) return cached;
  const order = sortedByHand({ ...take, span: undefined });
  exerciseOrders.set(take.exercise, order);
  return order;
}

/** Each hand's reached notes sorted by position, then step, then index. */
function sortedByHand(take: Take): Map<Hand, number[]> {
  const byHand = new Map<Hand, number[]>();
  take.matches.forEach((match, i) => {
    if (!isReached(take, i)) return;
    const list = byHand.get(match.expected.hand) ?? [];
    list.push(i);
    byHand.set(match.expected.hand, list);
  });
  for (const list of byHand.values()) {
    list.sort((a, b) => {
      const ea = take.matches[a]?.expected;
      const eb = take.matches[b]?.expected;
      return (ea?.position ?? 0) - (eb?.position ?? 0) || (ea?.step ?? 0) - (eb?.step ?? 0) || a - b;
    });
  }
  return byHand;
}

/** Median over every hand of (onset difference / step difference) of consecutive played notes. */
function estimateStepMs(take: Take, handOrder: ReadonlyMap<Hand, readonly number[]>): number {
  const ratios: number[] = [];
  for (const order of handOrder.values()) {
    // The previous played note's onset and step (none yet: NaN).
    let previousOnset = Number.NaN;
    let previousStep = Number.NaN;
    for (const matchIndex of order) {
      const onset = playedOnset(take, matchIndex);
      if (onset === null) continue;
      const step = take.matches[matchIndex]?.expected.step ?? 0;
      if (!Number.isNaN(previousStep) && step > previousStep) {
        const ratio = (onset - previousOnset) / (step - previousStep);
        if (Number.isFinite(ratio) && ratio > 0) ratios.push(ratio);
      }
      previousOnset = onset;
      previousStep = step;
    }
  }
  if (ratios.length > 0) return median(ratios);
  const subdivision = take.exercise.subdivision > 0 ? take.exercise.subdivision : 1;
  const fromBpm = 60000 / take.bpm / subdivision;
  return Number.isFinite(fromBpm) && fromBpm > 0 ? fromBpm : FALLBACK_STEP_MS;
}

/** Gaps between consecutive played notes of a hand that exceed the grid by far. */
function findGaps(take: Take, hand: Hand, order: readonly number[], stepMs: number): TimingGap[] {
  // Consecutive played notes: the first note's match, the interval, and its excess over the grid
  // (parallel arrays: no object per pair).
  const before: number[] = [];
  const after: number[] = [];
  const gapsMs: number[] = [];
  const expectedMs: number[] = [];
  const excessMs: number[] = [];
  let previousMatch = -1;
  let previousOnset = 0;
  let previousStep = 0;
  for (const matchIndex of order) {
    const onset = playedOnset(take, matchIndex);
    if (onset === null) continue;
    const step = take.matches[matchIndex]?.expected.step ?? 0;
    if (previousMatch >= 0) {
      const gapMs = onset - previousOnset;
      const expected = Math.max(0, step - previousStep) * stepMs;
      before.push(previousMatch);
      after.push(matchIndex);
      gapsMs.push(gapMs);
      expectedMs.push(expected);
      excessMs.push(gapMs - expected);
    }
    previousMatch = matchIndex;
    previousOnset = onset;
    previousStep = step;
  }
  const jitter = scaledMad(excessMs);
  const thresholdMs = Math.max(GAP_MIN_STEPS * stepMs, GAP_MIN_MS, GAP_MIN_ROBUST_SDS * jitter);
  const gaps: TimingGap[] = [];
  for (let k = 0; k < excessMs.length; k += 1) {
    const excess = excessMs[k] ?? 0;
    if (!(excess > thresholdMs)) continue;
    gaps.push({
      hand,
      beforeMatch: before[k] ?? 0,
      afterMatch: after[k] ?? 0,
      gapMs: gapsMs[k] ?? 0,
      expectedMs: expectedMs[k] ?? 0,
      excessMs: excess,
      thresholdMs,
    });
  }
  return gaps;
}

function fitSegment(
  take: Take,
  hand: Hand,
  run: number,
  all: readonly number[],
  segmentIndex: number,
  segmentOf: number[],
  deviations: (number | null)[],
  predicted: (number | null)[],
): Segment {
  // The timed notes (isTimed), their steps and onsets, in one pass without a closure per take.
  const timed: number[] = [];
  const steps: number[] = [];
  const onsets: number[] = [];
  for (const matchIndex of all) {
    const match = take.matches[matchIndex];
    if (match === undefined || match.wrongPitch || !isReached(take, matchIndex)) continue;
    const onset = match.note?.onsetMs;
    if (onset === undefined || !Number.isFinite(onset)) continue;
    timed.push(matchIndex);
    steps.push(match.expected.step);
    onsets.push(onset);
  }
  const fit = timed.length >= MIN_FIT_NOTES ? fitLine(steps, onsets) : null;
  for (const matchIndex of all) {
    segmentOf[matchIndex] = segmentIndex;
    if (fit === null) continue;
    const step = take.matches[matchIndex]?.expected.step ?? 0;
    predicted[matchIndex] = predict(fit, step);
  }
  if (fit !== null) {
    for (let i = 0; i < timed.length; i += 1) deviations[timed[i] ?? 0] = residual(fit, steps[i] ?? 0, onsets[i] ?? 0);
  }
  return { hand, run, matchIndices: timed, fit };
}
