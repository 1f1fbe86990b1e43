/**
 * Free play in the `evenkeys.analysis/1` document: each free-play segment with its estimated hands
 * and fingers, confidence, per-finger figures, timing and events (all marked `estimated`), and the
 * per-note estimates that `--notes` shows. Kept here so core/analysis/analyze.ts only calls it.
 */
import type { AnalysisFreePlay } from '../api/analysis';
import type { FreePlaySegment } from '../align/types';
import type { Note } from '../midi/types';
import { analyzeFreePlay } from './free-play';
import type { FreePlayAnalysis, FreePlayNoteEstimate, FreePlayOptions } from './free-play';

export interface FreePlayDescription {
  /** One document entry per segment, in the segments' order. */
  readonly segments: AnalysisFreePlay[];
  /** The full analyses behind them. */
  readonly analyses: readonly FreePlayAnalysis[];
  /** Estimate per note index (free-play notes only). */
  readonly estimates: ReadonlyMap<number, FreePlayNoteEstimate>;
}

/**
 * Estimates and measures every free-play segment.
 *
 * @example
 * const free = describeFreePlay(notes, segmentation.freePlay);
 * free.segments[0]?.fingers?.length; free.estimates.get(12)?.finger
 */
export function describeFreePlay(notes: readonly Note[], segments: readonly FreePlaySegment[], options?: FreePlayOptions): FreePlayDescription {
  const estimates = new Map<number, FreePlayNoteEstimate>();
  const analyses: FreePlayAnalysis[] = [];
  const documents = segments.map((segment): AnalysisFreePlay => {
    const analysis = analyzeFreePlay(notes, segment.noteIndices, options);
    analyses.push(analysis);
    for (const estimate of analysis.notes) estimates.set(estimate.noteIndex, estimate);
    const n = analysis.notes.length;
    const mean = (pick: (e: FreePlayNoteEstimate) => number) => (n ? analysis.notes.reduce((sum, e) => sum + pick(e), 0) / n : 0);
    return {
      startMs: segment.startMs,
      endMs: segment.endMs,
      notes: segment.noteIndices.length,
      estimated: true,
      confidentNotes: analysis.confidentNotes,
      hands: { ...analysis.hands },
      handConfidence: mean((e) => e.handConfidence),
      fingerConfidence: mean((e) => e.fingerConfidence),
      fingers: analysis.fingers.map((f) => ({
        hand: f.hand,
        finger: f.finger,
        count: f.count,
        velocity: { ...f.velocity },
        durationMs: { ...f.durationMs },
        legatoOverlapMs: { ...f.legatoOverlapMs },
      })),
      timing: analysis.timing.map((t) => ({ ...t })),
      events: analysis.events.map((event) => ({
        type: event.type,
        timeMs: event.timeMs,
        hand: event.hand,
        finger: event.finger,
        severity: event.severity,
        detail: event.detail,
        evidence: { ...event.evidence },
      })),
    };
  });
  return { segments: documents, analyses, estimates };
}
