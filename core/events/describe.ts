/** Wording shared by the event rules. */
import { Midi } from 'tonal';
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

/**
 * A key as a pianist names it, with its MIDI number for whoever checks the evidence: sharps
 * spelled, middle C is C4 (scientific pitch notation, as the on-screen keyboard labels keys).
 *
 * @example keyName(82) // 'A#5 (MIDI 82)'
 * @example keyName(60) // 'C4 (MIDI 60)'
 */
export function keyName(pitch: number): string {
  return `${Midi.midiToNoteName(pitch, { sharps: true })} (MIDI ${pitch})`;
}
