/**
 * Long unbroken note streams for the "no recursion grows with the input" checks: minutes of
 * playing with no pause, in shapes that make every gap tie (quantised exports from notation
 * software) or nearly tie.
 */
import type { Note } from '../../core/midi/types';
import { createRandom } from './random';

export type LongInputShape = 'scale-no-pause' | 'equal-gaps' | 'one-pitch' | 'chords' | 'jittered-legato';

const C_MAJOR_2OCT = [60, 62, 64, 65, 67, 69, 71, 72, 74, 76, 77, 79, 81, 83, 84];

/**
 * `count` notes (chords count each key) of one shape, sorted by onset.
 *
 * @example longInput('one-pitch', 100_000, 1).length // => 100000
 */
export function longInput(shape: LongInputShape, count: number, seed: number): Note[] {
  const rng = createRandom(seed);
  const random = (): number => rng.next();
  const notes: Note[] = [];
  let onset = 0;
  for (let step = 0; notes.length < count; step += 1) {
    const ioi = shape === 'jittered-legato' ? 125 + (random() - 0.5) * 20 : shape === 'equal-gaps' ? 250 : 125;
    const up = step % 28 < 14;
    const scalePitch = C_MAJOR_2OCT[up ? step % 14 : 14 - (step % 14)] ?? 60;
    const pitches = shape === 'one-pitch' ? [60] : shape === 'chords' ? [60, 64, 67] : shape === 'equal-gaps' ? [48 + (step % 37)] : [scalePitch];
    for (const pitch of pitches) {
      if (notes.length >= count) break;
      notes.push({ pitch, onsetMs: onset, offsetMs: onset + ioi * 0.9, velocity: 64 + Math.floor(random() * 16), channel: 0, pedalAtOnset: false, unreleased: false });
    }
    onset += ioi;
  }
  return notes;
}
