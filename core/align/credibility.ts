/**
 * Credibility: is a take a believable performance of its exercise, or notes of a piece that
 * happen to resemble one? Recognition keeps only credible takes; **what is not a credible
 * exercise take is free play** (`isCredibleTake` is the one place that decides it, for the
 * free-play estimation and anything else that needs the rule).
 *
 * Why: in real repertoire (a concerto, sonatas, dances) recognition used to report 13 "exercise
 * takes" per 10 minutes, mostly 5- to 9-note fragments with wrong and missed notes, and more than
 * a thousand loss-of-control events from them. An exercise take must cover its exercise, match it
 * closely, keep a steady pulse, and explain its notes clearly better than free play does.
 */
import { DEFAULT_COSTS } from './costs';
import type { Take } from './types';

/** What the decision rests on (all shares 0-1). */
export interface TakeCredibility {
  /** The verdict: a credible take is measured; anything else is free play. */
  readonly credible: boolean;
  /** 0-1: how clearly the exercise explains the notes (see `takeCredibility`). */
  readonly confidence: number;
  /** Expected notes of the whole exercise played at the right pitch. */
  readonly coverage: number;
  /** (wrong + missed + extra) / expected notes reached. */
  readonly errorRate: number;
  /** Share of intervals between consecutive right notes of a hand that fit the take's pulse. */
  readonly steadiness: number;
  /** Right-pitch notes. */
  readonly correct: number;
  /** Why it is not credible (empty when it is). */
  readonly reasons: readonly string[];
}

/**
 * Thresholds (per take). A take standing on its own (a pause or another take on at least one
 * side: how exercises are practised) needs only to be a recognisable attempt: the synthetic
 * validation plays every exercise with 5 % wrong, 5 % missed and 5 % extra notes, which in a
 * 7- to 13-note exercise can reach 40 % errors by chance. A take **embedded** in free playing
 * (other notes close before and after it: a figure inside a piece) must be a complete, clean,
 * steady exercise. Chosen on the synthetic validation (scripts/validate-recognition.ts) and on
 * the hannds repertoire set (scripts/validate-repertoire.ts); see docs/alignment.md
 * "Credibility".
 */
export const CREDIBILITY = {
  standalone: { minCoverage: 0.55, maxErrorRate: 0.5, minSteadiness: 0.6, minConfidence: 0.3, minExerciseNotes: 7 },
  embedded: { minCoverage: 0.9, maxErrorRate: 0.1, minSteadiness: 0.85, minConfidence: 0.6, minExerciseNotes: 9 },
  /** An interval fits the pulse when it is within this factor of (steps x grid step). */
  pulseTolerance: 1.8,
  /** A take needs at least this many right notes (a broken-off start too). */
  minCorrect: 5,
} as const;

/** Where the take sits: alone, or inside free playing. */
export interface TakeContext {
  /** Free-play notes close before and after the take (a figure inside a piece). */
  readonly embedded: boolean;
  /**
   * The onsets carry no time (a clock that does not advance, core/midi/clock.ts): the pulse cannot
   * be judged, so steadiness counts as 1 and the take stands on its pitches. Its timing is not
   * measured either (the analysis leaves it null).
   */
  readonly untimed?: boolean;
}

/**
 * Judges one take (matches and extra notes as the aligner left them; `notes` not needed: the
 * matches hold them).
 *
 * confidence = (1 - pitch cost per played note / cost of free play per note) x share of the
 * expected notes reached that were played right x steadiness, each clamped to 0-1; the pitch
 * cost counts one per wrong, missed or extra note (the attempt search's prices), free play
 * costs 0.95 per note (the idle price, core/align/costs.ts). 1 for a clean, steady, complete
 * take; 0 when the exercise explains the notes no better than calling them free play.
 *
 * @example takeCredibility(take).credible // false for a 6-note fragment of a piece
 */
export function takeCredibility(take: Take, context: TakeContext = { embedded: false }): TakeCredibility {
  const rules = context.embedded ? CREDIBILITY.embedded : CREDIBILITY.standalone;
  const length = take.exercise.notes.length;
  const from = take.span?.from ?? 0;
  const to = take.span?.to ?? length;
  const reached = Math.max(1, to - from);
  let correct = 0;
  let wrong = 0;
  let missed = 0;
  for (let i = from; i < to; i += 1) {
    const match = take.matches[i];
    if (!match) continue;
    if (match.note === null) missed += 1;
    else if (match.wrongPitch) wrong += 1;
    else correct += 1;
  }
  const extra = take.extraNoteIndices.length;
  const played = correct + wrong + extra;
  const errorRate = (wrong + missed + extra) / reached;
  const coverage = correct / Math.max(1, length);
  const steadiness = context.untimed === true ? 1 : pulseSteadiness(take);
  // Pitch disagreements only (about one per wrong, missed or extra note, as the attempt search
  // prices them): the timed cost of a trill or repeated-note take also carries the timing term,
  // which steadiness already judges.
  const costPerNote = (wrong + missed + extra) / Math.max(1, played);
  const freePlayMargin = clamp01(1 - costPerNote / DEFAULT_COSTS.idle);
  const confidence = clamp01(freePlayMargin * clamp01(correct / reached) * steadiness);
  const complete = from === 0 && to === length;
  const reasons: string[] = [];
  if (length < rules.minExerciseNotes) reasons.push('exercise too short to tell from a piece');
  if (correct < CREDIBILITY.minCorrect) reasons.push('too few right notes');
  if (context.embedded && !complete) reasons.push('an incomplete exercise inside free playing');
  if (complete && coverage < rules.minCoverage) reasons.push('covers too little of the exercise');
  if (errorRate > rules.maxErrorRate) reasons.push('too many wrong, missed or extra notes');
  if (steadiness < rules.minSteadiness) reasons.push('no steady pulse');
  if (confidence < rules.minConfidence) reasons.push('explains the notes little better than free play');
  return { credible: reasons.length === 0, confidence, coverage, errorRate, steadiness, correct, reasons };
}

