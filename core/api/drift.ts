/**
 * The `evenkeys.drift/1` document: what `evenkeys drift --json` prints and the History screen
 * shows. Fields may be added; none may be renamed. See core/drift for the method.
 */
import { z } from 'zod';
import { DRIFT_METRICS } from '../drift/metrics';

export const DRIFT_SCHEMA_ID = 'evenkeys.drift/1';

const handSchema = z.enum(['right', 'left']);
const fingerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const metricSchema = z.enum(DRIFT_METRICS);

export const ALERT_USER_STATES = ['seen', 'dismissed', 'hidden'] as const;
export const ALERT_DISMISS_REASONS = ['injury', 'new-piano', 'tired-day', 'new-baseline', 'other'] as const;

export const alertUserStateSchema = z.object({
  state: z.enum(ALERT_USER_STATES),
  reason: z.enum(ALERT_DISMISS_REASONS).nullable(),
  note: z.string(),
  updatedAt: z.string(),
});

export const driftPointSchema = z.object({
  sessionId: z.number().int(),
  at: z.string(),
  value: z.number(),
  se: z.number().nullable(),
  n: z.number(),
  takes: z.number().int(),
  notesPerSecond: z.number(),
  exercises: z.array(z.string()),
  phase: z.enum(['before', 'baseline', 'monitor']),
  z: z.number().nullable(),
  ewma: z.number().nullable(),
  ewmaValue: z.number().nullable(),
  outOfControl: z.boolean(),
});

export const driftSeriesSchema = z.object({
  key: z.string(),
  family: z.string(),
  familyName: z.string(),
  hand: handSchema,
  direction: z.enum(['up', 'down', 'all']),
  finger: fingerSchema.nullable(),
  metric: metricSchema,
  unit: z.string(),
  device: z.string(),
  band: z.object({ id: z.string(), centre: z.number(), low: z.number(), high: z.number() }),
  baseline: z.object({
    sessions: z.number().int(),
    needed: z.number().int(),
    complete: z.boolean(),
    /** "6 of 10 sessions" */
    progress: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    location: z.number().nullable(),
    betweenSd: z.number().nullable(),
    withinSe: z.number().nullable(),
    sem: z.number().nullable(),
    mdc: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
  }),
  /** Every point, or only the latest when the document was asked for with points 'latest'. */
  points: z.array(driftPointSchema),
  /** How many points the series has (all of them, whatever `points` carries). */
  pointCount: z.number().int().nonnegative(),
  /** Every exercise id the series' points pooled, sorted. */
  exercises: z.array(z.string()),
});

/** The points of some series, by key (the History screen asks for those it charts). */
export const driftSeriesPointsSchema = z.array(z.object({ key: z.string(), points: z.array(driftPointSchema) }));

export const driftAlertSchema = z.object({
  key: z.string(),
  seriesKey: z.string(),
  status: z.enum(['active', 'resolved']),
  hand: handSchema,
  /** Null for a hand-level metric (ioi-sd). */
  finger: fingerSchema.nullable(),
  direction: z.enum(['up', 'down', 'all']),
  metric: metricSchema,
  /** The exercise family id. */
  exercise: z.string(),
  exerciseName: z.string(),
  notesPerSecond: z.number(),
  device: z.string(),
  since: z.string(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  sessions: z.number().int(),
  magnitude: z.number(),
  mdc: z.number(),
  unit: z.string(),
  strength: z.number(),
  persistent: z.boolean(),
  message: z.string(),
  explains: z.array(fingerSchema),
  /** What the pianist did with it (null: new). */
  user: alertUserStateSchema.nullable(),
});

export const driftDocumentSchema = z.object({
  schema: z.literal(DRIFT_SCHEMA_ID),
  profile: z.object({ id: z.number().int(), name: z.string() }),
  sessions: z.number().int(),
  credibleSessions: z.number().int(),
  monitoredSeries: z.number().int(),
  series: z.array(driftSeriesSchema),
  alerts: z.array(driftAlertSchema),
  fingerprints: z.array(z.object({
    exerciseId: z.string(),
    hand: handSchema,
    device: z.string(),
    baselineSessions: z.number().int(),
    recentSessions: z.number().int(),
    positions: z.number().int(),
    correlation: z.number().nullable(),
    rmsDifferenceMs: z.number().nullable(),
    expectedRmsMs: z.number().nullable(),
    changed: z.boolean(),
    /** The exercise's name (absent from older documents). */
    exerciseName: z.string().optional(),
    /**
     * The two profiles position by position, in playing order (core/drift/fingerprint-profile.ts):
     * what correlation and rmsDifferenceMs summarise. Empty before a comparison; absent from older
     * documents. `finger`: who plays the position (the pianist's own fingering), null if unknown.
     */
    byPosition: z.array(z.object({
      direction: z.string(),
      position: z.number().int(),
      finger: fingerSchema.nullable(),
      baselineMs: z.number(),
      recentMs: z.number(),
    })).optional(),
  })),
  practice: z.object({
    days: z.array(z.object({ date: z.string(), minutes: z.number(), sessions: z.number().int() })),
    weeks: z.array(z.object({ week: z.string(), minutes: z.number(), sessions: z.number().int() })),
    longestStretchToday: z.number(),
    breakReminder: z.boolean(),
    lastCheckIn: z.string().nullable(),
    checkInDue: z.boolean(),
  }),
});

export type DriftDocument = z.infer<typeof driftDocumentSchema>;
export type DriftDocumentSeries = z.infer<typeof driftSeriesSchema>;
export type DriftDocumentAlert = z.infer<typeof driftAlertSchema>;
export type AlertUserState = z.infer<typeof alertUserStateSchema>;
export type DriftDocumentFingerprint = DriftDocument['fingerprints'][number];
