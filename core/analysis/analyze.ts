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
import { getExercise, listExercises } from '../exercises/library';
import { withFingering } from '../exercises/own-fingering';
import type { Exercise, Hand } from '../exercises/types';
import { describeFreePlay } from '../fingering/document';
import { handSpanSemitones } from '../fingering/fingers';
import type { FreePlayDescription } from '../fingering/document';
import type { FreePlayNoteEstimate } from '../fingering/free-play';
import { applyHandCorrections, takeConfidence, withForcedHand } from './confidence';
import type { HandCorrection } from './confidence';
import { withHandHistory } from './hand-prior';
import type { HandPrior } from './hand-prior';
import { measureTake } from '../metrics/measure';
import { compareRepetitions } from '../metrics/repetitions';
import type { FingerMetrics, TakeMetrics } from '../metrics/types';
import { clockFaults } from '../midi/clock';
import type { ClockFault } from '../midi/clock';
import { notesFromMessages } from '../midi/notes';
import type { AssemblyStats, Note, RawMidiMessage } from '../midi/types';
import { eventsOutsideGaps, gapsInTake, overlapsGap, takeClockFaults, TIMING_EVENT_TYPES, validGaps } from './input-faults';
import type { DeviceGapSpan } from './input-faults';

export interface AnalyzeOptions extends InputFaultOptions {
  /** Name shown as `source.file`. */
  readonly file: string;
  /** 'auto' (default) recognises exercises; an exercise id forces that exercise. */
  readonly exercise?: string;
  /** Include the per-note list (`notes`). */
  readonly includeNotes?: boolean;
  /** CC64 value at or above which the sustain pedal counts as down (default 64). */
  readonly pedalThreshold?: number;
  /**
   * Exercises beyond the library (imported scores, from the database being used): found by id
   * (exactly as stored, before the library) and searched by recognition with the library's.
   */
  readonly exercises?: readonly Exercise[];
  /** The pianist's own fingerings; each replaces that hand's fingers of that exercise. */
  readonly fingerings?: readonly OwnFingering[];
  /** Whose fingerings these are (shown in the report). */
  readonly profile?: string;
  /** The pianist's hand span in cm (profile; optional): scales the free-play fingering estimator's span table. */
  readonly handSpanCm?: number;
}

/** A pianist's own fingering of one hand of one exercise: one finger (1-5) per note, in order. */
export interface OwnFingering {
  readonly exerciseId: string;
  readonly hand: Hand;
  readonly fingers: readonly number[];
}

/** Options of issue 11: the input's faults. */
export interface InputFaultOptions {
  /**
   * When the keyboard was away (the store's device_gaps, on the messages' clock): notes held at a
   * disconnect close there, stops inside a gap are charged to no finger, takes are marked.
   */
  readonly deviceGaps?: readonly DeviceGapSpan[];
  /** Warnings from reading the input (readSmf's), shown first in `source.warnings`. */
  readonly inputWarnings?: readonly string[];
  /** The hand that played the one-hand exercises, when the player says so (analyze --hand). */
  readonly hand?: Hand;
  /** Hands the pianist corrected afterwards, per take (`takes set-hand`; see confidence.ts). */
  readonly handCorrections?: readonly HandCorrection[];
  /**
   * The pianist's hand history (their sessions before this one: `handPriorOf`, hand-prior.ts):
   * weighs in on the takes whose hand the notes left uncertain. Absent for a file (no history).
   */
  readonly handPrior?: HandPrior;
}

export interface AnalyzeInput extends AnalyzeOptions {
  readonly messages: readonly RawMidiMessage[];
}

/** A take with everything measured about it, before it is turned into the JSON document. */
export interface MeasuredTake {
  readonly take: Take;
  readonly metrics: TakeMetrics;
  readonly events: readonly ControlEvent[];
  /** The clock cannot be trusted for this take: no timing numbers, no timing events. */
  readonly clockFaults: readonly ClockFault[];
  /** Device gaps between the take's first note and the note after its last. */
  readonly deviceGaps: readonly DeviceGapSpan[];
}

