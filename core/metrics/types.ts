import type { Direction, Finger, Hand } from '../exercises/types';

/** Mean and standard deviation of a sample; both 0 with count 0 (never NaN). */
export interface MeanSd {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
}

/** Evenness numbers for one finger of one hand, over one direction or both ('all'). */
export interface FingerMetrics {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction | 'all';
  /** Notes played by this finger that were measured. */
  readonly count: number;
  /** Onset minus the run's fitted straight line (ms); mean is signed (+ = late). */
  readonly onsetDeviationMs: MeanSd;
  /** On-velocity (MIDI units), with coefficient of variation sd/mean. */
  readonly velocity: MeanSd & { readonly cv: number };
  /** Key-down duration (ms). */
  readonly durationMs: MeanSd;
  /** Overlap with the next note of the same hand (ms); negative = gap. */
  readonly legatoOverlapMs: MeanSd;
}
