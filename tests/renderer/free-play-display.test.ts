import { describe, expect, it } from 'vitest';
import type { AnalysisFreePlay } from '../../core/api/analysis';
import { summarizeFreePlay } from '../../renderer/free-play-display';

const finger = (count: number, mean: number, sd: number) => ({
  hand: 'right' as const,
  finger: 4 as const,
  count,
  velocity: { mean, sd, cv: sd / mean },
  durationMs: { mean: 200 },
  legatoOverlapMs: { mean: 10, count: count - 1 },
});

describe('summarizeFreePlay', () => {
  it('pools a finger over segments: counts add, mean weighted, SD from within and between variance', () => {
    const segments: AnalysisFreePlay[] = [
      { startMs: 0, endMs: 1, notes: 10, estimated: true, confidentNotes: 4, hands: { right: 6, left: 4 }, handConfidence: 1, fingerConfidence: 0.5, fingers: [finger(4, 60, 0)] },
      { startMs: 2, endMs: 3, notes: 30, estimated: true, confidentNotes: 4, hands: { right: 20, left: 10 }, handConfidence: 0.5, fingerConfidence: 1, fingers: [finger(4, 80, 0)] },
    ];
    const summary = summarizeFreePlay(segments);
    expect(summary).toMatchObject({ segments: 2, notes: 40, confidentNotes: 8, right: 26, left: 14 });
    expect(summary.handConfidence).toBeCloseTo((10 * 1 + 30 * 0.5) / 40, 10);
    const [pooled] = summary.fingers;
    expect(pooled!.count).toBe(8);
    expect(pooled!.velocity.mean).toBe(70);
    // Eight values, four at 60 and four at 80: sample SD sqrt(8 * 100 / 7).
    expect(pooled!.velocity.sd).toBeCloseTo(Math.sqrt(800 / 7), 10);
    expect(pooled!.legatoOverlapMs.count).toBe(6);
  });

  it('is empty for a recording without free play, and accepts documents without the estimated fields', () => {
    expect(summarizeFreePlay([]).notes).toBe(0);
    const old = summarizeFreePlay([{ startMs: 0, endMs: 5, notes: 3 }]);
    expect(old).toMatchObject({ notes: 3, confidentNotes: 0, fingers: [], timing: [] });
  });
});
