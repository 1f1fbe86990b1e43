/**
 * Hand separation: which hand played each note of two-hand playing, from pitch, timing, voice
 * continuity and hand span, with a confidence. A beam search over hand assignments in onset order
 (in the spirit of Kasimi, Nichols & Raphael 2007 and Hadjakos, Waloschek & Leemhuis 2019),
 * decided with a bounded look-ahead, so a live view can use it: the hand of a note is final once
 * its onset group is complete and `lagNotes` later notes have arrived.
 *
 * The cost of a hypothesis = hand-set physical costs (below, weight 1) + learned corrections: binned
 * features (jump size by time available, side of the other hand's held keys and last chord, keys
 * held, span, register, running position and touch, rhythm, transition from the previous note,
 * where a chord's largest gap lies), each bin with a weight fitted by an averaged structured
 * perceptron on the training half of hannds (HAND_WEIGHTS, scripts/train-hands.ts).
 *
 * Hand-set costs (all in "cost units", lower is more plausible):
 * - span: the keys one hand holds down at once (notes still sounding when the new one starts, not
 *   counting the pedal, which MIDI note-off already excludes) cannot spread wider than a hand;
 *   rising steeply past an octave.
 * - movement: distance from the hand's last chord, cheaper the more time the hand had to move.
 * - crossing: a right-hand note below the keys the left hand holds (or its last note), and the
 *   mirror case.
 * - register: a weak prior that the right hand plays high and the left hand low.
 * Validated on the hannds data set (scripts/validate-hands.ts; docs/fingering.md).
 */
import type { Hand } from '../exercises/types';
import { HAND_WEIGHTS } from './hand-weights';

/** The part of a note hand separation needs (a core `Note` fits). */
export interface HandInputNote {
  readonly pitch: number;
  readonly onsetMs: number;
  readonly offsetMs: number;
  /** MIDI velocity 1..127 (optional: without it touch is not used). */
  readonly velocity?: number;
}

export interface HandEstimate {
  readonly hand: Hand;
  /** 0.5..1: how much more plausible this hand was than the other at decision time. */
  readonly confidence: number;
}

export interface HandCosts {
  /** Semitones one hand spans with no cost (keys held together). */
  readonly comfortableSpan: number;
  /** Cost per semitone beyond comfortableSpan, squared. */
  readonly spanWeight: number;
  /** Cost per semitone moved from the hand's last position. */
  readonly moveWeight: number;
  /** Semitones a hand moves at no cost per second of time available. */
  readonly moveFreePerSecond: number;
  /** Cost of a note on the wrong side of the other hand's held keys, per semitone. */
  readonly crossHeldWeight: number;
  /** Cost of a note on the wrong side of the other hand's last note, per semitone. */
  readonly crossLastWeight: number;
  /** Cost per octave on the "wrong" side of the register split. */
  readonly registerWeight: number;
  /** Register split (MIDI pitch; 60 = middle C). */
  readonly split: number;
  /** Notes whose onsets lie within this many ms form one chord (for movement). */
  readonly chordMs: number;
  /** Cost per semitone a chord note widens its hand's chord. */
  readonly spreadWeight: number;
  /** Cost per semitone away from the hand's running position (EWMA of its pitches). */
  readonly positionWeight: number;
  /** EWMA weight of a new note in the hand's running position. */
  readonly positionAlpha: number;
  /** Cost per 10 velocity units away from the hand's running velocity (touch differs by hand). */
  readonly velocityWeight: number;
  /** Cost per factor e of key-down duration away from the hand's running duration (articulation). */
  readonly durationWeight: number;
  /** Cost of a sixth key held down at once by one hand. */
  readonly fingersWeight: number;
  /**
   * Cost per key the hand keeps holding (well past a legato overlap) while it plays a new note:
   * holding one voice while playing another in the same hand is possible but rarer than the other
   * hand taking the new note.
   */
  readonly holdWeight: number;
  /** Overlap (ms) with a following note that still counts as legato, not as holding. */
  readonly legatoMs: number;
}

export interface HandOptions {
  /** Notes of look-ahead before a note's hand is decided (default 12; 0 = purely causal). */
  readonly lagNotes?: number;
  /** Hypotheses kept (default 24). */
  readonly beamWidth?: number;
  readonly costs?: Partial<HandCosts>;
  /** Scale of the cost margin in the confidence 1 / (1 + e^(-margin/scale)) (default 2). */
  readonly confidenceScale?: number;
  /**
   * Learned feature weights, laid out as HAND_FEATURES (default HAND_WEIGHTS, trained by
   * scripts/train-hands.ts). Weight 0 (`base`) scales the hand-set costs.
   */
  readonly weights?: ArrayLike<number>;
}

