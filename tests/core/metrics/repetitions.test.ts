import { describe, expect, it } from 'vitest';
import { scale } from '../../../core/exercises/scale';
import { measureTake, noteDeviations } from '../../../core/metrics/measure';
import { compareRepetitions } from '../../../core/metrics/repetitions';
import { meanSd } from '../../../core/metrics/stats';
import { handMadeTake } from '../../support/metrics-validation';

const rh = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 1, bpm: 120, subdivision: 4 });
const lh = scale({ key: 'C', mode: 'major', hands: 'left', octaves: 1, bpm: 120, subdivision: 4 });

describe('compareRepetitions', () => {
  // Ten repetitions: position 3 always 20 ms late (a fingerprint), position 5 alternately +-10 ms (noise).
  const takes = Array.from({ length: 10 }, (_, r) =>
    handMadeTake(rh, {
      startMs: 1000 + r * 5000,
      notes: {
        3: { onsetMs: 1000 + r * 5000 + 3 * 125 + 20 },
        5: { onsetMs: 1000 + r * 5000 + 5 * 125 + (r % 2 === 0 ? 10 : -10) },
      },
    }).take,
  );
  const [comparison] = compareRepetitions(takes);

  it('gives per position the mean (irregularity) and SD (instability) across repetitions', () => {
    expect(comparison?.takes).toBe(10);
    expect(comparison?.positions).toHaveLength(rh.notes.length);
    for (const index of [3, 5]) {
      const values = takes.map((take) => noteDeviations(take).get(take.matches[index]?.noteIndex ?? -1) ?? 0);
      const position = comparison?.positions[index];
      expect(position?.irregularityMs).toBeCloseTo(meanSd(values).mean, 9);
      expect(position?.instabilityMs).toBeCloseTo(meanSd(values).sd, 9);
    }
    expect(comparison?.positions[3]?.irregularityMs).toBeGreaterThan(10);
    expect(comparison?.positions[3]?.instabilityMs).toBeLessThan(3);
    expect(comparison?.positions[5]?.instabilityMs).toBeGreaterThan(5);
  });

  it('summarises each hand by root mean squares over positions', () => {
    const hand = comparison?.hands[0];
    const positions = comparison?.positions ?? [];
    expect(hand?.hand).toBe('right');
    expect(hand?.positions).toBe(positions.length);
    const rms = Math.sqrt(positions.reduce((a, p) => a + p.instabilityMs ** 2, 0) / positions.length);
    expect(hand?.instabilityMs).toBeCloseTo(rms, 9);
  });

  it('groups takes by exercise and copes with no takes', () => {
    const mixed = [...takes.slice(0, 3), handMadeTake(lh).take];
    expect(compareRepetitions(mixed).map((c) => [c.exerciseId, c.takes])).toEqual([
      [rh.id, 3],
      [lh.id, 1],
    ]);
    expect(compareRepetitions([])).toEqual([]);
    const single = compareRepetitions([handMadeTake(lh).take])[0];
    expect(single?.hands[0]).toEqual({ hand: 'left', positions: 0, irregularityMs: 0, instabilityMs: 0 });
  });

  it('gives the same comparison from deviations the caller already measured', () => {
    const measured = takes.map((take) => measureTake(take, []).notes.map((m) => m.deviationMs));
    expect(compareRepetitions(takes, measured)).toEqual(compareRepetitions(takes));
    // A list that does not fit its take (wrong length) is ignored and the take refitted.
    expect(compareRepetitions(takes, measured.map(() => [1, 2, 3]))).toEqual(compareRepetitions(takes));
  });
});
