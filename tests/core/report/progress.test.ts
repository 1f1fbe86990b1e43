// The progress report compares like with like (issue 9): unevenness per exercise and tempo band,
// first -> last per exercise, never one average over a Mozart fragment and a clean scale.
import { describe, expect, it } from 'vitest';
import type { AnalysisDocument } from '../../../core/api/analysis';
import { TEMPO_BAND_HALF_WIDTH } from '../../../core/drift/tempo';
import { buildProgressReport, MAX_EXERCISE_TRENDS } from '../../../core/report/progress';
import type { ReportSession } from '../../../core/report/progress';

interface TakeSpec { id: string; nps: number | null; u: number | null; hands?: 'right' | 'left' | 'both' }

const take = ({ id, nps, u, hands = 'right' }: TakeSpec) => ({
  exercise: { id, name: id === 'mozart' ? 'Mozart K. 545, bars 1-4' : `Exercise ${id}`, hands },
  bpm: nps === null ? null : nps * 15,
  notesPerSecond: nps,
  unevennessMs: u,
  fingers: [],
  events: [],
});

const session = (id: number, day: number, takes: TakeSpec[]): ReportSession => ({
  id,
  startedAt: `2026-10-${String(day).padStart(2, '0')}T18:00:00.000Z`,
  endedAt: `2026-10-${String(day).padStart(2, '0')}T18:20:00.000Z`,
  analysis: { source: { notes: 100 }, takes: takes.map(take) } as unknown as AnalysisDocument,
});

const build = (sessions: ReportSession[]) =>
  buildProgressReport({ profileName: 'Ana', range: { from: null, to: null }, sessions, annotations: [], alerts: null, now: new Date('2026-11-01T00:00:00Z') });

describe('progress report: unevenness per exercise', () => {
  it('keeps a Mozart fragment out of the scale line, and gives first -> last per exercise', () => {
    const report = build([
      session(1, 1, [{ id: 'scale', nps: 8, u: 10 }, { id: 'scale', nps: 8.1, u: 12 }, { id: 'mozart', nps: 6, u: 40 }]),
      session(2, 2, [{ id: 'scale', nps: 8, u: 9 }]),
      session(3, 3, [{ id: 'scale', nps: 8.2, u: 8 }, { id: 'mozart', nps: 6.1, u: 30 }]),
    ]);
    expect(report.exerciseTrends.map((t) => [t.exerciseId, t.points.map((p) => p.unevennessMs)])).toEqual([
      ['scale', [11, 9, 8]],
      ['mozart', [40, 30]],
    ]);
    // A whole-session average would have read 20.7 -> 19 for the first and last sessions.
    expect(report.exerciseTrends[0]?.notesPerSecond).toBe(8.05);
    expect(report.exerciseTrendsLeftOut).toBe(0);
    expect(report.summary.takes).toBe(6);
  });

  it('splits one exercise at two tempi beyond the core/drift band, and leaves one-session lines out', () => {
    const fast = 8 * (1 + TEMPO_BAND_HALF_WIDTH) * 1.01;
    const report = build([
      session(1, 1, [{ id: 'scale', nps: 8, u: 10 }, { id: 'scale', nps: fast, u: 14 }, { id: 'arpeggio', nps: 5, u: 20 }]),
      session(2, 2, [{ id: 'scale', nps: 8, u: 9 }, { id: 'scale', nps: fast, u: 13 }]),
      session(3, 3, [{ id: 'scale', nps: 7.9, u: 11 }]),
    ]);
    expect(report.exerciseTrends.map((t) => [t.exerciseId, t.notesPerSecond, t.points.length])).toEqual([
      ['scale', 8, 3],
      ['scale', fast, 2],
    ]);
    expect(report.exerciseTrendsLeftOut).toBe(1);
  });

  it('leaves takes without a tempo or a measured unevenness out, and says nothing when no exercise repeats', () => {
    const report = build([
      session(1, 1, [{ id: 'scale', nps: null, u: 10 }, { id: 'mozart', nps: 6, u: null }]),
      session(2, 2, [{ id: 'scale', nps: null, u: 9 }, { id: 'mozart', nps: 6, u: null }]),
      session(3, 3, []),
    ]);
    expect(report.exerciseTrends).toEqual([]);
    expect(report.exerciseTrendsLeftOut).toBe(0);
  });

  it('shows the most-played lines first, at most MAX_EXERCISE_TRENDS, ties to the most recently played', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    // 'a' in 6 sessions, 'b' in 5, ...; 'f' in 1. 'e' and a second 'e2' both in 2 sessions, e2 later.
    const sessions = [1, 2, 3, 4, 5, 6].map((day) => session(day, day, ids.filter((_, i) => day <= 6 - i).map((id) => ({ id, nps: 6, u: day }))));
    sessions.push(session(7, 7, [{ id: 'e2', nps: 6, u: 1 }]), session(8, 8, [{ id: 'e2', nps: 6, u: 2 }]));
    const report = build(sessions);
    expect(report.exerciseTrends.map((t) => t.exerciseId)).toEqual(['a', 'b', 'c', 'd'].slice(0, MAX_EXERCISE_TRENDS));
    expect(report.exerciseTrendsLeftOut).toBe(3); // e2, e (2 sessions each) and f (1)
    expect(report.exerciseTrends[0]?.points.map((p) => p.startedAt.slice(8, 10))).toEqual(['01', '02', '03', '04', '05', '06']);
  });
});

describe('progress report: per-finger timing like with like', () => {
  const fingerRow = (sd: number) => ({ hand: 'right', finger: 4, count: 10, onsetDeviationMs: { mean: 0, sd }, velocity: { mean: 64, sd: 6.4, cv: 0.1 }, durationMs: { mean: 100 }, legatoOverlapMs: { mean: 5 } });
  const withFingers = (id: number, day: number, takes: { id: string; nps: number; sd: number }[]): ReportSession => ({
    id,
    startedAt: `2026-10-${String(day).padStart(2, '0')}T18:00:00.000Z`,
    endedAt: `2026-10-${String(day).padStart(2, '0')}T18:20:00.000Z`,
    analysis: {
      source: { notes: 100 },
      takes: takes.map((t) => ({ ...take({ id: t.id, nps: t.nps, u: 10 }), fingers: [fingerRow(t.sd)] })),
    } as unknown as AnalysisDocument,
  });

  it("follows each finger on the most played exercise and tempo only, and says which: a Mozart fragment's R4 never joins the scale's", () => {
    const report = build([
      withFingers(1, 1, [{ id: 'scale', nps: 8, sd: 10 }, { id: 'mozart', nps: 6, sd: 40 }]),
      withFingers(2, 2, [{ id: 'scale', nps: 8.1, sd: 12 }, { id: 'scale', nps: 5, sd: 50 }]),
      withFingers(3, 3, [{ id: 'mozart', nps: 6, sd: 35 }]),
      withFingers(4, 4, [{ id: 'scale', nps: 7.9, sd: 9 }]),
    ]);
    expect(report.fingerTrendsExercise).toEqual({ exerciseId: 'scale', exerciseName: 'Exercise scale', notesPerSecond: 8 });
    const r4 = report.fingerTrends.find((t) => t.hand === 'right' && t.finger === 4);
    expect(r4?.points.map((p) => [p.startedAt.slice(8, 10), p.onsetSdMs])).toEqual([['01', 10], ['02', 12], ['04', 9]]);
  });
});