export const DEFAULT_HAND_COSTS: HandCosts = {
  comfortableSpan: 12,
  spanWeight: 1.5,
  moveWeight: 0.05,
  moveFreePerSecond: 24,
  crossHeldWeight: 1.2,
  crossLastWeight: 0.25,
  registerWeight: 0.6,
  split: 60,
  chordMs: 35,
  spreadWeight: 0.25,
  positionWeight: 0.1,
  positionAlpha: 0.3,
  velocityWeight: 0.2,
  durationWeight: 0.2,
  fingersWeight: 3,
  holdWeight: 1.6,
  legatoMs: 120,
};

interface HandState {
  /** Pitch range of the hand's last chord (low, high), NaN before its first note. */
  readonly low: number;
  readonly high: number;
  readonly lastOnsetMs: number;
  /** Inter-onset interval (ms) between the hand's last two chords, NaN until it has two. */
  readonly lastIoiMs: number;
  /** Running position: EWMA of the hand's pitches, NaN before its first note. */
  readonly position: number;
  /** Slow running position (EWMA, SLOW_ALPHA), NaN before its first note. */
  readonly slow: number;
  /** Running velocity and log key-down duration (EWMA), NaN before the first note. */
  readonly velocity: number;
  readonly logDuration: number;
  /** Keys held: pitches and their offsets, flat pairs. */
  readonly held: readonly number[];
}

interface PathNode {
  readonly index: number;
  readonly hand: 0 | 1;
  readonly pitch: number;
  readonly prev: PathNode | null;
  /** Training only: the features this step fired, flat (index, value) pairs. */
  readonly features?: readonly number[];
}

interface Hypothesis {
  readonly cost: number;
  readonly hands: readonly [HandState, HandState];
  readonly path: PathNode | null;
  /** Training only: every decision so far agrees with the truth. */
  readonly gold?: boolean;
}

/**
 * The learned features: each group is a table of bins, one half per hand (right first). The cost
 * of a hypothesis is the sum over fired features of weight * value; weight 0 of `base` scales the
 * hand-set costs above. Bins, not raw values, so the training can learn the shape of each
 * distribution (how far a hand jumps in how much time, how often a hand sits on the other's side).
 */
const FEATURE_GROUPS = [
  ['base', 1],
  ['first', 2],
  ['register', 2 * 13],
  ['move', 2 * 8 * 5],
  ['spread', 2 * 6],
  ['span', 2 * 6],
  ['keys', 2 * 6],
  ['hold', 2 * 4],
  ['crossHeld', 2 * 9],
  ['crossLast', 2 * 9 * 3],
  ['position', 2 * 6],
  ['velocity', 2 * 4],
  ['duration', 2 * 4],
  ['rhythm', 2 * 5],
  ['midline', 2 * 10],
  ['slow', 2 * 6],
  ['transition', 2 * 2 * 5 * 6],
  ['group', 2 * 32],
  ['memory', 2 * 2 * 2 * 5],
  ['contrast', 2 * 2 * 8],
] as const;

type FeatureGroup = (typeof FEATURE_GROUPS)[number][0];

/** Offset and size of each feature group in the weight vector (HAND_WEIGHTS' layout). */
export const HAND_FEATURES: Readonly<Record<FeatureGroup, { readonly offset: number; readonly size: number }>> = (() => {
  const out = {} as Record<FeatureGroup, { offset: number; size: number }>;
  let offset = 0;
  for (const [name, size] of FEATURE_GROUPS) {
    out[name] = { offset, size };
    offset += size;
  }
  return out;
})();

/** Length of the weight vector. */
export const HAND_FEATURE_COUNT: number = FEATURE_GROUPS.reduce((sum, [, size]) => sum + size, 0);

