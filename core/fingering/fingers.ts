/**
 * Fingering estimation for one hand: dynamic programming (Viterbi) over (note, finger) with the
 * costs of Parncutt et al. (1997) and the classic ergonomic rules (Hart, Bosch & Tsai 2000):
 * finger-pair stretches against the span table (span-table.ts), fingers 3-4-5 in sequence, 3 then
 * 4, 4 on black after 3 on white, thumb or 5 on a black key between white keys, thumb passes on the
 * same key level or from a black key, and position changes over three notes. Chords (onsets within
 * `chordMs`) take distinct fingers in pitch order. The model is second order (each step sees the
 * two before it), so the 3-4-5 and position-change rules are exact.
 *
 * Confidence is the max-marginal posterior: for each note, the cost of the best whole fingering
 * that gives it each finger, turned into a probability with a softmax of temperature
 * `confidenceScale` cost units. It says how much the model prefers its choice, not how often the
 * choice is right: on general music an estimator agrees with a human annotator on about two
 * notes in three (Nakamura et al. 2020; measurement.md section 7).
 */
import type { Finger, Hand } from '../exercises/types';
import { patternPriors } from './patterns';
import { spanLimits } from './span-table';
import type { SpanLimits } from './span-table';

/** The part of a note fingering needs (a core `Note` fits). */
export interface FingeringInputNote {
  readonly pitch: number;
  readonly onsetMs: number;
}

export interface FingerEstimate {
  readonly finger: Finger;
  /** 0.2..1: max-marginal posterior of the chosen finger. */
  readonly confidence: number;
}

/** Width of one octave on a conventional piano keyboard, in cm (165 mm; Boyle, Boyle & Booker 2015). */
const OCTAVE_CM = 16.5;

/**
 * A profile's hand span (cm, thumb tip to little-finger tip, fully stretched) as the estimator's
 * practical thumb-to-5 span in semitones: the keys that distance covers on a conventional keyboard
 * (12 semitones per 16.5 cm), kept within 10..20. The default 15 semitones is a 20.6 cm span.
 * Throws RangeError on a non-positive or non-finite span.
 *
 * @example handSpanSemitones(21) // 15.27..
 */
export function handSpanSemitones(handSpanCm: number): number {
  if (!Number.isFinite(handSpanCm) || handSpanCm <= 0) throw new RangeError(`handSpanSemitones: hand span must be a positive number of cm (${handSpanCm})`);
  return Math.min(20, Math.max(10, (12 * handSpanCm) / OCTAVE_CM));
}

export interface FingeringOptions {
  /**
   * The player's practical thumb-to-5 span in semitones (default 15, Parncutt's table: a tenth
   * and a bit); every practical and comfortable maximum of the table scales with it.
   */
  readonly handSpan?: number;
  /** Onsets within this many ms are one chord (default 30). */
  readonly chordMs?: number;
  /** Softmax temperature of the confidence, in cost units (default 1.5). */
  readonly confidenceScale?: number;
}

const FINGERS: readonly Finger[] = [1, 2, 3, 4, 5];
/** Cost of a finger pair outside the practical range: never chosen when any practical fingering exists. */
const IMPOSSIBLE = 1000;
/**
 * Cost of leaving the standard finger of a scale or arpeggio passage (patterns.ts). Tuned on the
 * library's scales and arpeggios (scripts/validate-fingering.ts), as were the four below: 6 is the
 * smallest that lets the prior beat Parncutt's 2-3 stretch on a major third in an arpeggio.
 */
const PRIOR = 6;
/** A thumb pass is an action: groups of 3-4 notes between passes, not thumb-walking. */
const PASS = 8;
/** Extra for a pass over a whole tone or more (the right hand's scales pass at semitones). */
const PASS_WIDE = 2;
/** Parncutt's weak-finger rule, halved. */
const WEAK_FOUR = 0.5;
/** Thumb on a black key (Parncutt rule 9 gives 1; 8 keeps it off black keys in runs, as taught). */
const THUMB_BLACK = 8;
/** Fixed cost of a thumb pass by the finger that crosses (index = finger): 5 never crosses. */
const PASS_COST = [0, 0, PASS, PASS, PASS, 30];
const BLACK = [false, true, false, true, false, false, true, false, true, false, true, false];

