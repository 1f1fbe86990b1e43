/**
 * API shapes of teacher review (issue 13): students, bundles, annotation edits, comparison,
 * the progress report and deletion. Declared here and listed in contract.ts.
 */
import { z } from 'zod';
import { idSchema, isoTimeSchema, profileSchema } from './schemas';

/** A bundle or PDF travels as base64; 48 MiB of base64 is about 36 MiB of file. */
export const MAX_BUNDLE_BASE64 = 48 * 1024 * 1024;

export const rangeInputShape = {
  /** Sessions started at or after (ISO-8601). */
  from: isoTimeSchema.nullable().optional(),
  /** Sessions started before (ISO-8601). */
  to: isoTimeSchema.nullable().optional(),
};

/** One pianist as the teacher's list shows them. */
export const studentSchema = z.object({
  profile: profileSchema,
  readOnly: z.boolean(),
  sessionCount: z.number().int().nonnegative(),
  /** Sum of session lengths, ms, over all sessions. */
  practiceMs: z.number().nonnegative(),
  /** Practice in the last 7 days, ms. */
  practiceLast7DaysMs: z.number().nonnegative(),
  /** The newest sessions, newest first (at most 3). */
  latest: z.array(z.object({ id: idSchema, startedAt: isoTimeSchema, takeCount: z.number().int().nonnegative(), unevennessMs: z.number().nullable() })),
  /**
   * Drift alerts (issue 9's core/drift). null: this build's API offers none, and the screen says
   * so instead of showing "no alerts".
   */
  alerts: z.array(z.object({ title: z.string(), detail: z.string(), at: isoTimeSchema })).nullable(),
});

export const bundleSummarySchema = z.object({
  kind: z.enum(['full', 'annotations']),
  profileName: z.string(),
  sessions: z.number().int().nonnegative(),
  rawEvents: z.number().int().nonnegative(),
  annotations: z.number().int().nonnegative(),
  firstSession: isoTimeSchema.nullable(),
  lastSession: isoTimeSchema.nullable(),
  deviceGaps: z.number().int().nonnegative(),
  clicks: z.number().int().nonnegative(),
  /** The pianist's hand corrections carried (they make it a version-2 bundle). */
  handCorrections: z.number().int().nonnegative(),
  /** The bundle format version written: 1, or 2 when it carries hand corrections (docs/bundles.md). */
  version: z.number().int().positive(),
});

export const importReportSchema = z.object({
  profile: profileSchema,
  createdProfile: z.boolean(),
  sessionsAdded: z.number().int().nonnegative(),
  sessionsAlreadyHere: z.number().int().nonnegative(),
  rawEventsAdded: z.number().int().nonnegative(),
  annotationsAdded: z.number().int().nonnegative(),
  annotationsUpdated: z.number().int().nonnegative(),
  annotationsAlreadyHere: z.number().int().nonnegative(),
  annotationsWithoutSession: z.number().int().nonnegative(),
  handCorrectionsAdded: z.number().int().nonnegative(),
  handCorrectionsReplaced: z.number().int().nonnegative(),
  handCorrectionsAlreadyHere: z.number().int().nonnegative(),
});

const fingerFiguresSchema = z.object({
  hand: z.enum(['left', 'right']),
  finger: z.number().int().min(1).max(5),
  count: z.number().int().nonnegative(),
  onsetSdMs: z.number(),
  velocityCv: z.number(),
  velocityMean: z.number(),
  durationMeanMs: z.number(),
  legatoOverlapMeanMs: z.number(),
});

export const comparisonSchema = z.object({
  /** What is compared: "session" labels carry the session start; the baseline its sessions. */
  a: z.object({ label: z.string(), sessionId: idSchema.nullable(), startedAt: isoTimeSchema.nullable() }),
  b: z.object({ label: z.string(), sessionId: idSchema.nullable(), startedAt: isoTimeSchema.nullable() }),
  rows: z.array(
    z.object({
      hand: z.enum(['left', 'right']),
      finger: z.number().int().min(1).max(5),
      a: fingerFiguresSchema.nullable(),
      b: fingerFiguresSchema.nullable(),
      onsetSdDeltaMs: z.number().nullable(),
      velocityCvDelta: z.number().nullable(),
    }),
  ),
});

const trendPointSchema = z.object({ startedAt: isoTimeSchema, onsetSdMs: z.number(), velocityCvPct: z.number(), count: z.number() });

export const progressReportSchema = z.object({
  profileName: z.string(),
  range: z.object({ from: isoTimeSchema.nullable(), to: isoTimeSchema.nullable() }),
  generatedAt: isoTimeSchema,
  summary: z.object({
    sessions: z.number().int().nonnegative(),
    practiceMs: z.number().nonnegative(),
    takes: z.number().int().nonnegative(),
    notes: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
    firstSession: isoTimeSchema.nullable(),
    lastSession: isoTimeSchema.nullable(),
  }),
  /** Unevenness per exercise and tempo band (issue 9: like with like), the most played first. */
  exerciseTrends: z.array(
    z.object({
      exerciseId: z.string(),
      exerciseName: z.string(),
      hands: z.string(),
      notesPerSecond: z.number(),
      points: z.array(z.object({ startedAt: isoTimeSchema, unevennessMs: z.number() })),
    }),
  ),
  exerciseTrendsLeftOut: z.number().int().nonnegative(),
  fingerTrends: z.array(z.object({ hand: z.enum(['left', 'right']), finger: z.number().int(), points: z.array(trendPointSchema) })),
  /** The exercise and tempo band the per-finger trends follow (like with like); null when none. */
  fingerTrendsExercise: z.object({ exerciseId: z.string(), exerciseName: z.string(), notesPerSecond: z.number() }).nullable().optional(),
  eventsByType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  alerts: z.array(z.object({ title: z.string(), detail: z.string(), at: isoTimeSchema })).nullable(),
  annotations: z.array(
    z.object({
      sessionStartedAt: isoTimeSchema,
      target: z.enum(['session', 'take', 'event']),
      takeIndex: z.number().int().nullable(),
      timeMs: z.number().nullable(),
      eventType: z.string().nullable(),
      authorName: z.string(),
      author: z.enum(['pianist', 'teacher']),
      text: z.string(),
      createdAt: isoTimeSchema,
    }),
  ),
  note: z.string(),
});

export type Student = z.infer<typeof studentSchema>;
export type BundleSummary = z.infer<typeof bundleSummarySchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type ProgressReportWire = z.infer<typeof progressReportSchema>;