const F = HAND_FEATURES;
/** Start of each group and the size of one hand's half (right hand first). */
const OFF = Object.freeze(Object.fromEntries(FEATURE_GROUPS.map(([name]) => [name, F[name].offset]))) as Readonly<Record<FeatureGroup, number>>;
const HALF = Object.freeze(Object.fromEntries(FEATURE_GROUPS.map(([name, size]) => [name, size / 2]))) as Readonly<Record<FeatureGroup, number>>;
/** Scratch: indices of the features one extension fires (at most one per group, two for memory and contrast). */
const FIRED = new Int32Array(FEATURE_GROUPS.length + 2);

/** Index of the first edge above x (edges ascending), i.e. the bin of x. */
function bin(x: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && x >= edges[k]!) k += 1;
  return k;
}

const MOVE_EDGES = [1, 2, 3, 5, 8, 13, 20];
const GAP_EDGES = [100, 200, 400, 1000];
const WIDTH_EDGES = [5, 8, 11, 13, 15];
const SPAN_EDGES = [8, 11, 13, 15, 17];
const SIDE_EDGES = [-12, -4, 0, 1, 3, 5, 8, 13];
const AGE_EDGES = [250, 1000];
const POSITION_EDGES = [3, 6, 10, 15, 21];
const VELOCITY_EDGES = [6, 13, 21];
const DURATION_EDGES = [0.3, 0.7, 1.2];
const VELOCITY_CONTRAST_EDGES = [-15, -8, -3, 0, 3, 8, 15];
const DURATION_CONTRAST_EDGES = [-1, -0.5, -0.2, 0, 0.2, 0.5, 1];
const INTERVAL_EDGES = [3, 5, 8, 13, 20];
/** How many earlier notes the pitch memory looks back over. */
const MEMORY_NOTES = 48;
const MEMORY_EDGES = [3, 7, 13, 25];
const GROUP_SPAN_EDGES = [10, 13, 16];
const GROUP_GAP_EDGES = [5, 8, 12];
const TRANSITION_GAP_EDGES = [100, 200, 400];
const RHYTHM_EDGES = [0.25, 0.6, 1.2, 2.5];
const MIDLINE_EDGES = [-12, -7, -4, -2, 0, 2, 4, 7, 12];
/** EWMA weight of a new note in a hand's slow running position (its register over ~20 notes). */
const SLOW_ALPHA = 0.05;

/** The previous note pushed (any hand): for chord-splitting features. */
interface PreviousNote {
  readonly pitch: number;
  readonly onsetMs: number;
}

const EMPTY_HAND: HandState = {
  low: Number.NaN,
  high: Number.NaN,
  lastOnsetMs: -Infinity,
  lastIoiMs: Number.NaN,
  position: Number.NaN,
  slow: Number.NaN,
  velocity: Number.NaN,
  logDuration: Number.NaN,
  held: [],
};
const HAND_NAMES: readonly [Hand, Hand] = ['right', 'left'];

/**
 * Estimates the hand of every note. Notes may be in any order; the result is index for index with
 * the input. Throws RangeError on a note with a non-finite onset or pitch.
 *
 * @example
 * separateHands([{ pitch: 72, onsetMs: 0, offsetMs: 400 }, { pitch: 48, onsetMs: 0, offsetMs: 400 }])
 * // [{ hand: 'right', confidence: 0.99.. }, { hand: 'left', confidence: 0.99.. }]
 */
export function separateHands(notes: readonly HandInputNote[], options: HandOptions = {}): HandEstimate[] {
  const separator = createHandSeparator(options);
  const order = onsetOrder(notes);
  const result = new Array<HandEstimate>(notes.length);
  const place = (decisions: readonly HandDecision[]) => {
    for (const decision of decisions) result[order[decision.index]!] = decision;
  };
  for (const i of order) place(separator.push(notes[i]!));
  place(separator.flush());
  return result;
}

/** Indices of the notes in onset order (ties: lower pitch first); throws on non-finite input. */
function onsetOrder(notes: readonly HandInputNote[]): number[] {
  for (const note of notes) {
    if (!Number.isFinite(note.onsetMs) || !Number.isFinite(note.pitch)) {
      throw new RangeError(`separateHands: note with non-finite onset or pitch (${note.onsetMs}, ${note.pitch})`);
    }
  }
  const order = notes.map((_, i) => i);
  order.sort((a, b) => notes[a]!.onsetMs - notes[b]!.onsetMs || notes[a]!.pitch - notes[b]!.pitch);
  return order;
}

/** A decided note: its position in push order, hand and confidence. */
export interface HandDecision extends HandEstimate {
  readonly index: number;
}

