/**
 * The standard scale and arpeggio fingerings as a prior for free play: a pianist fingers a scale
 * passage in a piece like the scale of its key, and an arpeggio passage like the arpeggio. For each
 * major, harmonic, melodic and natural minor scale and each major and minor triad, the finger the
 * library's published fingering (core/exercises; Beringer & Dunhill 1900 and the sources in
 * docs/exercises.md, with the melodic and natural minor forms derived there from the harmonic minor
 * thumb positions) gives each pitch class inside a run, per hand and per direction: the melodic
 * minor plays other notes (and in some keys other fingers) going up than coming down. The turning
 * notes of a run (its ends, its top and bottom) are left to the ergonomic costs, because the
 * standard fingering there depends on how many octaves are played.
 */
import { arpeggio } from '../exercises/arpeggio';
import { MAJOR_KEYS, MINOR_KEYS } from '../exercises/keys';
import { keysOf, scale, SCALE_MODES } from '../exercises/scale';
import type { Exercise, Hand } from '../exercises/types';

export type PatternKind = 'scale' | 'arpeggio';

/** A pattern's notes and fingers in one direction of pitch. */
export interface PatternDirection {
  /** Bit i set: pitch class i is played in this direction. */
  readonly pitchClasses: number;
  /** Finger per pitch class (index 0-11; 0 where the pattern has no single finger). */
  readonly right: readonly number[];
  readonly left: readonly number[];
}

/** One key's pattern: its tonic, and its pitch classes and fingers inside a run going up and down. */
export interface FingeringPattern {
  readonly kind: PatternKind;
  readonly name: string;
  /** Pitch class of the scale's tonic or the triad's root (0-11). */
  readonly tonic: number;
  /** Bit i set: pitch class i belongs to the pattern in either direction. */
  readonly pitchClasses: number;
  readonly up: PatternDirection;
  readonly down: PatternDirection;
}

let cache: readonly FingeringPattern[] | undefined;

/**
 * Every scale and arpeggio pattern (48 scales: 12 keys in each of the four scale modes; 24 triads),
 * built once from the exercise library.
 *
 * @example fingeringPatterns().find((p) => p.name === 'C major scale')?.up.right[5] // 1 (F takes the thumb)
 */
export function fingeringPatterns(): readonly FingeringPattern[] {
  if (cache) return cache;
  const patterns: FingeringPattern[] = [];
  for (const mode of SCALE_MODES) {
    for (const key of keysOf(mode)) patterns.push(patternOf('scale', `${key} ${mode} scale`, scale({ key, mode, hands: 'both', octaves: 2 })));
  }
  for (const key of MAJOR_KEYS) patterns.push(patternOf('arpeggio', `${key} major arpeggio`, arpeggio({ key, mode: 'major', hands: 'both', octaves: 2 })));
  for (const key of MINOR_KEYS) patterns.push(patternOf('arpeggio', `${key} minor arpeggio`, arpeggio({ key, mode: 'minor', hands: 'both', octaves: 2 })));
  cache = patterns;
  return patterns;
}

const pitchClass = (pitch: number) => ((pitch % 12) + 12) % 12;

function patternOf(kind: PatternKind, name: string, exercise: Exercise): FingeringPattern {
  const pcs = { up: 0, down: 0 };
  const maps = {
    up: { right: new Array<number>(12).fill(-1), left: new Array<number>(12).fill(-1) },
    down: { right: new Array<number>(12).fill(-1), left: new Array<number>(12).fill(-1) },
  };
  let tonic = -1;
  for (const hand of ['right', 'left'] as const) {
    const notes = exercise.notes.filter((note) => note.hand === hand);
    const pitches = notes.map((note) => note.pitch);
    const low = Math.min(...pitches);
    const high = Math.max(...pitches);
    // Every exercise of the library starts on its tonic (root).
    if (tonic < 0 && pitches.length > 0) tonic = pitchClass(pitches[0]!);
    notes.forEach((note, i) => {
      const pc = pitchClass(note.pitch);
      const before = i > 0 ? note.pitch - pitches[i - 1]! : 0;
      const after = i < notes.length - 1 ? pitches[i + 1]! - note.pitch : 0;
      if (before > 0 || after > 0) pcs.up |= 1 << pc;
      if (before < 0 || after < 0) pcs.down |= 1 << pc;
      if (note.pitch === low || note.pitch === high) return;
      const map = maps[before > 0 || (before === 0 && after > 0) ? 'up' : 'down'][hand];
      const old = map[pc]!;
      map[pc] = old === -1 || old === note.finger ? note.finger : 0;
    });
  }
  const clean = (map: number[]) => map.map((finger) => (finger < 0 ? 0 : finger));
  const direction = (d: 'up' | 'down'): PatternDirection => ({ pitchClasses: pcs[d], right: clean(maps[d].right), left: clean(maps[d].left) });
  return { kind, name, tonic, pitchClasses: pcs.up | pcs.down, up: direction('up'), down: direction('down') };
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
  // A note's direction in pitch: up if a step next to it rises, down if one falls (a turning
  // note is both). The melodic minor is matched per direction.
  const rises = (i: number) => (i > 0 && pitches[i]! > pitches[i - 1]!) || (i < n - 1 && pitches[i + 1]! > pitches[i]!);
  const falls = (i: number) => (i > 0 && pitches[i]! < pitches[i - 1]!) || (i < n - 1 && pitches[i + 1]! < pitches[i]!);
  for (const run of runs) {
    let up = 0;
    let down = 0;
    let lowest = run.from;
    for (let i = run.from; i <= run.to; i++) {
      const bit = 1 << pitchClass(pitches[i]!);
      if (rises(i)) up |= bit;
      if (falls(i)) down |= bit;
      if (pitches[i]! < pitches[lowest]!) lowest = i;
    }
    let candidates = patterns.filter(
      (pattern) => pattern.kind === run.kind && (pattern.up.pitchClasses & up) === up && (pattern.down.pitchClasses & down) === down,
    );
    // A natural minor and its relative major share their notes but not their fingering: when the
    // run's lowest note is the tonic of some fitting keys (as a scale or arpeggio played from its
    // tonic is), those keys decide. Otherwise the fitting keys must all agree.
    const onTonic = candidates.filter((pattern) => pattern.tonic === pitchClass(pitches[lowest]!));
    if (onTonic.length > 0) candidates = onTonic;
    if (candidates.length === 0) continue;
    for (let i = run.from; i <= run.to; i++) {
      const before = i > run.from ? q[i]! - q[i - 1]! : 0;
      const after = i < run.to ? q[i + 1]! - q[i]! : 0;
      const turning = before * after <= 0;
      // An arpeggio's inner end (right hand bottom, left hand top) takes its inner finger; a
      // scale's ends and every outer turn depend on the octaves played, so the costs decide there.
      const innerTurn = run.kind === 'arpeggio' && before <= 0 && after >= 0;
      if (turning && !innerTurn) continue;
      const pc = pitchClass(pitches[i]!);
      // Inside a run a note has one direction; the inner turn of an arpeggio takes the way on.
      const direction = i < run.to ? (pitches[i + 1]! > pitches[i]! ? 'up' : 'down') : pitches[i]! > pitches[i - 1]! ? 'up' : 'down';
      const fingers = new Set(candidates.map((pattern) => pattern[direction][hand][pc]!));
      const [finger] = [...fingers];
      if (fingers.size === 1 && finger && prior[i] === 0) prior[i] = finger;
    }
  }
  return prior;
}