/** Every increasing k-subset of the fingers, k = 1..5. */
const CHOICES: (readonly Finger[])[][] = [[]];
for (let k = 1; k <= 5; k++) {
  const out: Finger[][] = [];
  const walk = (start: number, acc: Finger[]) => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let f = start; f <= 5; f++) walk(f + 1, [...acc, f as Finger]);
  };
  walk(1, []);
  CHOICES.push(out);
}

interface Group {
  /** Input indices, ordered by mirrored pitch (so finger order follows). */
  readonly indices: number[];
  /** Mirrored pitches (right-hand equivalent), ascending. */
  readonly q: number[];
  readonly black: boolean[];
  readonly onsetMs: number;
  readonly choices: readonly (readonly Finger[])[];
  /** Standard finger of a single note inside a scale or arpeggio run (0: none). */
  prior: number;
}

/**
 * Estimates the finger of every note played by one hand. Notes may be in any order; the result is
 * index for index with the input. A chord of more than five notes is split into chords of five.
 * Throws RangeError on a non-finite pitch or onset.
 *
 * @example
 * estimateFingering([60, 62, 64, 65, 67].map((pitch, i) => ({ pitch, onsetMs: i * 200 })), 'right')
 *   .map((e) => e.finger) // [1, 2, 3, 4, 5]
 */