/** The streaming separator: push notes in onset order, get decisions `lagNotes` notes later. */
export interface HandSeparator {
  /**
   * Adds the next note (onset order); returns the notes decided by it (zero or more: a note that
   * closes an onset group can decide the whole group).
   */
  push(note: HandInputNote): HandDecision[];
  /** Decides every pending note (end of the stream). */
  flush(): HandDecision[];
}

/**
 * A streaming hand separator for live use: each pushed note is decided once its onset group is
 * complete (the first note more than `chordMs` after the group's first onset has arrived) and
 * `lagNotes` further notes have been extended (or at flush). The look-ahead is bounded: lagNotes + 1
 * notes, or the group.
 *
 * @example
 * const live = createHandSeparator({ lagNotes: 6 });
 * for (const note of incoming) for (const d of live.push(note)) show(d.index, d.hand);
 */
export function createHandSeparator(options: HandOptions = {}): HandSeparator {
  const costs: HandCosts = { ...DEFAULT_HAND_COSTS, ...options.costs };
  const weights = options.weights ?? HAND_WEIGHTS;
  if (weights.length !== HAND_FEATURE_COUNT) {
    throw new RangeError(`createHandSeparator: ${weights.length} weights, expected ${HAND_FEATURE_COUNT}`);
  }
  const lag = Math.max(0, Math.floor(options.lagNotes ?? 12));
  const width = Math.max(2, Math.floor(options.beamWidth ?? 24));
  const scale = options.confidenceScale ?? 2;
  let beam: Hypothesis[] = [{ cost: 0, hands: [EMPTY_HAND, EMPTY_HAND], path: null }];
  let count = 0;
  let decided = 0;
  let previous: PreviousNote | null = null;
  let pending: HandInputNote[] = [];

  const processPending = (): HandDecision[] => {
    const bins = groupBins(pending);
    pending.forEach((note, k) => {
      const index = count;
      count += 1;
      const next: Hypothesis[] = [];
      for (const hypothesis of beam) {
        const memory = recall(hypothesis.path, note.pitch);
        for (const hand of [0, 1] as const) {
          next.push(extend(hypothesis, hand, index, note, previous, bins[k]!, memory, costs, weights, null));
        }
      }
      previous = note;
      next.sort((a, b) => a.cost - b.cost);
      beam = dedupe(next, width);
    });
    pending = [];
    return count - decided > lag ? decide(count - lag) : [];
  };

  const decide = (upTo: number): HandDecision[] => {
    const out: HandDecision[] = [];
    while (decided < upTo) {
      const index = decided;
      const best = beam[0]!;
      const hand = handAt(best.path, index);
      let other = Infinity;
      for (const hypothesis of beam) {
        if (handAt(hypothesis.path, index) !== hand) {
          other = hypothesis.cost;
          break;
        }
      }
      // No surviving alternative: the margin is at least the spread of the beam.
      const margin = Number.isFinite(other) ? other - best.cost : beam[beam.length - 1]!.cost - best.cost + scale * 2;
      out.push({ index, hand: HAND_NAMES[hand], confidence: 1 / (1 + Math.exp(-margin / scale)) });
      // Commit: hypotheses that disagree with a decided note can no longer win.
      beam = beam.filter((hypothesis) => handAt(hypothesis.path, index) === hand);
      decided += 1;
    }
    return out;
  };

  return {
    push(note) {
      // An onset group (a chord, rolled or not) is extended together once it is complete, so each
      // of its notes knows where the group's largest gap is: a look-ahead of at most chordMs.
      const out = pending.length > 0 && note.onsetMs - pending[0]!.onsetMs > costs.chordMs ? processPending() : [];
      pending.push(note);
      return out;
    },
    flush() {
      const out = processPending();
      return [...out, ...decide(count)];
    },
  };
}

/** One performance with the true hand of each note, for training. */
export interface HandTrainingPiece {
  readonly notes: readonly HandInputNote[];
  readonly hands: readonly Hand[];
}

export interface HandTrainingOptions {
  /** Passes over the pieces (default 6). */
  readonly epochs?: number;
  /** Step size of each update (default 0.05). */
  readonly rate?: number;
  /** Hypotheses kept while training (default 24, as at run time). */
  readonly beamWidth?: number;
  readonly costs?: Partial<HandCosts>;
  /** Starting weights (default: 1 for `base`, 0 elsewhere = the hand-set costs alone). */
  readonly initial?: ArrayLike<number>;
  /** Called after each epoch with the number of updates made. */
  readonly onEpoch?: (epoch: number, updates: number) => void;
}

