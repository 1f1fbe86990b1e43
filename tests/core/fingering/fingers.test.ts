import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateFingering, handSpanSemitones } from '../../../core/fingering/fingers';
import type { FingeringInputNote } from '../../../core/fingering/fingers';
import { pairSpan, spanLimits } from '../../../core/fingering/span-table';
import type { Finger, Hand } from '../../../core/exercises/types';
import { getExercise } from '../../../core/exercises/library';
import { perform } from '../../support/performer';
import { measureStandardFingering, scalesAndArpeggios } from '../../support/fingering-standard';

const line = (pitches: readonly number[], ioiMs = 150): FingeringInputNote[] => pitches.map((pitch, i) => ({ pitch, onsetMs: i * ioiMs }));

describe('estimateFingering', () => {
  it('fingers a C major scale up and down with the standard fingering, not told it is a scale', () => {
    const exercise = getExercise('scale-c-major-rh-2oct')!;
    const performance = perform(exercise, { seed: 3 });
    const fingers = estimateFingering(performance.notes, 'right').map((e) => e.finger);
    expect(fingers).toEqual(exercise.notes.map((n) => n.finger));
  });

  it('mirrors the left hand: C major left hand from the bottom starts on 5', () => {
    const exercise = getExercise('scale-c-major-lh-1oct')!;
    const performance = perform(exercise, { seed: 4 });
    expect(estimateFingering(performance.notes, 'left').map((e) => e.finger)).toEqual(exercise.notes.map((n) => n.finger));
  });

  it('gives a five-finger position 1-2-3-4-5 and chords distinct fingers in pitch order', () => {
    expect(estimateFingering(line([60, 62, 64, 65, 67]), 'right').map((e) => e.finger)).toEqual([1, 2, 3, 4, 5]);
    const chord = estimateFingering([60, 64, 67].map((pitch) => ({ pitch, onsetMs: 0 })), 'right').map((e) => e.finger);
    expect(chord[0]).toBeLessThan(chord[1]!);
    expect(chord[1]).toBeLessThan(chord[2]!);
    const left = estimateFingering([48, 52, 55].map((pitch) => ({ pitch, onsetMs: 0 })), 'left').map((e) => e.finger);
    expect(left[0]).toBeGreaterThan(left[1]!);
    expect(left[1]).toBeGreaterThan(left[2]!);
  });

  it('keeps the thumb off black keys in a run that mixes white and black keys', () => {
    for (const hand of ['right', 'left'] as const) {
      const pitches = [64, 66, 68, 69, 71, 73, 75, 76, 78, 80, 78, 76, 75, 73, 71, 69, 68, 66, 64].map((p) => p - (hand === 'left' ? 24 : 0));
      const fingers = estimateFingering(line(pitches), hand);
      fingers.forEach((e, i) => {
        if ([1, 3, 6, 8, 10].includes(pitches[i]! % 12)) expect(e.finger).not.toBe(1);
      });
    }
  });

  it('returns confidences between 0.2 and 1, index for index, in any input order', () => {
    const notes = line([67, 64, 60, 62, 65]).reverse();
    const estimates = estimateFingering(notes, 'right');
    expect(estimates).toHaveLength(5);
    for (const e of estimates) {
      expect(e.confidence).toBeGreaterThanOrEqual(0.2);
      expect(e.confidence).toBeLessThanOrEqual(1);
    }
    expect(estimateFingering([], 'right')).toEqual([]);
    expect(() => estimateFingering([{ pitch: Number.NaN, onsetMs: 0 }], 'left')).toThrow(RangeError);
  });

  it('gives the standard fingering on >= 95 % of the notes of a fixed sample of the library scales and arpeggios (measured 99.3 % on all)', () => {
    const rows = measureStandardFingering(scalesAndArpeggios(12), 11);
    const notes = rows.reduce((sum, row) => sum + row.notes, 0);
    const agree = rows.reduce((sum, row) => sum + row.agree, 0);
    expect(rows.some((row) => row.kind === 'arpeggio')).toBe(true);
    expect(notes).toBeGreaterThan(1000);
    expect(agree / notes).toBeGreaterThanOrEqual(0.95);
  });
});

