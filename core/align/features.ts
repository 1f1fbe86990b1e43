/**
 * Cheap descriptions of an exercise and of a stretch of playing, compared in microseconds so
 * recognition only runs the aligner on a short list of plausible exercises.
 */
import { PIANO_BOTTOM, PIANO_TOP } from '../exercises/keys';
import type { Exercise } from '../exercises/types';
import type { NoteRange } from './pauses';
import type { NoteView } from './view';

export interface PitchFeatures {
  /** Share of notes on each pitch class (sums to 1). */
  readonly pitchClassShare: Float64Array;
  readonly lowest: number;
  readonly highest: number;
  readonly count: number;
  /**
   * Share of notes that have another note starting within a few tens of ms (both hands). NaN
   * when the onsets carry no time (a clock that does not advance): then no hands term.
   */
  readonly simultaneous: number;
  /**
   * Melodic shape: share of each melodic interval class, the step from one onset group's lowest
   * note to the next group's, in semitones modulo 12 (bin 2 = a whole tone up or a minor 7th
   * down; sums to 1, all 0 with fewer than two groups). Tells apart exercises with the same
   * keys and range (Hanon Nos. 1-21 all climb two octaves of C major), where pitch classes,
   * range and hands score equal. Transposition-free; modulo 12 so that hands an octave apart,
   * or a missed note of one of them, give the same classes.
   */
  readonly intervalShare: Float64Array;
}

export interface ExerciseFeatures extends PitchFeatures {
  readonly exercise: Exercise;
  /** 12-bit set of the pitch classes the exercise uses. */
  readonly pitchClassMask: number;
}

// Onsets this close count as struck together (the two hands on one step).
export const TOGETHER_MS = 40;
// Weight of the melodic-shape term (intervalShare's L1 distance, 0-2): a wholly different shape
// costs about as much as one and a half missing pitch classes, and at most 2, less than the
// shortlist margin, so the shape orders exercises with equal pitch features and cannot on its
// own push the right one out of reach of a close one.
const SHAPE_WEIGHT = 1;

/**
 * Share of each interval class (semitones mod 12) between the lowest notes of successive onset
 * groups; `lowestOfGroups` holds one pitch per group, in time order.
 */
function intervalClassShare(lowestOfGroups: readonly number[]): Float64Array {
  const share = new Float64Array(12);
  const steps = lowestOfGroups.length - 1;
  if (steps < 1) return share;
  for (let k = 1; k <= steps; k += 1) {
    const interval = (lowestOfGroups[k] ?? 0) - (lowestOfGroups[k - 1] ?? 0);
    const bin = ((interval % 12) + 12) % 12;
    share[bin] = (share[bin] ?? 0) + 1 / steps;
  }
  return share;
}

/** L1 distance between two interval-class shares (0 = same melodic shape, at most 2). */
function shapeDistance(played: Float64Array, exercise: Float64Array, offset = 0): number {
  let distance = 0;
  for (let bin = 0; bin < 12; bin += 1) distance += Math.abs((played[bin] ?? 0) - (exercise[offset + bin] ?? 0));
  return distance;
}

const cache = new WeakMap<Exercise, ExerciseFeatures>();

/**
 * Features of an exercise (cached).
 *
 * @example exerciseFeatures(getExercise('scale-c-major-rh-1oct')!).lowest // 60
 */
export function exerciseFeatures(exercise: Exercise): ExerciseFeatures {
  const cached = cache.get(exercise);
  if (cached) return cached;
  const share = new Float64Array(12);
  let mask = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const note of exercise.notes) {
    const pc = ((note.pitch % 12) + 12) % 12;
    share[pc] = (share[pc] ?? 0) + 1;
    mask |= 1 << pc;
    lowest = Math.min(lowest, note.pitch);
    highest = Math.max(highest, note.pitch);
  }
  const count = exercise.notes.length;
  for (let pc = 0; pc < 12; pc += 1) share[pc] = count > 0 ? (share[pc] ?? 0) / count : 0;
  const features: ExerciseFeatures = {
    exercise,
    pitchClassShare: share,
    pitchClassMask: mask,
    lowest,
    highest,
    count,
    // Share of notes sharing their grid step with another: 1 for the library's hands-together
    // exercises, 0 for one hand; an imported score's real share (a melody over half notes).
    simultaneous: sharedStepShare(exercise),
    intervalShare: intervalClassShare(lowestPerStep(exercise)),
  };
  cache.set(exercise, features);
  return features;
}

