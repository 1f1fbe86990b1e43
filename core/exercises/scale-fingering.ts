/**
 * Scale fingerings for any number of octaves, derived from a published table.
 *
 * "Thumb positions decide everything else": a scale fingering is fully described by the finger on
 * the tonic where the hand starts (the right hand's bottom note, the left hand's top note) and by
 * the scale degrees that take the thumb. Moving outward from there (right hand up, left hand down)
 * every note that is not a thumb note takes the next finger (1, 2, 3, 4, ...); the far end takes the
 * next finger even if its degree is a thumb degree, because the hand turns round there.
 * The published two-octave major tables follow this rule exactly (tested), which is what lets us
 * extend the one-octave harmonic minor tables to 2-4 octaves.
 */
import type { Finger, Hand } from './types';

/** The two facts a scale fingering is made of. */
export interface ScaleFingeringRule {
  /** Finger on the starting tonic: bottom note for the right hand, top note for the left hand. */
  readonly nearFinger: Finger;
  /** Scale degrees (0 = tonic .. degreesPerOctave-1) that take the thumb. */
  readonly thumbDegrees: readonly number[];
}

/**
 * Parses a fingering string such as '1231234 1231234 5' into fingers (spaces are ignored).
 *
 * @example parseFingers('123 1') // [1, 2, 3, 1]
 */
export function parseFingers(text: string): Finger[] {
  return [...text.replace(/\s+/g, '')].map((ch) => {
    const finger = Number(ch);
    if (!Number.isInteger(finger) || finger < 1 || finger > 5) {
      throw new RangeError(`not a finger: '${ch}' in '${text}'`);
    }
    return finger as Finger;
  });
}

/**
 * Extracts the rule from an ascending fingering of whole octaves (length k*degreesPerOctave + 1).
 *
 * @example fingeringRuleOf(parseFingers('12312345'), 'right') // { nearFinger: 1, thumbDegrees: [0, 3] }
 */
export function fingeringRuleOf(ascending: readonly Finger[], hand: Hand, degreesPerOctave = 7): ScaleFingeringRule {
  const n = ascending.length;
  if (n < 2 || (n - 1) % degreesPerOctave !== 0) {
    throw new RangeError(`a scale fingering covers whole octaves: got ${n} fingers`);
  }
  const thumbs = new Set<number>();
  // The far end is excluded: it never takes the thumb's role of passing on.
  const [from, to] = hand === 'right' ? [0, n - 2] : [1, n - 1];
  for (let i = from; i <= to; i++) {
    if (ascending[i] === 1) thumbs.add(i % degreesPerOctave);
  }
  const near = hand === 'right' ? ascending[0] : ascending[n - 1];
  if (near === undefined) throw new RangeError('empty fingering');
  return { nearFinger: near, thumbDegrees: [...thumbs].sort((a, b) => a - b) };
}

/**
 * Fingers of an ascending scale of `octaves` octaves (octaves*degreesPerOctave + 1 notes, bottom to
 * top). Play the descending half by reading it backwards.
 *
 * @example scaleFingers({ nearFinger: 1, thumbDegrees: [0, 3] }, 'right', 2)
 * // [1,2,3,1,2,3,4, 1,2,3,1,2,3,4, 5]
 */
export function scaleFingers(rule: ScaleFingeringRule, hand: Hand, octaves: number, degreesPerOctave = 7): Finger[] {
  const n = octaves * degreesPerOctave + 1;
  const thumbs = new Set(rule.thumbDegrees);
  const outward: Finger[] = [];
  let previous: number = rule.nearFinger;
  outward.push(rule.nearFinger);
  for (let j = 1; j < n; j++) {
    // Outward step j is ascending index j (right hand) or n-1-j (left hand).
    const degree = hand === 'right' ? j % degreesPerOctave : (((n - 1 - j) % degreesPerOctave) + degreesPerOctave) % degreesPerOctave;
    const finger = j < n - 1 && thumbs.has(degree) ? 1 : previous + 1;
    if (finger > 5) throw new RangeError(`fingering rule runs past finger 5 at note ${j}`);
    outward.push(finger as Finger);
    previous = finger;
  }
  return hand === 'right' ? outward : outward.reverse();
}
