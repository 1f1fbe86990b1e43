/**
 * The `evenkeys.analysis/1` document: what `evenkeys analyze --json` prints and what the app
 * stores and shows for one recording. Fields may be added; none may be renamed.
 */
import { z } from 'zod';

export const ANALYSIS_SCHEMA_ID = 'evenkeys.analysis/1';

const handSchema = z.enum(['right', 'left']);
const fingerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const directionSchema = z.enum(['up', 'down']);
/**
 * Mean and SD. `sd` (and `cv` below) is null when fewer than MIN_SPREAD_COUNT values were
 * measured: a spread of one or two notes is not a measurement, and 0.0 would read as perfect.
 */
const meanSdSchema = z.object({ mean: z.number(), sd: z.number().nullable() });

/** Fewest values for which an SD or CV is reported (below: null). */
export const MIN_SPREAD_COUNT = 3;

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
});

export const analysisFingerSchema = z.object({
  hand: handSchema,
  finger: fingerSchema,
  count: z.number().int().nonnegative(),
  onsetDeviationMs: meanSdSchema,
  velocity: meanSdSchema.extend({ cv: z.number().nullable() }),
  durationMs: z.object({ mean: z.number() }),
  legatoOverlapMs: z.object({ mean: z.number() }),
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
  bpm: z.number(),
  notesPerSecond: z.number(),
  /** Expected notes played at the expected pitch. */
  matched: z.number().int().nonnegative(),
  /** Expected notes not played (within the part of the exercise the player reached). */
  missed: z.number().int().nonnegative(),
  /** Expected notes played at a wrong pitch. */
  wrong: z.number().int().nonnegative(),
  /** Played notes that match no expected note. */
  extra: z.number().int().nonnegative(),
  unevennessMs: z.number(),
  /** IOI SD per hand and direction: the inputs of unevennessMs. */
  hands: z.array(
    z.object({
      hand: handSchema,
      direction: directionSchema,
      ioiSdMs: z.number(),
      runs: z.number().int().nonnegative(),
    }),
  ),
  /** Per hand x finger over both directions. */
  fingers: z.array(analysisFingerSchema),
  /** Per hand x direction x finger. */
  fingersByDirection: z.array(analysisFingerSchema.extend({ direction: directionSchema })),
  events: z.array(analysisEventSchema),
});

export const analysisFreePlaySchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  notes: z.number().int().nonnegative(),
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
});

/** Across repetitions of one exercise in the recording (van Vugt et al. 2012). */
export const analysisRepetitionsSchema = z.object({
  exerciseId: z.string(),
  takes: z.number().int().nonnegative(),
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
