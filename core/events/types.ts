import type { Finger, Hand } from '../exercises/types';

export const EVENT_TYPES = [
  'late',
  'early',
  'velocity-drop',
  'velocity-spike',
  'stuck-key',
  'missed-note',
  'extra-note',
  'co-activation',
  'tremor',
  'breakdown',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One loss-of-control event, with the numbers that triggered it. */
export interface ControlEvent {
  readonly type: EventType;
  readonly timeMs: number;
  readonly hand: Hand;
  /** The finger involved (for extra notes: the finger of the nearest intended note). */
  readonly finger: Finger;
  /** How far past the threshold, >= 1 (1 = just at the threshold). */
  readonly severity: number;
  /** One sentence a teacher can read. */
  readonly detail: string;
  /** The measured values and thresholds behind the decision. */
  readonly evidence: Readonly<Record<string, number>>;
}
