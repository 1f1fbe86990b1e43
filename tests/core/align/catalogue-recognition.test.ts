/**
 * Catalogue-wide recognition property (issue 12), on a fixed-seed sample; the full table is
 * `npx tsx scripts/validate-recognition.ts`. Iterates the library, so new exercises are covered.
 */
import { describe, expect, it } from 'vitest';
import { recognitionCases, runCase } from '../../support/catalogue-recognition';

describe('every exercise, any register, 2-12 notes/s, clean and with 5 % errors', () => {
  const cases = recognitionCases({ seed: 1212, sample: 240 });
  const results = cases.map(runCase);

  it('recognises every clean performance as itself, with the right octave count', () => {
    const clean = results.filter((r) => !r.case.corrupted);
    const failed = clean.filter((r) => !r.ok).map((r) => `${r.case.exercise.id} ${r.case.shift} -> ${r.found}`);
    expect(failed).toEqual([]);
  });

  it('recognises at least 98 % of the performances with 5 % wrong, missed and extra notes', () => {
    const corrupted = results.filter((r) => r.case.corrupted);
    const ok = corrupted.filter((r) => r.ok).length;
    expect(ok / corrupted.length).toBeGreaterThanOrEqual(0.98);
  });

  it('never reports a wrong hand without the flag', () => {
    expect(results.filter((r) => r.silentWrongHand).map((r) => `${r.case.exercise.id} ${r.case.shift} -> ${r.found}`)).toEqual([]);
  });

  it('never reports a wrong hand, nor flags it, when the hand was given', () => {
    const oneHand = cases.filter((c) => c.exercise.hands !== 'both' && !c.corrupted).slice(0, 30);
    for (const item of oneHand) {
      const result = runCase({ ...item, givenHand: item.exercise.hands === 'left' ? 'left' : 'right' });
      expect(result.silentWrongHand, `${item.exercise.id} ${item.shift} -> ${result.found}`).toBe(false);
      expect(result.flagged).toBe(false);
      expect(result.ok, `${item.exercise.id} ${item.shift} -> ${result.found}`).toBe(true);
    }
  });
});
