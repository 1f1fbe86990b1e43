// Per-finger pooling and comparison: count-weighted, SDs pooled through variances, single-note
// fingers left out of spreads, fingers lined up L1..R5.
import { describe, expect, it } from 'vitest';
import type { AnalysisDocument } from '../../../core/api/analysis';
import { baselineFingers, compareFingers, likeForLikeBaseline, likeForLikeSessions, sessionFingers } from '../../../core/compare/fingers';

type Finger = AnalysisDocument['takes'][number]['fingers'][number];
const finger = (hand: 'left' | 'right', n: 1 | 2 | 3 | 4 | 5, count: number, sd: number, cv = 0.1): Finger => ({
  hand, finger: n, count, onsetDeviationMs: { mean: 0, sd }, velocity: { mean: 64, sd: 64 * cv, cv }, durationMs: { mean: 100 }, legatoOverlapMs: { mean: 5 },
});
const doc = (...takes: Finger[][]): AnalysisDocument => ({ takes: takes.map((fingers) => ({ fingers })) }) as unknown as AnalysisDocument;

describe('sessionFingers', () => {
  it('pools takes by note count: SD through the variances, CV as a weighted mean', () => {
    const [r2] = sessionFingers([doc([finger('right', 2, 10, 3)], [finger('right', 2, 30, 6)])]);
    expect(r2?.count).toBe(40);
    expect(r2?.onsetSdMs).toBeCloseTo(Math.sqrt((10 * 9 + 30 * 36) / 40), 12);
    const [cv] = sessionFingers([doc([finger('left', 1, 10, 2, 0.1)], [finger('left', 1, 30, 2, 0.2)])]);
    expect(cv?.velocityCv).toBeCloseTo(0.175, 12);
  });

  it('leaves a finger with one note in a take out of its spread, and orders L1..L5, R1..R5', () => {
    const figures = sessionFingers([doc([finger('right', 5, 1, 0), finger('right', 1, 8, 2), finger('left', 3, 8, 4)])]);
    expect(figures.map((f) => `${f.hand[0]}${f.finger}`)).toEqual(['l3', 'r1']);
  });
});

describe('compareFingers / baselineFingers', () => {
  it('lines up every finger either side has, with b - a differences', () => {
    const a = sessionFingers([doc([finger('right', 1, 8, 2), finger('right', 2, 8, 3)])]);
    const b = sessionFingers([doc([finger('right', 2, 8, 5), finger('right', 3, 8, 1)])]);
    const rows = compareFingers(a, b);
    expect(rows.map((r) => [r.finger, r.onsetSdDeltaMs])).toEqual([[1, null], [2, 2], [3, null]]);
  });

  it('the baseline is the first five sessions with takes, oldest first', () => {
    const sessions = [doc(), ...[1, 2, 3, 4, 5, 6].map((sd) => doc([finger('right', 1, 10, sd)]))];
    const [base] = baselineFingers(sessions);
    expect(base?.count).toBe(50);
    expect(base?.onsetSdMs).toBeCloseTo(Math.sqrt((1 + 4 + 9 + 16 + 25) / 5), 12);
  });
});

describe('like with like: only takes of the same exercise and tempo band are compared', () => {
  type Take = AnalysisDocument['takes'][number];
  const take = (exerciseId: string, notesPerSecond: number | null, sd: number): Take =>
    ({ exercise: { id: exerciseId }, notesPerSecond, fingers: [finger('right', 1, 10, sd)] }) as unknown as Take;
  const session = (...takes: Take[]) => ({ takes }) as unknown as AnalysisDocument;

  it("the baseline is the first five earlier sessions that played the session's exercises at its tempo; the session keeps only those takes", () => {
    const scale8 = (sd: number) => take('scale-c', 8, sd);
    const earlier = [
      session(take('arpeggio-g', 6, 40)), // never the same exercise: not part of the baseline
      session(scale8(2), take('hanon-1', 5, 30)),
      session(take('scale-c', 6, 50)), // the same scale, another tempo band
      ...[3, 4, 5, 6, 7].map((sd) => session(scale8(sd))),
    ];
    const now = session(take('scale-c', 8.3, 9), take('trill-rh-3-4', 10, 60));
    const { baseline, session: compared } = likeForLikeBaseline(earlier, now);
    expect(baseline).toHaveLength(5);
    const [base] = sessionFingers(baseline);
    expect(base?.onsetSdMs).toBeCloseTo(Math.sqrt((4 + 9 + 16 + 25 + 36) / 5), 12);
    const [mine] = sessionFingers([compared]);
    expect(mine?.onsetSdMs).toBe(9);
    expect(likeForLikeBaseline(earlier, session(take('trill-rh-3-4', 10, 60))).baseline).toEqual([]);
  });

  it('two sessions: each keeps the takes the other has a like for', () => {
    const a = session(take('scale-c', 8, 2), take('arpeggio-g', 6, 40));
    const b = session(take('scale-c', 7.9, 3), take('hanon-1', 5, 30), take('scale-c', null, 70));
    const { a: keptA, b: keptB } = likeForLikeSessions(a, b);
    expect(keptA.takes.map((t) => t.exercise.id)).toEqual(['scale-c']);
    expect(keptB.takes.map((t) => t.notesPerSecond)).toEqual([7.9]);
  });
});
