/**
 * The `evenkeys.analysis/1` document: what `evenkeys analyze --json` prints and what the app
 * stores and shows for one recording. Fields may be added; none may be renamed.
 */
import { z } from 'zod';

export const ANALYSIS_SCHEMA_ID = 'evenkeys.analysis/1';

const handSchema = z.enum(['right', 'left']);
const fingerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const meanSdSchema = z.object({ mean: z.number(), sd: z.number() });

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
  velocity: meanSdSchema.extend({ cv: z.number() }),
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
  matched: z.number().int().nonnegative(),
  missed: z.number().int().nonnegative(),
  extra: z.number().int().nonnegative(),
  unevennessMs: z.number(),
  fingers: z.array(analysisFingerSchema),
  events: z.array(analysisEventSchema),
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
});

export const analysisDocumentSchema = z.object({
  schema: z.literal(ANALYSIS_SCHEMA_ID),
  source: analysisSourceSchema,
  takes: z.array(analysisTakeSchema),
  notes: z.array(analysisNoteSchema).optional(),
});

export type AnalysisDocument = z.infer<typeof analysisDocumentSchema>;
export type AnalysisTake = z.infer<typeof analysisTakeSchema>;
export type AnalysisFinger = z.infer<typeof analysisFingerSchema>;
export type AnalysisEvent = z.infer<typeof analysisEventSchema>;
export type AnalysisNote = z.infer<typeof analysisNoteSchema>;
export type AnalysisSource = z.infer<typeof analysisSourceSchema>;