/**
 * The rule "what is not a credible exercise take is free play", as one predicate. Recognition
 * applies it with the take's context (`embeddedIn`); every take `recognize` returns passed it.
 *
 * @example segmentation.takes.every(isCredibleTake) // true: recognition keeps only these
 */
export function isCredibleTake(take: Take, context: TakeContext = { embedded: false }): boolean {
  return takeCredibility(take, context).credible;
}

/**
 * Share (0-1) of the intervals between consecutive right-pitch notes of one hand, one to three
 * grid steps apart, that lie within `pulseTolerance` of the take's fitted grid step: exercises
 * run on a steady pulse, pieces mix note values. 1 when there are fewer than 3 such intervals.
 *
 * @example pulseSteadiness(take) // 0.97 for a scale played evenly
 */
export function pulseSteadiness(take: Take): number {
  const stepMs = 60_000 / (Math.max(1e-6, take.bpm) * take.exercise.subdivision);
  let steady = 0;
  let total = 0;
  for (const hand of ['left', 'right'] as const) {
    let previous: { step: number; onset: number } | null = null;
    for (const match of take.matches) {
      if (match.expected.hand !== hand || match.note === null || match.wrongPitch) continue;
      const current = { step: match.expected.step, onset: match.note.onsetMs };
      if (previous !== null) {
        const steps = current.step - previous.step;
        if (steps >= 1 && steps <= 3) {
          const ratio = (current.onset - previous.onset) / (steps * stepMs);
          total += 1;
          if (ratio > 1 / CREDIBILITY.pulseTolerance && ratio < CREDIBILITY.pulseTolerance) steady += 1;
        }
      }
      previous = current;
    }
  }
  return total < 3 ? 1 : steady / total;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

// Free notes closer than this (and than EMBED_STEPS grid steps) to a take's first or last note,
// and at least EMBED_NOTES of them on each side, make the take part of free playing.
const EMBED_GAP_MS = 600;
const EMBED_STEPS = 4;
const EMBED_NOTES = 3;

/**
 * Is the take embedded in free playing? True when at least 3 notes that belong to no take
 * (`inTake[k] !== 1`) run up to it on both sides, each within max(600 ms, 4 grid steps) of the
 * next: music before and after, as in a piece. A pause or another take on one side is how an
 * exercise is practised (Hanon's scales end with free cadence chords after a breath).
 *
 * @example embeddedIn(take, notes, inTake) // false for a scale between pauses
 */
export function embeddedIn(take: Take, onsets: ArrayLike<number>, inTake: ArrayLike<number>): boolean {
  let first = Infinity;
  let last = -Infinity;
  // Indexed loops: for-of over arrays of mixed element kinds fell back to the iterator protocol.
  for (let k = 0; k < take.matches.length; k += 1) {
    const index = take.matches[k]?.noteIndex ?? null;
    if (index === null) continue;
    first = Math.min(first, index);
    last = Math.max(last, index);
  }
  for (let k = 0; k < take.extraNoteIndices.length; k += 1) {
    const index = take.extraNoteIndices[k] ?? Number.NaN;
    first = Math.min(first, index);
    last = Math.max(last, index);
  }
  if (!Number.isFinite(first)) return false;
  const stepMs = 60_000 / (Math.max(1e-6, take.bpm) * take.exercise.subdivision);
  const reach = Math.max(EMBED_GAP_MS, EMBED_STEPS * stepMs);
  const run = (from: number, direction: 1 | -1): number => {
    let count = 0;
    let previous = onsets[from] ?? 0;
    for (let k = from + direction; k >= 0 && k < onsets.length && count < EMBED_NOTES; k += direction) {
      if (inTake[k] === 1) {
        // A note of this take interleaved at the edge is skipped; another take's ends the run.
        if (k > first && k < last) continue;
        break;
      }
      const onset = onsets[k] ?? 0;
      if (Math.abs(onset - previous) > reach) break;
      previous = onset;
      count += 1;
    }
    return count;
  };
  return run(first, -1) >= EMBED_NOTES && run(last, 1) >= EMBED_NOTES;
}
