/**
 * missed-note: an expected note that was not played at all (a wrong-pitch note was played and is
 * not a missed note). A stretch of several consecutive missed notes of one hand (a take cut short,
 * a skipped passage) is one event, not a shower of them.
 */
import type { Take } from '../align/types';
import type { TakeMetrics } from '../metrics/types';
import { fingerLabel } from './describe';
import type { EventThresholds } from './thresholds';
import type { ControlEvent } from './types';

/**
 * One event per missed note, or per stretch of >= missedCollapse consecutive missed notes;
 * matches in `played` (displaced notes) are not missed.
 *
 * @example missedNoteEvents(take, metrics, DEFAULT_THRESHOLDS)
 */
export function missedNoteEvents(take: Take, metrics: TakeMetrics, t: EventThresholds, played: ReadonlySet<number> = new Set()): ControlEvent[] {
  const events: ControlEvent[] = [];
  // Most takes miss nothing: skip the per-hand ordering below.
  if (metrics.counts.missed === 0) return events;
  // Matches in `played` were found displaced (see displaced.ts): played, not missed.
  const isMissed = (matchIndex: number): boolean => take.matches[matchIndex]?.note === null && !played.has(matchIndex);
  const hands = new Set(metrics.notes.map((m) => m.hand));
  for (const hand of hands) {
    const order = metrics.notes.filter((m) => m.hand === hand && m.reached).sort((a, b) => a.position - b.position);
    // Times for missed notes: the segment line, else the nearest played neighbour shifted by the grid.
    // (Built only when a missed note has no line to read its time from: rarely.)
    let playedSteps: { step: number; onset: number }[] | null = null;
    const timeOf = (matchIndex: number, step: number): number => {
      const predicted = metrics.notes[matchIndex]?.predictedOnsetMs;
      if (predicted !== null && predicted !== undefined && Number.isFinite(predicted)) return predicted;
      playedSteps ??= order
        .map((m) => ({ step: m.step, onset: take.matches[m.matchIndex]?.note?.onsetMs }))
        .filter((p): p is { step: number; onset: number } => p.onset !== undefined && Number.isFinite(p.onset));
      let best: { step: number; onset: number } | null = null;
      for (const p of playedSteps) if (best === null || Math.abs(p.step - step) < Math.abs(best.step - step)) best = p;
      return best === null ? take.startMs : best.onset + (step - best.step) * metrics.stepMs;
    };
    let k = 0;
    while (k < order.length) {
      const first = order[k];
      if (first === undefined || !isMissed(first.matchIndex)) {
        k += 1;
        continue;
      }
      let end = k;
      while (end + 1 < order.length && isMissed(order[end + 1]?.matchIndex ?? -1)) end += 1;
      const stretch = order.slice(k, end + 1);
      const group = stretch.length >= t.missedCollapse ? [stretch] : stretch.map((m) => [m]);
      for (const notes of group) {
        const head = notes[0];
        if (head === undefined) continue;
        events.push({
          type: 'missed-note',
          timeMs: timeOf(head.matchIndex, head.step),
          hand,
          finger: head.finger,
          severity: notes.length,
          detail:
            notes.length === 1
              ? `${fingerLabel(hand, head.finger)}: expected note (position ${head.position}) not played.`
              : `${fingerLabel(hand, head.finger)}: ${notes.length} expected notes in a row not played from position ${head.position}.`,
          evidence: { position: head.position, missed: notes.length, pitch: take.matches[head.matchIndex]?.expected.pitch ?? 0 },
        });
      }
      k = end + 1;
    }
  }
  return events;
}
