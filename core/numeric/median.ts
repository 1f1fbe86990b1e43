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