/** A random free-play line a hand can play: each step keeps to the span table's practical range. */
function playableLine(hand: Hand) {
  const step = fc.record({
    finger: fc.constantFrom<Finger>(1, 2, 3, 4, 5),
    t: fc.double({ min: 0, max: 1, noNaN: true }),
    ioi: fc.integer({ min: 60, max: 400 }),
    chord: fc.integer({ min: 0, max: 9 }),
  });
  return fc.array(step, { minLength: 2, maxLength: 40 }).map((steps) => {
    const notes: FingeringInputNote[] = [];
    let finger: Finger = 3;
    let pitch = 64;
    let time = 0;
    const sign = hand === 'right' ? 1 : -1;
    for (const s of steps) {
      if (s.chord === 0) {
        // A chord of three notes in comfortable spans, then time for the hand to move.
        time += 1500;
        const base = Math.max(40, Math.min(80, pitch));
        [0, 4, 7].forEach((d) => notes.push({ pitch: base + sign * d, onsetMs: time }));
        time += 1500;
        continue;
      }
      time += s.ioi;
      if (s.finger === finger) {
        notes.push({ pitch, onsetMs: time });
        continue;
      }
      const lo = Math.min(finger, s.finger) as Finger;
      const hi = Math.max(finger, s.finger) as Finger;
      const limits = spanLimits(lo, hi);
      const span = Math.round(limits.minPrac + s.t * (limits.maxPrac - limits.minPrac));
      // span = pitch under hi - pitch under lo (right hand); mirrored for the left.
      const delta = (finger === lo ? span : -span) * sign;
      pitch = Math.max(24, Math.min(100, pitch + delta));
      finger = s.finger;
      notes.push({ pitch, onsetMs: time });
    }
    return notes;
  });
}

describe('estimateFingering never outputs a physically impossible fingering', () => {
  for (const hand of ['right', 'left'] as const) {
    it(`${hand} hand: spans within the practical maximum, no crossing but a thumb pass, chords in order`, () => {
      fc.assert(
        fc.property(playableLine(hand), (notes) => {
          const fingers = estimateFingering(notes, hand).map((e) => e.finger);
          for (let i = 1; i < notes.length; i++) {
            const a = notes[i - 1]!;
            const b = notes[i]!;
            const f1 = fingers[i - 1]!;
            const f2 = fingers[i]!;
            if (b.onsetMs - a.onsetMs > 300) continue; // time to reposition the hand
            if (b.onsetMs === a.onsetMs) {
              // Same chord: distinct fingers in pitch order.
              expect(f1).not.toBe(f2);
              expect(pairSpan(hand, f1, a.pitch, f2, b.pitch)).toBeGreaterThan(0);
            }
            if (f1 === f2) continue;
            const s = pairSpan(hand, f1, a.pitch, f2, b.pitch);
            const limits = spanLimits(Math.min(f1, f2) as Finger, Math.max(f1, f2) as Finger);
            expect(s).toBeLessThanOrEqual(limits.maxPrac);
            if (Math.min(f1, f2) !== 1) expect(s).toBeGreaterThanOrEqual(limits.minPrac);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('handSpanSemitones (profile hand span in cm -> estimator span)', () => {
  it('converts at 12 semitones per 16.5 cm octave, within 10..20', () => {
    expect(handSpanSemitones(16.5)).toBeCloseTo(12, 10);
    expect(handSpanSemitones(20.625)).toBeCloseTo(15, 10);
    expect(handSpanSemitones(5)).toBe(10);
    expect(handSpanSemitones(40)).toBe(20);
  });

  it('rejects a non-positive or non-finite span', () => {
    expect(() => handSpanSemitones(0)).toThrow(RangeError);
    expect(() => handSpanSemitones(Number.NaN)).toThrow(RangeError);
  });
});
