import { describe, expect, it } from 'vitest';
import { buildSequence, isCrossing, outAndBack } from '../../../core/exercises/sequence';

describe('sequence building', () => {
  it('outAndBack plays the turning note once', () => {
    const line = outAndBack([60, 62, 64], [1, 2, 3]);
    expect(line.map((n) => n.pitch)).toEqual([60, 62, 64, 62, 60]);
    expect(line.map((n) => n.run)).toEqual([0, 0, 0, 1, 1]);
    expect(line.map((n) => n.direction)).toEqual(['up', 'up', 'up', 'down', 'down']);
    expect(outAndBack([48, 50], [2, 1], 'down').map((n) => [n.pitch, n.finger, n.direction])).toEqual([[50, 1, 'down'], [48, 2, 'down'], [50, 1, 'up']]);
    expect(() => outAndBack([60], [1, 2])).toThrow(RangeError);
  });

  it('isCrossing: thumb under and finger over, per hand', () => {
    expect(isCrossing('right', { pitch: 64, finger: 3 }, { pitch: 65, finger: 1 })).toBe(true);
    expect(isCrossing('right', { pitch: 65, finger: 1 }, { pitch: 64, finger: 3 })).toBe(true);
    expect(isCrossing('right', { pitch: 60, finger: 1 }, { pitch: 62, finger: 2 })).toBe(false);
    expect(isCrossing('left', { pitch: 55, finger: 1 }, { pitch: 57, finger: 3 })).toBe(true);
    expect(isCrossing('left', { pitch: 60, finger: 5 }, { pitch: 62, finger: 4 })).toBe(false);
    expect(isCrossing('right', { pitch: 64, finger: 3 }, { pitch: 65, finger: 4 })).toBe(false);
  });

  it('orders by step, left before right, and numbers the whole sequence', () => {
    const seq = buildSequence([
      { hand: 'right', notes: outAndBack([60, 62], [1, 2]) },
      { hand: 'left', notes: outAndBack([48, 50], [2, 1]) },
    ]);
    expect(seq.map((n) => `${n.hand[0]}${n.step}`)).toEqual(['l0', 'r0', 'l1', 'r1', 'l2', 'r2']);
    expect(seq.map((n) => n.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