/** The full result: the document plus the in-memory objects behind it. */
export interface Analysis {
  readonly document: AnalysisDocument;
  readonly notes: readonly Note[];
  readonly segmentation: Segmentation;
  readonly takes: readonly MeasuredTake[];
  /** Free play with its estimates and figures (per-finger `FreePlayFingerFigures` for a free-play drift series). */
  readonly freePlay: FreePlayDescription;
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
  const fingered = (exercise: Exercise): Exercise => applyOwnFingerings(exercise, input.fingerings ?? [], input.profile);
  const forced = resolveExercise(input.exercise, input.exercises ?? []);
  const exercise = forced === null ? null : fingered(forced);
  const decodeOptions = input.pedalThreshold === undefined ? undefined : { pedalThreshold: input.pedalThreshold };
  const gaps = validGaps(input.deviceGaps);
  const { notes, stats, heldAtClose } = notesFromMessages(input.messages, decodeOptions, gaps.map((gap) => gap.startMs));
  const recordingFaults = clockFaults(notes, input.messages);
  const extended = (input.exercises?.length ?? 0) > 0 || (input.fingerings?.length ?? 0) > 0;
  // Only a different catalogue is passed on, so plain analyses keep recognition's own default.
  const catalogue = extended ? [...listExercises().filter((e) => e.kind !== 'clinical-scale'), ...(input.exercises ?? [])].map(fingered) : undefined;
  const found = exercise
    ? withForcedHand(alignRecording(notes, exercise), exercise, input.hand)
    : recognize(notes, {
        ...(catalogue ? { catalogue } : {}),
        ...(input.hand ? { hand: input.hand } : {}),
        ...(gaps.length > 0 ? { deviceGaps: gaps } : {}),
        // Onsets that carry no time still carry the order of the notes: recognise from that.
        ...(recordingFaults.some((fault) => fault.kind === 'not-advancing') ? { untimed: true } : {}),
      });
  // Twins for a changed hand come from the catalogue recognition searched (own fingerings).
  const handCatalogue = exercise === null && catalogue ? catalogue : listExercises();
  const corrected = applyHandCorrections(found, input.handCorrections ?? [], handCatalogue);
  // Corrections first: a corrected take is certain, and the history only weighs in on the rest.
  const segmentation = input.handPrior ? withHandHistory(corrected, input.handPrior, handCatalogue) : corrected;
  const takes = segmentation.takes.map((take): MeasuredTake => {
    const metrics = measureTake(take, notes);
    const faults = takeClockFaults(take, notes, recordingFaults);
    const takeGaps = gapsInTake(take, notes, gaps);
    let events = detectEvents(take, notes, metrics);
    if (faults.length > 0) events = events.filter((event) => !TIMING_EVENT_TYPES.has(event.type));
    events = eventsOutsideGaps(events, notes, takeGaps).kept;
    return { take, metrics, events, clockFaults: faults, deviceGaps: takeGaps };
  });
  const timed = takes.filter((measured) => measured.clockFaults.length === 0);
  const warnings = [...(input.inputWarnings ?? []), ...recordingFaults.map((fault) => fault.message), ...gaps.map(gapSentence)];
  // Free play = the notes outside every take: hands and fingers estimated (core/fingering).
  const freePlay = describeFreePlay(notes, segmentation.freePlay, input.handSpanCm ? { handSpan: handSpanSemitones(input.handSpanCm) } : undefined);
  const document: AnalysisDocument = {
    schema: ANALYSIS_SCHEMA_ID,
    source: {
      file: input.file,
      notes: notes.length,
      durationMs: messageSpanMs(input.messages),
      ...sourceRepairs(stats),
      warnings,
      ...(gaps.length > 0 ? { deviceGaps: gaps.map((gap, i) => ({ startMs: gap.startMs, endMs: gap.endMs, heldNotes: heldAtClose[i] ?? 0 })) } : {}),
    },
    takes: takes.map((measured) => takeDocument(measured, input.hand)),
    freePlay: freePlay.segments,
    // Takes without trustworthy timing have no deviations to compare.
    repetitions: compareRepetitions(
      timed.map(({ take }) => take),
      timed.map(({ metrics }) => metrics.notes.map((m) => m.deviationMs)),
    )
      // A repetition with no position measured in two takes says nothing: not reported.
      .filter((comparison) => comparison.takes >= 2 && comparison.hands.some((hand) => hand.positions > 0))
      .map((comparison) => ({
        exerciseId: comparison.exerciseId,
        takes: comparison.takes,
        ...(comparison.exerciseHands ? { exerciseHands: comparison.exerciseHands } : {}),
        ...(comparison.tempoBand ? { tempoBand: comparison.tempoBand } : {}),
        hands: comparison.hands.filter((hand) => hand.positions > 0).map((hand) => ({ ...hand })),
        positions: comparison.positions.map((position) => ({ ...position })),
      })),
    ...(input.includeNotes ? { notes: noteDocuments(notes, takes, freePlay.estimates) } : {}),
  };
  return { document, notes, segmentation, takes, freePlay };
}

