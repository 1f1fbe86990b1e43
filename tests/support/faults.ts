/**
 * Fault injection for the synthetic performer: takes a clean performance and plants
 * loss-of-control faults of each event type, keeping the truth in step and recording every fault
 * (type, take, hand, finger, time) so detected events can be scored against it.
 *
 * Each fault has a fixed signature (documented in docs/metrics.md, "Validation"):
 *  late / early      onset shifted by 70-120 ms (release unchanged)
 *  velocity-drop/-spike  velocity -/+ 30-50 (clamped to 1..127)
 *  stuck-key         release delayed by 300-700 ms
 *  missed-note       the note is not played
 *  extra-note        a stray key 3+ semitones from nearby intended keys, 30-100 ms after the
 *                    target, normal length (110-220 ms) and velocity
 *  co-activation     a neighbouring key (1-2 semitones, not an intended key nearby) 0-40 ms after
 *                    the target, 25-60 ms long, velocity 15-40
 *  tremor            the target released after 40 ms, then 2-3 re-strikes of the same key at
 *                    55-70 ms intervals, 30 ms long, velocity 20-45
 *  breakdown         everything after the target waits 700-1500 ms more; half the time the
 *                    player replays the 2-3 notes before the stop inside the pause
 */
import type { EventType } from '../../core/events/types';
import type { Finger, Hand } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import type { NoteTruth, Performance } from './performer';
import { createRandom } from './random';
import type { Random } from './random';

export interface InjectedFault {
  readonly type: EventType;
  readonly take: number;
  readonly hand: Hand;
  readonly finger: Finger;
  /** When the detector should place the event (the affected note's or extra note's onset). */
  readonly timeMs: number;
  /** Expected note targeted. */
  readonly expectedIndex: number;
}

export interface FaultPlan {
  readonly seed: number;
  /** Faults per take (each on a different target). */
  readonly perTake: number;
  /** Types to draw from, uniformly. */
  readonly types: readonly EventType[];
  /** Minimum distance in grid steps between two targets of one take (default 4). */
  readonly spacingSteps?: number;
  /** Targets avoid this many expected positions at each end of a hand's sequence (default 2). */
  readonly edge?: number;
  /** Only notes of these fingers are targeted (default: all), e.g. ['right-4', 'right-5']. */
  readonly fingers?: readonly `${Hand}-${Finger}`[];
}

interface Working {
  note: Note;
  truth: NoteTruth;
}

/**
 * Plants faults into a performance.
 *
 * @example injectFaults(performance, { seed: 3, perTake: 2, types: ['late', 'tremor'] }).faults.length // 2 per take
 */
export function injectFaults(performance: Performance, plan: FaultPlan): { performance: Performance; faults: InjectedFault[] } {
  const random = createRandom(plan.seed);
  const exercise = performance.exercise;
  const stepMs = 60000 / exercise.bpm / exercise.subdivision;
  const spacing = plan.spacingSteps ?? 4;
  const edge = plan.edge ?? 2;
  const working: Working[] = performance.notes.map((note, i) => ({ note, truth: performance.truth[i] as NoteTruth }));
  const anchors: { fault: Omit<InjectedFault, 'timeMs'>; anchor: Working }[] = [];
  const breakdowns: { take: number; target: Working }[] = [];

  for (let take = 0; take < performance.takes.length; take += 1) {
    const played = working.filter((w) => w.truth.take === take && w.truth.kind === 'correct' && w.truth.expectedIndex !== null);
    const byIndex = new Map(played.map((w) => [w.truth.expectedIndex as number, w]));
    const candidates = exercise.notes.filter((e) => {
      const handLength = exercise.notes.filter((other) => other.hand === e.hand).length;
      const fingerOk = plan.fingers === undefined || plan.fingers.includes(`${e.hand}-${e.finger}`);
      return fingerOk && byIndex.has(e.index) && e.position >= edge && e.position < handLength - edge;
    });
    const chosen: number[] = [];
    for (let k = 0; k < plan.perTake; k += 1) {
      const free = candidates.filter((e) => chosen.every((c) => Math.abs((exercise.notes[c]?.step ?? 0) - e.step) >= spacing));
      if (free.length === 0) break;
      const expected = random.pick(free);
      chosen.push(expected.index);
      const target = byIndex.get(expected.index);
      if (!target) continue;
      const type = random.pick(plan.types);
      const base = { type, take, hand: expected.hand, finger: expected.finger, expectedIndex: expected.index };
      const anchor = apply(type, target, working, take, random, byIndex);
      if (type === 'breakdown') breakdowns.push({ take, target });
      if (anchor) anchors.push({ fault: base, anchor });
    }
  }
  // Stops last: they move everything after them, including other faults' notes and the later
  // takes of the session (a player who stops starts the next repetition later too).
  const spans = performance.takes.map((span) => ({ ...span }));
  for (const { take, target } of breakdowns) {
    const pauseMs = 700 + random.next() * 800;
    const stopOnset = target.note.onsetMs;
    for (const w of working) {
      if (w.note.onsetMs <= stopOnset) continue;
      w.note = { ...w.note, onsetMs: w.note.onsetMs + pauseMs, offsetMs: w.note.offsetMs + pauseMs };
    }
    for (const span of spans) {
      if (span.startMs > stopOnset) span.startMs += pauseMs;
      if (span.endMs > stopOnset) span.endMs += pauseMs;
    }
    if (random.chance(0.5)) {
      const expected = exercise.notes[target.truth.expectedIndex ?? -1];
      const replay = expected ? exercise.notes.filter((e) => e.hand === expected.hand && e.position <= expected.position && e.position > expected.position - random.int(2, 3)) : [];
      let onset = stopOnset + pauseMs - (replay.length + 1) * stepMs;
      for (const e of replay) {
        working.push({
          note: { ...target.note, pitch: e.pitch, onsetMs: onset, offsetMs: onset + stepMs, velocity: clampVelocity(random.normal(target.note.velocity, 4)) },
          truth: { expectedIndex: null, kind: 'extra', take },
        });
        onset += stepMs;
      }
    }
  }
  const faults = anchors.map(({ fault, anchor }) => ({ ...fault, timeMs: anchor.note.onsetMs }));
  const kept = working.filter((w) => w.note.velocity > 0);
  kept.sort((a, b) => a.note.onsetMs - b.note.onsetMs);
  return {
    performance: { ...performance, notes: kept.map((w) => w.note), truth: kept.map((w) => w.truth), takes: spans },
    faults,
  };
}

