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
    const figures = detection(6, 42, 160, [2, 4]);
    expect(figures.reached).toBeGreaterThanOrEqual(5);
    expect(figures.medianDelay).toBeLessThanOrEqual(6);
    expect(figures.within15 / figures.reached).toBeGreaterThanOrEqual(0.9);
    expect(figures.correctAttribution / figures.detected).toBeGreaterThanOrEqual(0.9);
  });

  it('a one-off bad session (all fingers worse) raises no alert', () => {
    expect(badDays(4, 43, 40, 20).alertsCaused).toBe(0);
  });
});
