/**
 * Timestamp quality: is the clock behind a recording good enough to measure timing with?
 *
 * Evenkeys' timing numbers (IOI SD, onset deviations, durations, legato) are only as good as the
 * timestamps. Three faults are common in the field and each turns into a false number:
 * - timestamps that do not advance (a device or app that never sets them: every event at 0),
 *   which would read as a "perfect" 0.0 ms unevenness at an absurd tempo;
 * - a coarse or quantised clock (every onset on one grid of >= 5 ms: a browser clock reduced to
 *   16.7 or 100 ms, a driver that stamps in USB frames, a file quantised by notation software),
 *   which adds up to +-step/2 of false jitter, or removes human timing altogether;
 * - a clock that jumps backwards mid-recording (a device or driver reset), after which sorting by
 *   time interleaves two unrelated stretches of playing.
 * A recording or take with any of them gets no timing metrics and no timing events; velocity
 * metrics stay. See docs/midi.md "Timestamp quality" for the thresholds and why.
 */
import type { Note, RawMidiMessage } from './types';

/** A grid step at or above this (ms) is too coarse to measure human timing on. */
export const COARSE_CLOCK_MIN_STEP_MS = 5;
/** Positive onset intervals needed before a grid is believed (fewer: too likely by chance). */
export const CLOCK_GRID_MIN_INTERVALS = 8;
/** How far (ms) an interval may sit from a multiple of the step and still be on the grid. */
export const CLOCK_GRID_TOLERANCE_MS = 0.02;
/** A message stamped this much (ms) earlier than the one before it is a clock jump, not jitter. */
export const CLOCK_BACKWARDS_JUMP_MS = 20;
/** Onsets "do not advance" when the distinct onset times are at most this share of the notes. */
export const NOT_ADVANCING_MAX_DISTINCT_SHARE = 0.25;

export type ClockFaultKind = 'not-advancing' | 'coarse' | 'backwards';

/** One thing wrong with the clock, with the plain sentence the user sees. */
export interface ClockFault {
  readonly kind: ClockFaultKind;
  /** One sentence for the pianist and teacher. */
  readonly message: string;
  /** For 'coarse': the grid step found (ms). */
  readonly stepMs?: number;
  /** For 'backwards': the time the clock jumped from and to (ms). */
  readonly fromMs?: number;
  readonly toMs?: number;
}

/**
 * The grid every onset interval is a whole multiple of, found from the positive onset
 * differences (zero differences, i.e. chords and bursts of events delivered together, are
 * skipped) by a tolerant Euclid; null with fewer than CLOCK_GRID_MIN_INTERVALS intervals.
 * On a fine clock (1 ms, 0.1 ms, a float) it comes out at or below that clock's step.
 *
 * @example clockGridStepMs([0, 100, 200, 200, 300, 500, 600, 700, 900, 1000, 1100]) // 100
 * @example clockGridStepMs([0, 101.3, 208.9, 311.2, 420, 523.7, 630.1, 741.4, 850]) // < 5
 */
export function clockGridStepMs(onsetsMs: readonly number[]): number | null {
  const sorted = onsetsMs.filter(Number.isFinite).slice().sort((a, b) => a - b);
  const intervals: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const d = (sorted[i] as number) - (sorted[i - 1] as number);
    if (d > CLOCK_GRID_TOLERANCE_MS) intervals.push(d);
  }
  if (intervals.length < CLOCK_GRID_MIN_INTERVALS) return null;
  let step = intervals[0] as number;
  for (const d of intervals) {
    step = tolerantGcd(step, d);
    if (step <= CLOCK_GRID_TOLERANCE_MS * 2) return step; // a fine clock: no need to look further
  }
  return step;
}

function tolerantGcd(a: number, b: number): number {
  let x = Math.max(a, b);
  let y = Math.min(a, b);
  const tolerance = CLOCK_GRID_TOLERANCE_MS;
  while (y > tolerance) {
    let r = x % y;
    if (y - r <= tolerance) r = 0; // float noise just under a multiple
    x = y;
    y = r;
  }
  return x;
}

/**
 * Backward jumps of the clock in arrival order: a message stamped more than
 * CLOCK_BACKWARDS_JUMP_MS before the message that arrived just before it. Small reorderings
 * (merged ports, batching) are repaired by sorting and are not reported here.
 *
 * @example backwardJumps([{ bytes: [0x90, 60, 1], timeMs: 5000 }, { bytes: [0x80, 60, 0], timeMs: 20 }]) // [{ fromMs: 5000, toMs: 20 }]
 */
export function backwardJumps(messages: readonly RawMidiMessage[]): { fromMs: number; toMs: number }[] {
  const jumps: { fromMs: number; toMs: number }[] = [];
  let previous = -Infinity;
  for (const message of messages) {
    const time = message.timeMs;
    if (!Number.isFinite(time)) continue;
    if (time < previous - CLOCK_BACKWARDS_JUMP_MS) jumps.push({ fromMs: previous, toMs: time });
    previous = time;
  }
  return jumps;
}

/**
 * Faults of the clock of a set of notes (a whole recording, or one take's notes); `messages`, in
 * arrival order, are needed only to see backward jumps. Empty when the clock can be trusted.
 *
 * @example clockFaults(notes.map(n => ({ ...n, onsetMs: 0 }))) // [{ kind: 'not-advancing', ... }]
 */
export function clockFaults(notes: readonly Pick<Note, 'onsetMs'>[], messages: readonly RawMidiMessage[] = []): ClockFault[] {
  const faults: ClockFault[] = [];
  const onsets = notes.map((note) => note.onsetMs).filter(Number.isFinite);
  const distinct = new Set(onsets).size;
  if (onsets.length >= 3 && distinct <= Math.max(1, Math.floor(onsets.length * NOT_ADVANCING_MAX_DISTINCT_SHARE))) {
    faults.push({
      kind: 'not-advancing',
      message:
        distinct === 1
          ? `The timestamps do not advance (all ${onsets.length} notes at the same time), so timing cannot be measured.`
          : `The timestamps barely advance (${onsets.length} notes at only ${distinct} different times), so timing cannot be measured.`,
    });
  } else {
    const step = clockGridStepMs(onsets);
    if (step !== null && step >= COARSE_CLOCK_MIN_STEP_MS) {
      faults.push({
        kind: 'coarse',
        stepMs: step,
        message: `Every note falls on a ${formatStep(step)} ms grid (a coarse or quantised clock), too coarse to measure timing.`,
      });
    }
  }
  for (const jump of backwardJumps(messages)) {
    faults.push({
      kind: 'backwards',
      fromMs: jump.fromMs,
      toMs: jump.toMs,
      message: `The clock jumped back ${formatStep(jump.fromMs - jump.toMs)} ms (from ${formatStep(jump.fromMs)} to ${formatStep(jump.toMs)} ms), so timing around it cannot be measured.`,
    });
  }
  return faults;
}

/** Whether a backward jump makes the stretch [startMs, endMs] ambiguous in time. */
export function jumpTouches(fault: ClockFault, startMs: number, endMs: number): boolean {
  if (fault.kind !== 'backwards' || fault.fromMs === undefined || fault.toMs === undefined) return false;
  // After the jump, times in [toMs, fromMs] were used twice: any take overlapping them is mixed.
  return startMs <= fault.fromMs && endMs >= fault.toMs;
}

function formatStep(ms: number): string {
  return Math.abs(ms - Math.round(ms)) < 0.05 ? String(Math.round(ms)) : ms.toFixed(1);
}