/**
 * Fits the feature weights with the averaged structured perceptron and early update (Collins &
 * Roark 2004): the beam search runs over each training piece; when the true assignment falls out
 * of the beam, the weights move by rate * (features of the best wrong path - features of the true
 * path) since the last update, and the search restarts from the truth. Pieces in the given order.
 *
 * @example
 * const weights = trainHandWeights([{ notes, hands }], { epochs: 4 }); // number[HAND_FEATURE_COUNT]
 */
export function trainHandWeights(pieces: readonly HandTrainingPiece[], options: HandTrainingOptions = {}): number[] {
  const costs: HandCosts = { ...DEFAULT_HAND_COSTS, ...options.costs };
  const epochs = options.epochs ?? 6;
  const rate = options.rate ?? 0.05;
  const width = Math.max(2, Math.floor(options.beamWidth ?? 24));
  const weights = new Float64Array(HAND_FEATURE_COUNT);
  if (options.initial) weights.set(Array.from(options.initial));
  else weights[F.base.offset] = 1;
  // Averaging: sum of the weights after every step = steps * w - summed (step * update).
  const stepWeighted = new Float64Array(HAND_FEATURE_COUNT);
  let step = 1;
  const delta = new Map<number, number>();
  const collect = (path: PathNode | null, from: number, sign: number) => {
    for (let node = path; node && node.index >= from; node = node.prev) {
      const features = node.features!;
      for (let k = 0; k < features.length; k += 2) {
        delta.set(features[k]!, (delta.get(features[k]!) ?? 0) + sign * features[k + 1]!);
      }
    }
  };
  const update = (gold: Hypothesis, wrong: Hypothesis, from: number): void => {
    delta.clear();
    collect(wrong.path, from, 1);
    collect(gold.path, from, -1);
    for (const [feature, value] of delta) {
      // The hand-set costs keep weight 1: the learned features correct them (their sums are
      // large and would otherwise swamp every other update).
      if (feature === F.base.offset) continue;
      weights[feature] = weights[feature]! + rate * value;
      stepWeighted[feature] = stepWeighted[feature]! + step * rate * value;
    }
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    let updates = 0;
    for (const piece of pieces) {
      const order = onsetOrder(piece.notes);
      let beam: Hypothesis[] = [{ cost: 0, hands: [EMPTY_HAND, EMPTY_HAND], path: null, gold: true }];
      let previous: PreviousNote | null = null;
      let from = 0;
      const bins = pieceGroupBins(order.map((original) => piece.notes[original]!), costs.chordMs);
      order.forEach((original, index) => {
        const note = piece.notes[original]!;
        const truth = piece.hands[original] === 'right' ? 0 : 1;
        const next: Hypothesis[] = [];
        for (const hypothesis of beam) {
          const memory = recall(hypothesis.path, note.pitch);
          for (const hand of [0, 1] as const) {
            const extended = extend(hypothesis, hand, index, note, previous, bins[index]!, memory, costs, weights, []);
            next.push({ ...extended, gold: hypothesis.gold === true && hand === truth });
          }
        }
        previous = note;
        next.sort((a, b) => a.cost - b.cost);
        beam = dedupe(next, width);
        if (!beam.some((hypothesis) => hypothesis.gold)) {
          const gold = next.find((hypothesis) => hypothesis.gold)!;
          update(gold, beam[0]!, from);
          updates += 1;
          beam = [gold];
          from = index + 1;
        }
        step += 1;
      });
      if (!beam[0]!.gold) {
        update(beam.find((hypothesis) => hypothesis.gold)!, beam[0]!, from);
        updates += 1;
      }
    }
    options.onEpoch?.(epoch + 1, updates);
  }
  return Array.from(weights, (w, k) => w - stepWeighted[k]! / step);
}

/**
 * The group feature bin of each note of one onset group (onset order), -1 for a note alone: the
 * group's span and largest gap between adjacent pitches, and whether the note lies below that gap
 * (where a two-hand chord is usually split).
 */
