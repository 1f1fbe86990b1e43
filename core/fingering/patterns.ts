/**
 * The standard scale and arpeggio fingerings as a prior for free play: a pianist fingers a scale
 * passage in a piece like the scale of its key, and an arpeggio passage like the arpeggio. For each
 * major and harmonic minor scale and each major and minor triad, the finger the library's
 * published fingering (core/exercises; Beringer & Dunhill 1900 and the sources in
 * docs/exercises.md) gives each pitch class inside a run, per hand. The turning notes of a run
 * (its ends, its top and bottom) are left to the ergonomic costs, because the standard fingering
 * there depends on how many octaves are played.
 */
import { arpeggio } from '../exercises/arpeggio';
import { MAJOR_KEYS, MINOR_KEYS } from '../exercises/keys';
import { scale } from '../exercises/scale';
import type { Exercise, Hand } from '../exercises/types';

export type PatternKind = 'scale' | 'arpeggio';

/** One key's pattern: its pitch classes and the finger of each inside a run, per hand. */
export interface FingeringPattern {
  readonly kind: PatternKind;
  readonly name: string;
  /** Bit i set: pitch class i belongs to the scale or triad. */
  readonly pitchClasses: number;
  /** Finger per pitch class (index 0-11; 0 where the pattern has no single finger). */
  readonly right: readonly number[];
  readonly left: readonly number[];
}

let cache: readonly FingeringPattern[] | undefined;

/**
 * Every scale and arpeggio pattern (24 scales, 24 triads), built once from the exercise library.
 *
 * @example fingeringPatterns().find((p) => p.name === 'C major scale')?.right[5] // 1 (F takes the thumb)
 */
export function fingeringPatterns(): readonly FingeringPattern[] {
  if (cache) return cache;
  const patterns: FingeringPattern[] = [];
  for (const key of MAJOR_KEYS) patterns.push(patternOf('scale', `${key} major scale`, scale({ key, mode: 'major', hands: 'both', octaves: 2 })));
  for (const key of MINOR_KEYS) {
    patterns.push(patternOf('scale', `${key} harmonic minor scale`, scale({ key, mode: 'harmonic minor', hands: 'both', octaves: 2 })));
  }
  for (const key of MAJOR_KEYS) patterns.push(patternOf('arpeggio', `${key} major arpeggio`, arpeggio({ key, mode: 'major', hands: 'both', octaves: 2 })));
  for (const key of MINOR_KEYS) patterns.push(patternOf('arpeggio', `${key} minor arpeggio`, arpeggio({ key, mode: 'minor', hands: 'both', octaves: 2 })));
  cache = patterns;
  return patterns;
}

function patternOf(kind: PatternKind, name: string, exercise: Exercise): FingeringPattern {
  let pitchClasses = 0;
  const maps: Record<Hand, number[]> = { right: new Array<number>(12).fill(-1), left: new Array<number>(12).fill(-1) };
  for (const hand of ['right', 'left'] as const) {
    const notes = exercise.notes.filter((note) => note.hand === hand);
    const pitches = notes.map((note) => note.pitch);
    const low = Math.min(...pitches);
    const high = Math.max(...pitches);
    for (const note of notes) {
      const pc = ((note.pitch % 12) + 12) % 12;
      pitchClasses |= 1 << pc;
      if (note.pitch === low || note.pitch === high) continue;
      const old = maps[hand][pc]!;
      maps[hand][pc] = old === -1 || old === note.finger ? note.finger : 0;
    }
  }
  const clean = (map: number[]) => map.map((finger) => (finger < 0 ? 0 : finger));
  return { kind, name, pitchClasses, right: clean(maps.right), left: clean(maps.left) };
}

/** A run: consecutive single notes moving by steps of one kind. */
interface Run {
  readonly from: number;
  readonly to: number;
  readonly kind: PatternKind;
}

/**
 * The prior finger of each single note (0: none): notes inside a scale or arpeggio run whose pitch
 * classes fit one or more patterns that agree on the finger. `q` is the hand's mirrored pitch
 * sequence (ascending = outward for the right hand), `pitches` the real ones, `onsets` in ms;
 * `single` says which entries are single notes (chords break runs).
 *
 * @example patternPriors([60, 62, 64, 65, 67, 69], [60, 62, 64, 65, 67, 69], [0, 100, 200, 300, 400, 500], 'right', [true, true, true, true, true, true])
 * // [0, 2, 3, 1, 2, 0]
 */
export function patternPriors(
  q: readonly number[],
  pitches: readonly number[],
  onsets: readonly number[],
  hand: Hand,
  single: readonly boolean[],
): number[] {
  const n = q.length;
  const prior = new Array<number>(n).fill(0);
  const runs: Run[] = [];
  for (const kind of ['scale', 'arpeggio'] as const) {
    const fits = (i: number) => {
      if (!single[i] || !single[i + 1]) return false;
      const d = Math.abs(q[i + 1]! - q[i]!);
      if (onsets[i + 1]! - onsets[i]! > 600) return false;
      return kind === 'scale' ? d >= 1 && d <= 3 : d >= 3 && d <= 5;
    };
    let start = 0;
    for (let i = 0; i < n; i++) {
      if (i < n - 1 && fits(i)) continue;
      if (i - start + 1 >= (kind === 'scale' ? 5 : 4)) runs.push({ from: start, to: i, kind });
      start = i + 1;
    }
  }
  const patterns = fingeringPatterns();
  for (const run of runs) {
    let pcs = 0;
    for (let i = run.from; i <= run.to; i++) pcs |= 1 << (((pitches[i]! % 12) + 12) % 12);
    const candidates = patterns.filter((pattern) => pattern.kind === run.kind && (pattern.pitchClasses & pcs) === pcs);
    if (candidates.length === 0) continue;
    for (let i = run.from; i <= run.to; i++) {
      const before = i > run.from ? q[i]! - q[i - 1]! : 0;
      const after = i < run.to ? q[i + 1]! - q[i]! : 0;
      const turning = before * after <= 0;
      // An arpeggio's inner end (right hand bottom, left hand top) takes its inner finger; a
      // scale's ends and every outer turn depend on the octaves played, so the costs decide there.
      const innerTurn = run.kind === 'arpeggio' && before <= 0 && after >= 0;
      if (turning && !innerTurn) continue;
      const pc = ((pitches[i]! % 12) + 12) % 12;
      const fingers = new Set(candidates.map((pattern) => pattern[hand][pc]!));
      const [finger] = [...fingers];
      if (fingers.size === 1 && finger && prior[i] === 0) prior[i] = finger;
    }
  }
  return prior;
}
