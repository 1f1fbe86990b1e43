import { describe, expect, it } from 'vitest';
import { analyze } from '../../../core/analysis/analyze';
import { FingeringCountError, getExercise, handFingers, withFingering } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises';
import { messagesFromNotes } from '../../../core/midi/smf';
import { performRepetitions } from '../../support/performer';

// B-flat major, right hand, one octave, as many books finger it: started on 4 (4123 1234 and back).
const BB_OWN_UP = [4, 1, 2, 3, 1, 2, 3, 4];
const BB_OWN = [...BB_OWN_UP, ...BB_OWN_UP.slice(0, -1).reverse()];

function library(id: string): Exercise {
  const exercise = getExercise(id);
  if (!exercise) throw new Error(`missing ${id}`);
  return exercise;
}

describe('own fingering', () => {
  const printed = library('scale-bb-major-rh-1oct');

  it('replaces one hand in playing order, recomputes crossings and labels the source', () => {
    const own = withFingering(printed, 'right', BB_OWN, { profile: 'Ana' });
    expect(handFingers(own, 'right')).toEqual(BB_OWN);
    expect(own.fingering).toEqual({ right: 'own', profile: 'Ana' });
    // Thumb passes under 3 (Eb -> F) going up and 3 over the thumb (F -> Eb) coming down; 4 -> 1 at the start.
    const crossings = own.notes.filter((n) => n.crossing).map((n) => n.position);
    expect(crossings).toEqual([1, 4, 11, 14]);
    expect(printed.fingering).toBeUndefined();
  });

  it('refuses another count, naming the count expected', () => {
    expect(() => withFingering(printed, 'right', [1, 2, 3])).toThrow(FingeringCountError);
    expect(() => withFingering(printed, 'right', [1, 2, 3])).toThrow(/15 right-hand notes, so the fingering needs 15 fingers \(got 3\)/);
    expect(() => withFingering(printed, 'right', BB_OWN.map((f, i) => (i === 2 ? 6 : f)))).toThrow(/finger 3 of the right hand is 6/);
  });

  it('moves a planted late finger to the right number', () => {
    // The pianist plays their own fingering; their finger 4 is 25 ms late every time.
    const own = withFingering(printed, 'right', BB_OWN, { profile: 'Ana' });
    const played = performRepetitions(own, 6, { seed: 15, fingers: { 'right-4': { biasMs: 25 } }, style: { jitterMs: 4 } });
    const messages = messagesFromNotes(played.notes);
    const meanOf = (doc: ReturnType<typeof analyze>['document'], finger: number): number => {
      const rows = doc.takes.flatMap((take) => take.fingers.filter((f) => f.hand === 'right' && f.finger === finger && f.count > 0));
      return rows.reduce((sum, row) => sum + (row.onsetDeviationMs.mean ?? Number.NaN) * row.count, 0) / rows.reduce((sum, row) => sum + row.count, 0);
    };
    const withPrinted = analyze({ messages, file: 'bb.mid', exercise: printed.id }).document;
    const withOwn = analyze({
      messages,
      file: 'bb.mid',
      exercise: printed.id,
      fingerings: [{ exerciseId: printed.id, hand: 'right', fingers: BB_OWN }],
      profile: 'Ana',
    }).document;
    expect(withOwn.takes).toHaveLength(6);
    expect(withOwn.takes[0]?.exercise.fingering).toEqual({ right: 'own', profile: 'Ana' });
    expect(withPrinted.takes[0]?.exercise.fingering).toBeUndefined();
    // Own fingering: finger 4 carries the lateness, every other finger is on time relative to it.
    const own4 = meanOf(withOwn, 4);
    for (const finger of [1, 2, 3]) expect(own4 - meanOf(withOwn, finger)).toBeGreaterThan(18);
    // Own fingering: finger 2 is on time like 1 and 3.
    expect(Math.abs(meanOf(withOwn, 2) - meanOf(withOwn, 1))).toBeLessThan(5);
    // Printed fingering (2123 1234 4 ...) says the bottom B-flat is finger 2: the late finger 4's
    // lateness lands on finger 2, the wrong number.
    expect(meanOf(withPrinted, 2) - meanOf(withPrinted, 1)).toBeGreaterThan(5);
    expect(meanOf(withPrinted, 2)).toBeGreaterThan(meanOf(withOwn, 2) + 5);
  });

  it('also applies when the exercise is recognised rather than named', () => {
    const own = withFingering(printed, 'right', BB_OWN);
    const played = performRepetitions(own, 2, { seed: 16 });
    const doc = analyze({
      messages: messagesFromNotes(played.notes),
      file: 'bb.mid',
      fingerings: [{ exerciseId: printed.id, hand: 'right', fingers: BB_OWN }],
      profile: 'Ana',
    }).document;
    expect(doc.takes.map((t) => t.exercise.id)).toEqual([printed.id, printed.id]);
    expect(doc.takes.every((t) => t.exercise.fingering?.right === 'own')).toBe(true);
  });
});