function gapSentence(gap: DeviceGapSpan): string {
  const at = (gap.startMs / 1000).toFixed(1);
  return gap.endMs === null
    ? `The keyboard went away at ${at} s and did not come back; nothing after that is the pianist's.`
    : `The keyboard was away for ${((gap.endMs - gap.startMs) / 1000).toFixed(1)} s from ${at} s; stops there are not the pianist's.`;
}

function resolveExercise(id: string | undefined, extra: readonly Exercise[]): Exercise | null {
  if (id === undefined || id === 'auto') return null;
  const exercise = extra.find((candidate) => candidate.id === id) ?? getExercise(id);
  if (!exercise) throw new UnknownExerciseError(id);
  return exercise;
}

/**
 * The exercise with the pianist's own fingering of each hand they set one for (others as given).
 * Throws FingeringCountError when a stored fingering no longer fits the exercise's notes.
 *
 * @example applyOwnFingerings(getExercise('scale-bb-major-rh-1oct')!, [{ exerciseId: 'scale-bb-major-rh-1oct', hand: 'right', fingers }], 'Ana').fingering?.right // 'own'
 */
export function applyOwnFingerings(exercise: Exercise, fingerings: readonly OwnFingering[], profile?: string): Exercise {
  let result = exercise;
  for (const own of fingerings) {
    if (own.exerciseId !== exercise.id) continue;
    result = withFingering(result, own.hand, own.fingers, { fingering: 'own', ...(profile === undefined ? {} : { profile }) });
  }
  return result;
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

function takeDocument({ take, metrics, events, clockFaults: faults, deviceGaps }: MeasuredTake, givenHand: Hand | undefined): AnalysisTake {
  const unmarkedOnsets = new Set<string>();
  for (const match of take.matches) {
    if (match.expected.fingered === false && match.note !== null) unmarkedOnsets.add(`${match.expected.hand}|${match.note.onsetMs}`);
  }
  const { exercise } = take;
  const timing = faults.length === 0;
  // No tempo can be fitted when time does not move forward.
  const tempo = faults.some((fault) => fault.kind !== 'coarse') || !Number.isFinite(take.bpm) ? null : take.bpm;
  let missed = 0;
  let wrong = 0;
  let matched = 0;
  take.matches.forEach((match, i) => {
    if (match.note === null) {
      const measure = metrics.notes[i];
      // Notes after a breakdown the player never reached are not "missed"; nor are notes due
      // while the keyboard was away (they may have been played and never arrived).
      const due = measure?.predictedOnsetMs;
      const inGap = due !== null && due !== undefined && deviceGaps.some((gap) => overlapsGap(gap, due, due));
      if ((measure?.reached ?? true) && !inGap) missed += 1;
    } else if (match.wrongPitch) wrong += 1;
    else matched += 1;
  });
  const warnings = [
    ...faults.map((fault) => fault.message),
    ...(deviceGaps.length > 0 ? ['The keyboard went away during this take (unplugged or switched off): the interruption is the device’s, not the pianist’s.'] : []),
  ];
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
      ...(exercise.fingering === undefined ? {} : { fingering: { ...exercise.fingering } }),
    },
    startMs: take.startMs,
    endMs: take.endMs,
    bpm: tempo,
    // One hand's notes per second at the fitted tempo: the clinical protocol's "8 notes/s".
    notesPerSecond: tempo === null ? null : (tempo * exercise.subdivision) / 60,
    matched,
    missed,
    wrong,
    extra: take.extraNoteIndices.length,
    unevennessMs: timing ? metrics.unevennessMs : null,
    hands: metrics.hands.map((hand) => ({
      hand: hand.hand,
      direction: hand.direction,
      ioiSdMs: timing ? hand.ioiSdMs : null,
      runs: hand.runs,
    })),
    fingers: metrics.fingers.filter((finger) => finger.direction === 'all' && finger.count > 0).map((finger) => fingerDocument(finger, timing)),
    fingersByDirection: metrics.fingers.flatMap((finger) =>
      finger.direction === 'all' || finger.count === 0 ? [] : [{ ...fingerDocument(finger, timing), direction: finger.direction }],
    ),
    events: events.map((event) => {
      const unmarked = unmarkedOnsets.has(`${event.hand}|${event.timeMs}`);
      return {
        type: event.type,
        timeMs: event.timeMs,
        hand: event.hand,
        finger: event.finger,
        severity: event.severity,
        // A note the score gives no finger carries a placeholder finger: say so, in words and as
        // evidence (fingerUnmarked = 1), instead of naming a finger nobody chose.
        detail: unmarked ? event.detail.replace(/^(RH|LH) \d\b/, '$1 (finger not marked)') : event.detail,
        evidence: unmarked ? { ...event.evidence, fingerUnmarked: 1 } : { ...event.evidence },
      };
    }),
    warnings,
    ...(deviceGaps.length > 0 ? { interruptedByDevice: true } : {}),
    ...takeConfidence(take, givenHand),
  };
}

