// Compact takes and columnar points: the store hands drift takes with their observations already
// read (compactTake), and the engine keeps points in blocks. Neither may change a single result.
import { describe, expect, it } from 'vitest';
import { computeDrift } from '../../../core/drift/engine';
import { compactTake, observationsOf } from '../../../core/drift/metrics';
import { appendPoint, createPointColumns, pointAt, pointField, pointsOf, snapshotPoints } from '../../../core/drift/points';
import type { DriftResult, DriftSession, SeriesPoint } from '../../../core/drift/types';
import { simulatePianist } from '../../support/longitudinal';

/** The result with every series' points as objects, for comparison. */
function plain(result: DriftResult) {
  return { ...result, series: result.series.map((s) => ({ ...s, points: pointsOf(s.points) })) };
}

const compacted = (sessions: readonly DriftSession[]) => sessions.map((s) => ({ ...s, takes: s.takes.map(compactTake) }));

describe('compact takes', () => {
  it('give the same observations as the take they were read from', () => {
    const { sessions } = simulatePianist({ seed: 5, sessions: 4 });
    for (const take of sessions.flatMap((s) => s.takes)) {
      const compact = compactTake(take);
      expect(compact.fingersByDirection).toEqual([]);
      expect(compact.observations?.length).toBeGreaterThan(50);
      expect(observationsOf(compact)).toEqual(observationsOf(take));
      expect(compactTake(compact)).toBe(compact);
    }
  });

  for (const [seed, onset] of [
    [11, { hand: 'right', finger: 4, kind: 'bias', fromSession: 40, perSession: 0.8 }],
    [12, { hand: 'left', finger: 2, kind: 'velocity', fromSession: 30, perSession: -0.6 }],
    [13, undefined],
  ] as const) {
    it(`give the full recompute's exact result (seed ${seed}${onset ? `, ${onset.hand} ${onset.finger} ${onset.kind}` : ', healthy'})`, () => {
      const { sessions } = simulatePianist({ seed, sessions: 90, ...(onset ? { onset } : {}) });
      // A keyboard change part-way and a baseline reset too, so every branch of the engine runs.
      const varied = sessions.map((s, i) => (i >= 60 ? { ...s, device: 'Grand' } : s));
      const resets = [{ at: varied[45]?.startedAt ?? '' }];
      const full = plain(computeDrift(varied, { resets }));
      expect(full.alerts.length + full.series.length).toBeGreaterThan(0);
      expect(plain(computeDrift(compacted(varied), { resets }))).toEqual(full);
    });
  }
});

describe('points by column', () => {
  const point = (i: number, phase: SeriesPoint['phase']): SeriesPoint => ({
    sessionId: i, at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, value: i / 3, se: i % 3 === 0 ? null : i / 7, n: i + 1, takes: 1 + (i % 4),
    notesPerSecond: 8 + i / 100, exercises: [`e${i % 2}`], phase, z: phase === 'monitor' ? -i / 11 : null, ewma: phase === 'monitor' ? i / 13 : null,
    ewmaValue: phase === 'monitor' ? 5 + i : null, outOfControl: phase === 'monitor' && i % 5 === 0,
  });

  it('give back every point as it was appended, across block boundaries', () => {
    const points = createPointColumns();
    const all = Array.from({ length: 600 }, (_, i) => point(i, i < 10 ? 'baseline' : i < 12 ? 'before' : 'monitor'));
    all.forEach((p, i) => expect(appendPoint(points, p)).toBe(i));
    expect(pointsOf(points)).toEqual(all);
    expect(pointAt(points, -1)).toEqual(all[599]);
    expect(pointAt(points, 600)).toBeUndefined();
    expect(pointAt(points, -601)).toBeUndefined();
    expect(pointField(points, 257, 'value')).toBe(257 / 3);
    expect(pointField(points, 0, 'z')).toBeNaN();
    expect(pointsOf(points, 598)).toEqual(all.slice(598));
  });

  it('keep a snapshot unchanged by later appends', () => {
    const points = createPointColumns();
    for (let i = 0; i < 250; i += 1) appendPoint(points, point(i, 'monitor'));
    const snapshot = snapshotPoints(points);
    const before = pointsOf(snapshot);
    for (let i = 250; i < 800; i += 1) appendPoint(points, point(i, 'monitor'));
    expect(snapshot.length).toBe(250);
    expect(pointsOf(snapshot)).toEqual(before);
    expect(pointAt(snapshot, 250)).toBeUndefined();
  });
});
