/**
 * The Evenkeys API, declared once as data: every operation the UI needs, by name, with the zod
 * schema of its input and of its output. The backend implements it (electron/backend), the
 * Electron preload and the browser-mode HTTP host carry it, and the renderer calls it through one
 * `EvenkeysApi` object without knowing which transport it has.
 */
import { z } from 'zod';
import {
  annotationAuthorSchema,
  annotationSchema,
  clickSchema,
  deviceSchema,
  exportFileSchema,
  historyPointSchema,
  idSchema,
  profileSchema,
  rawMidiWireSchema,
  sessionAnalysisSchema,
  sessionSummarySchema,
  timeMsSchema,
} from './schemas';
import { exerciseApi } from './exercises';
import {
  MAX_BUNDLE_BASE64,
  bundleSummarySchema,
  comparisonSchema,
  importReportSchema,
  progressReportSchema,
  rangeInputShape,
  studentSchema,
} from './teacher-schemas';
import { ALERT_DISMISS_REASONS, ALERT_USER_STATES, alertUserStateSchema, driftDocumentSchema, driftSeriesPointsSchema } from './drift';

const none = z.object({}).strict();
const bySession = z.object({ sessionId: idSchema }).strict();
const byProfile = z.object({ profileId: idSchema }).strict();

/** Most messages one append may carry: ~100 ms of a very busy keyboard is far below this. */
export const MAX_MIDI_BATCH = 5_000;

/**
 * Every operation: name -> { input, output }. Inputs are strict (unknown keys are refused) so a
 * typo in a caller fails loudly instead of being dropped.
 *
 * @example apiContract.createProfile.input.parse({ name: 'Ana' }) // => { name: 'Ana' }
 */