export function estimateFingering(
  notes: readonly FingeringInputNote[],
  hand: Hand,
  options: FingeringOptions = {},
): FingerEstimate[] {
  if (notes.length === 0) return [];
  for (const note of notes) {
    if (!Number.isFinite(note.pitch) || !Number.isFinite(note.onsetMs)) {
      throw new RangeError(`estimateFingering: note with non-finite pitch or onset (${note.pitch}, ${note.onsetMs})`);
    }
  }
  const groups = groupNotes(notes, hand, options.chordMs ?? 30);
  const model = new CostModel(options.handSpan ?? 15);
  const n = groups.length;
  // Second-order Viterbi: state at group g = (choice at g-1, choice at g). Every cost is computed
  // once: unary per choice, pair per (previous, current), triple per (g-2, g-1, g) for single notes.
  const widths = Int32Array.from(groups, (group) => group.choices.length);
  const width = (g: number): number => (g < 0 ? 1 : widths[g]!);
  // Flat buffers with per-group offsets: one allocation each, whatever the length.
  const unaryAt = new Int32Array(n + 1);
  const stateAt = new Int32Array(n + 1);
  const cubeAt = new Int32Array(n + 1).fill(-1);
  let cubes = 0;
  for (let g = 0; g < n; g++) {
    unaryAt[g + 1] = unaryAt[g]! + width(g);
    stateAt[g + 1] = stateAt[g]! + width(g - 1) * width(g);
    if (g >= 2 && width(g - 2) === 5 && width(g - 1) === 5 && width(g) === 5) {
      cubeAt[g] = cubes;
      cubes += 125;
    }
  }
  const unary = new Float64Array(unaryAt[n]!);
  const pairs = new Float64Array(stateAt[n]!);
  const triples = new Float64Array(cubes);
  for (let g = 0; g < n; g++) {
    const b = groups[g]!;
    for (let c = 0; c < b.choices.length; c++) unary[unaryAt[g]! + c] = model.unary(groups, g, b.choices[c]!);
    if (g === 0) continue;
    const a = groups[g - 1]!;
    for (let p = 0; p < a.choices.length; p++) {
      for (let c = 0; c < b.choices.length; c++) {
        pairs[stateAt[g]! + p * b.choices.length + c] = model.pair(a, a.choices[p]!, b, b.choices[c]!);
      }
    }
    if (cubeAt[g]! >= 0) {
      const base = cubeAt[g]!;
      const q1 = groups[g - 2]!.q[0]!;
      const q2 = a.q[0]!;
      const q3 = b.q[0]!;
      const shifted = q1 !== q3 ? 1 : 0;
      const peak = q2 > q1 && q2 > q3 ? 1 : 0;
      const r = relax(b.onsetMs - groups[g - 2]!.onsetMs);
      for (let i = 0; i < 125; i++) triples[base + i] = r * (TRIPLE_345[i]! + shifted * TRIPLE_SAME[i]! + peak * TRIPLE_PEAK[i]!);
    }
  }
  const alpha = new Float64Array(stateAt[n]!).fill(Infinity);
  for (let g = 0; g < n; g++) {
    const wpp = width(g - 2);
    const wp = width(g - 1);
    const wc = width(g);
    const at = stateAt[g]!;
    const u = unaryAt[g]!;
    if (g === 0) {
      for (let c = 0; c < wc; c++) alpha[c] = unary[u + c]!;
      continue;
    }
    const prevAt = stateAt[g - 1]!;
    const cube = cubeAt[g]!;
    for (let p = 0; p < wp; p++) {
      for (let c = 0; c < wc; c++) {
        let best = Infinity;
        for (let pp = 0; pp < wpp; pp++) {
          const total = alpha[prevAt + pp * wp + p]! + (cube >= 0 ? triples[cube + pp * 25 + p * 5 + c]! : 0);
          if (total < best) best = total;
        }
        alpha[at + p * wc + c] = best + pairs[at + p * wc + c]! + unary[u + c]!;
      }
    }
  }
  // Backward pass (min-sum) for the max-marginals.
  const beta = new Float64Array(stateAt[n]!).fill(Infinity);
  for (let k = stateAt[n - 1]!; k < stateAt[n]!; k++) beta[k] = 0;
  for (let g = n - 2; g >= 0; g--) {
    const wp = width(g - 1);
    const wc = width(g);
    const wn = width(g + 1);
    const at = stateAt[g]!;
    const nextAt = stateAt[g + 1]!;
    const u = unaryAt[g + 1]!;
    const cube = cubeAt[g + 1]!;
    for (let c = 0; c < wc; c++) {
      for (let x = 0; x < wn; x++) {
        const step = pairs[nextAt + c * wn + x]! + unary[u + x]! + beta[nextAt + c * wn + x]!;
        for (let p = 0; p < wp; p++) {
          const total = step + (cube >= 0 ? triples[cube + p * 25 + c * 5 + x]! : 0);
          if (total < beta[at + p * wc + c]!) beta[at + p * wc + c] = total;
        }
      }
    }
  }
  const scale = options.confidenceScale ?? 1.5;
  const result = new Array<FingerEstimate>(notes.length);
  for (let g = 0; g < n; g++) {
    const group = groups[g]!;
    const wp = width(g - 1);
    const wc = width(g);
    const bestOfChoice = new Float64Array(wc).fill(Infinity);
    for (let p = 0; p < wp; p++) {
      for (let c = 0; c < wc; c++) {
        const total = alpha[stateAt[g]! + p * wc + c]! + beta[stateAt[g]! + p * wc + c]!;
        if (total < bestOfChoice[c]!) bestOfChoice[c] = total;
      }
    }
    let bestChoice = 0;
    for (let c = 1; c < wc; c++) if (bestOfChoice[c]! < bestOfChoice[bestChoice]!) bestChoice = c;
    group.indices.forEach((index, k) => {
      const perFinger = [Infinity, Infinity, Infinity, Infinity, Infinity];
      for (let c = 0; c < wc; c++) {
        const finger = group.choices[c]![k]!;
        if (bestOfChoice[c]! < perFinger[finger - 1]!) perFinger[finger - 1] = bestOfChoice[c]!;
      }
      const chosen = group.choices[bestChoice]![k]!;
      const best = perFinger[chosen - 1]!;
      let z = 0;
      for (const cost of perFinger) if (cost < Infinity) z += Math.exp(-(cost - best) / scale);
      result[index] = { finger: chosen, confidence: 1 / z };
    });
  }
  return result;
}

