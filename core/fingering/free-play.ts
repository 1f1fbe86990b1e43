/**
 * What free play (notes outside every exercise take) can honestly measure. Hands come from
 * hands.ts and fingers from fingers.ts, both estimates with a confidence; every figure here is
 * computed only from notes above a confidence threshold and states how many notes it used.
 *
 * Without a metronome grid there is no onset deviation. What remains meaningful:
 * - per finger: MIDI velocity (mean, SD, CV), key-down duration, legato overlap with the hand's
 *   next note (as in the exercise metrics, core/metrics);
 * - per hand, timing inside runs of equal note values found from the playing: stretches of single
 *   notes whose inter-onset intervals (IOI) stay within +-25 % of the run's median (the player
 *   meant them equal). Regularity is the SD of the IOI after removing the run's linear tempo
 *   trend; local tempo stability is how much that trend changes the IOI over the run.
 * - events: a note inside such a run whose onset is far off the run's own fitted timing
 *   (a timing lapse), only on confident notes.
 * These figures feed their own drift series (core/drift), never the exercise ones: repertoire
 * differs from day to day, so a change here is weaker evidence than a change on an exercise.
 */
import type { Finger, Hand } from '../exercises/types';
import type { Note } from '../midi/types';
import { estimateFingering } from './fingers';
import type { FingeringOptions } from './fingers';
import { separateHands } from './hands';

/** Confidence a hand estimate needs before its note counts in any free-play figure. */
export const HAND_CONFIDENCE_THRESHOLD = 0.8;
/** Confidence a finger estimate needs before its note counts in a per-finger figure. */
export const FINGER_CONFIDENCE_THRESHOLD = 0.6;
/** Shortest run of equal note values that gives timing figures. */
export const MIN_RUN_NOTES = 6;
/** IOIs within this fraction of the run's median count as the same note value. */
export const RUN_TOLERANCE = 0.25;
/** IOI range (ms) of a run: faster than 40 ms is a chord, slower than 1.5 s is not a run. */
const RUN_IOI_MS: readonly [number, number] = [40, 1500];

/** One note's estimate: index into the recording's notes. */
export interface FreePlayNoteEstimate {
  readonly noteIndex: number;
  readonly hand: Hand;
  readonly handConfidence: number;
  readonly finger: Finger;
  readonly fingerConfidence: number;
}

/** Per-finger figures of free play: the plain typed summary a drift series takes. */
export interface FreePlayFingerFigures {
  readonly hand: Hand;
  readonly finger: Finger;
  /** Notes used (hand and finger above their thresholds). */
  readonly count: number;
  /** MIDI velocity 1-127. cv = sd / mean. */
  readonly velocity: { readonly mean: number; readonly sd: number; readonly cv: number };
  /** Key-down duration in ms (note-on to note-off). */
  readonly durationMs: { readonly mean: number };
  /** Overlap in ms with the same hand's next note (negative: a gap); count = pairs used. */
  readonly legatoOverlapMs: { readonly mean: number; readonly count: number };
}

/** Timing of one hand inside runs of equal note values. */
export interface FreePlayTiming {
  readonly hand: Hand;
  readonly runs: number;
  /** Notes in those runs. */
  readonly notes: number;
  /** Median IOI of the runs (ms). */
  readonly ioiMs: number;
  /** IOI SD after removing each run's linear trend, pooled over runs (ms). */
  readonly ioiSdMs: number;
  /** ioiSdMs / ioiMs in percent. */
  readonly ioiCvPercent: number;
  /** Median over runs of the change of the fitted IOI from start to end of a run, in percent. */
  readonly tempoChangePercent: number;
}

export interface FreePlayEvent {
  readonly type: 'free-timing-lapse';
  readonly timeMs: number;
  readonly hand: Hand;
  readonly finger: Finger;
  /** How far off, in multiples of the run's own IOI SD. */
  readonly severity: number;
  readonly detail: string;
  readonly evidence: Readonly<Record<string, number>>;
}

