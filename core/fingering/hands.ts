/**
 * Hand separation: which hand played each note of two-hand playing, from pitch, timing, voice
 * continuity and hand span, with a confidence. A beam search over hand assignments in onset order
 * (in the spirit of Kasimi, Nichols & Raphael 2007 and Hadjakos, Waloschek & Leemhuis 2019, but
 * with explicit physical costs instead of a learned model), decided with a bounded look-ahead of
 * `lagNotes` notes, so a live view can use it: the hand of a note is final once `lagNotes` later
 * notes have arrived.
 *
 * Costs (all in "cost units", lower is more plausible):
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
  /** Running position: EWMA of the hand's pitches, NaN before its first note. */
  readonly position: number;
  /** Running velocity and log key-down duration (EWMA), NaN before the first note. */
  readonly velocity: number;
  readonly logDuration: number;
  /** Keys held: pitches and their offsets, flat pairs. */
  readonly held: readonly number[];
}

interface PathNode {
  readonly index: number;
  readonly hand: 0 | 1;
  readonly prev: PathNode | null;
}

interface Hypothesis {
  readonly cost: number;
  readonly hands: readonly [HandState, HandState];
  readonly path: PathNode | null;
}

const EMPTY_HAND: HandState = { low: Number.NaN, high: Number.NaN, lastOnsetMs: -Infinity, position: Number.NaN, velocity: Number.NaN, logDuration: Number.NaN, held: [] };
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
  const order = notes.map((_, i) => i);
  for (const note of notes) {
    if (!Number.isFinite(note.onsetMs) || !Number.isFinite(note.pitch)) {
      throw new RangeError(`separateHands: note with non-finite onset or pitch (${note.onsetMs}, ${note.pitch})`);
    }
  }
  order.sort((a, b) => notes[a]!.onsetMs - notes[b]!.onsetMs || notes[a]!.pitch - notes[b]!.pitch);
  const result = new Array<HandEstimate>(notes.length);
  const place = (decisions: readonly HandDecision[]) => {
    for (const decision of decisions) result[order[decision.index]!] = decision;
  };
  for (const i of order) place(separator.push(notes[i]!));
  place(separator.flush());
  return result;
}

/** A decided note: its position in push order, hand and confidence. */
export interface HandDecision extends HandEstimate {
  readonly index: number;
}

/** The streaming separator: push notes in onset order, get decisions `lagNotes` notes later. */
export interface HandSeparator {
  /** Adds the next note (onset order); returns the notes decided by it (zero or one). */
  push(note: HandInputNote): HandDecision[];
  /** Decides every pending note (end of the stream). */
  flush(): HandDecision[];
}

/**
 * A streaming hand separator for live use: each pushed note is decided once `lagNotes` further
 * notes have arrived (or at flush).
 *
 * @example
 * const live = createHandSeparator({ lagNotes: 6 });
 * for (const note of incoming) for (const d of live.push(note)) show(d.index, d.hand);
 */
export function createHandSeparator(options: HandOptions = {}): HandSeparator {
  const costs: HandCosts = { ...DEFAULT_HAND_COSTS, ...options.costs };
  const lag = Math.max(0, Math.floor(options.lagNotes ?? 12));
  const width = Math.max(2, Math.floor(options.beamWidth ?? 24));
  const scale = options.confidenceScale ?? 2;
  let beam: Hypothesis[] = [{ cost: 0, hands: [EMPTY_HAND, EMPTY_HAND], path: null }];
  let count = 0;
  let decided = 0;

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
      const index = count;
      count += 1;
      const next: Hypothesis[] = [];
      for (const hypothesis of beam) {
        for (const hand of [0, 1] as const) {
          next.push(extend(hypothesis, hand, index, note, costs));
        }
      }
      next.sort((a, b) => a.cost - b.cost);
      beam = dedupe(next, width);
      return count - decided > lag ? decide(count - lag) : [];
    },
    flush() {
      return decide(count);
    },
  };
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

function extend(hypothesis: Hypothesis, hand: 0 | 1, index: number, note: HandInputNote, c: HandCosts): Hypothesis {
  const t = note.onsetMs;
  const p = note.pitch;
  const own = hypothesis.hands[hand];
  const other = hypothesis.hands[hand === 0 ? 1 : 0];
  let cost = hypothesis.cost;

  // Span of the keys this hand would hold together.
  let heldLow = p;
  let heldHigh = p;
  const held: number[] = [];
  for (let k = 0; k < own.held.length; k += 2) {
    const pitch = own.held[k]!;
    const offset = own.held[k + 1]!;
    if (offset <= t) continue;
    held.push(pitch, offset);
    if (offset > t + c.legatoMs && t - own.lastOnsetMs > c.chordMs) cost += c.holdWeight;
    if (pitch < heldLow) heldLow = pitch;
    if (pitch > heldHigh) heldHigh = pitch;
  }
  const over = heldHigh - heldLow - c.comfortableSpan;
  if (over > 0) cost += c.spanWeight * over * over;
  held.push(p, note.offsetMs);

  // Movement from the last chord, cheaper with more time.
  const inChord = t - own.lastOnsetMs <= c.chordMs;
  if (!Number.isNaN(own.low)) {
    const distance = p < own.low ? own.low - p : p > own.high ? p - own.high : 0;
    const free = inChord ? c.comfortableSpan : (c.moveFreePerSecond * Math.min(t - own.lastOnsetMs, 4000)) / 1000;
    const moved = inChord ? Math.max(0, distance - c.comfortableSpan) : distance;
    cost += c.moveWeight * Math.max(0, moved - free * 0.25) + (c.moveWeight * moved) / (1 + free);
    if (inChord) cost += c.spreadWeight * distance;
  }
  if (!Number.isNaN(own.position)) cost += c.positionWeight * Math.abs(p - own.position);
  const v = note.velocity ?? Number.NaN;
  if (!Number.isNaN(own.velocity) && !Number.isNaN(v)) cost += (c.velocityWeight * Math.abs(v - own.velocity)) / 10;
  const logDuration = Math.log(Math.max(20, note.offsetMs - t));
  if (!Number.isNaN(own.logDuration)) cost += c.durationWeight * Math.abs(logDuration - own.logDuration);
  if (held.length >= 12) cost += c.fingersWeight;

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
    if (wrong >= 0) cost += c.crossHeldWeight * (wrong + 1);
  } else if (!Number.isNaN(other.low)) {
    const edge = hand === 0 ? other.high : other.low;
    const wrong = sign * (edge - p);
    if (wrong > 0) cost += c.crossLastWeight * wrong;
  }

  // Register prior.
  const side = (sign * (c.split - p)) / 12;
  if (side > 0) cost += c.registerWeight * side;

  const low = inChord && !Number.isNaN(own.low) ? Math.min(own.low, p) : p;
  const high = inChord && !Number.isNaN(own.high) ? Math.max(own.high, p) : p;
  const position = Number.isNaN(own.position) ? p : own.position + c.positionAlpha * (p - own.position);
  const state: HandState = {
    low,
    high,
    lastOnsetMs: inChord ? own.lastOnsetMs : t,
    position,
    velocity: ewma(own.velocity, v, c.positionAlpha),
    logDuration: ewma(own.logDuration, logDuration, c.positionAlpha),
    held,
  };
  const hands: [HandState, HandState] = hand === 0 ? [state, other] : [other, state];
  return { cost, hands, path: { index, hand, prev: hypothesis.path } };
}
