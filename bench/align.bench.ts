/**
 * Alignment and recognition throughput on a practice session of mixed exercises (~30,000 notes,
 * about an hour), and how the time grows with the length of the recording: time(4n)/time(n)
 * should be about 4 (linear cost).
 */
import { alignRecording } from '../core/align/recording';
import { recognize } from '../core/align/recognize';
import type { Note } from '../core/midi/types';
import { buildSessionRecording } from '../tests/support/recordings';
import type { MixedRecording } from '../tests/support/recordings';

export const title = 'Alignment and recognition of a 60-minute session';

/** Best of `runs` wall-clock times (ms): the least disturbed by other work on the machine. */
function bestTime(runs: number, work: () => void): number {
  let best = Infinity;
  for (let r = 0; r < runs; r += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Forced alignment: each exercise's notes aligned to the exercise the player chose. */
function alignKnown(recording: MixedRecording): number {
  const bySegment = new Map<number, Note[]>();
  recording.notes.forEach((note, i) => {
    const segment = recording.truth[i]?.segment ?? 0;
    const list = bySegment.get(segment) ?? [];
    list.push(note);
    bySegment.set(segment, list);
  });
  let takes = 0;
  for (const [segment, notes] of bySegment) {
    const exercise = recording.segments[segment]?.exercise;
    if (exercise) takes += alignRecording(notes, exercise).takes.length;
  }
  return takes;
}

/** Share of recognised takes whose exercise is the one really played. */
function recognitionHits(recording: MixedRecording, takes: ReturnType<typeof recognize>['takes']): number {
  let right = 0;
  for (const take of takes) {
    const first = take.matches.find((match) => match.noteIndex !== null)?.noteIndex;
    const segment = first === undefined || first === null ? undefined : recording.truth[first]?.segment;
    if (segment !== undefined && recording.segments[segment]?.exercise.id === take.exercise.id) right += 1;
  }
  return right;
}

/** The same session cut after its first `count` exercises: the same mix, a quarter of the length. */
function firstSegments(recording: MixedRecording, count: number): MixedRecording {
  const keep = recording.truth.map((truth) => truth.segment < count);
  return {
    notes: recording.notes.filter((_, i) => keep[i]),
    truth: recording.truth.filter((_, i) => keep[i]),
    segments: recording.segments.slice(0, count),
    durationMs: recording.segments[count - 1]?.endMs ?? 0,
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const session = buildSessionRecording(30_000, 7);
  const quarter = firstSegments(session, Math.round(session.segments.length / 4));
  const notes = session.notes.length;
  const trueTakes = session.segments.reduce((sum, segment) => sum + segment.repetitions, 0);

  let forcedTakes = 0;
  const alignMs = bestTime(3, () => {
    forcedTakes = alignKnown(session);
  });
  let recognised = recognize(session.notes);
  const recognizeMs = bestTime(3, () => {
    recognised = recognize(session.notes);
  });
  const quarterAlignMs = bestTime(5, () => alignKnown(quarter));
  const quarterRecognizeMs = bestTime(5, () => recognize(quarter.notes));
  const alignPerNoteRatio = alignMs / notes / (quarterAlignMs / quarter.notes.length);
  const recognizePerNoteRatio = recognizeMs / notes / (quarterRecognizeMs / quarter.notes.length);

  return {
    alignSessionNotes: notes,
    alignSessionMinutes: Number((session.durationMs / 60_000).toFixed(1)),
    alignSessionTakes: trueTakes,
    alignForcedMs: alignMs,
    alignForcedNotesPerSec: (notes / alignMs) * 1000,
    alignForcedTakesFound: forcedTakes,
    recognizeMs,
    recognizeNotesPerSec: (notes / recognizeMs) * 1000,
    recognizeTakesFound: recognised.takes.length,
    recognizeTakesRightExercise: recognitionHits(session, recognised.takes),
    recognizeFreePlayNotes: recognised.freePlay.reduce((sum, segment) => sum + segment.noteIndices.length, 0),
    alignQuarterNotes: quarter.notes.length,
    // Time ratio for 4x the notes, normalised to exactly 4x (a quarter of the exercises is not
    // exactly a quarter of the notes).
    alignTimeRatio4n: 4 * alignPerNoteRatio,
    recognizeTimeRatio4n: 4 * recognizePerNoteRatio,
  };
}