export interface FreePlayAnalysis {
  readonly notes: readonly FreePlayNoteEstimate[];
  /** Notes whose hand and finger are both above threshold. */
  readonly confidentNotes: number;
  readonly hands: { readonly right: number; readonly left: number };
  readonly fingers: readonly FreePlayFingerFigures[];
  readonly timing: readonly FreePlayTiming[];
  readonly events: readonly FreePlayEvent[];
}

export interface FreePlayOptions extends FingeringOptions {
  readonly handConfidence?: number;
  readonly fingerConfidence?: number;
}

/**
 * Estimates hands and fingers for a set of free-play notes (indices into `notes`) and measures
 * what is credible. Throws RangeError on a note with a non-finite pitch or onset.
 *
 * @example
 * const free = analyzeFreePlay(notes, segment.noteIndices);
 * free.fingers.find((f) => f.hand === 'right' && f.finger === 4)?.velocity.cv
 */
export function analyzeFreePlay(notes: readonly Note[], noteIndices: readonly number[], options: FreePlayOptions = {}): FreePlayAnalysis {
  const handThreshold = options.handConfidence ?? HAND_CONFIDENCE_THRESHOLD;
  const fingerThreshold = options.fingerConfidence ?? FINGER_CONFIDENCE_THRESHOLD;
  const indices = [...noteIndices].sort((a, b) => notes[a]!.onsetMs - notes[b]!.onsetMs || notes[a]!.pitch - notes[b]!.pitch);
  const played = indices.map((i) => notes[i]!);
  const hands = separateHands(played);
  const estimates: FreePlayNoteEstimate[] = [];
  const byHand: Record<Hand, number[]> = { right: [], left: [] };
  hands.forEach((estimate, k) => byHand[estimate.hand].push(k));
  for (const hand of ['right', 'left'] as const) {
    const ks = byHand[hand];
    const fingers = estimateFingering(ks.map((k) => played[k]!), hand, options);
    ks.forEach((k, j) => {
      estimates.push({
        noteIndex: indices[k]!,
        hand,
        handConfidence: hands[k]!.confidence,
        finger: fingers[j]!.finger,
        fingerConfidence: fingers[j]!.confidence,
      });
    });
  }
  estimates.sort((a, b) => notes[a.noteIndex]!.onsetMs - notes[b.noteIndex]!.onsetMs || a.noteIndex - b.noteIndex);
  const handOk = (e: FreePlayNoteEstimate) => e.handConfidence >= handThreshold;
  const confident = (e: FreePlayNoteEstimate) => handOk(e) && e.fingerConfidence >= fingerThreshold;
  const fingers: FreePlayFingerFigures[] = [];
  const timing: FreePlayTiming[] = [];
  const events: FreePlayEvent[] = [];
  for (const hand of ['right', 'left'] as const) {
    const ofHand = estimates.filter((e) => e.hand === hand);
    fingers.push(...fingerFigures(notes, ofHand, hand, confident));
    const runs = equalValueRuns(notes, ofHand.filter(handOk));
    const figures = runTiming(notes, runs, hand);
    if (figures) timing.push(figures);
    events.push(...timingLapses(notes, runs, hand, confident));
  }
  return {
    notes: estimates,
    confidentNotes: estimates.filter(confident).length,
    hands: { right: estimates.filter((e) => e.hand === 'right').length, left: estimates.filter((e) => e.hand === 'left').length },
    fingers,
    timing,
    events: events.sort((a, b) => a.timeMs - b.timeMs),
  };
}