function fingerDocument(finger: FingerMetrics, timing: boolean): AnalysisFinger {
  return {
    hand: finger.hand,
    finger: finger.finger,
    count: finger.count,
    // No timing figure for a take whose clock cannot be trusted (issue 11), and below
    // MIN_SPREAD_COUNT values a spread is not a measurement (issue 10): null, never 0.
    onsetDeviationMs: timing
      ? { mean: finger.onsetDeviationMs.mean, sd: finger.onsetDeviationMs.count >= MIN_SPREAD_COUNT ? finger.onsetDeviationMs.sd : null }
      : { mean: null, sd: null },
    velocity: {
      mean: finger.velocity.mean,
      sd: finger.velocity.count >= MIN_SPREAD_COUNT ? finger.velocity.sd : null,
      cv: finger.velocity.count >= MIN_SPREAD_COUNT ? finger.velocity.cv : null,
    },
    durationMs: { mean: timing ? finger.durationMs.mean : null },
    legatoOverlapMs: { mean: timing ? finger.legatoOverlapMs.mean : null },
  };
}

function noteDocuments(
  notes: readonly Note[],
  takes: readonly MeasuredTake[],
  estimates: ReadonlyMap<number, FreePlayNoteEstimate>,
): AnalysisNote[] {
  const documents: AnalysisNote[] = notes.map((note, index) => ({
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
    ...estimatedHandAndFinger(estimates.get(index)),
  }));
  takes.forEach(({ take, metrics, clockFaults: faults }, takeIndex) => {
    const timing = faults.length === 0;
    for (const measure of metrics.notes) {
      if (measure.noteIndex === null) continue;
      const document = documents[measure.noteIndex];
      if (!document) continue;
      documents[measure.noteIndex] = {
        ...document,
        hand: measure.hand,
        finger: measure.finger,
        take: takeIndex,
        deviationMs: timing ? measure.deviationMs : null,
        role: measure.correct ? 'matched' : 'wrong',
        handSource: 'exercise',
        handConfidence: 1,
        fingerConfidence: 1,
      };
    }
    for (const noteIndex of take.extraNoteIndices) {
      const document = documents[noteIndex];
      if (document) {
        documents[noteIndex] = { ...document, take: takeIndex, role: 'extra', hand: null, finger: null, ...estimatedHandAndFinger(undefined) };
      }
    }
  });
  return documents;
}

/** The free-play estimate of a note as note-document fields (all null when there is none). */
function estimatedHandAndFinger(estimate: FreePlayNoteEstimate | undefined) {
  if (!estimate) return { handSource: null, handConfidence: null, fingerConfidence: null };
  return {
    hand: estimate.hand,
    finger: estimate.finger,
    handSource: 'estimated' as const,
    handConfidence: estimate.handConfidence,
    fingerConfidence: estimate.fingerConfidence,
  };
}