export const apiContract = {
  listProfiles: { input: none, output: z.array(profileSchema) },
  createProfile: {
    input: z.object({
      name: z.string().trim().min(1).max(80),
      handSpanCm: z.number().positive().max(40).optional(),
    }).strict(),
    output: profileSchema,
  },

  upsertDevice: {
    input: z.object({ name: z.string().min(1).max(256), manufacturer: z.string().max(256) }).strict(),
    output: deviceSchema,
  },
  listDevices: { input: none, output: z.array(deviceSchema) },

  startSession: {
    input: z.object({
      profileId: idSchema,
      deviceId: idSchema.optional(),
      metronomeBpm: z.number().positive().max(400).optional(),
      notes: z.string().max(2_000).optional(),
      /** The exercise chosen in the picker (its id fixes the hand): the analysis is told, not left to guess. */
      exerciseId: z.string().min(1).max(200).optional(),
    }).strict(),
    output: sessionSummarySchema,
  },
  /** A small batch (the renderer flushes every ~100 ms) of raw messages, in arrival order. */
  appendMidi: {
    input: z.object({
      sessionId: idSchema,
      messages: z.array(rawMidiWireSchema).max(MAX_MIDI_BATCH),
      /**
       * Sequence number of the first message in the session (0-based). With it a resent batch is
       * idempotent (what the backend has is skipped), and a session the host closed in a crash
       * is resumed by the page that was recording it.
       */
      firstSeq: z.number().int().nonnegative().optional(),
    }).strict(),
    output: z.object({
      accepted: z.number().int().nonnegative(),
      /**
       * How many of the session's messages are saved for good (committed to the database): the
       * page may forget messages with a sequence number below this, and must keep the rest.
       */
      savedThrough: z.number().int().nonnegative().optional(),
      /**
       * Present while the backend cannot write (disk full, read-only): the messages wait in its
       * memory and are saved once it can; the page should tell the pianist.
       */
      notSaved: z.object({ pending: z.number().int().nonnegative(), message: z.string() }).optional(),
    }),
  },
  /** The input went away (unplugged) or came back; the session goes on across the gap. */
  reportDeviceGap: {
    input: z.object({
      sessionId: idSchema,
      state: z.enum(['disconnected', 'reconnected']),
      /** On the event clock (performance.now() domain), like the MIDI timestamps. */
      timeMs: timeMsSchema,
      /** The input port's name, so the gap is attributed to the right device. */
      port: z.string().max(256).optional(),
    }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /**
   * Ends a recording. A page that is going away (closed, reloaded) sends what it still holds in
   * `messages` and `status: 'interrupted'` in this one request, so nothing is lost and nothing is
   * left 'recording'.
   */
  finishSession: {
    input: z.object({
      sessionId: idSchema,
      status: z.enum(['complete', 'interrupted']).optional(),
      messages: z.array(rawMidiWireSchema).max(MAX_MIDI_BATCH).optional(),
      /** Sequence number of messages[0], as in appendMidi (resent messages are skipped). */
      firstSeq: z.number().int().nonnegative().optional(),
    }).strict(),
    output: sessionSummarySchema,
  },
  listSessions: { input: byProfile, output: z.array(sessionSummarySchema) },
  getSession: { input: bySession, output: sessionSummarySchema },
  /** The session's takes and analysis results (per-finger table, events). */
  getSessionAnalysis: { input: bySession, output: sessionAnalysisSchema },

  /** Per-session unevenness for a profile, oldest first. */
  getHistory: { input: byProfile, output: z.array(historyPointSchema) },

  addAnnotation: {
    input: z.object({
      sessionId: idSchema,
      takeIndex: z.number().int().nonnegative().nullable().optional(),
      timeMs: timeMsSchema.nullable().optional(),
      author: annotationAuthorSchema.optional(),
      text: z.string().trim().min(1).max(4_000),
      /** Issue 13: what the note is pinned to, and who signs it. */
      target: z.enum(['session', 'take', 'event']).optional(),
      eventType: z.string().min(1).max(64).optional(),
      authorName: z.string().trim().min(1).max(80).optional(),
    }).strict(),
    output: annotationSchema,
  },
  listAnnotations: { input: bySession, output: z.array(annotationSchema) },

  exportSession: {
    input: z.object({ sessionId: idSchema, format: z.enum(['json', 'smf']) }).strict(),
    output: exportFileSchema,
  },

  ...exerciseApi,
  /** Recomputes a session's analysis from its raw MIDI log (e.g. after a fingering changed). */
  reanalyseSession: { input: bySession, output: sessionAnalysisSchema },
  // ---- Teacher review (issue 13) ----
  /** Every profile with its latest sessions, practice time and (when available) drift alerts. */
  listStudents: { input: none, output: z.array(studentSchema) },
  /** Edit or delete your own note (not one that came from a bundle). */
  updateAnnotation: { input: z.object({ annotationId: idSchema, text: z.string().trim().min(1).max(4_000) }).strict(), output: annotationSchema },
  deleteAnnotation: { input: z.object({ annotationId: idSchema }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** What an export would contain, shown before it is written. */
  previewBundle: {
    input: z.object({ profileId: idSchema, ...rangeInputShape, annotationsOnly: z.boolean().optional() }).strict(),
    output: bundleSummarySchema,
  },
  exportBundle: {
    input: z.object({ profileId: idSchema, ...rangeInputShape, annotationsOnly: z.boolean().optional(), passphrase: z.string().min(8).max(1_000).optional() }).strict(),
    output: z.object({ file: exportFileSchema, summary: bundleSummarySchema }),
  },
  importBundle: {
    input: z.object({ content: z.string().min(1).max(MAX_BUNDLE_BASE64), passphrase: z.string().max(1_000).optional(), as: z.string().trim().min(1).max(80).optional() }).strict(),
    output: importReportSchema,
  },
  /** Per finger side by side: two sessions, or a session (b) against the pianist's baseline. */
  compareSessions: {
    input: z.object({ sessionId: idSchema, against: z.union([idSchema, z.literal('baseline')]) }).strict(),
    output: comparisonSchema,
  },
  getProgressReport: { input: z.object({ profileId: idSchema, ...rangeInputShape }).strict(), output: progressReportSchema },
  /** The report as PDF (Electron: printToPDF of the page; browser mode: Chromium on the host). */
  printReportPdf: { input: z.object({ profileId: idSchema, ...rangeInputShape }).strict(), output: exportFileSchema },
  exportTakeMidi: { input: z.object({ sessionId: idSchema, takeIndex: z.number().int().nonnegative() }).strict(), output: exportFileSchema },
  /** Deletes a session after a backup (returned). */
  deleteSession: { input: bySession, output: z.object({ backup: z.string() }) },
  /** Deletes a profile everywhere, backups included; `confirmName` must repeat its name. */
  deleteProfile: {
    input: z.object({ profileId: idSchema, confirmName: z.string() }).strict(),
    output: z.object({ sessions: z.number().int().nonnegative(), backupsScrubbed: z.number().int().nonnegative() }),
  },
  /**
   * The pianist says which hand played a one-hand take (a single line cannot always be told apart
   * by pitch: `handUncertain`). The correction is kept and the session reanalysed; the answer is
   * the session's analysis as getSessionAnalysis gives it.
   */
  setTakeHand: {
    input: z.object({ sessionId: idSchema, takeIndex: z.number().int().nonnegative(), hand: z.enum(['left', 'right']) }).strict(),
    output: sessionAnalysisSchema,
  },
  /** Metronome clicks heard while recording (event clock ms), appended in order. */
  appendClicks: {
    input: z.object({ sessionId: idSchema, clicks: z.array(clickSchema).max(MAX_MIDI_BATCH) }).strict(),
    output: z.object({ accepted: z.number().int().nonnegative() }),
  },
  listClicks: { input: bySession, output: z.array(clickSchema) },
  /** Preferences kept in the database (browser mode gets a new origin each run): key -> JSON text. */
  getPreferences: { input: none, output: z.record(z.string(), z.string()) },
  setPreference: {
    input: z.object({ key: z.string().min(1).max(200), value: z.string().max(20_000).nullable() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** The profile's drift against their own baseline (`evenkeys.drift/1`), for the History screen. */
  getDrift: {
    /** points 'latest': each series carries only its latest point (the History screen then asks getDriftPoints for the series it charts). */
    input: z.object({ profileId: idSchema, points: z.enum(['all', 'latest']).optional() }).strict(),
    output: driftDocumentSchema,
  },
  /** Every point of the named series of the profile's drift (unknown keys are left out). */
  getDriftPoints: {
    input: z.object({ profileId: idSchema, seriesKeys: z.array(z.string().min(1).max(1_000)).max(100) }).strict(),
    output: driftSeriesPointsSchema,
  },
  /** What the pianist did with a drift alert (seen, dismissed with a reason, hidden). */
  setAlertState: {
    input: z.object({
      profileId: idSchema,
      alertKey: z.string().min(1).max(1_000),
      state: z.enum(ALERT_USER_STATES),
      reason: z.enum(ALERT_DISMISS_REASONS).optional(),
      note: z.string().max(2_000).optional(),
    }).strict(),
    output: alertUserStateSchema,
  },
} as const;

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
/** What a caller passes (before zod defaults/transforms). */
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>;
/** What a handler returns and a caller receives. */
export type ApiOutput<N extends ApiName> = z.output<ApiContract[N]['output']>;

/** The one object the renderer talks to: a method per operation. */
export type EvenkeysApi = { [N in ApiName]: (input: ApiInput<N>) => Promise<ApiOutput<N>> };

/** Every operation name, in declaration order. */
export const apiNames = Object.keys(apiContract) as ApiName[];

/**
 * Narrows an untrusted string (an IPC channel suffix, a URL path) to an operation name.
 *
 * @example isApiName('listProfiles') // => true
 * @example isApiName('constructor') // => false
 */
export function isApiName(name: string): name is ApiName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** Prefix of the Electron IPC channel for each operation: `evenkeys:listProfiles`. */
export const IPC_CHANNEL_PREFIX = 'evenkeys:';
