/**
 * detectEvents: every loss-of-control event of one aligned take, in time order.
 */
import type { Take } from '../align/types';
import { measureTake } from '../metrics/measure';
import type { TakeMetrics } from '../metrics/types';
import type { Note } from '../midi/types';
import { breakdownEvents } from './breakdown';
import { displacedNotes } from './displaced';
import { stuckKeyEvents, timingEvents, velocityEvents } from './continuous';
import { extraNoteEvents } from './extras';
import { missedNoteEvents } from './missed';
import { DEFAULT_THRESHOLDS } from './thresholds';
import type { EventThresholds } from './thresholds';
import type { ControlEvent } from './types';

/**
 * Detects late, early, velocity-drop, velocity-spike, stuck-key, missed-note, extra-note,
 * co-activation, tremor and breakdown events. Pass the take's metrics when you already have
 * them (they are computed otherwise); thresholds default to DEFAULT_THRESHOLDS.
 *
 * @example detectEvents(take, notes).filter((e) => e.type === 'co-activation').length
 */
export function detectEvents(
  take: Take,
  notes: readonly Note[],
  metrics: TakeMetrics = measureTake(take, notes),
  thresholds: Partial<EventThresholds> = {},
): ControlEvent[] {
  const t: EventThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const breakdowns = breakdownEvents(take, notes, metrics, t);
  const displaced = displacedNotes(take, notes, metrics, t, breakdowns.restartNotes);
  const explained = new Set([...breakdowns.restartNotes, ...displaced.map((d) => d.noteIndex)]);
  const events = [
    ...timingEvents(take, metrics, t, displaced),
    ...velocityEvents(take, metrics, t),
    ...stuckKeyEvents(take, metrics, t),
    ...missedNoteEvents(take, metrics, t, new Set(displaced.map((d) => d.matchIndex))),
    ...breakdowns.events,
    ...extraNoteEvents(take, notes, metrics, t, explained),
  ];
  return events.map(sanitize).sort((a, b) => a.timeMs - b.timeMs);
}

/** No NaN or Infinity ever leaves the detector (they could only come from absurd inputs). */
function sanitize(event: ControlEvent): ControlEvent {
  const evidence: Record<string, number> = {};
  for (const [key, value] of Object.entries(event.evidence)) evidence[key] = Number.isFinite(value) ? value : 0;
  return {
    ...event,
    timeMs: Number.isFinite(event.timeMs) ? event.timeMs : 0,
    severity: Number.isFinite(event.severity) ? Math.max(1, event.severity) : 1,
    evidence,
  };
}
