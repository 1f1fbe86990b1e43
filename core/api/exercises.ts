/**
 * API records for exercises (the library's and the ones imported into the database) and a
 * pianist's own fingering, so the picker can list every exercise and show the fingering before
 * the pianist plays.
 */
import { z } from 'zod';
import { MAX_XML_BYTES } from '../musicxml/limits';

const handSchema = z.enum(['right', 'left']);
const fingerSchema = z.number().int().min(1).max(5);
export const fingeringSourceSchema = z.enum(['printed', 'own', 'estimated', 'none']);

/** One exercise as the picker lists it. */
export const exerciseSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  key: z.string(),
  mode: z.string(),
  hands: z.enum(['right', 'left', 'both']),
  octaves: z.number(),
  bpm: z.number(),
  /** Grid steps per beat (4 = sixteenths). */
  subdivision: z.number(),
  /** Notes in one repetition, both hands. */
  notes: z.number().int().nonnegative(),
  /** True for an exercise imported from a score into this database. */
  imported: z.boolean(),
  /** The score file an imported exercise came from. */
  sourceFile: z.string().optional(),
});

/** One hand of an exercise with the fingering the analysis will use for the given profile. */
export const exerciseHandSchema = z.object({
  hand: handSchema,
  /** Which fingering `notes[].finger` is. */
  fingering: fingeringSourceSchema,
  notes: z.array(
    z.object({
      position: z.number().int().nonnegative(),
      step: z.number().int().nonnegative(),
      /** MIDI note number. */
      pitch: z.number().int(),
      /** Null: no fingering for this note (measured per hand only). */
      finger: fingerSchema.nullable(),
      crossing: z.boolean(),
    }),
  ),
  /** The printed (score's or library's) fingers, null where none, for comparison. */
  printed: z.array(fingerSchema.nullable()),
});

export const exerciseDetailSchema = exerciseSummarySchema.extend({
  hands: z.enum(['right', 'left', 'both']),
  /** Whose own fingering is applied (absent: none). */
  profile: z.string().optional(),
  parts: z.array(exerciseHandSchema),
});

export const ownFingeringSchema = z.object({
  exerciseId: z.string(),
  hand: handSchema,
  fingers: z.array(fingerSchema),
});

/** Largest score upload: the importer's own limit, as base64. */
export const MAX_SCORE_BASE64 = Math.ceil((MAX_XML_BYTES * 4) / 3) + 4;

export const exerciseApi = {
  /** Every exercise: the library's, then the ones imported into this database. */
  listExercises: { input: z.object({}).strict(), output: z.array(exerciseSummarySchema) },
  /** One exercise's notes per hand, with the profile's own fingering applied when it has one. */
  getExercise: {
    input: z.object({ exerciseId: z.string().min(1).max(200), profileId: z.number().int().positive().optional() }).strict(),
    output: exerciseDetailSchema,
  },
  /** Imports a MusicXML score (`.musicxml` or `.mxl` bytes as base64); nothing is stored on failure. */
  importExercise: {
    input: z.object({
      fileName: z.string().min(1).max(256),
      contentBase64: z.string().min(1).max(MAX_SCORE_BASE64),
      id: z.string().trim().min(1).max(200).optional(),
      hand: handSchema.optional(),
    }).strict(),
    output: exerciseSummarySchema,
  },
  /** Sets a profile's own fingering of one hand (one finger per note of that hand, in order). */
  setFingering: {
    input: z.object({
      profileId: z.number().int().positive(),
      exerciseId: z.string().min(1).max(200),
      hand: handSchema,
      fingers: z.array(fingerSchema).min(1).max(10_000),
    }).strict(),
    output: ownFingeringSchema,
  },
  /** Removes a profile's own fingering of one hand: the printed fingering applies again. */
  clearFingering: {
    input: z.object({ profileId: z.number().int().positive(), exerciseId: z.string().min(1).max(200), hand: handSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** A profile's own fingerings (all exercises). */
  listFingerings: { input: z.object({ profileId: z.number().int().positive() }).strict(), output: z.array(ownFingeringSchema) },
} as const;

export type ExerciseSummary = z.infer<typeof exerciseSummarySchema>;
export type ExerciseDetail = z.infer<typeof exerciseDetailSchema>;
