/**
 * The `evenkeys.analysis/1` document: what `evenkeys analyze --json` prints and what the app
 * stores and shows for one recording. Fields may be added; none may be renamed.
 */
import { z } from 'zod';

export const ANALYSIS_SCHEMA_ID = 'evenkeys.analysis/1';

const handSchema = z.enum(['right', 'left']);
/** Where a take's hand comes from (see `analysisTakeSchema.handSource`). */
export const takeHandSourceSchema = z.enum(['notes', 'given', 'corrected', 'history']);
export type TakeHandSource = z.infer<typeof takeHandSourceSchema>;
const fingerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const directionSchema = z.enum(['up', 'down']);
/**
 * Mean and SD. `sd` (and `cv` below) is null when fewer than MIN_SPREAD_COUNT values were
 * measured: a spread of one or two notes is not a measurement, and 0.0 would read as perfect.
 */
const meanSdSchema = z.object({ mean: z.number(), sd: z.number().nullable() });

/** Fewest values for which an SD or CV is reported (below: null). */
export const MIN_SPREAD_COUNT = 3;

// ---- Timing that may not be measurable (issue 11) ----
// A take whose clock cannot be trusted (timestamps that do not advance, a coarse or quantised
// clock, a backward jump; see core/midi/clock.ts) carries null here, never 0, with the reason
// in takes[].warnings and source.warnings.
const timingMsSchema = z.number().nullable();
const timingMeanSdSchema = z.object({ mean: timingMsSchema, sd: timingMsSchema });
/** A stretch where the keyboard was unplugged or switched off (ms on the recording's clock). */
export const analysisDeviceGapSchema = z.object({
  startMs: z.number(),
  /** null: the device never came back before the recording ended. */
  endMs: z.number().nullable(),
  /** Notes held down when the device went away: closed at startMs and flagged. */
  heldNotes: z.number().int().nonnegative(),
});
// ---- end of issue 11 group ----

export const analysisSourceSchema = z.object({
  file: z.string(),
  notes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  pedalEvents: z.number().int().nonnegative(),
  /** Repairs note assembly made (sorted timestamps, retriggers, orphan note-offs, unreleased). */
  outOfOrder: z.number().int().nonnegative(),
  retriggers: z.number().int().nonnegative(),
  orphanNoteOffs: z.number().int().nonnegative(),
  unreleased: z.number().int().nonnegative(),
  /** Plain sentences about the input: the file reader's repairs, the clock, device gaps. */
  warnings: z.array(z.string()).optional(),
  /** When the keyboard was away during the recording. */
  deviceGaps: z.array(analysisDeviceGapSchema).optional(),
});

export const analysisExerciseSchema = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  mode: z.string(),
  hands: z.enum(['right', 'left', 'both']),
  octaves: z.number(),
  motion: z.enum(['parallel', 'contrary']),
  name: z.string(),
  /**
   * Optional: which fingering the per-finger numbers were attributed with, per hand ('printed':
   * the book's or score's; 'own': the pianist's, stored for `profile`; 'estimated'; 'none':
   * measured per hand only). Absent: the library's printed fingering.
   */
  fingering: z
    .object({
      right: z.enum(['printed', 'own', 'estimated', 'none']).optional(),
      left: z.enum(['printed', 'own', 'estimated', 'none']).optional(),
      profile: z.string().optional(),
    })
    .optional(),
});

export const analysisFingerSchema = z.object({
  hand: handSchema,
  finger: fingerSchema,
  count: z.number().int().nonnegative(),
  onsetDeviationMs: timingMeanSdSchema,
  velocity: meanSdSchema.extend({ cv: z.number().nullable() }),
  durationMs: z.object({ mean: timingMsSchema }),
  legatoOverlapMs: z.object({ mean: timingMsSchema }),
});

export const analysisEventSchema = z.object({
  type: z.string(),
  timeMs: z.number(),
  hand: z.string(),
  finger: z.number().int(),
  severity: z.number(),
  detail: z.string(),
  evidence: z.record(z.string(), z.number()),
});

