/**
 * The fingerprint: a pianist's per-position deviation profile ("irregularity", van Vugt et al.
 * 2012/2013) is stable across sessions and personal. Comparing the recent sessions' profile with
 * the baseline's is a second, position-level signal beside the per-finger series: a change that
 * shows only at certain positions (e.g. around a thumb passage) moves it before any finger mean.
 * Kept per exercise id (positions depend on the octave count), hand and keyboard.
 */
import type { Hand } from '../exercises/types';
import type { FingerprintComparison } from './types';

/** Sessions averaged for the "recent" profile. */
export const FINGERPRINT_RECENT_SESSIONS = 5;
/**
 * RMS difference / the RMS noise alone would give, above which the fingerprint has changed. With
 * ~30 positions (ratio^2 ~ chi^2_30 / 30 under no change), 1.6 is beyond its 99.9th percentile (1.45).
 */
export const FINGERPRINT_CHANGE_RATIO = 1.6;

export interface FingerprintState {
  readonly exerciseId: string;
  readonly hand: Hand;
  readonly device: string;
  /** One map per session: "direction:position" -> mean deviation (ms). */
  readonly profiles: Map<string, number>[];
}

/** @example fingerprintKey('scale-c-major-rh-2oct', 'right', 'FP-30') // => 'scale-c-major-rh-2oct|right|FP-30' */
export function fingerprintKey(exerciseId: string, hand: Hand, device: string): string {
  return `${exerciseId}|${hand}|${device}`;
}

/**
 * Compares the mean profile of the latest FINGERPRINT_RECENT_SESSIONS sessions after the baseline
 * with the mean of the first `baselineSessions` ones: Pearson correlation, RMS difference, and the
 * RMS difference expected from the baseline's own per-position spread.
 *
 * @example compareFingerprints(state, 10).correlation // => 0.93
 */
export function compareFingerprints(fp: FingerprintState, baselineSessions: number): FingerprintComparison {
  const baseline = fp.profiles.slice(0, baselineSessions);
  const recent = fp.profiles.length > baselineSessions ? fp.profiles.slice(Math.max(baselineSessions, fp.profiles.length - FINGERPRINT_RECENT_SESSIONS)) : [];
  const empty: FingerprintComparison = {
    exerciseId: fp.exerciseId, hand: fp.hand, device: fp.device, baselineSessions: baseline.length, recentSessions: recent.length, positions: 0,
    correlation: null, rmsDifferenceMs: null, expectedRmsMs: null, changed: false,
  };
  if (baseline.length < baselineSessions || recent.length === 0) return empty;
  const keys = [...(baseline[0]?.keys() ?? [])].filter((k) => baseline.every((p) => p.has(k)) && recent.some((p) => p.has(k))).sort();
  if (keys.length < 3) return empty;
  const mean = (profiles: Map<string, number>[], key: string) => {
    const values = profiles.flatMap((p) => (p.has(key) ? [p.get(key) as number] : []));
    return values.reduce((s, v) => s + v, 0) / values.length;
  };
  const base = keys.map((k) => mean(baseline, k));
  const now = keys.map((k) => mean(recent, k));
  const meanVar = keys.reduce((sum, k, i) => {
    const values = baseline.map((p) => p.get(k) as number);
    return sum + values.reduce((s, v) => s + (v - (base[i] ?? 0)) ** 2, 0) / (values.length - 1);
  }, 0) / keys.length;
  const rms = Math.sqrt(keys.reduce((s, _k, i) => s + ((now[i] ?? 0) - (base[i] ?? 0)) ** 2, 0) / keys.length);
  const expected = Math.sqrt(meanVar * (1 / recent.length + 1 / baseline.length));
  return {
    ...empty,
    positions: keys.length,
    correlation: pearson(base, now),
    rmsDifferenceMs: rms,
    expectedRmsMs: expected,
    changed: recent.length >= FINGERPRINT_RECENT_SESSIONS && expected > 0 && rms / expected > FINGERPRINT_CHANGE_RATIO,
  };
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
