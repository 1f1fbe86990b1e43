/** Wording shared by the event rules. */
import type { Finger, Hand } from '../exercises/types';

/**
 * "RH 4" style label for a finger.
 *
 * @example fingerLabel('right', 4) // 'RH 4'
 */
export function fingerLabel(hand: Hand, finger: Finger): string {
  return `${hand === 'right' ? 'RH' : 'LH'} ${finger}`;
}

/**
 * Rounds for display in event details (evidence keeps full precision).
 *
 * @example ms(12.345) // '12'
 */
export function ms(value: number): string {
  return `${Math.round(value)}`;
}

/**
 * severity = value / threshold, at least 1 and always finite.
 *
 * @example severity(60, 30) // 2
 */
export function severity(value: number, threshold: number): number {
  const ratio = threshold > 0 ? Math.abs(value) / threshold : 1;
  return Number.isFinite(ratio) ? Math.max(1, ratio) : 1;
}
