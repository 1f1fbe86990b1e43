// The drift validation figures at a fixed seed, on small samples (the full run is
// scripts/validate-drift.ts): in-control ARL per pianist, detection delay after one MDC,
// detection within 15 sessions, the right hand and finger named, and no alert from a bad day.
import { describe, expect, it } from 'vitest';
import { badDays, detection, inControl } from '../../support/drift-validation';

describe('drift validation (fixed seed, small sample)', () => {
  it('healthy pianists: profile-level in-control ARL >= 200 sessions', () => {
    const figures = inControl(3, 41, 250, [2, 4]);
    expect(figures.monitoredSessions).toBeGreaterThan(600);
    expect(figures.arl).toBeGreaterThanOrEqual(200);
  });

  it('onset pianists: median delay <= 6 after one MDC, >= 90 % within 15, right finger >= 90 %', () => {
    const figures = detection(8, 42, 160);
    expect(figures.reached).toBeGreaterThanOrEqual(7);
    expect(figures.medianDelay).toBeLessThanOrEqual(6);
    // With 8 cases one case is 12.5 %, so the sample allows at most one miss of each goal; the
    // full run (scripts/validate-drift.ts, 100 pianists x 300 sessions) is where the 90 % goals
    // are measured (96.4 % within 15, 100.0 % right hand and finger, seed 2026).
    expect(figures.within15).toBeGreaterThanOrEqual(figures.reached - 1);
    expect(figures.correctAttribution).toBeGreaterThanOrEqual(figures.detected - 1);
    expect(figures.detected).toBe(figures.reached);
  });

  it('a one-off bad session (all fingers worse) raises no alert', () => {
    expect(badDays(4, 43, 40, 20).alertsCaused).toBe(0);
  });
});
