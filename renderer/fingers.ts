/**
 * The one finger palette and finger names, used everywhere a finger is coloured or named.
 *
 * Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen because
 * its hues stay distinguishable under the common colour-vision deficiencies (protan, deutan,
 * tritan). Fingers 1-5 get the same hue on both hands; the hand is told apart by the label (R/L)
 * and, in charts, by the point style (circle = right, triangle = left).
 */

/** Finger number, thumb = 1 ... little = 5. */
export type FingerNumber = 1 | 2 | 3 | 4 | 5;
export type HandName = 'left' | 'right';

/** Okabe-Ito hues per finger (index 0 unused). */
const FINGER_COLOURS: readonly string[] = ['#999999', '#E69F00', '#56B4E9', '#009E73', '#D55E00', '#CC79A7'];

/** The colour for an unknown or estimated-without-confidence finger. */
export const UNKNOWN_FINGER_COLOUR = '#999999';

/**
 * The colour of a finger, the same on both hands.
 *
 * @example fingerColour(4) // => '#D55E00' (vermillion: ring finger)
 */
export function fingerColour(finger: number | null | undefined): string {
  if (finger === null || finger === undefined || !Number.isInteger(finger) || finger < 1 || finger > 5) return UNKNOWN_FINGER_COLOUR;
  return FINGER_COLOURS[finger] ?? UNKNOWN_FINGER_COLOUR;
}

/**
 * The colour with an alpha channel, for bands and fills.
 *
 * @example fingerColourAlpha(1, 0.25) // => 'rgba(230, 159, 0, 0.25)'
 */
export function fingerColourAlpha(finger: number | null | undefined, alpha: number): string {
  const hex = fingerColour(finger).slice(1);
  const r = Number.parseInt(hex.slice(0, 2), 16);
  const g = Number.parseInt(hex.slice(2, 4), 16);
  const b = Number.parseInt(hex.slice(4, 6), 16);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

const FINGER_WORDS = ['', 'thumb', 'index', 'middle', 'ring', 'little'];

/**
 * The short code of a finger: hand letter and number.
 *
 * @example fingerCode('right', 4) // => 'R4'
 */
export function fingerCode(hand: string, finger: number): string {
  return `${hand === 'left' ? 'L' : 'R'}${finger}`;
}

/**
 * The full name of a finger for sentences.
 *
 * @example fingerLongName('right', 4) // => 'right ring finger (R4)'
 */
export function fingerLongName(hand: string, finger: number): string {
  const word = FINGER_WORDS[finger];
  const handWord = hand === 'left' ? 'left' : 'right';
  return word === undefined || word === '' ? fingerCode(hand, finger) : `${handWord} ${word === 'thumb' ? 'thumb' : `${word} finger`} (${fingerCode(hand, finger)})`;
}

/**
 * Chart point style per hand, so hands differ by shape as well as by label.
 *
 * @example handPointStyle('left') // => 'triangle'
 */
export function handPointStyle(hand: string): 'circle' | 'triangle' {
  return hand === 'left' ? 'triangle' : 'circle';
}
