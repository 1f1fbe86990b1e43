/**
 * Every number the event rules use, in one place (docs/metrics.md explains each one).
 *
 * The pattern for continuous measures (timing, velocity, key-down): a note is flagged when it is
 * further from its finger's norm in this take (median) than k robust SDs of the hand
 * (1.4826 x MAD), and never closer than an absolute floor, so a very even take does not turn
 * its tiny noise into events.
 */

export interface EventThresholds {
  /** Robust SDs (scaled MAD) beyond the norm for late/early/velocity/stuck-key. */
  readonly robustSds: number;
  /** A finger's own median is its norm once it has this many measured notes; else the hand's. */
  readonly fingerNormMinNotes: number;
  /** Timing: floor of the threshold (ms) and floor of the robust SD (ms, timestamp noise). */
  readonly timingFloorMs: number;
  readonly timingSdFloorMs: number;
  /** Velocity: floor of the threshold and of the robust SD (MIDI units). */
  readonly velocityFloor: number;
  readonly velocitySdFloor: number;
  /** Stuck key: the floor is the larger of this (ms) and stuckFloorSteps grid steps. */
  readonly stuckFloorMs: number;
  readonly stuckFloorSteps: number;
  readonly stuckSdFloorMs: number;
  /** Co-activation: neighbouring key within this many semitones (and not the same key)... */
  readonly coActivationSemitones: number;
  /** ...starting between this many ms before and after the intended onset... */
  readonly coActivationLeadMs: number;
  readonly coActivationLagMs: number;
  /** ...shorter than this fraction of the hand's median key-down, clamped to [min, max] ms... */
  readonly coActivationShortFraction: number;
  readonly coActivationShortMinMs: number;
  readonly coActivationShortMaxMs: number;
  /** ...and softer than this fraction of the intended note's velocity. */
  readonly coActivationSoftRatio: number;
  /** Tremor: at least this many extra strikes of one key, each within windowMs of the previous. */
  readonly tremorMinStrikes: number;
  readonly tremorWindowMs: number;
  /** This many or more consecutive missed notes of a hand are reported as one event. */
  readonly missedCollapse: number;
  /** Extra notes inside a breakdown replaying this many preceding positions are its restart. */
  readonly restartLookbackPositions: number;
  /** A missed note and a same-pitch extra note within this many grid steps are one displaced note. */
  readonly displacedMaxSteps: number;
}

export const DEFAULT_THRESHOLDS: EventThresholds = {
  robustSds: 5,
  fingerNormMinNotes: 4,
  timingFloorMs: 30,
  timingSdFloorMs: 4,
  velocityFloor: 15,
  velocitySdFloor: 2,
  stuckFloorMs: 100,
  stuckFloorSteps: 1,
  stuckSdFloorMs: 5,
  coActivationSemitones: 2,
  coActivationLeadMs: 20,
  coActivationLagMs: 80,
  coActivationShortFraction: 0.6,
  coActivationShortMinMs: 60,
  coActivationShortMaxMs: 150,
  coActivationSoftRatio: 0.8,
  tremorMinStrikes: 2,
  tremorWindowMs: 250,
  missedCollapse: 3,
  restartLookbackPositions: 8,
  displacedMaxSteps: 1.5,
};