function fingerFigures(
  notes: readonly Note[],
  ofHand: readonly FreePlayNoteEstimate[],
  hand: Hand,
  confident: (e: FreePlayNoteEstimate) => boolean,
): FreePlayFingerFigures[] {
  const out: FreePlayFingerFigures[] = [];
  for (const finger of [1, 2, 3, 4, 5] as const) {
    const velocities: number[] = [];
    const durations: number[] = [];
    const overlaps: number[] = [];
    ofHand.forEach((e, k) => {
      if (e.finger !== finger || !confident(e)) return;
      const note = notes[e.noteIndex]!;
      velocities.push(note.velocity);
      if (!note.unreleased) durations.push(note.offsetMs - note.onsetMs);
      const next = ofHand[k + 1];
      if (next && !note.unreleased) {
        const after = notes[next.noteIndex]!;
        // Only a following melodic note (not a chord partner, not after a pause) has a legato.
        const ioi = after.onsetMs - note.onsetMs;
        if (ioi > 40 && ioi < 1500) overlaps.push(note.offsetMs - after.onsetMs);
      }
    });
    if (velocities.length === 0) continue;
    const mean = average(velocities);
    const sd = standardDeviation(velocities, mean);
    out.push({
      hand,
      finger,
      count: velocities.length,
      velocity: { mean, sd, cv: mean > 0 ? sd / mean : 0 },
      durationMs: { mean: durations.length ? average(durations) : 0 },
      legatoOverlapMs: { mean: overlaps.length ? average(overlaps) : 0, count: overlaps.length },
    });
  }
  return out;
}

/** Runs of single notes (chords excluded) with near-equal IOIs, as lists of estimates. */
function equalValueRuns(notes: readonly Note[], ofHand: readonly FreePlayNoteEstimate[]): FreePlayNoteEstimate[][] {
  // Chord notes: keep only the first onset of each chord.
  const singles: FreePlayNoteEstimate[] = [];
  for (const e of ofHand) {
    const last = singles[singles.length - 1];
    if (last && notes[e.noteIndex]!.onsetMs - notes[last.noteIndex]!.onsetMs < RUN_IOI_MS[0]) continue;
    singles.push(e);
  }
  const runs: FreePlayNoteEstimate[][] = [];
  let run: FreePlayNoteEstimate[] = [];
  let reference = 0;
  const flush = () => {
    if (run.length >= MIN_RUN_NOTES) runs.push(run);
    run = [];
  };
  const onset = (e: FreePlayNoteEstimate) => notes[e.noteIndex]!.onsetMs;
  let lastDisplaced = false;
  for (let k = 0; k < singles.length; k++) {
    const e = singles[k]!;
    const previous = run[run.length - 1];
    if (!previous) {
      run.push(e);
      continue;
    }
    const ioi = notes[e.noteIndex]!.onsetMs - notes[previous.noteIndex]!.onsetMs;
    const inRange = ioi >= RUN_IOI_MS[0] && ioi <= RUN_IOI_MS[1];
    if (run.length === 1) {
      if (inRange) {
        run.push(e);
        reference = ioi;
      } else {
        run = [e];
      }
      continue;
    }
    // A single displaced note (late or early, the next one back on time) stays in the run: that
    // is exactly the lapse the run is there to show.
    const after = singles[k + 1];
    const displaced =
      after !== undefined && run.length >= 2 && Math.abs(onset(after) - onset(previous) - 2 * reference) <= RUN_TOLERANCE * reference;
    if (lastDisplaced) {
      // Already checked: this note is back on time after the displaced one.
      lastDisplaced = false;
      run.push(e);
      continue;
    }
    if (!(inRange && Math.abs(ioi - reference) <= RUN_TOLERANCE * reference) && displaced) {
      run.push(e);
      lastDisplaced = true;
      continue;
    }
    if (inRange && Math.abs(ioi - reference) <= RUN_TOLERANCE * reference) {
      run.push(e);
      // The reference follows the run's IOI (a gradual tempo change stays one run).
      reference += 0.2 * (ioi - reference);
    } else {
      flush();
      run = inRange ? [previous, e] : [e];
      reference = inRange ? ioi : 0;
    }
  }
  flush();
  return runs;
}

function iois(notes: readonly Note[], run: readonly FreePlayNoteEstimate[]): number[] {
  const out: number[] = [];
  for (let k = 1; k < run.length; k++) out.push(notes[run[k]!.noteIndex]!.onsetMs - notes[run[k - 1]!.noteIndex]!.onsetMs);
  return out;
}

