/**
 * From stored analyses to drift input: a session's `evenkeys.analysis/1` document plus its start
 * time and keyboard become one DriftSession.
 */
import type { AnalysisDocument } from '../api/analysis';
import type { DriftSession, DriftTake } from './types';

/**
 * @example driftSessionOf({ id: 3, startedAt: '2026-03-03T09:00:00Z', device: 'FP-30' }, document)
 */
export function driftSessionOf(session: { readonly id: number; readonly startedAt: string; readonly device: string | null }, document: AnalysisDocument | null): DriftSession {
  // A document stored by an older analyser may lack per-direction figures: such takes feed nothing.
  // Nor does a take whose clock cannot be trusted (issue 11: no tempo, null timing), and a take the
  // keyboard dropped out of is marked so the credibility rule can leave it out.
  const takes: DriftTake[] = (document?.takes ?? []).flatMap((take) => {
    const complete = Array.isArray(take.fingersByDirection) && Array.isArray(take.fingers) && Array.isArray(take.hands) && Array.isArray(take.events);
    if (!complete || take.notesPerSecond === null) return [];
    return [{ ...take, notesPerSecond: take.notesPerSecond, deviceInterrupted: take.interruptedByDevice === true }];
  });
  const minutes = document ? document.source.durationMs / 60_000 : 0;
  return {
    id: session.id,
    startedAt: session.startedAt,
    device: session.device,
    takes,
    minutes,
    repetitions: (document?.repetitions ?? []).map((r) => ({
      exerciseId: r.exerciseId,
      positions: r.positions.map((p) => ({ hand: p.hand, direction: p.direction, position: p.position, irregularityMs: p.irregularityMs })),
    })),
  };
}