/** The lowest pitch of each grid step that has notes, in step order. */
function lowestPerStep(exercise: Exercise): number[] {
  const lowestOf = new Map<number, number>();
  for (const note of exercise.notes) lowestOf.set(note.step, Math.min(lowestOf.get(note.step) ?? Infinity, note.pitch));
  return [...lowestOf.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

function sharedStepShare(exercise: Exercise): number {
  const perStep = new Map<number, number>();
  for (const note of exercise.notes) perStep.set(note.step, (perStep.get(note.step) ?? 0) + 1);
  let shared = 0;
  for (const note of exercise.notes) if ((perStep.get(note.step) ?? 0) > 1) shared += 1;
  return exercise.notes.length > 0 ? shared / exercise.notes.length : 0;
}

/**
 * Features of the notes in `range`. `timed` false: the onsets carry no time (a clock that does
 * not advance, core/midi/clock.ts), so the notes' order is all there is: each note is its own
 * onset group and `simultaneous` is NaN (unknown).
 *
 * @example playedFeatures(noteView(notes), { start: 0, end: notes.length }).simultaneous // ~1 for hands together
 */
export function playedFeatures(notes: NoteView, range: NoteRange, timed = true): PitchFeatures {
  const share = new Float64Array(12);
  let lowest = Infinity;
  let highest = -Infinity;
  let together = 0;
  const count = range.end - range.start;
  // Onset groups: notes chained less than TOGETHER_MS apart (the two hands on one step).
  const groupLowest: number[] = [];
  for (let k = range.start; k < range.end; k += 1) {
    const pitch = notes.pitch[k] ?? 0;
    const pc = ((pitch % 12) + 12) % 12;
    share[pc] = (share[pc] ?? 0) + 1;
    lowest = Math.min(lowest, pitch);
    highest = Math.max(highest, pitch);
    const onset = notes.onset[k] ?? 0;
    const before = k > range.start && onset - (notes.onset[k - 1] ?? -Infinity) < TOGETHER_MS;
    const after = k + 1 < range.end && (notes.onset[k + 1] ?? Infinity) - onset < TOGETHER_MS;
    if (before || after) together += 1;
    if (before && timed) groupLowest[groupLowest.length - 1] = Math.min(groupLowest[groupLowest.length - 1] ?? pitch, pitch);
    else groupLowest.push(pitch);
  }
  for (let pc = 0; pc < 12; pc += 1) share[pc] = count > 0 ? (share[pc] ?? 0) / count : 0;
  return {
    pitchClassShare: share,
    lowest,
    highest,
    count,
    simultaneous: !timed ? Number.NaN : count > 0 ? together / count : 0,
    intervalShare: intervalClassShare(groupLowest),
  };
}

/**
 * The whole-octave shift (semitones, a multiple of 12) that best lays an exercise spanning
 * `exerciseLow`..`exerciseHigh` over playing spanning `playedLow`..`playedHigh`: the nearest
 * multiple of 12 to the mean of the two ends' differences, kept on the 88 keys (A0-C8) when the
 * exercise fits there. Recognition compares and aligns every exercise at this shift, so a
 * pianist may play any exercise in any register (issue 12).
 *
 * @example octaveShift(48, 72, 60, 84) // -12
 */
export function octaveShift(playedLow: number, playedHigh: number, exerciseLow: number, exerciseHigh: number): number {
  // (+ 0 turns a -0 into 0.)
  let shift = 12 * Math.round((playedLow - exerciseLow + (playedHigh - exerciseHigh)) / 24) + 0;
  if (exerciseHigh - exerciseLow > PIANO_TOP - PIANO_BOTTOM) return shift;
  while (exerciseLow + shift < PIANO_BOTTOM) shift += 12;
  while (exerciseHigh + shift > PIANO_TOP) shift -= 12;
  return shift;
}

/**
 * How unlike the playing an exercise looks, from features alone (0 = alike; about 1 per clear
 * disagreement): notes outside the exercise's pitch classes, pitch classes it needs that were
 * not played, a different range once the exercise is moved by whole octaves to where it was
 * played (`octaveShift`; wrong and extra notes may reach two semitones past it), one
 * hand against two (not judged when the playing's simultaneity is unknown, NaN), far fewer notes than one repetition, and a different melodic shape
 * (interval classes, `PitchFeatures.intervalShare`). Stops early, returning a lower bound,
 * once the score exceeds `stopAbove`.
 *
 * @example dissimilarity(playedFeatures(view, range), exerciseFeatures(exercise)) // 0.1
 */
export function dissimilarity(played: PitchFeatures, exercise: ExerciseFeatures, stopAbove = Infinity): number {
  // Range, hands and length first: they are cheap and often settle it.
  const shift = octaveShift(played.lowest, played.highest, exercise.lowest, exercise.highest);
  const rangeMiss =
    Math.max(0, Math.abs(played.lowest - exercise.lowest - shift) - 2) + Math.max(0, Math.abs(played.highest - exercise.highest - shift) - 2);
  const handsMiss = Math.abs(played.simultaneous - exercise.simultaneous) > 0.5 ? 1 : 0;
  const ratio = played.count / Math.max(1, exercise.count);
  const tooFew = ratio < 0.6 ? 0.6 - ratio : 0;
  const cheap = rangeMiss / 6 + 3 * handsMiss + 4 * tooFew;
  if (cheap > stopAbove) return cheap;
  let outside = 0;
  let absent = 0;
  for (let pc = 0; pc < 12; pc += 1) {
    const share = played.pitchClassShare[pc] ?? 0;
    const expected = exercise.pitchClassShare[pc] ?? 0;
    if (expected === 0) outside += share;
    else if (share < 0.25 * expected) absent += 1;
  }
  return cheap + 8 * outside + 0.7 * absent + SHAPE_WEIGHT * shapeDistance(played.intervalShare, exercise.intervalShare);
}

/** Features of a whole catalogue in flat arrays, for a fast scan. */
export interface CatalogueIndex {
  readonly exercises: readonly Exercise[];
  readonly features: readonly ExerciseFeatures[];
  /** Per exercise, in catalogue order: the fields of its features, flat. */
  readonly lowest: Float64Array;
  readonly highest: Float64Array;
  readonly simultaneous: Float64Array;
  readonly count: Float64Array;
  /** 12 pitch-class shares per exercise, one after the other. */
  readonly shares: Float64Array;
  /** 12 interval-class shares per exercise, one after the other. */
  readonly intervals: Float64Array;
  /** The distinct pitch-class masks of the catalogue, and which one each exercise has. */
  readonly masks: Int32Array;
  readonly maskOf: Int32Array;
  /** The exercises of mask k: byMask[maskStart[k] .. maskStart[k + 1]), in catalogue order. */
  readonly byMask: Int32Array;
  readonly maskStart: Int32Array;
}

const indexes = new WeakMap<readonly Exercise[], CatalogueIndex>();

/**
 * The features of every exercise of a catalogue (cached per catalogue array).
 *
 * @example catalogueIndex(listExercises()).features.length === listExercises().length // true
 */
export function catalogueIndex(exercises: readonly Exercise[]): CatalogueIndex {
  const cached = indexes.get(exercises);
  if (cached) return cached;
  const features = exercises.map(exerciseFeatures);
  const size = features.length;
  const masks = Int32Array.from(new Set(features.map((f) => f.pitchClassMask)));
  const maskIndex = new Map(Array.from(masks, (mask, k) => [mask, k]));
  const maskOf = Int32Array.from(features, (f) => maskIndex.get(f.pitchClassMask) ?? 0);
  // Counting sort of the exercises by mask (stable: catalogue order within a mask).
  const maskStart = new Int32Array(masks.length + 1);
  for (let e = 0; e < size; e += 1) maskStart[(maskOf[e] ?? 0) + 1] = (maskStart[(maskOf[e] ?? 0) + 1] ?? 0) + 1;
  for (let k = 0; k < masks.length; k += 1) maskStart[k + 1] = (maskStart[k + 1] ?? 0) + (maskStart[k] ?? 0);
  const byMask = new Int32Array(size);
  const next = maskStart.slice(0, masks.length);
  for (let e = 0; e < size; e += 1) {
    const k = maskOf[e] ?? 0;
    byMask[next[k] ?? 0] = e;
    next[k] = (next[k] ?? 0) + 1;
  }
  const index: CatalogueIndex = {
    exercises,
    features,
    lowest: Float64Array.from(features, (f) => f.lowest),
    highest: Float64Array.from(features, (f) => f.highest),
    simultaneous: Float64Array.from(features, (f) => f.simultaneous),
    count: Float64Array.from(features, (f) => f.count),
    shares: new Float64Array(12 * size),
    intervals: new Float64Array(12 * size),
    masks,
    maskOf,
    byMask,
    maskStart,
  };
  features.forEach((f, e) => index.shares.set(f.pitchClassShare, 12 * e));
  features.forEach((f, e) => index.intervals.set(f.intervalShare, 12 * e));
  indexes.set(exercises, index);
  return index;
}

/** An entry's bound plus its absent and shape terms: dissimilarity()'s full score. */
function fullScore(e: number, bounds: Float64Array, index: CatalogueIndex, played: PitchFeatures): number {
  const { shares, intervals } = index;
  const playedShare = played.pitchClassShare;
  let absent = 0;
  const base = 12 * e;
  for (let pc = 0; pc < 12; pc += 1) {
    const expected = shares[base + pc] ?? 0;
    if (expected !== 0 && (playedShare[pc] ?? 0) < 0.25 * expected) absent += 1;
  }
  return (bounds[e] ?? 0) + 0.7 * absent + SHAPE_WEIGHT * shapeDistance(played.intervalShare, intervals, base);
}

// Scratch (reused across calls): per catalogue entry, a lower bound of its score and the call
// that computed it; per distinct pitch-class mask, the share of played notes outside it, the
// masks in order of that share, and which masks can still hold a shortlisted entry.
let boundScratch = new Float64Array(0);
let boundCall = new Int32Array(0);
let fullScratch = new Float64Array(0);
let fullCall = new Int32Array(0);
let outsideScratch = new Float64Array(0);
let maskOrder = new Int32Array(0);
let maskOpen = new Uint8Array(0);
let call = 0;
let ranks = new Int32Array(8);
let keptEntries = new Int32Array(8);
let keptScores = new Float64Array(8);

function reserveRanks(size: number): Int32Array {
  if (ranks.length < size) ranks = new Int32Array(size);
  return ranks;
}

function reserveKept(size: number): Int32Array {
  if (keptEntries.length < size) {
    keptEntries = new Int32Array(size);
    keptScores = new Float64Array(size);
  }
  return keptEntries;
}

/**
 * dissimilarity() without the absent and shape terms (a lower bound of it): range, hands, length
 * and the notes outside the entry's pitch classes (`outside`, already weighted). The same
 * arithmetic in the same order as dissimilarity().
 */
function entryBound(e: number, index: CatalogueIndex, played: PitchFeatures, outside: number): number {
  const low = index.lowest[e] ?? 0;
  const high = index.highest[e] ?? 0;
  const shift = octaveShift(played.lowest, played.highest, low, high);
  const rangeMiss = Math.max(0, Math.abs(played.lowest - low - shift) - 2) + Math.max(0, Math.abs(played.highest - high - shift) - 2);
  const handsMiss = Math.abs(played.simultaneous - (index.simultaneous[e] ?? 0)) > 0.5 ? 1 : 0;
  const ratio = played.count / Math.max(1, index.count[e] ?? 0);
  const tooFew = ratio < 0.6 ? 0.6 - ratio : 0;
  return rangeMiss / 6 + 3 * handsMiss + 4 * tooFew + outside;
}

/**
 * The `size` exercises most like the playing, closest first, leaving out those more than
 * `margin` less alike than the closest.
 *
 * @example shortlist(playedFeatures(view, range), catalogueIndex(listExercises()), 6, 2.5)[0]?.exercise.id
 */
export function shortlist(
  played: PitchFeatures,
  index: CatalogueIndex,
  size: number,
  margin: number,
): { readonly exercise: Exercise; readonly score: number }[] {
  // dissimilarity() over the flat arrays (recognition scans the catalogue once per stretch).
  // The notes outside an entry's pitch classes depend on its mask only (100 masks for 777
  // exercises) and are most of the score: every entry's score is at least its mask's outside
  // term, and the rest of its "bound" (range, hands, length) is cheap; only entries whose bound
  // leaves them a chance get the full score (absent pitch classes, melodic shape). Same
  // arithmetic in the same order as dissimilarity(), so the same scores, and the same ties (the
  // earlier entry wins).
  const { masks, maskOf, byMask, maskStart } = index;
  const total = index.lowest.length;
  if (boundScratch.length < total) {
    boundScratch = new Float64Array(total);
    boundCall = new Int32Array(total);
    fullScratch = new Float64Array(total);
    fullCall = new Int32Array(total);
  }
  if (outsideScratch.length < masks.length) {
    outsideScratch = new Float64Array(masks.length);
    maskOrder = new Int32Array(masks.length);
    maskOpen = new Uint8Array(masks.length);
  }
  call = call === 0x7fffffff ? 1 : call + 1;
  const bounds = boundScratch;
  const outsideOf = outsideScratch;
  const playedShare = played.pitchClassShare;
  for (let k = 0; k < masks.length; k += 1) {
    const mask = masks[k] ?? 0;
    let outside = 0;
    for (let pc = 0; pc < 12; pc += 1) if ((mask & (1 << pc)) === 0) outside += playedShare[pc] ?? 0;
    outsideOf[k] = 8 * outside;
    maskOrder[k] = k;
  }
  // Masks from the least outside on (insertion sort: 100 values, in place, no comparator calls).
  const order = maskOrder;
  for (let k = 1; k < masks.length; k += 1) {
    const mask = order[k] ?? 0;
    const key = outsideOf[mask] ?? 0;
    let at = k;
    while (at > 0 && (outsideOf[order[at - 1] ?? 0] ?? 0) > key) {
      order[at] = order[at - 1] ?? 0;
      at -= 1;
    }
    order[at] = mask;
  }
  // Pass 1, best first: entries of the masks with the least outside first, each scored in full
  // when its bound can still beat the size-th best full score so far; stops when no entry of
  // the masks left can (their scores are at least their mask's outside term). That size-th best
  // score bounds the final bar from above, so an entry whose bound exceeds it cannot get in.
  const top = reserveRanks(size);
  let ranked = 0;
  // The size-th best full score so far (Infinity until there are `size`).
  let bar = Infinity;
  for (let n = 0; n < masks.length; n += 1) {
    const k = order[n] ?? 0;
    const outside = outsideOf[k] ?? 0;
    if (outside > bar) break;
    const last = maskStart[k + 1] ?? 0;
    for (let at = maskStart[k] ?? 0; at < last; at += 1) {
      const e = byMask[at] ?? 0;
      const value = entryBound(e, index, played, outside);
      bounds[e] = value;
      boundCall[e] = call;
      if (value > bar) continue;
      const full = fullScore(e, bounds, index, played);
      fullScratch[e] = full;
      fullCall[e] = call;
      if (full >= bar) continue;
      let slot = ranked < size ? ranked++ : size - 1;
      while (slot > 0 && (fullScratch[top[slot - 1] ?? 0] ?? 0) > full) {
        top[slot] = top[slot - 1] ?? 0;
        slot -= 1;
      }
      top[slot] = e;
      if (ranked === size) bar = fullScratch[top[size - 1] ?? 0] ?? Infinity;
    }
  }
  const ceiling = bar;
  for (let k = 0; k < masks.length; k += 1) maskOpen[k] = (outsideOf[k] ?? 0) <= ceiling ? 1 : 0;
  // Pass 2: the shortlist proper, in catalogue order (an insertion after equal scores, so the
  // earlier entry wins a tie), over the masks that can still reach the bar.
  const kept = reserveKept(size);
  const keptScore = keptScores;
  let found = 0;
  let threshold = Infinity;
  for (let e = 0; e < total; e += 1) {
    const k = maskOf[e] ?? 0;
    if (maskOpen[k] !== 1) continue;
    if (boundCall[e] !== call) {
      bounds[e] = entryBound(e, index, played, outsideOf[k] ?? 0);
      boundCall[e] = call;
    }
    const value = bounds[e] ?? 0;
    // The absent and shape terms only add: a candidate already at the bar cannot get in.
    if (value > ceiling || value >= threshold) continue;
    const full = fullCall[e] === call ? (fullScratch[e] ?? 0) : fullScore(e, bounds, index, played);
    if (full >= threshold) continue;
    let at = found < size ? found++ : size - 1;
    while (at > 0 && (keptScore[at - 1] ?? 0) > full) {
      kept[at] = kept[at - 1] ?? 0;
      keptScore[at] = keptScore[at - 1] ?? 0;
      at -= 1;
    }
    kept[at] = e;
    keptScore[at] = full;
    if (found === size) threshold = keptScore[size - 1] ?? Infinity;
  }
  const best: { exercise: Exercise; score: number }[] = [];
  for (let k = 0; k < found; k += 1) {
    const exercise = index.exercises[kept[k] ?? 0];
    if (exercise !== undefined) best.push({ exercise, score: keptScore[k] ?? 0 });
  }
  const closest = best[0]?.score ?? 0;
  return best.filter((entry) => entry.score <= closest + margin);
}
