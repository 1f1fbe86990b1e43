/**
 * The longitudinal simulator: months of practice sessions of one pianist, on top of the synthetic
 * performer's model (tests/support/performer.ts: per-finger bias, jitter, velocity, legato).
 *
 * Level of simulation (said plainly): 300 sessions x hundreds of pianists through MIDI, alignment
 * and metrics would take hours, so each take is simulated note by note at the level of what the
 * measurement core computes from it: every expected note of the clinical scale gets an onset
 * (grid + finger bias + jitter), a velocity and a release exactly as performer.ts draws them, each
 * run gets its own least-squares line (so a late finger drags the others early, as in the real
 * metrics), and the take summary (per finger x direction mean/SD of deviation, velocity, key-down,
 * legato; IOI SD per hand and direction; events) is computed from those notes. A smaller
 * full-MIDI check (tests/core/drift/full-midi.test.ts) runs real performances through
 * analyzeRecording instead.
 *
 * Session-to-session realism: day effects (timing looser or tighter, louder or softer, small
 * per-finger timing offsets), tempo changes within +-5 % of the pianist's habit (with timing SD
 * rising 0.8 % per 1 % tempo), fatigue within a session, occasional bad days (3 %), missed days,
 * and, for onset pianists, one finger whose bias, jitter, velocity or key-hold drifts slowly from
 * a random session on.
 */
import { CLINICAL_EXERCISE_IDS } from './longitudinal-exercises';
import type { Direction, Exercise, Finger, Hand } from '../../core/exercises/types';
import { getExercise } from '../../core/exercises/library';
import type { DriftFinger, DriftSession, DriftTake } from '../../core/drift/types';
import { HEALTHY_STYLE } from './performer';
import { createRandom } from './random';
import type { Random } from './random';

export type DriftKind = 'bias' | 'jitter' | 'velocity' | 'keyhold';

export interface Onset {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly kind: DriftKind;
  /** Session index (0-based) from which the drift grows. */
  readonly fromSession: number;
  /** Change per session: ms of bias, fraction of jitter, velocity units (negative), ms of hold. */
  readonly perSession: number;
  /** A sudden change instead of a slow one: the whole perSession from fromSession on (default false). */
  readonly step?: boolean;
}

export interface PianistOptions {
  readonly seed: number;
  readonly sessions?: number;
  readonly onset?: Onset | null;
  /** Force a bad day (all fingers worse) at these session indices; random bad days stay on unless badDayRate is 0. */
  readonly badDays?: readonly number[];
  readonly badDayRate?: number;
  readonly takesPerSession?: readonly [number, number];
  readonly startDate?: string;
  readonly device?: string;
}

export interface SimulatedPianist {
  readonly sessions: readonly DriftSession[];
  /** True shift per session of the drifting finger's affected metric (0 without onset). */
  readonly shift: readonly number[];
  readonly onset: Onset | null;
}

interface FingerModel {
  biasMs: number;
  jitterMs: number;
  velocityMean: number;
  velocitySd: number;
  legatoMs: number;
}

const HANDS: readonly Hand[] = ['right', 'left'];

/**
 * A random onset: which finger (right-hand 3-5 most often, after Jabusch & Altenmüller's
 * case series), what drifts, from when, and how fast.
 *
 * @example randomOnset(createRandom(3), 300).finger
 */
export function randomOnset(random: Random, sessions: number): Onset {
  const hand: Hand = random.chance(0.75) ? 'right' : 'left';
  const finger = random.pick<Finger>([1, 2, 3, 3, 4, 4, 4, 5, 5]);
  const kind = random.pick<DriftKind>(['bias', 'jitter', 'velocity', 'keyhold']);
  const fromSession = random.int(20, Math.max(21, sessions - 120));
  const perSession = kind === 'bias' ? random.normal(0.6, 0.15) : kind === 'jitter' ? random.normal(0.03, 0.008) : kind === 'velocity' ? -random.normal(0.5, 0.12) : random.normal(2.5, 0.6);
  return { hand, finger, kind, fromSession, perSession: kind === 'velocity' ? Math.min(-0.15, perSession) : Math.max(kind === 'jitter' ? 0.01 : 0.2, perSession) };
}

/**
 * Months of sessions of one pianist.
 *
 * @example simulatePianist({ seed: 1 }).sessions.length // => 300
 */
