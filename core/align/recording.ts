/**
 * Forced alignment of a whole recording to one exercise: every repetition, breakdown and restart
 * becomes a take; notes outside every take are free play.
 */
import type { Exercise } from '../exercises/types';
import type { Note } from '../midi/types';
import { findAttempts } from './attempts';
import type { Attempt, StopPrice } from './attempts';
import { DEFAULT_COSTS } from './costs';
import type { AlignCosts } from './costs';
import { splitAtPauses } from './pauses';
import type { NoteRange, PauseOptions } from './pauses';
import { alignTake } from './take';
import type { FreePlaySegment, Segmentation, Take } from './types';
import { exerciseView, noteView } from './view';
import type { NoteView } from './view';

export interface RecordingOptions extends PauseOptions {
  readonly costs?: Partial<AlignCosts>;
  /** An attempt needs at least this many notes played at the expected pitch to count as a take. */
  readonly minCorrectNotes?: number;
  /**
   * Pauses shorter than this (ms) are searched across: a player who stops for a second and goes
   * on where they left off (or a few notes back) stays in one take, with a stop inside it.
   */
  readonly maxStopMs?: number;
}

export const DEFAULT_MAX_STOP_MS = 3000;
// Carrying an attempt on across a pause costs about two notes: a run that goes on for three
// notes or more after the stop stays one attempt, while the end of a repetition does not borrow
// the next repetition's first note.
const STOP_COST = 2;

function repetitive(exercise: Exercise): boolean {
  return new Set(exercise.notes.map((n) => n.pitch)).size < 0.35 * exercise.notes.length;
}

/**
 * Phrases joined where the pause between them is shorter than `maxStopMs`: the pitch-only search
 * then sees a run that stops and goes on as one attempt, and a new repetition or a restart from
 * the beginning still as a new one (it starts again at the first note), so nothing is lost by
 * searching across such a pause.
 *
 * @example stopRuns(noteView(notes), splitAtPauses(notes), 3000).length // fewer than the phrases
 */
export function stopRuns(view: NoteView, phrases: readonly NoteRange[], maxStopMs: number): NoteRange[] {
  const runs: NoteRange[] = [];
  for (const phrase of phrases) {
    const previous = runs[runs.length - 1];
    const pauseMs = (view.onset[phrase.start] ?? 0) - (view.onset[phrase.start - 1] ?? 0);
    if (previous !== undefined && previous.end === phrase.start && pauseMs < maxStopMs) runs[runs.length - 1] = { start: previous.start, end: phrase.end };
    else runs.push(phrase);
  }
  return runs;
}

/**
 * Finds every repetition of `exercise` in a recording (notes sorted by onset) and aligns each.
 * A breakdown followed by a restart from the beginning closes the broken take (marked
 * `breakdown`, with the `span` it reached) and starts a new one.
 *
 * @example alignRecording(performance.notes, getExercise('clinical-scale-rh')!).takes.length // 10
 */
export function alignRecording(notes: readonly Note[], exercise: Exercise, options: RecordingOptions = {}): Segmentation {
  const costs: AlignCosts = { ...DEFAULT_COSTS, ...options.costs };
  const view = noteView(notes);
  const takes: Take[] = [];
  const inTake = new Uint8Array(notes.length);
  const phrases = splitAtPauses(notes, options);
  // With a pitch or two only (trills, repeated notes) a continuation cannot be told from a new
  // repetition by pitch: there the pause is the only boundary, so it stays.
  const maxStopMs = repetitive(exercise) ? 0 : (options.maxStopMs ?? DEFAULT_MAX_STOP_MS);
  const stops: StopPrice = { after: phrases.map((phrase) => phrase.start), cost: STOP_COST };
  for (const run of stopRuns(view, phrases, maxStopMs)) {
    const search = findAttempts(exerciseView(exercise), view, run, costs, Infinity, stops);
    if (search === null) continue;
    takes.push(...takesOfAttempts(exercise, notes, view, search.attempts, run, costs, options.minCorrectNotes ?? 4, inTake));
  }
  return { takes, freePlay: freePlayOf(notes, inTake, phrases) };
}

