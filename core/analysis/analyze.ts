/**
 * The analysis pipeline, one way: raw MIDI messages -> notes -> takes (aligned to exercises) ->
 * per-finger metrics and loss-of-control events -> one `evenkeys.analysis/1` document. The CLI,
 * the store (derived tables, reanalyse) and the app all call this, so a recording always gives
 * the same numbers wherever it is analysed.
 */
import { alignRecording } from '../align/recording';
import { recognize } from '../align/recognize';
import type { Segmentation, Take } from '../align/types';
import type { AnalysisDocument, AnalysisFinger, AnalysisNote, AnalysisTake } from '../api/analysis';
import { ANALYSIS_SCHEMA_ID, MIN_SPREAD_COUNT } from '../api/analysis';
import { detectEvents } from '../events/detect';
import type { ControlEvent } from '../events/types';
import { getExercise } from '../exercises/library';
import type { Exercise } from '../exercises/types';
import { measureTake } from '../metrics/measure';
import { compareRepetitions } from '../metrics/repetitions';
import type { FingerMetrics, TakeMetrics } from '../metrics/types';
import { notesFromMessages } from '../midi/notes';
import type { AssemblyStats, Note, RawMidiMessage } from '../midi/types';

export interface AnalyzeOptions {
  /** Name shown as `source.file`. */
  readonly file: string;
  /** 'auto' (default) recognises exercises; an exercise id forces that exercise. */
  readonly exercise?: string;
  /** Include the per-note list (`notes`). */
  readonly includeNotes?: boolean;
  /** CC64 value at or above which the sustain pedal counts as down (default 64). */
  readonly pedalThreshold?: number;
}

export interface AnalyzeInput extends AnalyzeOptions {
  readonly messages: readonly RawMidiMessage[];
}

/** A take with everything measured about it, before it is turned into the JSON document. */
export interface MeasuredTake {
  readonly take: Take;
  readonly metrics: TakeMetrics;
  readonly events: readonly ControlEvent[];
}

/** The full result: the document plus the in-memory objects behind it. */
export interface Analysis {
  readonly document: AnalysisDocument;
  readonly notes: readonly Note[];
  readonly segmentation: Segmentation;
  readonly takes: readonly MeasuredTake[];
}

/** The requested exercise id matches nothing in the library. */
export class UnknownExerciseError extends Error {
  override readonly name = 'UnknownExerciseError';
  constructor(readonly exerciseId: string) {
    super(`unknown exercise '${exerciseId}' (evenkeys exercises lists the ids)`);
  }
}

/**
 * Analyses a recording given as raw MIDI messages.
 *
 * @example
 * const doc = analyzeRecording({ messages: readSmf(bytes).messages, file: 'warmup.mid' });
 * doc.takes[0]?.exercise.id // 'scale-c-major-rh-2oct'
 */
export function analyzeRecording(input: AnalyzeInput): AnalysisDocument {
  return analyze(input).document;
}

/**
 * Like analyzeRecording, but also returns the notes, takes, metrics and events behind the document.
 *
 * @example analyze({ messages, file: 'a.mid' }).takes[0]?.metrics.unevennessMs
 */
export function analyze(input: AnalyzeInput): Analysis {
  const exercise = resolveExercise(input.exercise);
  const decodeOptions = input.pedalThreshold === undefined ? undefined : { pedalThreshold: input.pedalThreshold };
  const { notes, stats } = notesFromMessages(input.messages, decodeOptions);
  const segmentation = exercise ? alignRecording(notes, exercise) : recognize(notes);
  const takes = segmentation.takes.map((take): MeasuredTake => {
    const metrics = measureTake(take, notes);
    return { take, metrics, events: detectEvents(take, notes, metrics) };
  });
  const document: AnalysisDocument = {
    schema: ANALYSIS_SCHEMA_ID,
    source: {
      file: input.file,
      notes: notes.length,
      durationMs: messageSpanMs(input.messages),
      ...sourceRepairs(stats),
    },
    takes: takes.map(takeDocument),
    freePlay: segmentation.freePlay.map((segment) => ({
      startMs: segment.startMs,
      endMs: segment.endMs,
      notes: segment.noteIndices.length,
    })),
    repetitions: compareRepetitions(
      segmentation.takes,
      takes.map(({ metrics }) => metrics.notes.map((m) => m.deviationMs)),
    )
      // A repetition with no position measured in two takes says nothing: not reported.
      .filter((comparison) => comparison.takes >= 2 && comparison.hands.some((hand) => hand.positions > 0))
      .map((comparison) => ({
        exerciseId: comparison.exerciseId,
        takes: comparison.takes,
        hands: comparison.hands.filter((hand) => hand.positions > 0).map((hand) => ({ ...hand })),
        positions: comparison.positions.map((position) => ({ ...position })),
      })),
    ...(input.includeNotes ? { notes: noteDocuments(notes, takes) } : {}),
  };
  return { document, notes, segmentation, takes };
}

