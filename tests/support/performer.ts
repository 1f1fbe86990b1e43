/**
 * The synthetic performer: plays an exercise the way a human would (per-finger timing bias and
 * jitter, tempo drift, velocity spread, legato), and records the ground truth for every note so
 * alignment, metrics and events can be checked against what was really "played".
 *
 * Faults (late fingers, co-activation, ...) are layered on top in faults.ts; wrong, missed and
 * extra notes in corrupt().
 */
import type { Exercise, Finger, Hand } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import { createRandom } from './random';
import type { Random } from './random';

/** How one finger plays. */
export interface FingerStyle {
  /** Systematic onset offset (ms, + = late). */
  readonly biasMs: number;
  /** SD of the onset around nominal + bias (ms). */
  readonly jitterMs: number;
  readonly velocityMean: number;
  readonly velocitySd: number;
  /** Key-down overlap with the hand's next note (ms); negative = gap. */
  readonly legatoMs: number;
}

export type FingerKey = `${Hand}-${Finger}`;

export interface PerformerOptions {
  readonly seed: number;
  /** Metronome tempo; defaults to the exercise's bpm. */
  readonly bpm?: number;
  /** Onset time of the first nominal note. */
  readonly startMs?: number;
  /** Fractional tempo change over the take: 0.05 = 5 % faster at the end than at the start. */
  readonly tempoDrift?: number;
  /** Style of every finger unless overridden. */
  readonly style?: Partial<FingerStyle>;
  readonly fingers?: Partial<Record<FingerKey, Partial<FingerStyle>>>;
  readonly channel?: number;
}

/** What a performed note really was. */
export interface NoteTruth {
  /** Index of the expected note it was meant to be, or null for an extra note. */
  readonly expectedIndex: number | null;
  readonly kind: 'correct' | 'wrong' | 'extra';
  /** Which repetition (take) it belongs to. */
  readonly take: number;
}

/** A performance: notes sorted by onset with the truth for each, index for index. */
export interface Performance {
  readonly exercise: Exercise;
  readonly notes: readonly Note[];
  readonly truth: readonly NoteTruth[];
  /** Per take: nominal start and the end of its last note. */
  readonly takes: readonly { readonly startMs: number; readonly endMs: number }[];
}

export const HEALTHY_STYLE: FingerStyle = {
  biasMs: 0,
  jitterMs: 9,
  velocityMean: 72,
  velocitySd: 4,
  legatoMs: 15,
};

/**
 * Plays an exercise once.
 *
 * @example perform(getExercise('scale-c-major-rh-2oct')!, { seed: 1 }).notes.length // => 29
 */
export function perform(exercise: Exercise, options: PerformerOptions): Performance {
  return performRepetitions(exercise, 1, options);
}

/**
 * Plays an exercise `repetitions` times with a pause between repetitions.
 *
 * @example performRepetitions(exercise, 10, { seed: 1 }, 1500).takes.length // => 10
 */
export function performRepetitions(
  exercise: Exercise,
  repetitions: number,
  options: PerformerOptions,
  pauseMs = 1500,
): Performance {
  const random = createRandom(options.seed);
  const played: { note: Note; truth: NoteTruth }[] = [];
  const takes: { startMs: number; endMs: number }[] = [];
  let startMs = options.startMs ?? 1000;
  for (let take = 0; take < repetitions; take += 1) {
    const notes = playOnce(exercise, options, startMs, take, random);
    const endMs = Math.max(startMs, ...notes.map((entry) => entry.note.offsetMs));
    takes.push({ startMs, endMs });
    played.push(...notes);
    startMs = endMs + pauseMs;
  }
  return assemble(exercise, played, takes);
}

/** Joins performances played one after another into one recording (takes renumbered). */
export function concatenate(performances: readonly Performance[]): Performance {
  const first = performances[0];
  if (!first) throw new Error('concatenate needs at least one performance');
  const played: { note: Note; truth: NoteTruth }[] = [];
  const takes: { startMs: number; endMs: number }[] = [];
  for (const performance of performances) {
    const offset = takes.length;
    performance.notes.forEach((note, i) => {
      const truth = performance.truth[i];
      if (truth) played.push({ note, truth: { ...truth, take: truth.take + offset } });
    });
    takes.push(...performance.takes);
  }
  return assemble(first.exercise, played, takes);
}

export interface Corruption {
  readonly seed: number;
  /** Fraction of expected notes played at a wrong pitch. */
  readonly wrong: number;
  /** Fraction of expected notes not played. */
  readonly missed: number;
  /** Extra notes added, as a fraction of expected notes. */
  readonly extra: number;
}