/** Least-squares line through y over x = 0..n-1: intercept and slope. */
function fitLine(y: readonly number[]): { a: number; b: number } {
  const n = y.length;
  const mx = (n - 1) / 2;
  const my = average(y);
  let sxy = 0;
  let sxx = 0;
  y.forEach((v, x) => {
    sxy += (x - mx) * (v - my);
    sxx += (x - mx) * (x - mx);
  });
  const b = sxx > 0 ? sxy / sxx : 0;
  return { a: my - b * mx, b };
}

function runTiming(notes: readonly Note[], runs: readonly FreePlayNoteEstimate[][], hand: Hand): FreePlayTiming | null {
  if (runs.length === 0) return null;
  let squares = 0;
  let degrees = 0;
  const medians: number[] = [];
  const changes: number[] = [];
  let count = 0;
  for (const run of runs) {
    const values = iois(notes, run);
    const { a, b } = fitLine(values);
    values.forEach((v, x) => {
      squares += (v - (a + b * x)) ** 2;
    });
    degrees += Math.max(1, values.length - 2);
    medians.push(median(values));
    const first = a;
    const last = a + b * (values.length - 1);
    if (first > 0) changes.push((100 * Math.abs(last - first)) / first);
    count += run.length;
  }
  const ioiMs = median(medians);
  const ioiSdMs = Math.sqrt(squares / degrees);
  return {
    hand,
    runs: runs.length,
    notes: count,
    ioiMs,
    ioiSdMs,
    ioiCvPercent: ioiMs > 0 ? (100 * ioiSdMs) / ioiMs : 0,
    tempoChangePercent: changes.length ? median(changes) : 0,
  };
}

/** A lapse is off its run's timing by at least this fraction of the IOI. */
const LAPSE_FRACTION = 0.4;
/** Lapses are only looked for in runs whose robust onset SD is under this fraction of the IOI. */
const EVEN_RUN_FRACTION = 0.08;

/**
 * A confident note whose onset is off its run's fitted timing by more than 4 robust run SDs and
 * more than 40 % of the IOI, in a run played evenly (robust SD under 8 % of the IOI): the
 * free-play analogue of a timing lapse (a rubato moves the whole run and is absorbed by the
 * fitted trend).
 */
function timingLapses(
  notes: readonly Note[],
  runs: readonly FreePlayNoteEstimate[][],
  hand: Hand,
  confident: (e: FreePlayNoteEstimate) => boolean,
): FreePlayEvent[] {
  const events: FreePlayEvent[] = [];
  for (const run of runs) {
    const onsets = run.map((e) => notes[e.noteIndex]!.onsetMs);
    const { a, b } = fitLine(onsets);
    const residuals = onsets.map((t, x) => t - (a + b * x));
    const spread = 1.4826 * median(residuals.map((r) => Math.abs(r - median(residuals))));
    const sd = Math.max(spread, 5);
    // Only runs played evenly (like a scale passage in a piece): in expressive timing a late note
    // is an agogic accent, not a lapse, and nothing here can tell the two apart.
    if (spread > EVEN_RUN_FRACTION * b) continue;
    residuals.forEach((r, x) => {
      const e = run[x]!;
      if (!confident(e) || Math.abs(r) < 4 * sd || Math.abs(r) < LAPSE_FRACTION * b) return;
      events.push({
        type: 'free-timing-lapse',
        timeMs: onsets[x]!,
        hand,
        finger: e.finger,
        severity: Math.abs(r) / sd,
        detail: `${hand} hand finger ${e.finger} (estimated): onset ${r > 0 ? 'late' : 'early'} by ${Math.abs(r).toFixed(0)} ms in a run of ${run.length} even notes`,
        evidence: { deviationMs: r, runIoiMs: b, runSdMs: sd, runNotes: run.length, fingerConfidence: e.fingerConfidence, handConfidence: e.handConfidence },
      });
    });
  }
  return events;
}

function average(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : 0;
}

function standardDeviation(values: readonly number[], mean: number): number {
  if (values.length < 2) return 0;
  let sum = 0;
  for (const v of values) sum += (v - mean) ** 2;
  return Math.sqrt(sum / (values.length - 1));
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
