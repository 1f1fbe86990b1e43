/**
 * Event detection scored against faults planted into the synthetic performer (the thresholds of
 * the issue), on a sample sized to run in a few seconds; scripts/validate-metrics.ts prints the
 * full tables on a larger sample through the same code.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../core/events/types';
import { cleanFalseEvents, dystoniaSession, validateEvents, validateEventsThroughAlignment } from '../../support/metrics-validation';

describe('events on ground-truth takes with planted faults', () => {
  const result = validateEvents({ sessions: 100, seed: 5 });

  it('plants every type many times', () => {
    for (const type of EVENT_TYPES) expect(result.perType[type].injected).toBeGreaterThan(100);
  });

  it.each([...EVENT_TYPES])('%s: precision and recall >= 0.9', (type) => {
    const score = result.perType[type];
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('events on clean, healthy playing (jitter SD 8-10 ms)', () => {
  it('has at most 1 false event per 1,000 notes', () => {
    const clean = cleanFalseEvents({ notes: 60_000, seed: 9 });
    expect(clean.notes).toBeGreaterThanOrEqual(60_000);
    expect(clean.per1000).toBeLessThanOrEqual(1);
  });
});

describe('a dystonia-like right hand (fingers 4 and 5 late, weak, with co-activation)', () => {
  const session = dystoniaSession(3);
  const pooled = (finger: number, pick: 'deviationMs' | 'velocity') => {
    const values = session.metrics.flatMap((m) => m.notes).filter((n) => n.finger === finger && n[pick] !== null).map((n) => n[pick] ?? 0);
    return values.reduce((a, b) => a + b, 0) / values.length;
  };

  it('shows in the per-finger metrics', () => {
    for (const healthy of [1, 2, 3]) {
      expect(pooled(4, 'deviationMs')).toBeGreaterThan(pooled(healthy, 'deviationMs') + 8);
      expect(pooled(4, 'velocity')).toBeLessThan(pooled(healthy, 'velocity') - 10);
    }
  });

  it('logs the planted co-activations on fingers 4 and 5', () => {
    const found = session.events.filter((e) => e.type === 'co-activation');
    expect(session.coActivations.length).toBeGreaterThan(0);
    expect(found.length).toBe(session.coActivations.length);
    expect(found.every((e) => e.finger === 4 || e.finger === 5)).toBe(true);
  });
});

describe('end to end through the real aligner, stops and restarts included', () => {
  const result = validateEventsThroughAlignment({ sessions: 28, seed: 4 });

  it.each([...EVENT_TYPES])('%s: precision and recall >= 0.9', (type) => {
    expect(result.perType[type].precision).toBeGreaterThanOrEqual(0.9);
    expect(result.perType[type].recall).toBeGreaterThanOrEqual(0.9);
  });
});
