/**
 * Free play for display: the per-finger figures of every free-play segment of a recording pooled
 * into one row per hand and finger (counts add; means weighted by count; SDs pooled from the
 * within- and between-segment variance), and the notes behind them.
 */
import type { AnalysisFreePlay, AnalysisFreePlayFinger } from '../core/api/analysis';

type Timing = NonNullable<AnalysisFreePlay['timing']>[number];

export interface FreePlaySummary {
  readonly segments: number;
  readonly notes: number;
  /** Notes whose estimated hand and finger were confident enough to be measured. */
  readonly confidentNotes: number;
  readonly right: number;
  readonly left: number;
  /** Note-weighted mean confidence of the estimates, 0-1. */
  readonly handConfidence: number;
  readonly fingerConfidence: number;
  readonly fingers: readonly AnalysisFreePlayFinger[];
  /** Per hand over every segment: runs and notes add, IOI and SD are note-weighted (SD as RMS). */
  readonly timing: readonly Timing[];
}

/**
 * @example summarizeFreePlay(analysis.freePlay).fingers.find((f) => f.finger === 4)?.velocity.cv
 */
export function summarizeFreePlay(segments: readonly AnalysisFreePlay[]): FreePlaySummary {
  let notes = 0;
  let confidentNotes = 0;
  let right = 0;
  let left = 0;
  let handWeighted = 0;
  let fingerWeighted = 0;
  const groups = new Map<string, AnalysisFreePlayFinger[]>();
  for (const segment of segments) {
    notes += segment.notes;
    confidentNotes += segment.confidentNotes ?? 0;
    right += segment.hands?.right ?? 0;
    left += segment.hands?.left ?? 0;
    handWeighted += (segment.handConfidence ?? 0) * segment.notes;
    fingerWeighted += (segment.fingerConfidence ?? 0) * segment.notes;
    for (const finger of segment.fingers ?? []) {
      const key = `${finger.hand}-${finger.finger}`;
      groups.set(key, [...(groups.get(key) ?? []), finger]);
    }
  }
  const fingers = [...groups.values()].map(pool).sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1));
  return {
    segments: segments.length,
    notes,
    confidentNotes,
    right,
    left,
    handConfidence: notes ? handWeighted / notes : 0,
    fingerConfidence: notes ? fingerWeighted / notes : 0,
    fingers,
    timing: poolTiming(segments.flatMap((segment) => segment.timing ?? [])),
  };
}

function poolTiming(rows: readonly Timing[]): Timing[] {
  const out: Timing[] = [];
  for (const hand of ['left', 'right'] as const) {
    const of = rows.filter((r) => r.hand === hand && r.notes > 0);
    const notes = of.reduce((sum, r) => sum + r.notes, 0);
    if (notes === 0) continue;
    const mean = (pick: (r: Timing) => number) => of.reduce((sum, r) => sum + pick(r) * r.notes, 0) / notes;
    const ioiMs = mean((r) => r.ioiMs);
    const ioiSdMs = Math.sqrt(mean((r) => r.ioiSdMs ** 2));
    out.push({
      hand,
      runs: of.reduce((sum, r) => sum + r.runs, 0),
      notes,
      ioiMs,
      ioiSdMs,
      ioiCvPercent: ioiMs > 0 ? (100 * ioiSdMs) / ioiMs : 0,
      tempoChangePercent: mean((r) => r.tempoChangePercent),
    });
  }
  return out;
}

function pool(rows: readonly AnalysisFreePlayFinger[]): AnalysisFreePlayFinger {
  const first = rows[0]!;
  const count = rows.reduce((sum, r) => sum + r.count, 0);
  const weighted = (pick: (r: AnalysisFreePlayFinger) => number, weight: (r: AnalysisFreePlayFinger) => number) => {
    const w = rows.reduce((sum, r) => sum + weight(r), 0);
    return w > 0 ? rows.reduce((sum, r) => sum + pick(r) * weight(r), 0) / w : 0;
  };
  const mean = weighted((r) => r.velocity.mean, (r) => r.count);
  // A row of fewer than 3 notes has no SD (null): it adds its spread about the pooled mean only.
  const within = rows.reduce((sum, r) => sum + (r.velocity.sd === null ? 0 : (r.count - 1) * r.velocity.sd ** 2), 0);
  const between = rows.reduce((sum, r) => sum + r.count * (r.velocity.mean - mean) ** 2, 0);
  const sd = count > 1 ? Math.sqrt((within + between) / (count - 1)) : 0;
  const legatoCount = rows.reduce((sum, r) => sum + r.legatoOverlapMs.count, 0);
  return {
    hand: first.hand,
    finger: first.finger,
    count,
    velocity: { mean, sd, cv: mean > 0 ? sd / mean : 0 },
    durationMs: { mean: weighted((r) => r.durationMs.mean, (r) => r.count) },
    legatoOverlapMs: { mean: weighted((r) => r.legatoOverlapMs.mean, (r) => r.legatoOverlapMs.count), count: legatoCount },
  };
}