function groupNotes(notes: readonly FingeringInputNote[], hand: Hand, chordMs: number): Group[] {
  const order = notes.map((_, i) => i).sort((a, b) => notes[a]!.onsetMs - notes[b]!.onsetMs || notes[a]!.pitch - notes[b]!.pitch);
  const mirrored = (i: number) => (hand === 'right' ? notes[i]!.pitch : -notes[i]!.pitch);
  const groups: Group[] = [];
  let current: number[] = [];
  const close = () => {
    if (current.length === 0) return;
    const indices = [...current].sort((a, b) => mirrored(a) - mirrored(b));
    groups.push({
      indices,
      q: indices.map(mirrored),
      black: indices.map((i) => BLACK[((notes[i]!.pitch % 12) + 12) % 12]!),
      onsetMs: notes[indices[0]!]!.onsetMs,
      choices: CHOICES[indices.length]!,
      prior: 0,
    });
    current = [];
  };
  for (const i of order) {
    const first = current[0];
    if (first !== undefined && (notes[i]!.onsetMs - notes[first]!.onsetMs > chordMs || current.length >= 5)) close();
    current.push(i);
  }
  close();
  const priors = patternPriors(
    groups.map((group) => group.q[0]!),
    groups.map((group) => notes[group.indices[0]!]!.pitch),
    groups.map((group) => group.onsetMs),
    hand,
    groups.map((group) => group.indices.length === 1),
  );
  groups.forEach((group, g) => {
    group.prior = priors[g]!;
  });
  return groups;
}

class CostModel {
  private readonly limits: SpanLimits[][] = [];

  constructor(handSpan: number) {
    const factor = handSpan / 15;
    for (const a of FINGERS) {
      const row: SpanLimits[] = [];
      for (const b of FINGERS) {
        if (a >= b) {
          row.push({ minPrac: 0, minComf: 0, minRel: 0, maxRel: 0, maxComf: 0, maxPrac: 0 });
          continue;
        }
        const l = spanLimits(a, b);
        row.push({ ...l, maxRel: l.maxRel * factor, maxComf: l.maxComf * factor, maxPrac: l.maxPrac * factor });
      }
      this.limits.push(row);
    }
  }

  /** Cost of one finger on one key followed by another (Parncutt rules 1-3, 7, 8, 12, 13). */
  fingerPair(f1: Finger, q1: number, b1: boolean, f2: Finger, q2: number, b2: boolean): number {
    if (f1 === f2) return q1 === q2 ? 0 : 10 + Math.abs(q2 - q1);
    const lo = f1 < f2 ? f1 : f2;
    const hi = f1 < f2 ? f2 : f1;
    const s = f1 < f2 ? q2 - q1 : q1 - q2;
    const l = this.limits[lo - 1]![hi - 1]!;
    let cost = 0;
    if (lo === 1 && s < 0) {
      // A thumb pass (thumb under going out, finger over going in). Parncutt's table treats it as a
      // small span, which makes thumb-walking (1-2-1-2) cheaper than the hand positions of 3 and 4
      // notes every method teaches; here a pass is an action with its own cost, rising with the
      // distance and the finger (2 or 3 cross best; 5 never crosses the thumb), and crossings the
      // table calls impractical stay possible but dear (arpeggios cross a fourth, 3 over 1).
      cost += PASS_COST[hi]! + (s <= -2 ? PASS_WIDE : 0) + (s < -5 ? -5 - s : 0);
      if (s < l.minPrac - 4) cost += IMPOSSIBLE;
      const thumbBlack = f1 === 1 ? b1 : b2;
      const otherBlack = f1 === 1 ? b2 : b1;
      if (thumbBlack && !otherBlack) cost += 3;
      else if (thumbBlack === otherBlack) cost += 1;
    } else {
      if (s < l.minPrac) cost += IMPOSSIBLE + 10 * (l.minPrac - s);
      if (s > l.maxPrac) cost += IMPOSSIBLE + 10 * (s - l.maxPrac);
      if (s < l.minComf) cost += 2 * (l.minComf - s);
      if (s > l.maxComf) cost += 2 * (s - l.maxComf);
      const thumb = lo === 1;
      if (s < l.minRel) cost += (thumb ? 1 : 2) * (l.minRel - s);
      if (s > l.maxRel) cost += (thumb ? 1 : 2) * (s - l.maxRel);
    }
    if (f1 === 3 && f2 === 4) cost += 1;
    if ((f1 === 3 && f2 === 4 && !b1 && b2) || (f1 === 4 && f2 === 3 && b1 && !b2)) cost += 1;
    return cost;
  }

  /** Transition between consecutive chords/notes, relaxed when the hand has time to move. */
  pair(a: Group, fa: readonly Finger[], b: Group, fb: readonly Finger[]): number {
    let total = 0;
    for (let i = 0; i < fa.length; i++) {
      for (let j = 0; j < fb.length; j++) {
        total += this.fingerPair(fa[i]!, a.q[i]!, a.black[i]!, fb[j]!, b.q[j]!, b.black[j]!);
      }
    }
    return (total / (fa.length * fb.length)) * relax(b.onsetMs - a.onsetMs);
  }

