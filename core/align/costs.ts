/**
 * The prices the aligner pays for each kind of disagreement between what was expected and what
 * was played. All costs are in "notes": a missed or an extra note costs about one.
 */

export interface AlignCosts {
  /** An expected note that was not played. */
  readonly missed: number;
  /** A played note inside a take that matches no expected note. */
  readonly extra: number;
  /** A played note outside any take (free play, noodling between takes). */
  readonly idle: number;
  /** A wrong note one or two semitones (or an octave) away from the expected one. */
  readonly wrongNear: number;
  /** A wrong note further away. */
  readonly wrongFar: number;
  /** Weight of the timing term against the pitch term. */
  readonly timingWeight: number;
  /** Ceiling of the timing term, so a late note never costs more than a few notes. */
  readonly timingCap: number;
  /** Leaving a take before its end (a breakdown). */
  readonly breakOff: number;
  /** Starting a take anywhere but at its first note (a restart from a position). */
  readonly startInside: number;
}

/**
 * Default prices. A wrong note at the right time (1.0) is cheaper than a missed plus an extra
 * note (2.0), so it is read as a substitution; a breakdown plus restart (3.0) is cheaper than a
 * handful of missed notes, so a player who starts again is followed rather than punished.
 * The timing term is capped at 1.5, below a missed plus an extra note (2.0): a note at the right
 * pitch in the right order is never split into "missed + extra" however late it is, because a
 * finger that comes 50-120 ms late is exactly what Evenkeys has to measure, not lose.
 *
 * @example DEFAULT_COSTS.missed // 1
 */
export const DEFAULT_COSTS: AlignCosts = {
  missed: 1,
  extra: 1,
  idle: 0.95,
  wrongNear: 1,
  wrongFar: 1.5,
  timingWeight: 1,
  timingCap: 1.5,
  breakOff: 3,
  startInside: 4,
};

/**
 * Pitch part of the cost of reading played pitch `played` as expected pitch `expected`.
 *
 * @example pitchCost(60, 61, DEFAULT_COSTS) // 1 (a neighbouring key)
 */
export function pitchCost(expected: number, played: number, costs: AlignCosts): number {
  if (expected === played) return 0;
  const distance = Math.abs(expected - played);
  return distance <= 2 || distance === 12 ? costs.wrongNear : costs.wrongFar;
}

/**
 * Timing part of a match cost: half the squared deviation from the fitted grid in units of
 * `sigmaMs`, capped, so notes near their grid slot are nearly free and far ones cost a few notes.
 *
 * @example timingCost(0, 30, DEFAULT_COSTS) // 0
 */
export function timingCost(deviationMs: number, sigmaMs: number, costs: AlignCosts): number {
  const z = deviationMs / sigmaMs;
  return costs.timingWeight * Math.min(0.5 * z * z, costs.timingCap);
}
