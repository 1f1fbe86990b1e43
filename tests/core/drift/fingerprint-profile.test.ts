// The fingerprint's profiles by position are exactly what compareFingerprints summarises.
import { describe, expect, it } from 'vitest';
import { compareFingerprints, FINGERPRINT_RECENT_SESSIONS } from '../../../core/drift/fingerprint';
import type { FingerprintState } from '../../../core/drift/fingerprint';
import { fingerprintProfile } from '../../../core/drift/fingerprint-profile';
import { createRandom } from '../../support/random';

function state(sessions: number, seed: number, shiftAt?: { position: number; ms: number; from: number }): FingerprintState {
  const random = createRandom(seed);
  const personal = Array.from({ length: 29 }, () => random.normal(0, 4));
  const profiles = Array.from({ length: sessions }, (_, s) => new Map(personal.map((mean, position) => {
    const shift = shiftAt && s >= shiftAt.from && position === shiftAt.position ? shiftAt.ms : 0;
    return [`${position < 15 ? 'up' : 'down'}:${position}`, mean + shift + random.normal(0, 1.5)] as const;
  })));
  // One position missing from one baseline session is left out of the comparison.
  profiles[2]?.delete('up:3');
  return { exerciseId: 'clinical-scale-rh', hand: 'right', device: 'Stage Piano', profiles };
}

describe('fingerprintProfile', () => {
  it('lists the compared positions in playing order, and its RMS difference is the comparison\'s', () => {
    const fp = state(18, 7, { position: 6, ms: 12, from: 12 });
    const rows = fingerprintProfile(fp, 10);
    const comparison = compareFingerprints(fp, 10);
    expect(rows).toHaveLength(comparison.positions);
    expect(rows.map((r) => r.position)).toEqual([...Array(29).keys()].filter((p) => p !== 3));
    expect(rows[0]?.direction).toBe('up');
    expect(rows.at(-1)?.direction).toBe('down');
    const rms = Math.sqrt(rows.reduce((s, r) => s + (r.recentMs - r.baselineMs) ** 2, 0) / rows.length);
    expect(rms).toBeCloseTo(comparison.rmsDifferenceMs ?? NaN, 12);
    // The shifted position stands out; the recent profile averages the last FINGERPRINT_RECENT_SESSIONS sessions.
    const moved = rows.find((r) => r.position === 6);
    expect((moved?.recentMs ?? 0) - (moved?.baselineMs ?? 0)).toBeGreaterThan(9);
    const recent = fp.profiles.slice(-FINGERPRINT_RECENT_SESSIONS).map((p) => p.get('up:6') ?? NaN);
    expect(moved?.recentMs).toBeCloseTo(recent.reduce((s, v) => s + v, 0) / recent.length, 12);
  });

  it('is empty before there is a comparison', () => {
    expect(fingerprintProfile(state(10, 1), 10)).toEqual([]);
    expect(fingerprintProfile(state(6, 1), 10)).toEqual([]);
    const tiny: FingerprintState = { exerciseId: 'x', hand: 'left', device: 'd', profiles: Array.from({ length: 11 }, () => new Map([['up:0', 1], ['up:1', 2]])) };
    expect(fingerprintProfile(tiny, 10)).toEqual([]);
    expect(compareFingerprints(tiny, 10).positions).toBe(0);
  });
});