  /** Costs of one chord/note on its own: keys under fingers, the chord's own stretches. */
  unary(groups: readonly Group[], g: number, choice: readonly Finger[]): number {
    const group = groups[g]!;
    let cost = 0;
    if (choice.length === 1) {
      const f = choice[0]!;
      const black = group.black[0]!;
      const prevWhite = g > 0 && !groups[g - 1]!.black.some((b) => b);
      const nextWhite = g + 1 < groups.length && !groups[g + 1]!.black.some((b) => b);
      if (f === 1 && black) cost += THUMB_BLACK + (prevWhite ? 2 : 0) + (nextWhite ? 2 : 0);
      if (f === 5 && black) cost += 2 + (prevWhite ? 2 : 0) + (nextWhite ? 2 : 0);
      if (f === 4) cost += WEAK_FOUR;
      if (group.prior !== 0 && f !== group.prior) cost += PRIOR;
      // The hand turns round at the top and bottom of a run: on a white key the outer finger (5 at
      // the top, thumb at the bottom) leaves every other finger free for the way back.
      if (!black) {
        const q = group.q[0]!;
        const prev = groups[g - 1]?.q;
        const next = groups[g + 1]?.q;
        const prevQ = prev ? prev[prev.length - 1]! : undefined;
        const nextQ = next ? next[0]! : undefined;
        const peak = (prevQ === undefined || prevQ < q) && (nextQ === undefined || nextQ < q) && (prev || next);
        const trough = (prevQ === undefined || prevQ > q) && (nextQ === undefined || nextQ > q) && (prev || next);
        if (peak) cost += 0.75 * (5 - f);
        if (trough) cost += 0.75 * (f - 1);
      }
      return cost;
    }
    for (let k = 0; k < choice.length; k++) {
      if (choice[k] === 1 && group.black[k]) cost += 1;
      for (let m = k + 1; m < choice.length; m++) {
        const l = this.limits[choice[k]! - 1]![choice[m]! - 1]!;
        const s = group.q[m]! - group.q[k]!;
        if (s > l.maxPrac) cost += IMPOSSIBLE + 10 * (s - l.maxPrac);
        else if (s > l.maxComf) cost += 2 * (s - l.maxComf);
        if (s < l.minComf) cost += 2 * (l.minComf - s);
      }
    }
    return cost;
  }

}

/**
 * Three-note rules on single notes, as tables over (f1, f2, f3) (index 25(f1-1) + 5(f2-1) + f3-1),
 * scaled by relax(): fingers 3, 4 and 5 in a row in any order (Parncutt rule 6, 1); the same
 * finger on two keys with one note between, not the thumb in the middle (the hand had to shift,
 * Parncutt rule 5, 1; applies when the keys differ); the thumb as a local peak, passed under and
 * straight back over (2; applies when the middle note is the highest).
 */
const TRIPLE_345 = new Float64Array(125);
const TRIPLE_SAME = new Float64Array(125);
const TRIPLE_PEAK = new Float64Array(125);
for (let f1 = 1; f1 <= 5; f1++) {
  for (let f2 = 1; f2 <= 5; f2++) {
    for (let f3 = 1; f3 <= 5; f3++) {
      const i = 25 * (f1 - 1) + 5 * (f2 - 1) + (f3 - 1);
      if (f1 !== f2 && f2 !== f3 && f1 !== f3 && f1 >= 3 && f2 >= 3 && f3 >= 3) TRIPLE_345[i] = 1;
      if (f1 === f3 && f2 !== 1) TRIPLE_SAME[i] = 1;
      if (f2 === 1 && f1 > 1 && f3 > 1) TRIPLE_PEAK[i] = 2;
    }
  }
}

/** 1 for quick succession, falling to 0.1 when the hand has over a second to reposition. */
function relax(ioiMs: number): number {
  if (ioiMs <= 300) return 1;
  if (ioiMs >= 1200) return 0.1;
  return 1 - (0.9 * (ioiMs - 300)) / 900;
}
