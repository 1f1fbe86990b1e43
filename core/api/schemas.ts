/**
 * The records the API carries between the UI and the backend, as zod schemas. Each schema is the
 * single source of the record's TypeScript type (z.infer), so the renderer, the Electron shell
 * and the browser-mode host can never disagree about a shape.
 */
import { z } from 'zod';
import { analysisDocumentSchema } from './analysis';
import { MAX_EVENT_TIME_MS } from './time-range';

/**
 * Row ids as the store hands them out (SQLite INTEGER PRIMARY KEY).
 *
 * @example idSchema.parse(3) // => 3
 */
export const idSchema = z.number().int().positive();

/** An ISO-8601 timestamp string, e.g. "2026-11-24T03:00:00.000Z". */
export const isoTimeSchema = z.string().min(1);

/** A float64 millisecond timestamp; JSON carries it exactly (shortest round-trip repr). */
export const timeMsSchema = z.number().finite();

/**
 * One MIDI message on the wire: bytes as plain numbers (JSON and structured clone both carry
 * arrays), the event's own timestamp, never rounded, and the input port it came from.
 *
 * @example rawMidiWireSchema.parse({ bytes: [0x90, 60, 80], timeMs: 1234.5, port: 'Piano' })
 */
export const rawMidiWireSchema = z.object({
  bytes: z.array(z.number().int().min(0).max(255)).min(1).max(65_536),
  timeMs: z.number().finite().min(-MAX_EVENT_TIME_MS).max(MAX_EVENT_TIME_MS),
  port: z.string().max(256).optional(),
});

export const profileSchema = z.object({
  id: idSchema,
  name: z.string(),
  handSpanCm: z.number().nullable(),
  createdAt: isoTimeSchema,
  /** A student's log imported from a bundle: reviewed and annotated, never recorded into. */
  readOnly: z.boolean().optional(),
});

export const deviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  manufacturer: z.string(),
  lastSeenAt: isoTimeSchema,
});

export const sessionStatusSchema = z.enum(['recording', 'complete', 'interrupted']);

export const sessionSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  deviceId: idSchema.nullable(),
  startedAt: isoTimeSchema,
  endedAt: isoTimeSchema.nullable(),
  status: sessionStatusSchema,
  appVersion: z.string(),
  metronomeBpm: z.number().nullable(),
  /** Free text the pianist wrote about the session ("" when none). */
  notes: z.string(),
  /** The exercise the analysis was told about (null: recognised from the notes). */
  exerciseId: z.string().nullable(),
  /** The file a session was imported from (null for live recordings). */
  sourceFile: z.string().nullable(),
  /** Raw MIDI messages saved. */
  eventCount: z.number().int().nonnegative(),
});

/**
 * One exercise at one tempo band within a session (core/drift/tempo.ts): figures over like takes
 * only, so a session list never averages unlike takes (issue 9).
 */
export const sessionExerciseSchema = z.object({
  exerciseId: z.string(),
  exerciseName: z.string(),
  /** 'right', 'left' or 'both'. */
  hands: z.string(),
  /** Median tempo of the takes (notes/s and bpm); null when none had a tempo. */
  notesPerSecond: z.number().nullable(),
  bpm: z.number().nullable(),
  takes: z.number().int().nonnegative(),
  /** Mean unevenness of these takes (ms); null when none was measured. */
  unevennessMs: z.number().nullable(),
});

/** A session as the session list shows it: the record plus counts and its headline figure. */
export const sessionSummarySchema = sessionSchema.extend({
  /** Notes played (from the analysis; 0 before it ran). */
  noteCount: z.number().int().nonnegative(),
  takeCount: z.number().int().nonnegative(),
  /** Mean unevenness over all the session's takes, alike or not (null without takes); compare sessions by `exercises`. */
  unevennessMs: z.number().nullable(),
  /** Set when the analysis failed; the raw events are kept for a later reanalyse. */
  analysisError: z.string().nullable(),
  /** Per exercise and tempo band, in the order first played (absent from older backends). */
  exercises: z.array(sessionExerciseSchema).optional(),
});

/** One take as stored: which exercise, when, how fast, and its unevenness. */
export const takeSchema = z.object({
  index: z.number().int().nonnegative(),
  exerciseId: z.string(),
  exerciseName: z.string(),
  hands: z.string(),
  /** null when the take's timestamps do not advance or jump back (issue 11: no tempo to fit). */
  bpm: z.number().nullable(),
  startMs: timeMsSchema,
  endMs: timeMsSchema,
  unevennessMs: z.number().nullable(),
});

/** A session's takes and the full analysis document (null while still recording). */
export const sessionAnalysisSchema = z.object({
  session: sessionSummarySchema,
  takes: z.array(takeSchema),
  analysis: analysisDocumentSchema.nullable(),
});

/** One point of a profile's history: a session's date and unevenness. */
export const historyPointSchema = z.object({
  sessionId: idSchema,
  startedAt: isoTimeSchema,
  status: sessionStatusSchema,
  takeCount: z.number().int().nonnegative(),
  unevennessMs: z.number().nullable(),
  /** Per exercise and tempo band, as in the session summary (absent from older backends). */
  exercises: z.array(sessionExerciseSchema).optional(),
});

export const annotationAuthorSchema = z.enum(['pianist', 'teacher']);

export const annotationSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  takeIndex: z.number().int().nonnegative().nullable(),
  /** Position in the recording (event clock), null for a note about the whole session. */
  timeMs: timeMsSchema.nullable(),
  author: annotationAuthorSchema,
  text: z.string(),
  createdAt: isoTimeSchema,
  /** What the note is pinned to (issue 13); an event by take index, type and time. */
  target: z.enum(['session', 'take', 'event']).optional(),
  eventType: z.string().nullable().optional(),
  /** Who wrote it, as they signed it. */
  authorName: z.string().optional(),
  updatedAt: isoTimeSchema.nullable().optional(),
  /** From a bundle: someone else's note, read-only here. */
  imported: z.boolean().optional(),
});

/** A file to hand to the user: text as utf8, binary (SMF) as base64. */
export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});

/** One metronome click heard while recording, on the MIDI event clock (schema 003). */
export const clickSchema = z.object({
  timeMs: timeMsSchema,
  kind: z.enum(['accent', 'beat', 'subdivision']),
  countIn: z.boolean(),
  bpm: z.number().positive().max(400),
});

export type RawMidiWire = z.infer<typeof rawMidiWireSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export type SessionExercise = z.infer<typeof sessionExerciseSchema>;
export type Take = z.infer<typeof takeSchema>;
export type SessionAnalysis = z.infer<typeof sessionAnalysisSchema>;
export type HistoryPoint = z.infer<typeof historyPointSchema>;
export type AnnotationAuthor = z.infer<typeof annotationAuthorSchema>;
export type Annotation = z.infer<typeof annotationSchema>;
export type ExportFile = z.infer<typeof exportFileSchema>;
export type MetronomeClick = z.infer<typeof clickSchema>;
