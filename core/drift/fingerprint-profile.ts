/**
 * The fingerprint's two profiles position by position, for drawing: the baseline's mean
 * irregularity and the recent sessions' at each position compared by compareFingerprints
 * (fingerprint.ts), so a chart shows exactly what its correlation and RMS difference summarise.
 */
import type { FingerprintState } from './fingerprint';
import { FINGERPRINT_RECENT_SESSIONS } from './fingerprint';

/** One position of an exercise, one hand. */
export interface FingerprintPosition {
  /** 'up' or 'down' (the direction of the scale at this note). */
  readonly direction: string;
  /** The note's index within its hand's sequence (ExpectedNote.position). */
  readonly position: number;
  /** Mean deviation from the run's fitted line over the baseline sessions (ms, + = late). */
  readonly baselineMs: number;
  /** The same over the latest FINGERPRINT_RECENT_SESSIONS sessions after the baseline (ms). */
  readonly recentMs: number;
}

/**
 * The positions compareFingerprints compares (measured in every baseline session and in at least
 * one recent one), in playing order, with both profiles' means. Empty when there is no comparison
 * yet: fewer than `baselineSessions` sessions, no session after them, or fewer than 3 positions.
 *
 * @example fingerprintProfile(state, 10)[0] // => { direction: 'up', position: 0, baselineMs: -1.2, recentMs: -0.8 }
 */
export function fingerprintProfile(fp: FingerprintState, baselineSessions: number): FingerprintPosition[] {
  const baseline = fp.profiles.slice(0, baselineSessions);
  if (baseline.length < baselineSessions || fp.profiles.length <= baselineSessions) return [];
  const recent = fp.profiles.slice(Math.max(baselineSessions, fp.profiles.length - FINGERPRINT_RECENT_SESSIONS));
  const keys = [...(baseline[0]?.keys() ?? [])].filter((k) => baseline.every((p) => p.has(k)) && recent.some((p) => p.has(k)));
  if (keys.length < 3) return [];
  const mean = (profiles: readonly Map<string, number>[], key: string) => {
    let sum = 0;
    let count = 0;
    for (const p of profiles) {
      const value = p.get(key);
      if (value === undefined) continue;
      sum += value;
      count += 1;
    }
    return sum / count;
  };
  return keys
    .map((key) => {
      const split = key.lastIndexOf(':');
      return { direction: key.slice(0, split), position: Number(key.slice(split + 1)), baselineMs: mean(baseline, key), recentMs: mean(recent, key) };
    })
    .sort((a, b) => a.position - b.position || (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0));
}
