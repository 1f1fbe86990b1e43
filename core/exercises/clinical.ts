/**
 * The clinical scale test (Jabusch et al. 2004/2006): C major, 2 octaves, one hand at a time,
 * legato, up and down, sixteenths at 120 bpm (8 notes/s, nominal IOI 125 ms), repeated 10 times.
 */
import { scale } from './scale';
import type { Exercise, Hand } from './types';

export const CLINICAL_BPM = 120;
export const CLINICAL_SUBDIVISION = 4;
export const CLINICAL_REPETITIONS = 10;

/**
 * The clinical preset for one hand.
 *
 * @example clinicalScale('right').id // 'clinical-scale-rh'
 */
export function clinicalScale(hand: Hand): Exercise {
  const base = scale({ key: 'C', mode: 'major', hands: hand, octaves: 2, bpm: CLINICAL_BPM, subdivision: CLINICAL_SUBDIVISION });
  const handName = hand === 'right' ? 'right hand' : 'left hand';
  return {
    ...base,
    id: `clinical-scale-${hand === 'right' ? 'rh' : 'lh'}`,
    kind: 'clinical-scale',
    name: `Clinical scale test: C major, ${handName}, 2 octaves, legato sixteenths at 120 bpm, 10 times`,
    repetitions: CLINICAL_REPETITIONS,
  };
}
