// Compact takes and columnar points: the store hands drift takes with their observations already
// read (compactTake), and the engine keeps points in blocks. Neither may change a single result.
import { describe, expect, it } from 'vitest';
import { computeDrift } from '../../../core/drift/engine';
import { compactTake, observationsOf } from '../../../core/drift/metrics';
import { PHASES, addExerciseList, addSessionRow, appendPointFields, createPointColumns, createPointTables, pointAt, pointField, pointTime, pointsOf, pooledExercises, snapshotPoints, startEpoch } from '../../../core/drift/points';
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
  /** Two baselines (a reset between them): 10 baseline points, 290 monitored, 10 baseline again, 290 monitored. */
  const epochs = [
    { location: 4, betweenVar: 2.25, withinSe: 1.5, p0: 0, sem: 2, sessions: 10 },
    { location: 7, betweenVar: 1, withinSe: 0.5, p0: 0.02, sem: 3, sessions: 10 },
  ];
  const phaseOf = (i: number): SeriesPoint['phase'] => (i < 10 || (i >= 300 && i < 310) ? 'baseline' : 'monitor');
  /** The z the engine's standardisation must give, written out independently. */
  const expectedZ = (i: number, value: number, se: number | null, n: number) => {
    const e = epochs[i < 300 ? 0 : 1] as (typeof epochs)[number];
    const seNow = e.p0 > 0 ? 100 * Math.sqrt(e.p0 / n) : (se ?? e.withinSe);
    return Math.max(-3, Math.min(3, (value - e.location) / Math.sqrt(e.betweenVar + seNow * seNow)));
  };
  const lists = [['e0'], ['e0', 'e1']];

  function build(count: number, snapshotAt = -1) {
    const tables = createPointTables();
    lists.forEach((list) => addExerciseList(tables, list));
    const points = createPointColumns(tables);
    const expected: SeriesPoint[] = [];
    let snapshot: ReturnType<typeof snapshotPoints> | null = null;
    for (let i = 0; i < count; i += 1) {
      if (i === snapshotAt) snapshot = snapshotPoints(points);
      const session = addSessionRow(tables, 1000 + i, `2026-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`);
      if (i === 10 || i === 310) startEpoch(points, epochs[i === 10 ? 0 : 1] as (typeof epochs)[number]);
      const phase = phaseOf(i);
      const value = 4 + (i % 17);
      const se = i % 3 === 0 ? null : 1 + i / 700;
      const n = 10 + (i % 9);
      const takes = 1 + (i % 4);
      const ewma = phase === 'monitor' ? (i % 23) / 10 - 1 : null;
      const e = epochs[i < 300 ? 0 : 1] as (typeof epochs)[number];
      const out = phase === 'monitor' && i % 5 === 0;
      expect(appendPointFields(points, session, i % 2, value, se ?? Number.NaN, n, takes, 8 + i / 100, PHASES.indexOf(phase), ewma ?? Number.NaN, out)).toBe(i);
      expected.push({
        sessionId: 1000 + i, at: tables.sessionAts[session] as string, value, se, n, takes, notesPerSecond: 8 + i / 100, exercises: lists[i % 2] as string[], phase,
        z: phase === 'monitor' ? expectedZ(i, value, se, n) : null, ewma, ewmaValue: ewma === null ? null : e.location + ewma * e.sem, outOfControl: out,
      });
    }
    return { points, expected, snapshot };
  }

  it('give back every point as it was appended, across block boundaries and baseline epochs', () => {
    const { points, expected } = build(600);
    const read = pointsOf(points);
    expect(read.map((p) => ({ ...p, z: null }))).toEqual(expected.map((p) => ({ ...p, z: null })));
    read.forEach((p, i) => (p.z === null ? expect(expected[i]?.z).toBeNull() : expect(p.z).toBeCloseTo(expected[i]?.z ?? Number.NaN, 12)));
    // Clipped at +-3 somewhere, and the event-rate SE used after the reset.
    expect(read.some((p) => p.z === 3 || p.z === -3)).toBe(true);
    expect(pointAt(points, -1)).toEqual(read[599]);
    expect(pointAt(points, 600)).toBeUndefined();
    expect(pointAt(points, -601)).toBeUndefined();
    expect(pointField(points, 257, 'value')).toBe(expected[257]?.value);
    expect(pointField(points, 257, 'takes')).toBe(expected[257]?.takes);
    expect(pointField(points, 257, 'sessionId')).toBe(1257);
    expect(pointField(points, 300, 'phase')).toBe(PHASES.indexOf('baseline'));
    expect(pointField(points, 0, 'z')).toBeNaN();
    expect(pointField(points, 0, 'ewmaValue')).toBeNaN();
    expect(pointTime(points, -1)).toBe(expected[599]?.at);
    expect(pointsOf(points, 598)).toEqual(read.slice(598));
    expect(pooledExercises(points)).toEqual(['e0', 'e1']);
  });

  it('keep a snapshot unchanged by later appends and a later baseline', () => {
    const { points, snapshot } = build(800, 250);
    expect(points.length).toBe(800);
    const again = build(250).points;
    expect(snapshot?.length).toBe(250);
    expect(pointsOf(snapshot ?? again)).toEqual(pointsOf(again));
    expect(pointAt(snapshot ?? again, 250)).toBeUndefined();
  });

  it('refuse a take count the packed row cannot hold', () => {
    const points = createPointColumns(createPointTables());
    expect(() => appendPointFields(points, 0, 0, 1, 1, 1, 2 ** 21, 8, 2, 0, false)).toThrow(RangeError);
    expect(points.length).toBe(0);
  });
});
