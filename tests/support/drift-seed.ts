/**
 * Seeds a store with a pianist's practice history played by the synthetic performer through the
 * real pipeline (raw MIDI -> store -> analysis), optionally with one finger drifting late from a
 * given session on. Used by the CLI, store and browser tests of drift and by the History bench.
 */
import { getExercise } from '../../core/exercises/library';
import type { Finger, Hand } from '../../core/exercises/types';
import { messagesFromNotes } from '../../core/midi/smf';
import type { Store } from '../../electron/store/index';
import { performRepetitions } from './performer';
import { createRandom } from './random';

export interface SeedOptions {
  readonly profile: string;
  readonly sessions: number;
  readonly seed: number;
  /** One finger drifting late: ms per session from session `from` (0-based) on. */
  readonly drift?: { readonly hand: Hand; readonly finger: Finger; readonly from: number; readonly msPerSession: number };
  readonly repetitions?: number;
  readonly device?: string;
  readonly startDate?: string;
}

/**
 * @example await seedDriftHistory(store, { profile: 'Ana', sessions: 24, seed: 1, drift: { hand: 'right', finger: 4, from: 12, msPerSession: 2 } })
 */
export function seedDriftHistory(store: Store, options: SeedOptions): { profileId: number; sessionIds: number[] } {
  const exercise = getExercise('clinical-scale-rh');
  if (!exercise) throw new Error('clinical-scale-rh missing');
  const profile = store.ensureProfile(options.profile);
  const random = createRandom(options.seed);
  const ids: number[] = [];
  let day = Date.parse(options.startDate ?? '2026-09-01T17:00:00Z');
  for (let s = 0; s < options.sessions; s += 1) {
    day += 86_400_000 * (random.chance(0.8) ? 1 : 2);
    const drift = options.drift && s >= options.drift.from ? (s - options.drift.from + 1) * options.drift.msPerSession : 0;
    const key = options.drift ? (`${options.drift.hand}-${options.drift.finger}` as const) : null;
    const performance = performRepetitions(exercise, options.repetitions ?? 3, {
      seed: options.seed * 1000 + s,
      bpm: exercise.bpm * (1 + (random.next() - 0.5) * 0.06),
      style: { jitterMs: 8 * Math.exp(random.normal(0, 0.08)), velocityMean: 72 + random.normal(0, 2) },
      ...(key ? { fingers: { [key]: { biasMs: drift } } } : {}),
    });
    const startedAt = new Date(day);
    // Recorded for the clinical preset, as the practice screen does: the exercise (and so the hand)
    // is stated, not guessed (a recognised one-hand take is hand-uncertain and feeds no series).
    const writer = store.startRecording({ profileId: profile.id, startedAt, device: { name: options.device ?? 'Stage Piano' }, exerciseId: exercise.id });
    for (const message of messagesFromNotes(performance.notes)) writer.push(message);
    const durationMs = (performance.notes.at(-1)?.offsetMs ?? 0) + 60_000 * (10 + random.int(0, 20));
    writer.close('complete', new Date(day + durationMs));
    ids.push(writer.sessionId);
  }
  return { profileId: profile.id, sessionIds: ids };
}