/**
 * The takes for the attempts found in one range, each widened (without overlapping its
 * neighbours) and aligned with timing; marks the notes they hold in `inTake`.
 *
 * @example takesOfAttempts(exercise, notes, view, search.attempts, phrase, DEFAULT_COSTS, 4, inTake).length
 */
export function takesOfAttempts(
  exercise: Exercise,
  notes: readonly Note[],
  view: NoteView,
  attempts: readonly Attempt[],
  range: NoteRange,
  costs: AlignCosts,
  minCorrectNotes: number,
  inTake: Uint8Array,
): Take[] {
  const takes: Take[] = [];
  let lowest = range.start;
  attempts.forEach((attempt, a) => {
    const widened = widen(attempt, lowest, attempts[a + 1]?.start ?? range.end, view, exercise);
    const take = takeOfAttempt(exercise, notes, view, { ...attempt, ...widened }, costs, minCorrectNotes);
    if (take === null) {
      lowest = attempt.end;
      return;
    }
    takes.push(take);
    for (let k = widened.start; k < widened.end; k += 1) inTake[k] = 1;
    lowest = widened.end;
  });
  return takes;
}

/**
 * The take for one attempt found by the wrap-around search, or null when too little of it was
 * played at the right pitch to be more than chance.
 *
 * @example takeOfAttempt(exercise, notes, noteView(notes), attempt, DEFAULT_COSTS, 4)?.bpm
 */
export function takeOfAttempt(
  exercise: Exercise,
  notes: readonly Note[],
  view: NoteView,
  attempt: Attempt,
  costs: AlignCosts,
  minCorrectNotes: number,
): Take | null {
  let correct = 0;
  const pitch = exerciseView(exercise).pitch;
  attempt.expected.forEach((e, k) => {
    if (pitch[e] === view.pitch[attempt.played[k] ?? -1]) correct += 1;
  });
  if (correct < Math.min(minCorrectNotes, attempt.to - attempt.from)) return null;
  return alignTake(exercise, notes, {
    range: { start: attempt.start, end: attempt.end },
    span: { from: attempt.from, to: attempt.to },
    anchors: { expected: attempt.expected, played: attempt.played },
    brokenOff: attempt.brokenOff,
    costs,
    view,
  });
}

// Notes the pitch-only search left just outside an attempt may still belong to it (with repeated
// pitches the search cannot tell which end an extra note sits at); the timed alignment decides.
const WIDEN_NOTES = 4;
const WIDEN_STEPS = 2.5;

/**
 * The attempt's note range grown by up to a few notes on each side that lie within a couple of
 * grid steps and belong to no neighbouring attempt.
 *
 * @example widen(attempt, 0, notes.length, noteView(notes), exercise) // { start: 3, end: 40 }
 */
export function widen(attempt: Attempt, lowest: number, highest: number, view: NoteView, exercise: Exercise): NoteRange {
  const steps = exerciseView(exercise).step;
  const first = attempt.played.length > 0 ? Math.min(...attempt.played) : attempt.start;
  const last = attempt.played.length > 0 ? Math.max(...attempt.played) : attempt.end - 1;
  const stepSpan = (steps[attempt.to - 1] ?? 0) - (steps[attempt.from] ?? 0);
  const stepMs = stepSpan > 0 ? ((view.onset[last] ?? 0) - (view.onset[first] ?? 0)) / stepSpan : 250;
  const reach = WIDEN_STEPS * Math.max(stepMs, 20);
  let start = attempt.start;
  let end = attempt.end;
  for (let n = 0; n < WIDEN_NOTES && start - 1 >= lowest; n += 1) {
    if ((view.onset[start] ?? 0) - (view.onset[start - 1] ?? 0) > reach) break;
    start -= 1;
  }
  for (let n = 0; n < WIDEN_NOTES && end < highest; n += 1) {
    if ((view.onset[end] ?? 0) - (view.onset[end - 1] ?? 0) > reach) break;
    end += 1;
  }
  return { start, end };
}

/**
 * Joins consecutive takes of the same exercise where the first stops at expected note k and the
 * next one goes on from there: one run that a cut at a gap had split.
 * - A hesitation: it picks up at k (give or take one) after a gap of at most a few grid steps.
 * - A breakdown: the run stops for longer (under DEFAULT_MAX_STOP_MS, 3 s) and then goes on, a few
 *   notes back (replaying the last positions) or a few notes on (notes skipped or lost). The
 *   joined take holds the stop, which the events report as a breakdown (core/events); left
 *   apart, neither piece is a complete exercise and both would be dropped as stray fragments,
 *   losing the very event Evenkeys exists to log. A restart from the beginning is not joined (a
 *   new attempt).
 *
 * @example joinHesitations(takes, notes, noteView(notes), DEFAULT_COSTS).length // one fewer
 */