function resolveExercise(id: string | undefined): Exercise | null {
  if (id === undefined || id === 'auto') return null;
  const exercise = getExercise(id);
  if (!exercise) throw new UnknownExerciseError(id);
  return exercise;
}

function sourceRepairs(stats: AssemblyStats) {
  return {
    pedalEvents: stats.pedalEvents,
    outOfOrder: stats.outOfOrder,
    retriggers: stats.retriggers,
    orphanNoteOffs: stats.orphanNoteOffs,
    unreleased: stats.unreleased,
  };
}

/** Time from the first to the last message (0 for fewer than two). */
function messageSpanMs(messages: readonly RawMidiMessage[]): number {
  let first = Infinity;
  let last = -Infinity;
  for (const message of messages) {
    if (!Number.isFinite(message.timeMs)) continue;
    if (message.timeMs < first) first = message.timeMs;
    if (message.timeMs > last) last = message.timeMs;
  }
  return last > first ? last - first : 0;
}

function takeDocument({ take, metrics, events }: MeasuredTake): AnalysisTake {
  const { exercise } = take;
  let missed = 0;
  let wrong = 0;
  let matched = 0;
  take.matches.forEach((match, i) => {
    if (match.note === null) {
      // Notes after a breakdown the player never reached are not "missed".
      if (metrics.notes[i]?.reached ?? true) missed += 1;
    } else if (match.wrongPitch) wrong += 1;
    else matched += 1;
  });
  return {
    exercise: {
      id: exercise.id,
      kind: exercise.kind,
      key: exercise.key,
      mode: exercise.mode,
      hands: exercise.hands,
      octaves: exercise.octaves,
      motion: exercise.motion,
      name: exercise.name,
    },
    startMs: take.startMs,
    endMs: take.endMs,
    bpm: take.bpm,
    // One hand's notes per second at the fitted tempo: the clinical protocol's "8 notes/s".
    notesPerSecond: (take.bpm * exercise.subdivision) / 60,
    matched,
    missed,
    wrong,
    extra: take.extraNoteIndices.length,
    unevennessMs: metrics.unevennessMs,
    hands: metrics.hands.map((hand) => ({
      hand: hand.hand,
      direction: hand.direction,
      ioiSdMs: hand.ioiSdMs,
      runs: hand.runs,
    })),
    fingers: metrics.fingers.filter((finger) => finger.direction === 'all' && finger.count > 0).map(fingerDocument),
    fingersByDirection: metrics.fingers.flatMap((finger) =>
      finger.direction === 'all' || finger.count === 0 ? [] : [{ ...fingerDocument(finger), direction: finger.direction }],
    ),
    events: events.map((event) => ({
      type: event.type,
      timeMs: event.timeMs,
      hand: event.hand,
      finger: event.finger,
      severity: event.severity,
      detail: event.detail,
      evidence: { ...event.evidence },
    })),
  };
}

function fingerDocument(finger: FingerMetrics): AnalysisFinger {
  return {
    hand: finger.hand,
    finger: finger.finger,
    count: finger.count,
    // Below MIN_SPREAD_COUNT values a spread is not a measurement: null, never 0.
    onsetDeviationMs: { mean: finger.onsetDeviationMs.mean, sd: finger.onsetDeviationMs.count >= MIN_SPREAD_COUNT ? finger.onsetDeviationMs.sd : null },
    velocity: {
      mean: finger.velocity.mean,
      sd: finger.velocity.count >= MIN_SPREAD_COUNT ? finger.velocity.sd : null,
      cv: finger.velocity.count >= MIN_SPREAD_COUNT ? finger.velocity.cv : null,
    },
    durationMs: { mean: finger.durationMs.mean },
    legatoOverlapMs: { mean: finger.legatoOverlapMs.mean },
  };
}

function noteDocuments(notes: readonly Note[], takes: readonly MeasuredTake[]): AnalysisNote[] {
  const documents: AnalysisNote[] = notes.map((note) => ({
    timeMs: note.onsetMs,
    pitch: note.pitch,
    velocity: note.velocity,
    durationMs: note.offsetMs - note.onsetMs,
    channel: note.channel,
    pedal: note.pedalAtOnset,
    hand: null,
    finger: null,
    take: null,
    deviationMs: null,
    role: 'free',
  }));
  takes.forEach(({ take, metrics }, takeIndex) => {
    for (const measure of metrics.notes) {
      if (measure.noteIndex === null) continue;
      const document = documents[measure.noteIndex];
      if (!document) continue;
      documents[measure.noteIndex] = {
        ...document,
        hand: measure.hand,
        finger: measure.finger,
        take: takeIndex,
        deviationMs: measure.deviationMs,
        role: measure.correct ? 'matched' : 'wrong',
      };
    }
    for (const noteIndex of take.extraNoteIndices) {
      const document = documents[noteIndex];
      if (document) documents[noteIndex] = { ...document, take: takeIndex, role: 'extra' };
    }
  });
  return documents;
}