/**
 * Corrupts a performance with wrong, missed and extra notes, keeping the truth in step.
 *
 * @example corrupt(performance, { seed: 2, wrong: 0.05, missed: 0.05, extra: 0.05 })
 */
export function corrupt(performance: Performance, corruption: Corruption): Performance {
  const random = createRandom(corruption.seed);
  const played: { note: Note; truth: NoteTruth }[] = [];
  performance.notes.forEach((note, i) => {
    const truth = performance.truth[i];
    if (!truth) return;
    if (truth.kind !== 'correct') {
      played.push({ note, truth });
      return;
    }
    const roll = random.next();
    if (roll < corruption.missed) return;
    if (roll < corruption.missed + corruption.wrong) {
      const shift = random.pick([-2, -1, 1, 2]);
      played.push({ note: { ...note, pitch: clampPitch(note.pitch + shift) }, truth: { ...truth, kind: 'wrong' } });
      return;
    }
    played.push({ note, truth });
  });
  const extraCount = Math.round(performance.notes.length * corruption.extra);
  const pitches = performance.notes.map((note) => note.pitch);
  const low = Math.min(...pitches);
  const high = Math.max(...pitches);
  for (let n = 0; n < extraCount; n += 1) {
    const take = random.int(0, performance.takes.length - 1);
    const span = performance.takes[take];
    if (!span) continue;
    const onsetMs = span.startMs + random.next() * (span.endMs - span.startMs);
    const note: Note = {
      pitch: clampPitch(random.int(low - 2, high + 2)),
      onsetMs,
      offsetMs: onsetMs + random.normal(80, 20) + 30,
      velocity: clampVelocity(random.normal(60, 15)),
      channel: performance.notes[0]?.channel ?? 0,
      pedalAtOnset: false,
      unreleased: false,
    };
    played.push({ note, truth: { expectedIndex: null, kind: 'extra', take } });
  }
  return assemble(performance.exercise, played, performance.takes);
}

/** The style a given finger plays with under these options. */
export function styleOf(options: PerformerOptions, hand: Hand, finger: Finger): FingerStyle {
  return { ...HEALTHY_STYLE, ...options.style, ...options.fingers?.[`${hand}-${finger}`] };
}

function playOnce(
  exercise: Exercise,
  options: PerformerOptions,
  startMs: number,
  take: number,
  random: Random,
): { note: Note; truth: NoteTruth }[] {
  const bpm = options.bpm ?? exercise.bpm;
  const stepMs = 60_000 / bpm / exercise.subdivision;
  const lastStep = Math.max(1, ...exercise.notes.map((note) => note.step));
  const drift = options.tempoDrift ?? 0;
  // Nominal time of each grid step, integrating a linearly changing tempo.
  const stepTimes: number[] = [startMs];
  for (let step = 1; step <= lastStep + 1; step += 1) {
    const tempoFactor = 1 + (drift * (step - 1)) / lastStep;
    stepTimes.push((stepTimes[step - 1] ?? startMs) + stepMs / tempoFactor);
  }
  const onsets = exercise.notes.map((expected) => {
    const style = styleOf(options, expected.hand, expected.finger);
    return (stepTimes[expected.step] ?? startMs) + style.biasMs + random.normal(0, style.jitterMs);
  });
  return exercise.notes.map((expected, i) => {
    const style = styleOf(options, expected.hand, expected.finger);
    const onsetMs = onsets[i] ?? startMs;
    const nextOfHand = exercise.notes.findIndex((other, j) => j > i && other.hand === expected.hand);
    const nextOnset = nextOfHand >= 0 ? onsets[nextOfHand] : undefined;
    const releaseMs = nextOnset !== undefined ? nextOnset + style.legatoMs : onsetMs + stepMs * 1.5;
    const note: Note = {
      pitch: expected.pitch,
      onsetMs,
      offsetMs: Math.max(onsetMs + 10, releaseMs),
      velocity: clampVelocity(random.normal(style.velocityMean, style.velocitySd)),
      channel: options.channel ?? 0,
      pedalAtOnset: false,
      unreleased: false,
    };
    return { note, truth: { expectedIndex: expected.index, kind: 'correct' as const, take } };
  });
}

function assemble(
  exercise: Exercise,
  played: readonly { note: Note; truth: NoteTruth }[],
  takes: readonly { startMs: number; endMs: number }[],
): Performance {
  const sorted = [...played].sort((a, b) => a.note.onsetMs - b.note.onsetMs);
  return {
    exercise,
    notes: sorted.map((entry) => entry.note),
    truth: sorted.map((entry) => entry.truth),
    takes,
  };
}

function clampVelocity(value: number): number {
  return Math.min(127, Math.max(1, Math.round(value)));
}

function clampPitch(value: number): number {
  return Math.min(127, Math.max(0, value));
}
