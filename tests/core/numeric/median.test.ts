import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthSmallestOfList, medianInPlace, medianOfList, selectInPlace } from '../../../core/numeric/median';

function sortedMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

describe('medianInPlace', () => {
  it('equals the median of a sorted copy, ties and duplicates included', () => {
    // -0 and +0 are equal as numbers but not to Object.is; which one a median returns is arbitrary.
    const finite = fc.double({ noNaN: true, min: -1e12, max: 1e12 }).map((value) => value + 0);
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 60 }), (values) => {
        expect(medianInPlace(Float64Array.from(values), values.length)).toBe(sortedMedian(values));
      }),
      { numRuns: 2000 },
    );
  });

  it('only looks at the first count values, and gives 0 for none', () => {
    expect(medianInPlace(Float64Array.of(9, 1, 5, 1000, -1000), 3)).toBe(5);
    expect(medianInPlace(new Float64Array(4), 0)).toBe(0);
  });
});

describe('selectInPlace', () => {
  it('returns the k-th smallest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const sorted = [...values].sort((a, b) => a - b);
        expect(selectInPlace(Float64Array.from(values), values.length, k)).toBe(sorted[k]);
      }),
    );
  });
});

describe('medianOfList and kthSmallestOfList', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((value) => value + 0);

  it('give what sorting the list with (a, b) => a - b gives, and leave the list as it was', () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 60 }), fc.nat(), (values, pick) => {
        const before = [...values];
        expect(medianOfList(values)).toBe(sortedMedian(values));
        const sorted = [...values].sort((a, b) => a - b);
        const k = values.length === 0 ? 0 : pick % values.length;
        expect(kthSmallestOfList(values, k)).toBe(sorted[k] ?? 0);
        expect(values).toEqual(before);
      }),
      { numRuns: 2000 },
    );
  });

  it('fall back to that sort when a value is not finite, and give 0 for nothing', () => {
    for (const values of [[3, Number.NaN, 1, 2], [Infinity, 1, -Infinity, 4, 5], [Number.NaN]]) {
      expect(medianOfList(values)).toBe(sortedMedian(values));
      expect(kthSmallestOfList(values, 1 % values.length)).toBe([...values].sort((a, b) => a - b)[1 % values.length]);
    }
    expect(medianOfList([])).toBe(0);
    expect(kthSmallestOfList([], 0)).toBe(0);
    expect(kthSmallestOfList([1, 2], 5)).toBe(0);
  });
});
