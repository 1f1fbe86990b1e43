// The teacher's card and the report title a drift alert by finger code ('R4') or, for a
// hand-level alert (ioi-sd, finger null), by the hand in words: never a bare 'R'.
import { describe, expect, it } from 'vitest';
import { alertTitle, driftAlertsForReport } from '../../../electron/report/collect';
import type { Store } from '../../../electron/store/index';

const alert = (hand: 'left' | 'right', finger: number | null, status: 'active' | 'resolved' = 'active', metric = finger === null ? 'ioi-sd' : 'onset-mean') => ({
  exerciseName: 'C major scale, 2 octaves',
  hand,
  finger,
  status,
  metric,
  message: `${hand} ${finger ?? 'hand'} drifted`,
  detectedAt: '2026-10-20T18:00:00.000Z',
});

describe('alertTitle', () => {
  it('names the hand when no finger stands out, the finger code when one does', () => {
    expect(alertTitle(alert('right', null))).toBe('C major scale, 2 octaves: Right hand');
    expect(alertTitle(alert('left', null))).toBe('C major scale, 2 octaves: Left hand');
    expect(alertTitle(alert('right', 4))).toBe('C major scale, 2 octaves: R4');
    expect(alertTitle(alert('left', 1))).toBe('C major scale, 2 octaves: L1');
    // A hand-level metric that names the finger standing out (core/drift may set one).
    expect(alertTitle(alert('right', 3, 'active', 'ioi-sd'))).toBe('C major scale, 2 octaves: R3');
    expect(alertTitle(alert('left', null, 'resolved'))).toBe('C major scale, 2 octaves: Left hand (back within limits)');
  });
});

describe('driftAlertsForReport', () => {
  it('titles every alert the store derives, hand-level ones included', () => {
    const store = { drift: () => ({ alerts: [alert('right', null), alert('left', 2)] }) } as unknown as Store;
    expect(driftAlertsForReport(store, 1, { from: null, to: null })?.map((a) => a.title)).toEqual(['C major scale, 2 octaves: Right hand', 'C major scale, 2 octaves: L2']);
  });

  it('is null when the drift cannot be computed', () => {
    const store = { drift: () => { throw new Error('no drift'); } } as unknown as Store;
    expect(driftAlertsForReport(store, 1, { from: null, to: null })).toBeNull();
  });
});