export function joinHesitations(takes: readonly Take[], notes: readonly Note[], view: NoteView, costs: AlignCosts): Take[] {
  const joined: Take[] = [];
  for (const take of takes) {
    const previous = joined[joined.length - 1];
    const merged = previous ? join(previous, take, notes, view, costs) : null;
    if (merged) joined[joined.length - 1] = merged;
    else joined.push(take);
  }
  return joined;
}

// A gap of at most this many grid steps between two pieces of one run.
const HESITATION_STEPS = 4;
// A stop shorter than forced alignment's (DEFAULT_MAX_STOP_MS, 3 s), after which the run goes
// on, is a breakdown inside one take; a longer one leaves two pieces, as in forced alignment.
// After a breakdown the run may go on up to this many positions back (the restart replays them:
// the events' restartLookbackPositions) or this share of the exercise further on (skipped notes).
const RESUME_BACK = 4;
const RESUME_SKIP_SHARE = 0.25;

function join(first: Take, second: Take, notes: readonly Note[], view: NoteView, costs: AlignCosts): Take | null {
  if (first.exercise !== second.exercise) return null;
  const length = first.exercise.notes.length;
  const firstSpan = first.span ?? { from: 0, to: length };
  const secondSpan = second.span ?? { from: 0, to: length };
  if (firstSpan.to >= length || secondSpan.from <= 0) return null;
  const resume = secondSpan.from - firstSpan.to;
  if (resume < -RESUME_BACK || resume > Math.max(1, Math.floor(RESUME_SKIP_SHARE * length)) || secondSpan.to <= firstSpan.to) return null;
  const firstRange = noteRangeOf(first);
  const secondRange = noteRangeOf(second);
  if (firstRange === null || secondRange === null) return null;
  const stepMs = 60_000 / (first.bpm * first.exercise.subdivision);
  const gapMs = (view.onset[secondRange.start] ?? 0) - (view.onset[firstRange.end - 1] ?? 0);
  const hesitation = Math.abs(resume) <= 1 && gapMs <= HESITATION_STEPS * stepMs;
  if (!hesitation && !(gapMs < DEFAULT_MAX_STOP_MS)) return null;
  return alignTake(first.exercise, notes, {
    range: { start: firstRange.start, end: secondRange.end },
    span: { from: firstSpan.from, to: secondSpan.to },
    brokenOff: second.breakdown ?? false,
    costs,
    view,
  });
}

/** First and last (+1) note index a take holds, or null for an empty take. */
function noteRangeOf(take: Take): NoteRange | null {
  let start = Infinity;
  let end = -Infinity;
  const touch = (index: number): void => {
    start = Math.min(start, index);
    end = Math.max(end, index + 1);
  };
  for (const match of take.matches) if (match.noteIndex !== null) touch(match.noteIndex);
  for (const index of take.extraNoteIndices) touch(index);
  return Number.isFinite(start) ? { start, end } : null;
}

/**
 * Runs of notes outside every take, cut at pauses.
 *
 * @example freePlayOf(notes, new Uint8Array(notes.length), [{ start: 0, end: notes.length }]).length // 1
 */
export function freePlayOf(notes: readonly Note[], inTake: Uint8Array, phrases: readonly NoteRange[]): FreePlaySegment[] {
  const segments: FreePlaySegment[] = [];
  for (const phrase of phrases) {
    let run: number[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = notes[run[0] ?? 0];
      let endMs = first?.offsetMs ?? 0;
      for (const k of run) endMs = Math.max(endMs, notes[k]?.offsetMs ?? endMs);
      segments.push({ startMs: first?.onsetMs ?? 0, endMs, noteIndices: run });
      run = [];
    };
    for (let k = phrase.start; k < phrase.end; k += 1) {
      if (inTake[k] === 1) flush();
      else run.push(k);
    }
    flush();
  }
  return segments;
}