/** Applies one fault; returns the working note whose onset is the fault's time. */
function apply(
  type: EventType,
  target: Working,
  working: Working[],
  take: number,
  random: Random,
  byIndex: ReadonlyMap<number, Working>,
): Working | null {
  const note = target.note;
  const extra = (fields: Partial<Note>): Working => {
    const w: Working = { note: { ...note, ...fields }, truth: { expectedIndex: null, kind: 'extra', take } };
    working.push(w);
    return w;
  };
  const nearbyPitches = (onsetMs: number, windowMs: number): Set<number> =>
    new Set([...byIndex.values()].filter((w) => Math.abs(w.note.onsetMs - onsetMs) <= windowMs).map((w) => w.note.pitch));
  switch (type) {
    case 'late':
    case 'early': {
      const shift = (70 + random.next() * 50) * (type === 'late' ? 1 : -1);
      const onsetMs = note.onsetMs + shift;
      target.note = { ...note, onsetMs, offsetMs: Math.max(note.offsetMs, onsetMs + 20) };
      return target;
    }
    case 'velocity-drop':
    case 'velocity-spike': {
      const change = (30 + random.next() * 20) * (type === 'velocity-drop' ? -1 : 1);
      target.note = { ...note, velocity: clampVelocity(note.velocity + change) };
      return target;
    }
    case 'stuck-key': {
      target.note = { ...note, offsetMs: note.offsetMs + 300 + random.next() * 400 };
      return target;
    }
    case 'missed-note': {
      // Marked for removal (velocity 0 is filtered out at the end); the fault time is its onset.
      target.note = { ...note, velocity: 0 };
      return target;
    }
    case 'extra-note': {
      const onsetMs = note.onsetMs + 30 + random.next() * 70;
      const near = nearbyPitches(onsetMs, 300);
      const options: number[] = [];
      for (let p = note.pitch - 12; p <= note.pitch + 12; p += 1) {
        if ([...near].every((q) => Math.abs(q - p) >= 3)) options.push(p);
      }
      const pitch = options.length > 0 ? random.pick(options) : note.pitch + 7;
      return extra({ pitch, onsetMs, offsetMs: onsetMs + 110 + random.next() * 110, velocity: clampVelocity(random.normal(note.velocity, 6)) });
    }
    case 'co-activation': {
      const onsetMs = note.onsetMs + random.next() * 40;
      const near = nearbyPitches(onsetMs, 300);
      const options = [-2, -1, 1, 2].map((d) => note.pitch + d).filter((p) => !near.has(p));
      const pitch = options.length > 0 ? random.pick(options) : note.pitch + 1;
      return extra({ pitch, onsetMs, offsetMs: onsetMs + 25 + random.next() * 35, velocity: random.int(15, 40) });
    }
    case 'tremor': {
      target.note = { ...note, offsetMs: note.onsetMs + 40 };
      const strikes = random.int(2, 3);
      let onsetMs = note.onsetMs;
      let first: Working | null = null;
      for (let k = 0; k < strikes; k += 1) {
        onsetMs += 55 + random.next() * 15;
        const w = extra({ onsetMs, offsetMs: onsetMs + 30, velocity: random.int(20, 45) });
        first ??= w;
      }
      return first;
    }
    case 'breakdown':
      return target;
  }
  return null;
}

function clampVelocity(value: number): number {
  return Math.min(127, Math.max(1, Math.round(value)));
}
