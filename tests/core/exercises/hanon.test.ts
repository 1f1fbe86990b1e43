import { describe, expect, it } from 'vitest';
import { analyze } from '../../../core/analysis/analyze';
import { barFingering, getExercise, hanon, HANON_NUMBERS, handFingers } from '../../../core/exercises';
import { czernyMessages, czernyScore } from '../../support/czerny';

describe('Hanon exercises', () => {
  it('No. 1 climbs two octaves and back with the printed fingering', () => {
    const rh = hanon({ number: 1, hands: 'right' });
    const lh = hanon({ number: 1, hands: 'left' });
    expect(rh.notes).toHaveLength(14 * 8 + 15 * 8 + 1);
    expect(rh.notes.slice(0, 8).map((n) => n.pitch)).toEqual([48, 52, 53, 55, 57, 55, 53, 52]);
    expect(handFingers(rh, 'right').slice(0, 8)).toEqual([1, 2, 3, 4, 5, 4, 3, 2]);
    // The descending half starts on G5 with 5-4 (the preface's stretch of the RH's 5th and 4th).
    const down = rh.notes.filter((n) => n.direction === 'down');
    expect(down.slice(0, 8).map((n) => n.pitch)).toEqual([79, 76, 74, 72, 71, 72, 74, 76]);
    expect(down.slice(0, 8).map((n) => n.finger)).toEqual([5, 4, 3, 2, 1, 2, 3, 4]);
    expect(rh.notes.at(-1)).toMatchObject({ pitch: 48, finger: 1 });
    expect(lh.notes.slice(0, 8).map((n) => n.pitch)).toEqual([36, 40, 41, 43, 45, 43, 41, 40]);
    expect(handFingers(lh, 'left').slice(0, 8)).toEqual([5, 4, 3, 2, 1, 2, 3, 4]);
    expect(lh.notes.at(-1)).toMatchObject({ pitch: 36, finger: 5 });
  });

  it('No. 5 right hand is 1-5-4-5-3-4-2-3 (printed)', () => {
    expect(handFingers(hanon({ number: 5, hands: 'right' }), 'right').slice(0, 8)).toEqual([1, 5, 4, 5, 3, 4, 2, 3]);
  });

  it.each(HANON_NUMBERS.filter((n) => n !== 21))('No. %i: every bar one finger per key, no thumb passing, hands together on shared steps', (number) => {
    const both = hanon({ number, hands: 'both' });
    expect(both.id).toBe(`hanon-${number}-both`);
    for (const hand of ['right', 'left'] as const) {
      const line = both.notes.filter((n) => n.hand === hand);
      expect(line).toHaveLength(233);
      for (let bar = 0; bar < 29; bar += 1) {
        const notes = line.slice(bar * 8, bar * 8 + 8);
        const byKey = new Map<number, number>();
        for (const note of notes) {
          expect(byKey.get(note.pitch) ?? note.finger).toBe(note.finger);
          byKey.set(note.pitch, note.finger);
        }
        expect(new Set(byKey.values()).size).toBe(byKey.size);
      }
      expect(line.every((n) => n.pitch >= 21 && n.pitch <= 108)).toBe(true);
      expect(line.filter((n) => n.crossing)).toEqual([]);
    }
    const right = both.notes.filter((n) => n.hand === 'right');
    const left = both.notes.filter((n) => n.hand === 'left');
    expect(right.map((n) => n.pitch - 12)).toEqual(left.map((n) => n.pitch));
    expect(right.map((n) => n.step)).toEqual(left.map((n) => n.step));
  });

  it('barFingering refuses a bar that needs the thumb to pass', () => {
    expect(() => barFingering([60, 62, 64, 65, 67, 69], 'right', 'up')).toThrow(RangeError);
  });

  it('No. 21 right hand is exactly the score and printed fingering of make_hanon.py', () => {
    const rh = getExercise('hanon-21-rh');
    expect(rh).toBeDefined();
    const score = czernyScore();
    expect(rh!.notes.map((n) => n.pitch)).toEqual(score.map((s) => s.pitch));
    const a = [1, 2, 3, 2, 1, 2, 3, 4, 5, 4, 3, 4, 5, 4, 3, 2];
    const b = [5, 4, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 4];
    const c = [5, 4, 3, 4, 5, 4, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2];
    const printed = [...Array.from({ length: 14 }, () => a).flat(), ...Array.from({ length: 13 }, () => b).flat(), ...c, 1];
    expect(handFingers(rh!, 'right')).toEqual(printed);
    expect(handFingers(getExercise('hanon-21-lh')!, 'left')).toEqual(printed.map((f) => 6 - f));
  });
});

describe('Hanon No. 21: two real recordings (jtauber/czerny, MIT) end to end', () => {
  it.each([
    ['hanon_21_rh.txt', 449, 'hanon-21-rh'],
    ['hanon_21_both.txt', 898, 'hanon-21-both'],
  ] as const)('%s: >= 99%% of %i expected notes aligned to %s, every finger measured', (file, expected, id) => {
    const { document } = analyze({ messages: czernyMessages(file), file, exercise: id });
    expect(document.takes).toHaveLength(1);
    const take = document.takes[0]!;
    expect(take.matched + take.missed + take.wrong).toBe(expected);
    expect(take.matched / expected).toBeGreaterThanOrEqual(0.99);
    // The one extra note of each capture: a real key bounce / stray touch.
    expect(take.extra).toBeLessThanOrEqual(2);
    const hands = id.endsWith('both') ? ['right', 'left'] : ['right'];
    for (const hand of hands) {
      for (const finger of [1, 2, 3, 4, 5]) {
        const row = take.fingers.find((f) => f.hand === hand && f.finger === finger);
        expect(row?.count).toBeGreaterThan(40);
      }
    }
  });
});
