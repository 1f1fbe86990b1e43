/**
 * The finger-pair span table of Parncutt, Sloboda, Clarke, Raekallio & Desain (1997), "An
 * ergonomic model of keyboard fingering for melodic fragments", Music Perception 14(4), Table 1;
 * quoted in shared/research/measurement.md section 7. Spans are in semitones, for the right hand,
 * from the lower-numbered finger to the higher-numbered one (positive: the higher-numbered finger
 * plays higher). The left hand uses the same table on mirrored pitches.
 */
import type { Finger } from '../exercises/types';

/** One row: the six limits of a finger pair, in semitones. */
export interface SpanLimits {
  /** Smallest span a hand can play at all (negative: the fingers cross, thumb pairs only). */
  readonly minPrac: number;
  readonly minComf: number;
  readonly minRel: number;
  readonly maxRel: number;
  readonly maxComf: number;
  /** Largest span a hand can play at all (the practical maximum). */
  readonly maxPrac: number;
}

const ROWS: Readonly<Record<string, readonly [number, number, number, number, number, number]>> = {
  '1-2': [-5, -3, 1, 5, 8, 10],
  '1-3': [-4, -2, 3, 7, 10, 12],
  '1-4': [-3, -1, 5, 9, 12, 14],
  '1-5': [-1, 1, 7, 10, 13, 15],
  '2-3': [1, 1, 1, 2, 3, 5],
  '2-4': [1, 1, 3, 4, 5, 7],
  '2-5': [2, 2, 5, 6, 8, 10],
  '3-4': [1, 1, 1, 2, 2, 4],
  '3-5': [1, 1, 3, 4, 5, 7],
  '4-5': [1, 1, 1, 2, 3, 5],
};

/**
 * The limits for fingers a < b (right hand, span = pitch under b - pitch under a).
 * Throws RangeError unless 1 <= a < b <= 5.
 *
 * @example spanLimits(1, 2).maxPrac // 10
 */
export function spanLimits(a: Finger, b: Finger): SpanLimits {
  const row = ROWS[`${a}-${b}`];
  if (!row) throw new RangeError(`spanLimits: need fingers a < b, got ${a}-${b}`);
  const [minPrac, minComf, minRel, maxRel, maxComf, maxPrac] = row;
  return { minPrac, minComf, minRel, maxRel, maxComf, maxPrac };
}

/**
 * True when two fingers of one hand can play these two pitches at once or in immediate
 * succession (within the practical range of the table). Pitches are real MIDI pitches; the hand
 * decides the mirroring. The same finger on two different keys is not possible without a jump.
 *
 * @example isPracticalPair('right', 1, 60, 2, 58) // true: 2 crosses over the thumb by 2 semitones
 * @example isPracticalPair('right', 3, 60, 4, 58) // false: 4 cannot cross under 3
 */
export function isPracticalPair(hand: 'right' | 'left', f1: Finger, p1: number, f2: Finger, p2: number): boolean {
  if (f1 === f2) return p1 === p2;
  const s = pairSpan(hand, f1, p1, f2, p2);
  const limits = spanLimits(Math.min(f1, f2) as Finger, Math.max(f1, f2) as Finger);
  return s >= limits.minPrac && s <= limits.maxPrac;
}

/** Span from the lower-numbered finger to the higher-numbered one, mirrored for the left hand. */
export function pairSpan(hand: 'right' | 'left', f1: Finger, p1: number, f2: Finger, p2: number): number {
  const d = hand === 'right' ? p2 - p1 : p1 - p2;
  return f1 < f2 ? d : -d;
}
