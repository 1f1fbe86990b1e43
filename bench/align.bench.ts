/**
 * Alignment and recognition throughput on a practice session of mixed exercises (~30,000 notes,
 * about an hour), and how time and work grow with the length of the recording: time(4n)/time(n)
 * and cells(4n)/cells(n) should be about 4 (linear cost). The wall-clock ratio is noisy on a
 * shared machine; the cell count is exact.
 */
import { alignRecording } from '../core/align/recording';
import { recognize } from '../core/align/recognize';
import { alignmentWork, resetAlignmentWork } from '../core/align/work';
import type { Note } from '../core/midi/types';
import { buildSessionRecording } from '../tests/support/recordings';
import type { MixedRecording } from '../tests/support/recordings';

export const title = 'Alignment and recognition of a 60-minute session';

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

/** Time (ms, best of the runs) and work (DP cells, identical every run) of one task. */
function measure(runs: number[], work: () => void): { ms: number; cells: number } {
  resetAlignmentWork();
  const started = performance.now();
  work();
  runs.push(performance.now() - started);
  return { ms: Math.min(...runs), cells: alignmentWork() };
}

export async function run(): Promise<Record<string, number | string>> {
  const session = buildSessionRecording(30_000, 7);
  const quarter = firstSegments(session, Math.round(session.segments.length / 4));
  const notes = session.notes.length;
  const trueTakes = session.segments.reduce((sum, segment) => sum + segment.repetitions, 0);

  // Interleaved rounds, best time of each: other work on the machine hits all four alike.
  const times = { align: [] as number[], recognize: [] as number[], alignQuarter: [] as number[], recognizeQuarter: [] as number[] };
  let forcedTakes = 0;
  let recognised = recognize(session.notes);
  let align = { ms: 0, cells: 0 };
  let recognition = { ms: 0, cells: 0 };
  let alignQuarter = { ms: 0, cells: 0 };
  let recognitionQuarter = { ms: 0, cells: 0 };
  for (let round = 0; round < 5; round += 1) {
    alignQuarter = measure(times.alignQuarter, () => alignKnown(quarter));
    align = measure(times.align, () => {
      forcedTakes = alignKnown(session);
    });
    recognitionQuarter = measure(times.recognizeQuarter, () => recognize(quarter.notes));
    recognition = measure(times.recognize, () => {
      recognised = recognize(session.notes);
    });
  }
  // Ratios for 4x the notes, normalised to exactly 4x (a quarter of the exercises is not exactly
  // a quarter of the notes).
  const scale = (4 * quarter.notes.length) / notes;

  return {
    alignSessionNotes: notes,
    alignSessionMinutes: Number((session.durationMs / 60_000).toFixed(1)),
    alignSessionTakes: trueTakes,
    alignForcedMs: align.ms,
    alignForcedNotesPerSec: (notes / align.ms) * 1000,
    alignForcedTakesFound: forcedTakes,
    recognizeMs: recognition.ms,
    recognizeNotesPerSec: (notes / recognition.ms) * 1000,
    recognizeTakesFound: recognised.takes.length,
    recognizeTakesRightExercise: recognitionHits(session, recognised.takes),
    recognizeFreePlayNotes: recognised.freePlay.reduce((sum, segment) => sum + segment.noteIndices.length, 0),
    alignQuarterNotes: quarter.notes.length,
    alignTimeRatio4n: (align.ms / alignQuarter.ms) * scale,
    recognizeTimeRatio4n: (recognition.ms / recognitionQuarter.ms) * scale,
    // Cells of dynamic programming: the same on every machine and under any load.
    alignWorkCellsPerNote: align.cells / notes,
    alignWorkRatio4n: (align.cells / alignQuarter.cells) * scale,
    recognizeWorkCellsPerNote: recognition.cells / notes,
    recognizeWorkRatio4n: (recognition.cells / recognitionQuarter.cells) * scale,
  };
}