export const analysisTakeSchema = z.object({
  exercise: analysisExerciseSchema,
  startMs: z.number(),
  endMs: z.number(),
  /** null when the timestamps do not advance or jump back (no tempo can be fitted). */
  bpm: timingMsSchema,
  notesPerSecond: timingMsSchema,
  /** Expected notes played at the expected pitch. */
  matched: z.number().int().nonnegative(),
  /** Expected notes not played (within the part of the exercise the player reached). */
  missed: z.number().int().nonnegative(),
  /** Expected notes played at a wrong pitch. */
  wrong: z.number().int().nonnegative(),
  /** Played notes that match no expected note. */
  extra: z.number().int().nonnegative(),
  /** null when the take's timing cannot be measured (see warnings). */
  unevennessMs: timingMsSchema,
  /** IOI SD per hand and direction: the inputs of unevennessMs. */
  hands: z.array(
    z.object({
      hand: handSchema,
      direction: directionSchema,
      ioiSdMs: timingMsSchema,
      runs: z.number().int().nonnegative(),
    }),
  ),
  /** Per hand x finger over both directions. */
  fingers: z.array(analysisFingerSchema),
  /** Per hand x direction x finger. */
  fingersByDirection: z.array(analysisFingerSchema.extend({ direction: directionSchema })),
  events: z.array(analysisEventSchema),
  /** Plain sentences on why numbers are missing or partial (clock faults, device gaps). */
  warnings: z.array(z.string()).optional(),
  /** The keyboard went away during the take: the stop is not the pianist's. */
  interruptedByDevice: z.boolean().optional(),
  /**
   * 0-1: how clearly the exercise explains the take's notes (1 - cost per note / free play's,
   * x share of the reached notes right x pulse steadiness; core/align/credibility.ts). Added in
   * issue 12; absent in documents written before.
   */
  confidence: z.number().min(0).max(1).optional(),
  /** 0-1: probability that `exercise.hands` is the hand that played (1 when given or told by pitch). */
  handConfidence: z.number().min(0).max(1).optional(),
  /** The hand could not be told from the notes and was not given: correct it with `takes set-hand`. */
  handUncertain: z.boolean().optional(),
  /**
   * Where `exercise.hands` comes from (added after issue 12's first fields; absent in older
   * documents): 'notes' (the pitches: register, the other hand's presence), 'given' (the exercise
   * or hand chosen before playing, `analyze --hand`), 'corrected' (`takes set-hand`), 'history'
   * (the notes left it uncertain and the pianist's earlier takes of the exercise decided or
   * weighed in; core/analysis/hand-prior.ts).
   */
  handSource: takeHandSourceSchema.optional(),
});

/** Per-finger figures of free play, from notes whose estimated hand and finger are confident. */
export const analysisFreePlayFingerSchema = z.object({
  hand: handSchema,
  finger: fingerSchema,
  /** Notes used. */
  count: z.number().int().nonnegative(),
  velocity: meanSdSchema.extend({ cv: z.number() }),
  durationMs: z.object({ mean: z.number() }),
  /** count = note pairs used. */
  legatoOverlapMs: z.object({ mean: z.number(), count: z.number().int().nonnegative() }),
});

/** IOI regularity inside runs of equal note values found from the playing (no grid). */
export const analysisFreePlayTimingSchema = z.object({
  hand: handSchema,
  runs: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  ioiMs: z.number(),
  ioiSdMs: z.number(),
  ioiCvPercent: z.number(),
  tempoChangePercent: z.number(),
});