function groupBins(group: readonly HandInputNote[]): number[] {
  if (group.length < 2) return group.map(() => -1);
  const pitches = group.map((note) => note.pitch).sort((a, b) => a - b);
  let gap = -1;
  let cut = 0;
  for (let k = 1; k < pitches.length; k++) {
    if (pitches[k]! - pitches[k - 1]! > gap) {
      gap = pitches[k]! - pitches[k - 1]!;
      cut = (pitches[k]! + pitches[k - 1]!) / 2;
    }
  }
  const code = (bin(pitches[pitches.length - 1]! - pitches[0]!, GROUP_SPAN_EDGES) * 4 + bin(gap, GROUP_GAP_EDGES)) * 2;
  return group.map((note) => code + (note.pitch < cut ? 1 : 0));
}

/** groupBins over a whole piece in onset order. */
function pieceGroupBins(sorted: readonly HandInputNote[], chordMs: number): number[] {
  const out: number[] = [];
  let start = 0;
  for (let k = 1; k <= sorted.length; k++) {
    if (k === sorted.length || sorted[k]!.onsetMs - sorted[start]!.onsetMs > chordMs) {
      out.push(...groupBins(sorted.slice(start, k)));
      start = k;
    }
  }
  return out;
}

/**
 * Pitch memory of one path for a new pitch, computed once per hypothesis (both hands use it): which
 * hand last played this key, and which a key a tone or less away, among the last MEMORY_NOTES
 * notes, and how long ago (MEMORY_EDGES bin). Packed as (exact + 1) * 11 + (near + 1), each
 * hand * 5 + bin or -1 when not found.
 */
function recall(path: PathNode | null, p: number): number {
  let exact = -1;
  let near = -1;
  let back = 0;
  for (let node = path; node && back < MEMORY_NOTES && (exact < 0 || near < 0); node = node.prev) {
    back += 1;
    const d = node.pitch > p ? node.pitch - p : p - node.pitch;
    if (d === 0) {
      if (exact < 0) exact = node.hand * 5 + bin(back, MEMORY_EDGES);
    } else if (d <= 2 && near < 0) {
      near = node.hand * 5 + bin(back, MEMORY_EDGES);
    }
  }
  return (exact + 1) * 11 + near + 1;
}

function handAt(path: PathNode | null, index: number): 0 | 1 {
  let node = path;
  while (node && node.index > index) node = node.prev;
  return node?.hand ?? 0;
}

/** Keeps the best `width` hypotheses, one per distinct recent state. */
function dedupe(sorted: readonly Hypothesis[], width: number): Hypothesis[] {
  const kept: Hypothesis[] = [];
  const seen: number[] = [];
  for (const hypothesis of sorted) {
    const [r, l] = hypothesis.hands;
    const key =
      ((((pitchKey(r.low) * 128 + pitchKey(r.high)) * 8 + Math.min(7, r.held.length / 2)) * 128 + pitchKey(l.low)) * 128 +
        pitchKey(l.high)) *
        16 +
      Math.min(7, l.held.length / 2) * 2 +
      (hypothesis.path?.hand ?? 0);
    if (seen.includes(key)) continue;
    seen.push(key);
    kept.push(hypothesis);
    if (kept.length >= width) break;
  }
  return kept;
}

function ewma(old: number, value: number, alpha: number): number {
  return Number.isNaN(value) ? old : Number.isNaN(old) ? value : old + alpha * (value - old);
}

function pitchKey(pitch: number): number {
  return Number.isNaN(pitch) ? 127 : Math.max(0, Math.min(127, Math.round(pitch)));
}

