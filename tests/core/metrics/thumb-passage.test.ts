import { describe, expect, it } from 'vitest';
import { scale } from '../../../core/exercises/scale';
import { measureTake } from '../../../core/metrics/measure';
import { handMadeTake } from '../../support/metrics-validation';
import type { HandMadeNote } from '../../support/metrics-validation';

const rh = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 2, bpm: 120, subdivision: 4 });

describe('thumb passage', () => {
  // A player who shortens the note before each crossing and plays the crossing note 12 ms late.
  const spec: Record<number, HandMadeNote> = {};
  const crossings = rh.notes.filter((n) => n.crossing);
  const before = new Set(crossings.map((c) => rh.notes.find((n) => n.run === c.run && n.position === c.position - 1)?.index));
  for (const n of rh.notes) {
    spec[n.index] = { onsetMs: 1000 + n.step * 125 + (n.crossing ? 12 : 0), durationMs: before.has(n.index) ? 60 : 140 };
  }
  const metrics = measureTake(handMadeTake(rh, { notes: spec }).take, []);

  it('has a cell per hand and direction with the crossings of the exercise', () => {
    expect(crossings.length).toBeGreaterThan(0);
    expect(metrics.thumbPassage.map((t) => `${t.hand}-${t.direction}`).sort()).toEqual(['right-down', 'right-up']);
    expect(metrics.thumbPassage.reduce((sum, t) => sum + t.crossings, 0)).toBe(crossings.length);
  });

  it('keeps the note before, the crossing note and the note after apart', () => {
    for (const cell of metrics.thumbPassage) {
      expect(cell.crossingMs.mean).toBeGreaterThan(cell.otherMs.mean + 8);
      expect(cell.beforeDurationMs.mean).toBeCloseTo(60, 9);
      expect(cell.otherDurationMs.mean).toBeCloseTo(140, 9);
      expect(cell.beforeMs.count + cell.crossingMs.count + cell.afterMs.count + cell.otherMs.count).toBe(
        metrics.notes.filter((m) => m.direction === cell.direction && m.deviationMs !== null).length,
      );
    }
  });
});
