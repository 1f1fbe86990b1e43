/**
 * The median by quickselect, in place: medians are taken thousands of times per recording (tempo
 * grids, robust spreads, event norms) on a few dozen values each, where a copy and a full sort
 * cost more than everything around them.
 */

/**
 * Median of values[0, count): the middle value, or the mean of the two middle ones, exactly as
 * after a sort. Reorders that part of the array; 0 for count 0.
 *
 * @example medianInPlace(Float64Array.of(5, 1, 4, 3), 4) // 3.5
 */
export function medianInPlace(values: Float64Array, count: number): number {
  if (count <= 0) return 0;
  const mid = count >> 1;
  const upper = selectInPlace(values, count, mid);
  if (count % 2 === 1) return upper;
  // After selection every value before `mid` is <= the one at it: the lower middle is their largest.
  let lower = -Infinity;
  for (let k = 0; k < mid; k += 1) if ((values[k] ?? -Infinity) > lower) lower = values[k] ?? lower;
  return (lower + upper) / 2;
}

/**
 * Hoare's quickselect with a middle pivot: puts the k-th smallest of values[0, count) at index k
 * and returns it.
 *
 * @example selectInPlace(Float64Array.of(9, 2, 7), 3, 0) // 2
 */
export function selectInPlace(values: Float64Array, count: number, k: number): number {
  let left = 0;
  let right = count - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i += 1;
      while ((values[j] ?? 0) > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k] ?? 0;
}

// Reused by medianOfList and kthSmallestOfList (single-threaded, as all of core).
let listScratch = new Float64Array(64);

function copyFinite(values: readonly number[]): Float64Array | null {
  if (listScratch.length < values.length) listScratch = new Float64Array(Math.max(values.length, 2 * listScratch.length));
  for (let k = 0; k < values.length; k += 1) {
    const value = values[k] ?? 0;
    if (!Number.isFinite(value)) return null;
    listScratch[k] = value;
  }
  return listScratch;
}

/**
 * Median of a list, the same number as sorting it with `(a, b) => a - b` and taking the middle
 * value (or the mean of the two middle ones; 0 for none), by selection on a reused buffer: the
 * list is left as it is. A list holding a non-finite value is sorted (a copy), as before, since
 * such a sort's order is what defined the answer.
 *
 * @example medianOfList([5, 1, 4, 3]) // 3.5
 */
export function medianOfList(values: readonly number[]): number {
  const copy = copyFinite(values);
  if (copy !== null) return medianInPlace(copy, values.length);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The value at index `k` of the list sorted with `(a, b) => a - b` (0 when out of range), by
 * selection; the list is left as it is. Non-finite values: as medianOfList.
 *
 * @example kthSmallestOfList([9, 2, 7], 1) // 7
 */
export function kthSmallestOfList(values: readonly number[], k: number): number {
  if (k < 0 || k >= values.length) return 0;
  const copy = copyFinite(values);
  if (copy !== null) return selectInPlace(copy, values.length, k);
  return [...values].sort((a, b) => a - b)[k] ?? 0;
}