export const analysisFreePlaySchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  notes: z.number().int().nonnegative(),
  /** Hands and fingers here are estimated (core/fingering), never prescribed. Optional: added fields. */
  estimated: z.literal(true).optional(),
  /** Notes whose estimated hand and finger are both above the confidence thresholds. */
  confidentNotes: z.number().int().nonnegative().optional(),
  /** Notes given to each hand. */
  hands: z.object({ right: z.number().int().nonnegative(), left: z.number().int().nonnegative() }).optional(),
  /** Mean confidence of the hand and finger estimates (0-1). */
  handConfidence: z.number().optional(),
  fingerConfidence: z.number().optional(),
  fingers: z.array(analysisFreePlayFingerSchema).optional(),
  timing: z.array(analysisFreePlayTimingSchema).optional(),
  events: z.array(analysisEventSchema).optional(),
});

export const analysisNoteSchema = z.object({
  timeMs: z.number(),
  pitch: z.number().int(),
  velocity: z.number().int(),
  durationMs: z.number(),
  channel: z.number().int(),
  pedal: z.boolean(),
  hand: handSchema.nullable(),
  finger: fingerSchema.nullable(),
  take: z.number().int().nullable(),
  deviationMs: z.number().nullable(),
  /** matched / wrong (pitch) / extra within a take, or free (outside every take). */
  role: z.enum(['matched', 'wrong', 'extra', 'free']),
  /** Where hand and finger come from: the exercise (in a take) or the free-play estimator. */
  handSource: z.enum(['exercise', 'estimated']).nullable().optional(),
  /** 0-1; 1 for an exercise's prescribed hand and finger. */
  handConfidence: z.number().nullable().optional(),
  fingerConfidence: z.number().nullable().optional(),
});

/** Across repetitions of one exercise in the recording (van Vugt et al. 2012). */
export const analysisRepetitionsSchema = z.object({
  exerciseId: z.string(),
  takes: z.number().int().nonnegative(),
  /** The hands of the pooled takes ('right', 'left' or 'both'; issue 12: only like with like). */
  exerciseHands: z.enum(['right', 'left', 'both']).optional(),
  /** The tempo band of the pooled takes (core/drift/tempo.ts, the one tempo band), e.g. '7.4-8.6 notes/s'; older documents say e.g. '98-122 bpm'. */
  tempoBand: z.string().optional(),
  /** Per hand: root mean square over positions of the mean deviation and of the SD across takes. */
  hands: z.array(
    z.object({
      hand: handSchema,
      positions: z.number().int().nonnegative(),
      irregularityMs: z.number(),
      instabilityMs: z.number(),
    }),
  ),
  /** Per expected position measured in at least one take. */
  positions: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      hand: handSchema,
      finger: fingerSchema,
      direction: directionSchema,
      position: z.number().int().nonnegative(),
      count: z.number().int().nonnegative(),
      irregularityMs: z.number(),
      instabilityMs: z.number(),
    }),
  ),
});

export const analysisDocumentSchema = z.object({
  schema: z.literal(ANALYSIS_SCHEMA_ID),
  source: analysisSourceSchema,
  takes: z.array(analysisTakeSchema),
  /** Stretches of notes that match no exercise. */
  freePlay: z.array(analysisFreePlaySchema),
  /** Exercises played two or more times: per-position irregularity and instability. */
  repetitions: z.array(analysisRepetitionsSchema),
  notes: z.array(analysisNoteSchema).optional(),
});

export type AnalysisDocument = z.infer<typeof analysisDocumentSchema>;
export type AnalysisTake = z.infer<typeof analysisTakeSchema>;
export type AnalysisFinger = z.infer<typeof analysisFingerSchema>;
export type AnalysisEvent = z.infer<typeof analysisEventSchema>;
export type AnalysisNote = z.infer<typeof analysisNoteSchema>;
export type AnalysisSource = z.infer<typeof analysisSourceSchema>;
export type AnalysisRepetitions = z.infer<typeof analysisRepetitionsSchema>;
export type AnalysisDeviceGap = z.infer<typeof analysisDeviceGapSchema>;
export type AnalysisFreePlay = z.infer<typeof analysisFreePlaySchema>;
export type AnalysisFreePlayFinger = z.infer<typeof analysisFreePlayFingerSchema>;