export function simulatePianist(options: PianistOptions): SimulatedPianist {
  const random = createRandom(options.seed);
  const count = options.sessions ?? 300;
  const exercises = CLINICAL_EXERCISE_IDS.map((id) => getExercise(id) as Exercise);
  const habitTempo = 8 * random.normal(1, 0.04);
  const fingers = new Map<string, FingerModel>();
  for (const hand of HANDS) {
    for (const finger of [1, 2, 3, 4, 5] as Finger[]) {
      fingers.set(`${hand}-${finger}`, {
        biasMs: random.normal(0, 4),
        jitterMs: HEALTHY_STYLE.jitterMs * Math.exp(random.normal(0, 0.15)),
        velocityMean: HEALTHY_STYLE.velocityMean + random.normal(0, 5),
        velocitySd: HEALTHY_STYLE.velocitySd * Math.exp(random.normal(0, 0.15)),
        legatoMs: HEALTHY_STYLE.legatoMs + random.normal(0, 5),
      });
    }
  }
  const badDays = new Set(options.badDays ?? []);
  const badRate = options.badDayRate ?? 0.03;
  const [minTakes, maxTakes] = options.takesPerSession ?? [3, 6];
  let day = Date.parse(options.startDate ?? '2026-01-05T18:00:00Z');
  const sessions: DriftSession[] = [];
  const shift: number[] = [];
  const onset = options.onset ?? null;
  for (let s = 0; s < count; s += 1) {
    // Missed days: most days practised, some gaps of up to a week.
    day += 86_400_000 * (random.chance(0.7) ? 1 : random.int(2, 7));
    const bad = badDays.has(s) || random.chance(badRate);
    const dayJitter = Math.exp(random.normal(0, 0.08)) * (bad ? 1.8 : 1);
    const dayVelocity = random.normal(0, 2.5) - (bad ? 8 : 0);
    const dayLegato = random.normal(0, 4) + (bad ? 15 : 0);
    const dayBias = new Map([...fingers.keys()].map((k) => [k, random.normal(0, 1.2) + (bad ? random.normal(0, 6) : 0)]));
    const drift = onset && s >= onset.fromSession ? (onset.step === true ? 1 : s - onset.fromSession + 1) * onset.perSession : 0;
    shift.push(onset ? (onset.kind === 'jitter' ? drift * (fingers.get(`${onset.hand}-${onset.finger}`)?.jitterMs ?? 9) : drift) : 0);
    const takes: DriftTake[] = [];
    const takeCount = random.int(minTakes, maxTakes);
    for (let t = 0; t < takeCount; t += 1) {
      for (const exercise of exercises) {
        const tempo = habitTempo * (1 + random.normal(0, 0.02) + (random.next() - 0.5) * 0.06);
        const fatigue = 1 + 0.015 * t;
        const tempoEffect = 1 + 0.8 * (tempo / habitTempo - 1);
        takes.push(
          simulateTake(exercise, tempo, random, (hand, finger) => {
            const base = fingers.get(`${hand}-${finger}`) as FingerModel;
            const drifting = onset !== null && onset.hand === hand && onset.finger === finger ? drift : 0;
            const kind = onset?.kind;
            return {
              biasMs: base.biasMs + (dayBias.get(`${hand}-${finger}`) ?? 0) + (kind === 'bias' ? drifting : 0),
              jitterMs: base.jitterMs * dayJitter * fatigue * tempoEffect * (kind === 'jitter' ? 1 + drifting : 1),
              velocityMean: base.velocityMean + dayVelocity + (kind === 'velocity' ? drifting : 0),
              velocitySd: base.velocitySd * (bad ? 1.6 : 1),
              legatoMs: base.legatoMs + dayLegato + (kind === 'keyhold' ? drifting : 0),
            };
          }),
        );
      }
    }
    sessions.push({ id: s + 1, startedAt: new Date(day + random.int(0, 3 * 3_600_000)).toISOString(), device: options.device ?? 'Digital piano', takes, minutes: takeCount * 1.5 });
  }
  return { sessions, shift, onset };
}

interface NoteSim {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly direction: Direction;
  readonly run: number;
  readonly step: number;
  readonly onset: number;
  readonly velocity: number;
  residual: number;
  duration: number;
  legato: number | null;
}

