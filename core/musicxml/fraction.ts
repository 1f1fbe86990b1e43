/**
 * Exact note times: a MusicXML duration is an integer count of `divisions` per quarter note, and
 * `divisions` may change from measure to measure, so times are kept as reduced fractions of a
 * quarter note (never floats, which would put a triplet a hair off its grid step).
 */

/** num / den quarter notes, den > 0, reduced. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

/** @example gcd(12, 18) // 6 */
export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x === 0 ? 1 : x;
}

/** @example lcm(4, 6) // 12 */
export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/** @example frac(2, 4) // { num: 1, den: 2 } */
export function frac(num: number, den = 1): Fraction {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) throw new RangeError(`bad fraction ${num}/${den}`);
  const sign = den < 0 ? -1 : 1;
  const g = gcd(num, den);
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Fraction = { num: 0, den: 1 };

/** @example add(frac(1, 2), frac(1, 3)) // { num: 5, den: 6 } */
export function add(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** @example sub(frac(1, 2), frac(1, 3)) // { num: 1, den: 6 } */
export function sub(a: Fraction, b: Fraction): Fraction {
  return frac(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** Negative, zero or positive like a - b. @example compare(frac(1, 3), frac(1, 2)) < 0 // true */
export function compare(a: Fraction, b: Fraction): number {
  return a.num * b.den - b.num * a.den;
}

/** @example max(frac(1, 3), frac(1, 2)) // { num: 1, den: 2 } */
export function max(a: Fraction, b: Fraction): Fraction {
  return compare(a, b) >= 0 ? a : b;
}