function extend(
  hypothesis: Hypothesis,
  hand: 0 | 1,
  index: number,
  note: HandInputNote,
  previous: PreviousNote | null,
  groupBin: number,
  memory: number,
  c: HandCosts,
  w: ArrayLike<number>,
  sink: number[] | null,
): Hypothesis {
  const t = note.onsetMs;
  const p = note.pitch;
  const own = hypothesis.hands[hand];
  const other = hypothesis.hands[hand === 0 ? 1 : 0];
  let base = 0;
  let fired = 0;

  // Span of the keys this hand would hold together.
  let heldLow = p;
  let heldHigh = p;
  let holding = 0;
  const held: number[] = [];
  for (let k = 0; k < own.held.length; k += 2) {
    const pitch = own.held[k]!;
    const offset = own.held[k + 1]!;
    if (offset <= t) continue;
    held.push(pitch, offset);
    if (offset > t + c.legatoMs && t - own.lastOnsetMs > c.chordMs) {
      base += c.holdWeight;
      holding += 1;
    }
    if (pitch < heldLow) heldLow = pitch;
    if (pitch > heldHigh) heldHigh = pitch;
  }
  const over = heldHigh - heldLow - c.comfortableSpan;
  if (over > 0) base += c.spanWeight * over * over;
  held.push(p, note.offsetMs);
  FIRED[fired++] = (OFF.span + hand * HALF.span) + bin(heldHigh - heldLow, SPAN_EDGES);
  FIRED[fired++] = (OFF.keys + hand * HALF.keys) + Math.min(6, held.length / 2) - 1;
  FIRED[fired++] = (OFF.hold + hand * HALF.hold) + Math.min(3, holding);

  // Movement from the last chord, cheaper with more time.
  const inChord = t - own.lastOnsetMs <= c.chordMs;
  if (!Number.isNaN(own.low)) {
    const distance = p < own.low ? own.low - p : p > own.high ? p - own.high : 0;
    const free = inChord ? c.comfortableSpan : (c.moveFreePerSecond * Math.min(t - own.lastOnsetMs, 4000)) / 1000;
    const moved = inChord ? Math.max(0, distance - c.comfortableSpan) : distance;
    base += c.moveWeight * Math.max(0, moved - free * 0.25) + (c.moveWeight * moved) / (1 + free);
    if (inChord) {
      base += c.spreadWeight * distance;
      FIRED[fired++] = (OFF.spread + hand * HALF.spread) + bin(Math.max(own.high, p) - Math.min(own.low, p), WIDTH_EDGES);
    } else {
      FIRED[fired++] = (OFF.move + hand * HALF.move) + bin(distance, MOVE_EDGES) * 5 + bin(t - own.lastOnsetMs, GAP_EDGES);
      if (!Number.isNaN(own.lastIoiMs) && own.lastIoiMs > 0) {
        const ratio = Math.abs(Math.log2(Math.max(1, t - own.lastOnsetMs) / own.lastIoiMs));
        FIRED[fired++] = (OFF.rhythm + hand * HALF.rhythm) + bin(ratio, RHYTHM_EDGES);
      }
    }
  } else {
    FIRED[fired++] = F.first.offset + hand;
  }
  if (!Number.isNaN(own.position)) {
    base += c.positionWeight * Math.abs(p - own.position);
    FIRED[fired++] = (OFF.position + hand * HALF.position) + bin(Math.abs(p - own.position), POSITION_EDGES);
    FIRED[fired++] = (OFF.slow + hand * HALF.slow) + bin(Math.abs(p - own.slow), POSITION_EDGES);
  }
  const v = note.velocity ?? Number.NaN;
  if (!Number.isNaN(own.velocity) && !Number.isNaN(v)) {
    base += (c.velocityWeight * Math.abs(v - own.velocity)) / 10;
    FIRED[fired++] = (OFF.velocity + hand * HALF.velocity) + bin(Math.abs(v - own.velocity), VELOCITY_EDGES);
  }
  const logDuration = Math.log(Math.max(20, note.offsetMs - t));
  if (!Number.isNaN(own.logDuration)) {
    base += c.durationWeight * Math.abs(logDuration - own.logDuration);
    FIRED[fired++] = (OFF.duration + hand * HALF.duration) + bin(Math.abs(logDuration - own.logDuration), DURATION_EDGES);
  }
  if (held.length >= 12) base += c.fingersWeight;
  // Touch contrast: closer to this hand's running velocity / key-down duration than to the other's
  // (a melody is louder and longer than its accompaniment).
  if (!Number.isNaN(own.velocity) && !Number.isNaN(other.velocity) && !Number.isNaN(v)) {
    FIRED[fired++] = (OFF.contrast + hand * HALF.contrast) + bin(Math.abs(v - own.velocity) - Math.abs(v - other.velocity), VELOCITY_CONTRAST_EDGES);
  }
  if (!Number.isNaN(own.logDuration) && !Number.isNaN(other.logDuration)) {
    FIRED[fired++] =
      (OFF.contrast + hand * HALF.contrast) + 8 + bin(Math.abs(logDuration - own.logDuration) - Math.abs(logDuration - other.logDuration), DURATION_CONTRAST_EDGES);
  }

  // Crossing the other hand.
  const sign = hand === 0 ? 1 : -1; // right hand should be above
  let otherHeldEdge = Number.NaN;
  for (let k = 0; k < other.held.length; k += 2) {
    if (other.held[k + 1]! <= t) continue;
    const pitch = other.held[k]!;
    if (Number.isNaN(otherHeldEdge) || sign * (pitch - otherHeldEdge) > 0) otherHeldEdge = pitch;
  }
  if (!Number.isNaN(otherHeldEdge)) {
    const wrong = sign * (otherHeldEdge - p);
    if (wrong >= 0) base += c.crossHeldWeight * (wrong + 1);
    FIRED[fired++] = (OFF.crossHeld + hand * HALF.crossHeld) + bin(-wrong, SIDE_EDGES);
  } else if (!Number.isNaN(other.low)) {
    const edge = hand === 0 ? other.high : other.low;
    const wrong = sign * (edge - p);
    if (wrong > 0) base += c.crossLastWeight * wrong;
    FIRED[fired++] = (OFF.crossLast + hand * HALF.crossLast) + bin(-wrong, SIDE_EDGES) * 3 + bin(t - other.lastOnsetMs, AGE_EDGES);
  }

  if (groupBin >= 0) FIRED[fired++] = (OFF.group + hand * HALF.group) + groupBin;

  // Pitch memory (see recall): figures repeat, and mostly in the same hand.
  const exact = Math.floor(memory / 11) - 1;
  const near = (memory % 11) - 1;
  if (exact >= 0) FIRED[fired++] = (OFF.memory + hand * HALF.memory) + (Math.floor(exact / 5) === hand ? 0 : 5) + (exact % 5);
  if (near >= 0) FIRED[fired++] = (OFF.memory + hand * HALF.memory) + 10 + (Math.floor(near / 5) === hand ? 0 : 5) + (near % 5);

  // Which side of the line between the two hands' running positions.
  if (!Number.isNaN(own.position) && !Number.isNaN(other.position)) {
    FIRED[fired++] = (OFF.midline + hand * HALF.midline) + bin((hand === 0 ? 1 : -1) * (p - (own.position + other.position) / 2), MIDLINE_EDGES);
  }

  // Register prior.
  const side = (sign * (c.split - p)) / 12;
  if (side > 0) base += c.registerWeight * side;
  FIRED[fired++] = (OFF.register + hand * HALF.register) + Math.max(0, Math.min(12, Math.floor((sign * (p - 60)) / 4) + 6));

  // The previous note (any hand): same hand or the other, by time and interval to it. Splits
  // chords at their gaps and keeps a fast line in one hand.
  if (previous && hypothesis.path) {
    const same = hypothesis.path.hand === hand ? 0 : 1;
    const gap = t - previous.onsetMs <= c.chordMs ? 0 : 1 + bin(t - previous.onsetMs, TRANSITION_GAP_EDGES);
    FIRED[fired++] = (OFF.transition + hand * HALF.transition) + (same * 5 + gap) * 6 + bin(Math.abs(p - previous.pitch), INTERVAL_EDGES);
  }

  let learned = w[0]! * base;
  for (let k = 0; k < fired; k++) learned += w[FIRED[k]!]!;
  if (sink) {
    sink.push(0, base);
    for (let k = 0; k < fired; k++) sink.push(FIRED[k]!, 1);
  }

  const low = inChord && !Number.isNaN(own.low) ? Math.min(own.low, p) : p;
  const high = inChord && !Number.isNaN(own.high) ? Math.max(own.high, p) : p;
  const position = Number.isNaN(own.position) ? p : own.position + c.positionAlpha * (p - own.position);
  const state: HandState = {
    low,
    high,
    lastOnsetMs: inChord ? own.lastOnsetMs : t,
    lastIoiMs: inChord || !Number.isFinite(own.lastOnsetMs) ? own.lastIoiMs : t - own.lastOnsetMs,
    position,
    slow: ewma(own.slow, p, SLOW_ALPHA),
    velocity: ewma(own.velocity, v, c.positionAlpha),
    logDuration: ewma(own.logDuration, logDuration, c.positionAlpha),
    held,
  };
  const hands: [HandState, HandState] = hand === 0 ? [state, other] : [other, state];
  const path: PathNode = sink ? { index, hand, pitch: p, prev: hypothesis.path, features: sink } : { index, hand, pitch: p, prev: hypothesis.path };
  return { cost: hypothesis.cost + learned, hands, path };
}
