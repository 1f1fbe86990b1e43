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
import { ALERT_DISMISS_REASONS, ALERT_USER_STATES, alertUserStateSchema, driftDocumentSchema } from './drift';

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
    }).strict(),
    output: sessionSummarySchema,
  },
  /** A small batch (the renderer flushes every ~100 ms) of raw messages, in arrival order. */
  appendMidi: {
    input: z.object({
      sessionId: idSchema,
      messages: z.array(rawMidiWireSchema).max(MAX_MIDI_BATCH),
    }).strict(),
    output: z.object({
      accepted: z.number().int().nonnegative(),
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
    }).strict(),
    output: annotationSchema,
  },
  listAnnotations: { input: bySession, output: z.array(annotationSchema) },

  exportSession: {
    input: z.object({ sessionId: idSchema, format: z.enum(['json', 'smf']) }).strict(),
    output: exportFileSchema,
  },

  /** The profile's drift against their own baseline (`evenkeys.drift/1`), for the History screen. */
  getDrift: { input: byProfile, output: driftDocumentSchema },
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
