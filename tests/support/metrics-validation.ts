/**
 * Shared validation of core/metrics and core/events against the synthetic performer, used both by
 * scripts/validate-metrics.ts (which prints the tables) and by the tests (which assert the
 * thresholds on a smaller sample). Everything is seeded and reproducible.
 */
import { alignRecording } from '../../core/align/recording';
import type { Match, Take } from '../../core/align/types';
import { detectEvents } from '../../core/events/detect';
import type { ControlEvent, EventType } from '../../core/events/types';
import { EVENT_TYPES } from '../../core/events/types';
import { scale } from '../../core/exercises/scale';
import type { Exercise, ExpectedNote, Finger, Hand } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import { measureTake } from '../../core/metrics/measure';
import { injectFaults } from './faults';
import type { InjectedFault } from './faults';
import { performRepetitions, styleOf } from './performer';
import type { FingerKey, FingerStyle, Performance, PerformerOptions } from './performer';
import { createRandom } from './random';

// ---------------------------------------------------------------------------------------------
// Ground-truth takes

/**
 * The takes a perfect aligner would return for a performance: every expected note matched to the
 * note the performer meant for it (truth.expectedIndex), extras listed per take.
 *
 * @example truthTakes(perform(exercise, { seed: 1 })).length // 1
 */
export function truthTakes(performance: Performance, bpm: number = performance.exercise.bpm): Take[] {
  const exercise = performance.exercise;
  return performance.takes.map((span, take) => {
    const byExpected = new Map<number, number>();
    const extras: number[] = [];
    performance.truth.forEach((truth, i) => {
      if (truth.take !== take) return;
      if (truth.kind === 'extra' || truth.expectedIndex === null) extras.push(i);
      else byExpected.set(truth.expectedIndex, i);
    });
    const matches: Match[] = exercise.notes.map((expected) => {
      const noteIndex = byExpected.get(expected.index) ?? null;
      const note = noteIndex === null ? null : (performance.notes[noteIndex] ?? null);
      const wrongPitch = noteIndex !== null && performance.truth[noteIndex]?.kind === 'wrong';
      return { expected, noteIndex, note, wrongPitch };
    });
    const onsets = [...byExpected.values(), ...extras].map((i) => performance.notes[i]?.onsetMs ?? span.startMs);
    const offsets = [...byExpected.values(), ...extras].map((i) => performance.notes[i]?.offsetMs ?? span.endMs);
    return {
      exercise,
      startMs: onsets.length > 0 ? Math.min(...onsets) : span.startMs,
      endMs: offsets.length > 0 ? Math.max(...offsets) : span.endMs,
      matches,
      extraNoteIndices: extras,
      bpm,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Exercises used by the validation

/**
 * A continuous ~200-note take: the clinical C major 2-octave scale (one hand, 120 bpm sixteenths)
 * played up and down `cycles` times without stopping (each up or down is a run of its own).
 *
 * @example longScale('right', 7).notes.length // 197
 */
export function longScale(hand: Hand, cycles = 7): Exercise {
  const base = scale({ key: 'C', mode: 'major', hands: hand, octaves: 2, bpm: 120, subdivision: 4 });
  const notes: ExpectedNote[] = [];
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    // After the first cycle the bottom note is the end of the previous descent: not repeated.
    const source = cycle === 0 ? base.notes : base.notes.slice(1);
    for (const note of source) {
      const index = notes.length;
      notes.push({ ...note, index, position: index, step: index, run: note.run + 2 * cycle });
    }
  }
  return { ...base, id: `long-scale-${hand}-${cycles}`, name: `C major 2 octaves x ${cycles}`, notes };
}

/** The single-hand exercises the event validation plays (2 octaves, 120 bpm sixteenths). */
export function eventExercises(): Exercise[] {
  const list: Exercise[] = [];
  const keys: [string, 'major' | 'harmonic minor'][] = [['C', 'major'], ['G', 'major'], ['F', 'major'], ['D', 'major'], ['Bb', 'major'], ['A', 'harmonic minor'], ['E', 'harmonic minor']];
  for (const [key, mode] of keys) {
    for (const hand of ['right', 'left'] as const) list.push(scale({ key, mode, hands: hand, octaves: 2, bpm: 120, subdivision: 4 }));
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// 1. Recovery of per-finger bias and jitter

export interface RecoveryRow {
  readonly hand: Hand;
  readonly finger: Finger;
  /** Notes of this finger per take. */
  readonly perTake: number;
  readonly trueBiasMs: number;
  /** Expected mean deviation after the per-run line fit (exact, see expectedDeviationStats). */
  readonly expectedBiasMs: number;
  /** Mean over takes of the finger's mean deviation. */
  readonly recoveredBiasMs: number;
  readonly trueJitterMs: number;
  /** sqrt of the exact expected within-take sample variance of the finger's deviations. */
  readonly expectedSdMs: number;
  /** sqrt of the mean over takes of the finger's within-take sample variance. */
  readonly recoveredSdMs: number;
  /** Mean over takes of the finger's SD (slightly below recoveredSdMs: E[s] < sqrt(E[s^2])). */
  readonly meanRecoveredSdMs: number;
}

/** The per-finger styles of the recovery scenario: a dystonia-like right hand, a healthy left. */
export const RECOVERY_STYLES: Partial<Record<FingerKey, Partial<FingerStyle>>> = {
  'right-1': { biasMs: -3, jitterMs: 10 },
  'right-2': { biasMs: 0, jitterMs: 8 },
  'right-3': { biasMs: 2, jitterMs: 8 },
  'right-4': { biasMs: 15, jitterMs: 14, velocityMean: 58 },
  'right-5': { biasMs: 20, jitterMs: 14, velocityMean: 55 },
  'left-1': { biasMs: 4, jitterMs: 9 },
  'left-2': { biasMs: 0, jitterMs: 9 },
  'left-3': { biasMs: -2, jitterMs: 9 },
  'left-4': { biasMs: 0, jitterMs: 10 },
  'left-5': { biasMs: 3, jitterMs: 10 },
};

/**
 * Plays `takes` ~200-note takes per hand and compares what measureTake recovers per finger with
 * the exact expectation under the performer model.
 *
 * @example recoverBiasAndJitter({ takes: 100, seed: 1 })[0].recoveredBiasMs
 */
export function recoverBiasAndJitter(options: { takes: number; seed: number; cycles?: number }): RecoveryRow[] {
  const rows: RecoveryRow[] = [];
  for (const hand of ['right', 'left'] as const) {
    const exercise = longScale(hand, options.cycles ?? 7);
    const performer: PerformerOptions = { seed: options.seed, fingers: RECOVERY_STYLES, tempoDrift: 0 };
    const expected = expectedDeviationStats(exercise, performer);
    const sums = new Map<Finger, { mean: number; variance: number; sd: number; takes: number }>();
    for (let take = 0; take < options.takes; take += 1) {
      const performance = performRepetitions(exercise, 1, { ...performer, seed: options.seed * 100_003 + take });
      const [aligned] = truthTakes(performance);
      if (!aligned) continue;
      const metrics = measureTake(aligned, performance.notes);
      for (const f of metrics.fingers) {
        if (f.hand !== hand || f.direction !== 'all' || f.onsetDeviationMs.count < 2) continue;
        const entry = sums.get(f.finger) ?? { mean: 0, variance: 0, sd: 0, takes: 0 };
        entry.mean += f.onsetDeviationMs.mean;
        entry.variance += f.onsetDeviationMs.sd ** 2;
        entry.sd += f.onsetDeviationMs.sd;
        entry.takes += 1;
        sums.set(f.finger, entry);
      }
    }
    for (const [finger, sum] of [...sums].sort((a, b) => a[0] - b[0])) {
      const style = styleOf(performer, hand, finger);
      const exp = expected.get(finger);
      rows.push({
        hand,
        finger,
        perTake: exp?.count ?? 0,
        trueBiasMs: style.biasMs,
        expectedBiasMs: exp?.mean ?? 0,
        recoveredBiasMs: sum.mean / sum.takes,
        trueJitterMs: style.jitterMs,
        expectedSdMs: Math.sqrt(exp?.variance ?? 0),
        recoveredSdMs: Math.sqrt(sum.variance / sum.takes),
        meanRecoveredSdMs: sum.sd / sum.takes,
      });
    }
  }
  return rows;
}

/**
 * Exact expectation of each finger's mean deviation and within-take sample variance, for onsets
 * t_i = a + b*step_i + bias_i + e_i (e_i ~ N(0, jitter_i^2), no tempo drift) and one least-squares
 * line per run. With H the hat matrix of a run's line fit, residuals are r = (I - H)(bias + e):
 *   E[r] = mu = (I - H) bias            (the line absorbs the weighted mean bias and its trend)
 *   Cov(r) = V = (I - H) D (I - H),     D = diag(jitter^2)
 * For a finger's notes S (n of them) the sample variance s^2 = sum_S (r_i - rbar)^2 / (n - 1) has
 *   E[s^2] = [ sum_S (mu_i - mubar)^2 + sum_S V_ii - (1/n) sum_{i,j in S} V_ij ] / (n - 1).
 */
export function expectedDeviationStats(
  exercise: Exercise,
  performer: PerformerOptions,
): Map<Finger, { count: number; mean: number; variance: number }> {
  const mu = new Map<number, number>();
  const cov = new Map<string, number>();
  const runs = new Map<string, ExpectedNote[]>();
  for (const note of exercise.notes) {
    const key = `${note.hand}|${note.run}`;
    const list = runs.get(key) ?? [];
    list.push(note);
    runs.set(key, list);
  }
  for (const run of runs.values()) {
    const n = run.length;
    const xs = run.map((note) => note.step);
    const xbar = xs.reduce((a, b) => a + b, 0) / n;
    const sxx = xs.reduce((a, x) => a + (x - xbar) ** 2, 0);
    const h = (i: number, j: number): number => 1 / n + (sxx > 0 ? ((xs[i]! - xbar) * (xs[j]! - xbar)) / sxx : 0);
    const bias = run.map((note) => styleOf(performer, note.hand, note.finger).biasMs);
    const variance = run.map((note) => styleOf(performer, note.hand, note.finger).jitterMs ** 2);
    // M = I - H; mu = M bias; V = M D M^T (M is symmetric).
    const m = (i: number, j: number): number => (i === j ? 1 : 0) - h(i, j);
    for (let i = 0; i < n; i += 1) {
      let value = 0;
      for (let k = 0; k < n; k += 1) value += m(i, k) * bias[k]!;
      mu.set(run[i]!.index, value);
      for (let j = 0; j < n; j += 1) {
        let c = 0;
        for (let k = 0; k < n; k += 1) c += m(i, k) * variance[k]! * m(j, k);
        cov.set(`${run[i]!.index}|${run[j]!.index}`, c);
      }
    }
  }
  const result = new Map<Finger, { count: number; mean: number; variance: number }>();
  for (const finger of [1, 2, 3, 4, 5] as const) {
    const set = exercise.notes.filter((note) => note.finger === finger).map((note) => note.index);
    const n = set.length;
    if (n < 2) continue;
    const mus = set.map((i) => mu.get(i) ?? 0);
    const mean = mus.reduce((a, b) => a + b, 0) / n;
    const spread = mus.reduce((a, x) => a + (x - mean) ** 2, 0);
    let diagonal = 0;
    let all = 0;
    for (const i of set) {
      diagonal += cov.get(`${i}|${i}`) ?? 0;
      for (const j of set) all += cov.get(`${i}|${j}`) ?? 0;
    }
    result.set(finger, { count: n, mean, variance: (spread + diagonal - all / n) / (n - 1) });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// 2. Events: injected faults vs detected events

export type Row = EventType | 'none';

export interface EventValidation {
  readonly takes: number;
  readonly notes: number;
  readonly injected: number;
  /** confusion[injected][detected] = count; 'none' row = detections near no fault (false), 'none' column = faults not detected. */
  readonly confusion: Record<Row, Record<Row, number>>;
  readonly perType: Record<EventType, { injected: number; detected: number; truePositives: number; precision: number; recall: number }>;
}

/** Detected events match a fault when they lie within this many ms of the fault's time. */
export const MATCH_TOLERANCE_MS = 60;

/**
 * Plays the event exercises with `faultsPerTake` planted faults per take and scores the detector.
 *
 * @example validateEvents({ sessions: 10, seed: 1 }).perType.late.recall
 */
export function validateEvents(options: { sessions: number; seed: number; faultsPerTake?: number; types?: readonly EventType[] }): EventValidation {
  const types = options.types ?? EVENT_TYPES;
  const confusion = emptyConfusion();
  let takes = 0;
  let notes = 0;
  let injected = 0;
  const injectedByType: Partial<Record<EventType, number>> = {};
  const exercises = eventExercises();
  const random = createRandom(options.seed);
  for (let session = 0; session < options.sessions; session += 1) {
    const exercise = exercises[session % exercises.length]!;
    const clean = performRepetitions(exercise, 10, healthyOptions(random, options.seed * 7919 + session));
    const { performance, faults } = injectFaults(clean, { seed: options.seed * 104_729 + session, perTake: options.faultsPerTake ?? 2, types });
    const aligned = truthTakes(performance);
    aligned.forEach((take, t) => {
      const events = detectEvents(take, performance.notes);
      score(faults.filter((f) => f.take === t), events, confusion);
      takes += 1;
      notes += take.matches.filter((m) => m.note !== null).length + take.extraNoteIndices.length;
    });
    injected += faults.length;
    for (const fault of faults) injectedByType[fault.type] = (injectedByType[fault.type] ?? 0) + 1;
  }
  return { takes, notes, injected, confusion, perType: perTypeScores(confusion, injectedByType) };
}

/**
 * Clean, healthy playing (jitter SD 8-10 ms, velocity SD 4, tempo drift up to +-3 %): every event
 * is false. Returns events per 1,000 played notes.
 *
 * @example cleanFalseEvents({ notes: 20000, seed: 1 }).per1000
 */
export function cleanFalseEvents(options: { notes: number; seed: number }): { notes: number; takes: number; falseEvents: number; per1000: number; byType: Partial<Record<EventType, number>> } {
  const exercises = eventExercises();
  const random = createRandom(options.seed);
  const byType: Partial<Record<EventType, number>> = {};
  let notes = 0;
  let takes = 0;
  let falseEvents = 0;
  for (let session = 0; notes < options.notes; session += 1) {
    const exercise = exercises[session % exercises.length]!;
    const performance = performRepetitions(exercise, 10, healthyOptions(random, options.seed * 6151 + session));
    for (const take of truthTakes(performance)) {
      const events = detectEvents(take, performance.notes);
      for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
      falseEvents += events.length;
      notes += take.matches.filter((m) => m.note !== null).length;
      takes += 1;
    }
  }
  return { notes, takes, falseEvents, per1000: (falseEvents / Math.max(notes, 1)) * 1000, byType };
}

/** A healthy player: jitter 8-10 ms, velocity 72 +- 4 (per-finger means vary a little), legato 10-20 ms. */
export function healthyOptions(random: ReturnType<typeof createRandom>, seed: number): PerformerOptions {
  const fingers: Partial<Record<FingerKey, Partial<FingerStyle>>> = {};
  for (const hand of ['right', 'left'] as const) {
    for (const finger of [1, 2, 3, 4, 5] as const) {
      fingers[`${hand}-${finger}`] = { biasMs: random.normal(0, 3), velocityMean: 72 + random.normal(0, 3) };
    }
  }
  return {
    seed,
    style: { jitterMs: 8 + 2 * random.next(), velocitySd: 4, legatoMs: 10 + 10 * random.next() },
    fingers,
    tempoDrift: (random.next() - 0.5) * 0.06,
  };
}

function emptyConfusion(): Record<Row, Record<Row, number>> {
  const rows = [...EVENT_TYPES, 'none'] as Row[];
  const table = {} as Record<Row, Record<Row, number>>;
  for (const row of rows) {
    table[row] = {} as Record<Row, number>;
    for (const column of rows) table[row][column] = 0;
  }
  return table;
}

/** Pairs faults and events of one take (same type first, then any type), filling the confusion table. */
export function score(faults: readonly InjectedFault[], events: readonly ControlEvent[], confusion: Record<Row, Record<Row, number>>): void {
  const used = new Set<number>();
  const near = (fault: InjectedFault, event: ControlEvent) => Math.abs(event.timeMs - fault.timeMs) <= MATCH_TOLERANCE_MS;
  const unmatched: InjectedFault[] = [];
  for (const fault of faults) {
    const same = events.findIndex((e, i) => !used.has(i) && e.type === fault.type && near(fault, e));
    if (same >= 0) {
      used.add(same);
      confusion[fault.type][fault.type] += 1;
    } else {
      unmatched.push(fault);
    }
  }
  for (const fault of unmatched) {
    const other = events.findIndex((e, i) => !used.has(i) && near(fault, e));
    if (other >= 0) {
      used.add(other);
      confusion[fault.type][events[other]!.type] += 1;
    } else {
      confusion[fault.type].none += 1;
    }
  }
  events.forEach((event, i) => {
    if (used.has(i)) return;
    // An event of another type next to a fault is a side effect of it (counted in the fault's
    // row); a second event of the fault's own type, or one near no fault, is false ('none' row).
    const cause = faults.find((fault) => near(fault, event) && fault.type !== event.type);
    confusion[cause ? cause.type : 'none'][event.type] += 1;
  });
}

function perTypeScores(confusion: Record<Row, Record<Row, number>>, injectedByType: Partial<Record<EventType, number>>): EventValidation['perType'] {
  const result = {} as EventValidation['perType'];
  const rows = [...EVENT_TYPES, 'none'] as Row[];
  for (const type of EVENT_TYPES) {
    const truePositives = confusion[type][type];
    const injected = injectedByType[type] ?? 0;
    const detected = rows.reduce((sum, row) => sum + confusion[row][type], 0);
    result[type] = {
      injected,
      detected,
      truePositives,
      precision: detected > 0 ? truePositives / detected : 1,
      recall: injected > 0 ? truePositives / injected : 1,
    };
  }
  return result;
}


// ---------------------------------------------------------------------------------------------
// Printing

/** The recovery table as fixed-width text. */
export function formatRecovery(rows: readonly RecoveryRow[]): string {
  const head = 'hand  f  n/take  true bias  expected  recovered  |diff|   true jitter  expected SD  recovered SD  rel.err  (mean SD)';
  const lines = rows.map((r) =>
    [
      r.hand.padEnd(5),
      String(r.finger).padStart(2),
      String(r.perTake).padStart(7),
      fmt(r.trueBiasMs, 10),
      fmt(r.expectedBiasMs, 9),
      fmt(r.recoveredBiasMs, 10),
      fmt(Math.abs(r.recoveredBiasMs - r.expectedBiasMs), 7, 3),
      fmt(r.trueJitterMs, 13),
      fmt(r.expectedSdMs, 12),
      fmt(r.recoveredSdMs, 13),
      `${fmt((100 * (r.recoveredSdMs - r.expectedSdMs)) / r.expectedSdMs, 7, 1)}%`,
      fmt(r.meanRecoveredSdMs, 10),
    ].join(' '),
  );
  return [head, ...lines].join('\n');
}

/** The confusion table (rows injected, columns detected) as fixed-width text. */
export function formatConfusion(confusion: Record<Row, Record<Row, number>>): string {
  const rows = [...EVENT_TYPES, 'none'] as Row[];
  const short = (row: Row) => row.replace('velocity-', 'vel-').replace('co-activation', 'co-act').replace('missed-note', 'missed').replace('extra-note', 'extra').replace('stuck-key', 'stuck').replace('breakdown', 'brkdn');
  const head = `${'injected \\ detected'.padEnd(20)}${rows.map((r) => short(r).padStart(8)).join('')}`;
  const lines = rows.map((row) => `${row.padEnd(20)}${rows.map((column) => String(confusion[row][column]).padStart(8)).join('')}`);
  return [head, ...lines].join('\n');
}

function fmt(value: number, width: number, digits = 2): string {
  return value.toFixed(digits).padStart(width);
}

// ---------------------------------------------------------------------------------------------
// 3. End to end: the same faults through the real aligner

/**
 * Like validateEvents, but the takes come from core/align's alignRecording instead of the
 * performer's truth; events of all takes are pooled and matched to faults by time.
 *
 * @example validateEventsThroughAlignment({ sessions: 10, seed: 1 }).perType.tremor.recall
 */
export function validateEventsThroughAlignment(options: { sessions: number; seed: number; faultsPerTake?: number; types?: readonly EventType[] }): EventValidation & { takesFound: number; takesPlayed: number } {
  const types = options.types ?? EVENT_TYPES;
  const confusion = emptyConfusion();
  const injectedByType: Partial<Record<EventType, number>> = {};
  let takes = 0;
  let takesPlayed = 0;
  let notes = 0;
  let injected = 0;
  const exercises = eventExercises();
  const random = createRandom(options.seed);
  for (let session = 0; session < options.sessions; session += 1) {
    const exercise = exercises[session % exercises.length]!;
    const clean = performRepetitions(exercise, 10, healthyOptions(random, options.seed * 7919 + session));
    const { performance, faults } = injectFaults(clean, { seed: options.seed * 104_729 + session, perTake: options.faultsPerTake ?? 2, types });
    const segmentation = alignRecording(performance.notes, exercise);
    const events = segmentation.takes.flatMap((take) => detectEvents(take, performance.notes));
    score(faults, events, confusion);
    takes += segmentation.takes.length;
    takesPlayed += performance.takes.length;
    notes += performance.notes.length;
    injected += faults.length;
    for (const fault of faults) injectedByType[fault.type] = (injectedByType[fault.type] ?? 0) + 1;
  }
  return { takes, notes, injected, confusion, perType: perTypeScores(confusion, injectedByType), takesFound: takes, takesPlayed };
}

// ---------------------------------------------------------------------------------------------
// 4. A dystonia-like pattern

/** Right-hand fingers 4 and 5 late, weaker and less steady; the rest healthy. */
export const DYSTONIA_STYLES: Partial<Record<FingerKey, Partial<FingerStyle>>> = {
  'right-4': { biasMs: 18, jitterMs: 16, velocityMean: 56, velocitySd: 7 },
  'right-5': { biasMs: 25, jitterMs: 18, velocityMean: 50, velocitySd: 8 },
};

/**
 * Ten repetitions of the clinical scale (RH) by a player with the dystonia-like pattern, with a
 * co-activation planted on one finger-4/5 note in `coActivationShare` of the takes; returns the
 * takes' metrics and events so a report can show them.
 *
 * @example dystoniaSession(1).events.filter((e) => e.type === 'co-activation').length
 */
export function dystoniaSession(seed: number, repetitions = 10, coActivationShare = 0.5) {
  const exercise = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 2, bpm: 120, subdivision: 4 });
  const clean = performRepetitions(exercise, repetitions, { seed, fingers: DYSTONIA_STYLES, tempoDrift: 0.02 });
  const { performance, faults } = injectFaults(clean, { seed: seed + 1, perTake: 1, types: ['co-activation'], fingers: ['right-4', 'right-5'] });
  const random = createRandom(seed + 2);
  const kept = new Set(faults.filter(() => random.chance(coActivationShare)).map((f) => f.take));
  // Drop the co-activations of the other takes again: only some takes have one.
  const dropped = new Set<number>();
  performance.truth.forEach((truth, i) => {
    if (truth.kind === 'extra' && !kept.has(truth.take)) dropped.add(i);
  });
  const notes = performance.notes.filter((_, i) => !dropped.has(i));
  const truth = performance.truth.filter((_, i) => !dropped.has(i));
  const final: Performance = { ...performance, notes, truth };
  const takes = truthTakes(final);
  const metrics = takes.map((take) => measureTake(take, notes));
  const events = takes.flatMap((take, t) => detectEvents(take, notes, metrics[t]));
  return { takes, notes, metrics, events, coActivations: faults.filter((f) => kept.has(f.take)) };
}

// ---------------------------------------------------------------------------------------------
// Hand-made takes for unit tests

export interface HandMadeNote {
  /** null: missed. */
  readonly onsetMs: number | null;
  readonly velocity?: number;
  readonly durationMs?: number;
  readonly pitch?: number;
  readonly wrongPitch?: boolean;
}

/**
 * A take of `exercise` whose k-th expected note is played as described by notes[k] (default: on
 * the grid at `stepMs`, velocity 70, legato 15 ms into the next step), plus `extras`.
 *
 * @example handMadeTake(exercise, { stepMs: 125 }).take.matches.length === exercise.notes.length
 */
export function handMadeTake(
  exercise: Exercise,
  options: { stepMs?: number; startMs?: number; notes?: Record<number, HandMadeNote>; extras?: readonly Partial<Note>[]; span?: { from: number; to: number }; breakdown?: boolean } = {},
): { take: Take; notes: Note[] } {
  const stepMs = options.stepMs ?? 125;
  const startMs = options.startMs ?? 1000;
  const notes: Note[] = [];
  const matches: Match[] = exercise.notes.map((expected) => {
    const spec = options.notes?.[expected.index];
    const onsetMs = spec === undefined ? startMs + expected.step * stepMs : spec.onsetMs;
    if (onsetMs === null) return { expected, noteIndex: null, note: null, wrongPitch: false };
    const note: Note = {
      pitch: spec?.pitch ?? (spec?.wrongPitch ? expected.pitch + 1 : expected.pitch),
      onsetMs,
      offsetMs: onsetMs + (spec?.durationMs ?? stepMs + 15),
      velocity: spec?.velocity ?? 70,
      channel: 0,
      pedalAtOnset: false,
      unreleased: false,
    };
    notes.push(note);
    return { expected, noteIndex: notes.length - 1, note, wrongPitch: spec?.wrongPitch ?? false };
  });
  const extraNoteIndices: number[] = [];
  for (const extra of options.extras ?? []) {
    const onsetMs = extra.onsetMs ?? startMs;
    notes.push({ pitch: 60, velocity: 60, channel: 0, pedalAtOnset: false, unreleased: false, ...extra, onsetMs, offsetMs: extra.offsetMs ?? onsetMs + 100 });
    extraNoteIndices.push(notes.length - 1);
  }
  const take: Take = {
    exercise,
    startMs,
    endMs: Math.max(startMs, ...notes.map((n) => n.offsetMs).filter(Number.isFinite)),
    matches,
    extraNoteIndices,
    bpm: 60000 / stepMs / exercise.subdivision,
    ...(options.span ? { span: options.span } : {}),
    ...(options.breakdown ? { breakdown: true } : {}),
  };
  return { take, notes };
}