/** One take of a one-hand exercise, summarised the way measureTake + the analysis document do. */
function simulateTake(exercise: Exercise, notesPerSecond: number, random: Random, style: (hand: Hand, finger: Finger) => FingerModel): DriftTake {
  const stepMs = 1000 / notesPerSecond;
  const notes: NoteSim[] = exercise.notes.map((n) => {
    const s = style(n.hand, n.finger);
    return {
      hand: n.hand, finger: n.finger, direction: n.direction, run: n.run, step: n.step,
      onset: n.step * stepMs + s.biasMs + random.normal(0, s.jitterMs),
      velocity: Math.min(127, Math.max(1, Math.round(random.normal(s.velocityMean, s.velocitySd)))),
      residual: 0, duration: 0, legato: null,
    };
  });
  // Release as performer.ts: the next note of the hand's onset + the finger's legato.
  notes.forEach((note, i) => {
    const next = notes[i + 1];
    const s = style(note.hand, note.finger);
    const release = next ? next.onset + s.legatoMs : note.onset + stepMs * 1.5;
    note.duration = Math.max(10, release - note.onset);
    note.legato = next ? note.onset + note.duration - next.onset : null;
  });
  // One least-squares line per run (onset vs grid step), as core/metrics/line-fit.
  const runs = new Map<number, NoteSim[]>();
  for (const note of notes) runs.set(note.run, [...(runs.get(note.run) ?? []), note]);
  const hands: DriftTake['hands'][number][] = [];
  for (const run of runs.values()) {
    const n = run.length;
    const mx = run.reduce((s, v) => s + v.step, 0) / n;
    const my = run.reduce((s, v) => s + v.onset, 0) / n;
    const sxy = run.reduce((s, v) => s + (v.step - mx) * (v.onset - my), 0);
    const sxx = run.reduce((s, v) => s + (v.step - mx) ** 2, 0);
    const slope = sxx > 0 ? sxy / sxx : 0;
    for (const note of run) note.residual = note.onset - (my + slope * (note.step - mx));
    const iois = run.slice(1).map((note, i) => note.onset - (run[i] as NoteSim).onset);
    const first = run[0] as NoteSim;
    hands.push({ hand: first.hand, direction: first.direction, ioiSdMs: sd(iois), runs: 1 });
  }
  const fingersByDirection: (DriftFinger & { direction: Direction })[] = [];
  const fingers: DriftFinger[] = [];
  const events: { type: string; hand: string; finger: number }[] = [];
  for (const note of notes) {
    if (note.residual > 40) events.push({ type: 'late', hand: note.hand, finger: note.finger });
    if (note.residual < -40) events.push({ type: 'early', hand: note.hand, finger: note.finger });
    if (note.legato !== null && note.legato > 110) events.push({ type: 'stuck-key', hand: note.hand, finger: note.finger });
    if (random.chance(0.002)) events.push({ type: 'co-activation', hand: note.hand, finger: note.finger });
  }
  for (const hand of HANDS) {
    for (const finger of [1, 2, 3, 4, 5] as Finger[]) {
      const all = notes.filter((n) => n.hand === hand && n.finger === finger);
      if (all.length === 0) continue;
      const meanVelocity = all.reduce((s, v) => s + v.velocity, 0) / all.length;
      for (const note of all) if (note.velocity < meanVelocity - 18) events.push({ type: 'velocity-drop', hand, finger });
      fingers.push(summary(hand, finger, all));
      for (const direction of ['up', 'down'] as Direction[]) {
        const some = all.filter((n) => n.direction === direction);
        if (some.length > 0) fingersByDirection.push({ ...summary(hand, finger, some), direction });
      }
    }
  }
  return {
    exercise: { id: exercise.id, kind: exercise.kind, key: exercise.key, mode: exercise.mode, hands: exercise.hands, motion: exercise.motion, name: exercise.name, octaves: exercise.octaves },
    notesPerSecond, matched: notes.length, missed: 0, wrong: 0, hands, fingers, fingersByDirection, events,
  };
}

function summary(hand: Hand, finger: Finger, notes: readonly NoteSim[]): DriftFinger {
  const velocities = notes.map((n) => n.velocity);
  const velocityMean = mean(velocities);
  const legatos = notes.flatMap((n) => (n.legato === null ? [] : [n.legato]));
  return {
    hand, finger, count: notes.length,
    onsetDeviationMs: { mean: mean(notes.map((n) => n.residual)), sd: sd(notes.map((n) => n.residual)) },
    velocity: { mean: velocityMean, sd: sd(velocities), cv: velocityMean > 0 ? sd(velocities) / velocityMean : 0 },
    durationMs: { mean: mean(notes.map((n) => n.duration)), sd: sd(notes.map((n) => n.duration)) },
    legatoOverlapMs: legatos.length > 0 ? { mean: mean(legatos), sd: sd(legatos) } : null,
  };
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}
