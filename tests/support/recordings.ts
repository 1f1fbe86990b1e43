/**
 * Recordings of several exercises played one after another, for recognition tests and the
 * alignment and metrics benches: each exercise performed by the synthetic performer (one or more
 * repetitions), separated by pauses, optionally with the sustain pedal and with mistakes.
 */
import { listExercises } from '../../core/exercises';
import type { Exercise } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import { corrupt, performRepetitions } from './performer';
import type { Corruption, NoteTruth } from './performer';
import { createRandom } from './random';

/** One exercise as it was played in the recording. */
export interface RecordedSegment {
  readonly exercise: Exercise;
  readonly repetitions: number;
  readonly bpm: number;
  readonly startMs: number;
  readonly endMs: number;
}

export interface MixedRecording {
  /** All notes, sorted by onset. */
  readonly notes: readonly Note[];
  /** Per note: the performer's truth plus which segment it belongs to. */
  readonly truth: readonly (NoteTruth & { readonly segment: number })[];
  readonly segments: readonly RecordedSegment[];
  readonly durationMs: number;
}

export interface MixedRecordingOptions {
  readonly seed: number;
  /** Tempo per segment, picked at random from this list (bpm). */
  readonly tempos?: readonly number[];
  /** Pause between segments (ms), picked uniformly in [min, max]. */
  readonly pauseMs?: readonly [number, number];
  /** Repetitions per segment, picked uniformly in [min, max]. */
  readonly repetitions?: readonly [number, number];
  /** Wrong, missed and extra note rates (no mistakes when absent). */
  readonly mistakes?: Omit<Corruption, 'seed'>;
  /** Hold the sustain pedal through each repetition (pedalAtOnset true, lifted between runs). */
  readonly pedal?: boolean;
  readonly startMs?: number;
}

/**
 * Plays the given exercises one after another.
 *
 * @example buildMixedRecording([scaleA, arpeggioB], { seed: 1, pedal: true }).segments.length // 2
 */
export function buildMixedRecording(exercises: readonly Exercise[], options: MixedRecordingOptions): MixedRecording {
  const random = createRandom(options.seed);
  const tempos = options.tempos ?? [72, 84, 96, 108, 120];
  const [pauseLow, pauseHigh] = options.pauseMs ?? [2000, 4000];
  const [repLow, repHigh] = options.repetitions ?? [1, 1];
  const notes: { note: Note; truth: NoteTruth & { segment: number } }[] = [];
  const segments: RecordedSegment[] = [];
  let startMs = options.startMs ?? 1000;
  exercises.forEach((exercise, segment) => {
    const bpm = random.pick(tempos);
    const repetitions = random.int(repLow, repHigh);
    let performance = performRepetitions(
      exercise,
      repetitions,
      { seed: random.int(1, 1 << 30), bpm, startMs, tempoDrift: random.pick([-0.04, 0, 0.04]), style: { velocitySd: 6 } },
      random.int(pauseLow, pauseHigh),
    );
    if (options.mistakes) performance = corrupt(performance, { seed: random.int(1, 1 << 30), ...options.mistakes });
    let endMs = startMs;
    performance.notes.forEach((note, i) => {
      const truth = performance.truth[i];
      if (!truth) return;
      notes.push({ note: options.pedal ? { ...note, pedalAtOnset: true } : note, truth: { ...truth, segment } });
      endMs = Math.max(endMs, note.offsetMs);
    });
    segments.push({ exercise, repetitions, bpm, startMs, endMs });
    startMs = endMs + random.int(pauseLow, pauseHigh);
  });
  notes.sort((a, b) => a.note.onsetMs - b.note.onsetMs);
  return {
    notes: notes.map((entry) => entry.note),
    truth: notes.map((entry) => entry.truth),
    segments,
    durationMs: startMs,
  };
}

/**
 * A practice session of about `targetNotes` notes: exercises drawn at random from the whole
 * catalogue (every kind, one hand and both), 1-3 repetitions each, with pauses, pedal and a few
 * mistakes. About 30,000 notes make an hour.
 *
 * @example buildSessionRecording(30_000, 7).notes.length // ~30,000
 */
export function buildSessionRecording(targetNotes: number, seed: number): MixedRecording {
  const random = createRandom(seed);
  const catalogue = listExercises().filter((exercise) => exercise.kind !== 'clinical-scale');
  const chosen: Exercise[] = [];
  let expected = 0;
  while (expected < targetNotes) {
    const exercise = random.pick(catalogue);
    chosen.push(exercise);
    expected += exercise.notes.length * 2;
  }
  return buildMixedRecording(chosen, {
    seed: random.int(1, 1 << 30),
    repetitions: [1, 3],
    tempos: [108, 120, 132, 144, 160],
    pauseMs: [1100, 1400],
    pedal: true,
    mistakes: { wrong: 0.02, missed: 0.02, extra: 0.02 },
  });
}
