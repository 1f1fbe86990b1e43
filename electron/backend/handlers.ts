/**
 * The API implemented on top of the store. Live recordings keep their RecordingWriter here
 * (one per session id) between `startSession` and `finishSession`: the renderer sends raw
 * messages in ~100 ms batches and the writer persists them in its own batched transactions.
 */
import { analysisDocumentSchema } from '../../core/api/analysis';
import type { AnalysisDocument } from '../../core/api/analysis';
import { ApiError } from '../../core/api/errors';
import type { RawMidiWire, SessionSummary, Take } from '../../core/api/schemas';
import { writeSmf } from '../../core/midi/smf';
import { StoreError } from '../store/index';
import type { RecordingWriter, Store } from '../store/index';
import type { Session as StoreSession, SessionSummary as StoreSessionSummary } from '../store/index';
import type { ApiHandlers } from './dispatch';
import { exerciseHandlers } from './exercise-handlers';
import { createTeacherHandlers } from './teacher-handlers';

/** The handlers plus what the host must do on shutdown. */
export interface BackendHandlers {
  readonly handlers: ApiHandlers;
  /** Sessions still recording (the renderer never said stop). */
  openSessionIds(): number[];
  /** Ends every live recording as 'interrupted' (the app is quitting without a stop). */
  closeAll(): void;
}

/** The export format version of `exportSession --format json`. */
export const SESSION_EXPORT_SCHEMA_ID = 'evenkeys.session-export/1';

/**
 * A page recording a session is alive while it sends a batch or a heartbeat (every 5 s, see
 * renderer/midi/batcher.ts) at least this often. A second tab may not take over a session that
 * is alive; one gone quiet for this long was left by a page that went away without a stop.
 */
export const RECORDING_ALIVE_MS = 15_000;

export interface HandlerOptions {
  /** Wall clock in ms, for tests. */
  readonly now?: () => number;
}

/**
 * @example
 * const { handlers } = createHandlers(await openStore({ path }));
 * const dispatch = createDispatch(handlers);
 */
export function createHandlers(store: Store, options: HandlerOptions = {}): BackendHandlers {
  const writers = new Map<number, RecordingWriter>();
  const clock = options.now ?? (() => Date.now());
  /** When the page recording each live session was last heard from (ms). */
  const lastContact = new Map<number, number>();

  const summarise = (session: StoreSession, brief?: StoreSessionSummary): SessionSummary => {
    const line = brief ?? store.listSessions(session.profileId).find((s) => s.id === session.id);
    return {
      id: session.id,
      profileId: session.profileId,
      deviceId: session.deviceId,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      status: session.status,
      appVersion: session.appVersion,
      metronomeBpm: session.metronomeBpm,
      notes: session.notes,
      exerciseId: session.exerciseId,
      sourceFile: session.sourceFile,
      eventCount: eventCountOf(writers.get(session.id)) ?? session.eventCount,
      noteCount: line?.noteCount ?? 0,
      takeCount: line?.takes ?? 0,
      unevennessMs: line?.unevennessMs ?? null,
      analysisError: line?.analysisError ?? null,
      exercises: (line?.exercises ?? []).map((e) => ({ ...e })),
    };
  };

  const sessionOrThrow = (id: number): StoreSession => translate(() => store.getSession(id));

  const liveWriter = (sessionId: number): RecordingWriter => {
    const writer = writers.get(sessionId);
    if (writer !== undefined) return writer;
    const session = sessionOrThrow(sessionId);
    throw new ApiError('conflict', `Session ${sessionId} is not recording (status: ${session.status}).`);
  };

  /**
   * Ends a recording nobody stopped (the page went away, the app is quitting). Its end is the
   * last time MIDI was saved, as crash recovery does, not the moment someone noticed: a tab
   * closed at 10:03 and a host stopped at 18:00 is a 3-minute session, not an 8-hour one.
   */
  const interrupt = (writer: RecordingWriter): StoreSession => {
    writer.flush();
    const saved = store.getSession(writer.sessionId);
    const endedAt = new Date(saved.lastWriteAt ?? saved.startedAt);
    const session = writer.close('interrupted', endedAt);
    writers.delete(writer.sessionId);
    return session;
  };

  /**
   * A page that kept playing while the host crashed and restarted comes back with the next
   * sequence number of a session that recovery closed as 'interrupted': it carries on.
   * Refused when its pianist is recording elsewhere now, or when messages would be missing.
   */
  const resume = (sessionId: number, firstSeq: number | undefined): RecordingWriter => {
    const session = sessionOrThrow(sessionId);
    if (firstSeq === undefined || session.status !== 'interrupted') return liveWriter(sessionId);
    if (firstSeq > session.eventCount) {
      throw new ApiError('conflict', `Session ${sessionId} cannot be resumed: ${firstSeq - session.eventCount} MIDI messages before these never arrived.`);
    }
    const busy = recordingOf(session.profileId);
    if (busy !== undefined) throw new ApiError('conflict', alreadyRecording(busy));
    const writer = translate(() => store.resumeRecording(sessionId));
    writers.set(sessionId, writer);
    return writer;
  };

  /** Sessions their own page finished (Stop, or pagehide's 'interrupted') in this run of the host. */
  const finishedByPage = new Set<number>();

  /**
   * The stored session when a request for a session that is not recording brings nothing it
   * lacks (every message below `firstSeq + count` is saved): a batch still in flight when its
   * page ended the session (pagehide sends the same messages with finishSession, and requests on
   * different connections arrive in any order), or a retried request. Answering it must not
   * reopen the session, or it would stay "recording" with no page left to stop it. Only for
   * sessions their own page finished in this run of the host: one that crash recovery closed is
   * still resumed by its page, and one ended by another tab still answers 'conflict'.
   */
  const alreadySaved = (sessionId: number, firstSeq: number | undefined, count: number): StoreSession | undefined => {
    if (!finishedByPage.has(sessionId) || writers.has(sessionId) || firstSeq === undefined) return undefined;
    const session = sessionOrThrow(sessionId);
    return session.status !== 'recording' && firstSeq + count <= session.eventCount ? session : undefined;
  };

  /** A live recording of this profile whose page is still sending, if any. */
  const recordingOf = (profileId: number): StoreSession | undefined => {
    for (const writer of writers.values()) {
      const session = store.getSession(writer.sessionId);
      if (session.profileId === profileId && clock() - (lastContact.get(writer.sessionId) ?? 0) < RECORDING_ALIVE_MS) return session;
    }
    return undefined;
  };

  const alreadyRecording = (session: StoreSession): string => {
    const name = translate(() => store.getProfile(session.profileId)).name;
    return `${name} is already recording in another window or tab (session ${session.id}, started ${session.startedAt.slice(11, 16)} UTC). Stop that recording first: one recording per pianist at a time, and nothing of it is lost.`;
  };

  /**
   * Pushes the messages the writer does not have yet (a resent batch overlaps what arrived
   * before) and returns how many were new. `firstSeq` is messages[0]'s sequence number.
   */
  const accept = (writer: RecordingWriter, messages: readonly RawMidiWire[], firstSeq: number | undefined): number => {
    const expected = writer.firstSeq + writer.stats.received;
    let skip = 0;
    if (firstSeq !== undefined) {
      if (firstSeq > expected) {
        throw new ApiError('conflict', `Session ${writer.sessionId}: MIDI messages ${expected} to ${firstSeq - 1} never arrived; send from ${expected}.`);
      }
      skip = Math.min(messages.length, expected - firstSeq);
    }
    translate(() => {
      for (let i = skip; i < messages.length; i += 1) writer.push(messages[i] as RawMidiWire);
    });
    lastContact.set(writer.sessionId, clock());
    return messages.length - skip;
  };

  const handlers: ApiHandlers = {
    listProfiles: () => store.listProfiles(),
    createProfile: ({ name, handSpanCm }) => {
      if (store.findProfileByName(name) !== undefined) throw new ApiError('conflict', `A profile named "${name}" already exists.`);
      return translate(() => store.createProfile({ name, handSpanCm: handSpanCm ?? null }));
    },

    upsertDevice: ({ name, manufacturer }) => translate(() => store.noteDeviceSeen({ name, manufacturer })),
    listDevices: () => store.listDevices(),

    startSession: ({ profileId, deviceId, metronomeBpm, notes, exerciseId }) => {
      // The chosen exercise may be a library one or one imported into this database.
      const exercise = exerciseId === undefined ? undefined : store.findExercise(exerciseId);
      if (exerciseId !== undefined && exercise === undefined) throw new ApiError('invalid-input', `Unknown exercise '${exerciseId}'.`);
      // One pianist records one session at a time. A page still sending for this profile (a
      // second tab) is refused plainly: taking over would end the first tab's recording. A
      // session of theirs gone quiet was left by a page that went away without a stop (a
      // reload, a crashed tab): close it before the new one starts.
      const busy = recordingOf(profileId);
      if (busy !== undefined) throw new ApiError('conflict', alreadyRecording(busy));
      for (const writer of [...writers.values()]) {
        if (store.getSession(writer.sessionId).profileId !== profileId) continue;
        try {
          interrupt(writer);
        } catch (error) {
          // It cannot be saved yet (disk full): it stays open and keeps retrying; closeAll ends it.
          console.error(`evenkeys: could not close session ${writer.sessionId}:`, error);
        }
      }
      const device = deviceId === undefined ? undefined : store.listDevices().find((d) => d.id === deviceId);
      if (deviceId !== undefined && device === undefined) throw new ApiError('not-found', `No device ${deviceId}.`);
      const writer = translate(() =>
        store.startRecording({
          profileId,
          ...(device ? { device: { name: device.name, manufacturer: device.manufacturer } } : {}),
          ...(metronomeBpm !== undefined ? { metronomeBpm } : {}),
          ...(notes !== undefined ? { notes } : {}),
          ...(exercise !== undefined ? { exerciseId: exercise.id } : {}),
        }),
      );
      writers.set(writer.sessionId, writer);
      lastContact.set(writer.sessionId, clock());
      return summarise(store.getSession(writer.sessionId));
    },
    appendMidi: ({ sessionId, messages, firstSeq }) => {
      const saved = alreadySaved(sessionId, firstSeq, messages.length);
      if (saved !== undefined) return { accepted: 0, savedThrough: saved.eventCount };
      const writer = writers.get(sessionId) ?? resume(sessionId, firstSeq);
      const accepted = accept(writer, messages, firstSeq);
      // Acknowledge only what is durable: commit now (one short transaction per ~100 ms batch)
      // and tell the page how far the session is saved; it keeps the rest and resends it.
      writer.flush();
      const { lastError, pending, persisted } = writer.stats;
      const savedThrough = writer.firstSeq + persisted;
      return lastError === null ? { accepted, savedThrough } : { accepted, savedThrough, notSaved: { pending, message: lastError.message } };
    },
    reportDeviceGap: ({ sessionId, state, timeMs, port }) => {
      const writer = liveWriter(sessionId);
      translate(() => {
        if (state === 'disconnected') writer.deviceDisconnected(port ?? null, timeMs);
        else writer.deviceReconnected(port ?? null, timeMs);
      });
      return { ok: true as const };
    },
    finishSession: ({ sessionId, status, messages, firstSeq }) => {
      const saved = alreadySaved(sessionId, firstSeq, messages?.length ?? 0);
      if (saved !== undefined) return summarise(saved);
      const writer = writers.get(sessionId) ?? (firstSeq !== undefined && (messages?.length ?? 0) > 0 ? resume(sessionId, firstSeq) : undefined);
      if (writer === undefined) {
        const session = sessionOrThrow(sessionId);
        if (messages !== undefined && messages.length > 0) {
          throw new ApiError('conflict', `Session ${sessionId} is not recording (status: ${session.status}); ${messages.length} MIDI messages were not saved.`);
        }
        // Already finished (a retried stop) or closed by crash recovery: answer with its state.
        return summarise(session);
      }
      accept(writer, messages ?? [], firstSeq);
      lastContact.delete(sessionId);
      finishedByPage.add(sessionId);
      if (status === 'interrupted') return summarise(translate(() => interrupt(writer)));
      const session = translate(() => writer.close('complete'));
      writers.delete(sessionId);
      return summarise(session);
    },
    listSessions: ({ profileId }) => {
      translate(() => store.getProfile(profileId));
      return store.listSessions(profileId).map((brief) => summarise(store.getSession(brief.id), brief));
    },
    getSession: ({ sessionId }) => summarise(sessionOrThrow(sessionId)),
    getSessionAnalysis: ({ sessionId }) => analysisView(sessionId),
    reanalyseSession: ({ sessionId }) => {
      const session = sessionOrThrow(sessionId);
      if (session.status === 'recording') throw new ApiError('conflict', `Session ${sessionId} is still recording; it is analysed when it stops.`);
      translate(() => store.reanalyse(sessionId));
      return analysisView(sessionId);
    },
    

    getHistory: ({ profileId }) => {
      translate(() => store.getProfile(profileId));
      return store.listSessions(profileId).map((s) => ({
        sessionId: s.id,
        startedAt: s.startedAt,
        status: s.status,
        takeCount: s.takes,
        unevennessMs: s.unevennessMs,
        exercises: s.exercises.map((e) => ({ ...e })),
      }));
    },

    getDrift: ({ profileId, points }) => translate(() => store.drift(profileId, points ? { points } : {})),
    getDriftPoints: ({ profileId, seriesKeys }) => translate(() => store.driftPoints(profileId, seriesKeys)),
    setAlertState: ({ profileId, alertKey, state, reason, note }) =>
      translate(() => store.setAlertState(profileId, { alertKey, state, ...(reason ? { reason } : {}), ...(note !== undefined ? { note } : {}) })),

    addAnnotation: ({ sessionId, takeIndex, timeMs, author, text, target, eventType, authorName }) => {
      sessionOrThrow(sessionId);
      return translate(() =>
        store.addAnnotation({
          sessionId, takeIndex: takeIndex ?? null, timeMs: timeMs ?? null, author: author ?? 'pianist', text,
          ...(target ? { target } : {}), ...(eventType ? { eventType } : {}), ...(authorName ? { authorName } : {}),
        }),
      );
    },
    listAnnotations: ({ sessionId }) => {
      sessionOrThrow(sessionId);
      return store.listAnnotations(sessionId);
    },

    setTakeHand: ({ sessionId, takeIndex, hand }) => {
      sessionOrThrow(sessionId);
      translate(() => store.setTakeHand(sessionId, takeIndex, hand));
      return handlers.getSessionAnalysis({ sessionId });
    },

    exportSession: ({ sessionId, format }) => {
      const session = sessionOrThrow(sessionId);
      const raw = store.readRawEvents(sessionId);
      const stem = `evenkeys-session-${sessionId}-${session.startedAt.slice(0, 10)}`;
      if (format === 'smf') {
        // SMF time starts at 0: shift by the first message (Web MIDI times count from page load).
        const origin = raw[0]?.timeMs ?? 0;
        const bytes = writeSmf(raw.map((m) => ({ bytes: m.bytes, timeMs: m.timeMs - origin })));
        return { fileName: `${stem}.mid`, mimeType: 'audio/midi', encoding: 'base64' as const, content: Buffer.from(bytes).toString('base64') };
      }
      const document = {
        schema: SESSION_EXPORT_SCHEMA_ID,
        session: summarise(session),
        rawEvents: raw.map((m) => ({ seq: m.seq, timeMs: m.timeMs, port: m.port ?? null, bytes: Array.from(m.bytes) })),
        gaps: store.listGaps(sessionId),
        annotations: store.listAnnotations(sessionId),
        clicks: store.listClicks(sessionId),
        analysis: store.getAnalysis(sessionId) ?? null,
      };
      return { fileName: `${stem}.json`, mimeType: 'application/json', encoding: 'utf8' as const, content: JSON.stringify(document, null, 2) };
    },

    ...exerciseHandlers(store),
    ...createTeacherHandlers(store),
    appendClicks: ({ sessionId, clicks }) => {
      sessionOrThrow(sessionId);
      return { accepted: translate(() => store.appendClicks(sessionId, clicks)) };
    },
    listClicks: ({ sessionId }) => {
      sessionOrThrow(sessionId);
      return store.listClicks(sessionId);
    },
    getPreferences: () => store.getPreferences(),
    setPreference: ({ key, value }) => {
      translate(() => store.setPreference(key, value));
      return { ok: true as const };
    },
  };

  /**
   * A session with its analysis. A finished session that was never analysed (a Stop cut short)
   * is analysed here by the store, so the view gets takes or the analysis error, never nothing.
   */
  function analysisView(sessionId: number) {
    const status = sessionOrThrow(sessionId).status;
    const { analysis, problem } = currentAnalysis(store, sessionId, status);
    const session = summarise(sessionOrThrow(sessionId));
    return {
      session: problem === null ? session : { ...session, analysisError: session.analysisError ?? problem },
      takes: analysis === null ? [] : takesOf(analysis),
      analysis,
    };
  }

  return {
    handlers,
    openSessionIds: () => [...writers.keys()],
    closeAll: () => {
      for (const [id, writer] of [...writers]) {
        try {
          interrupt(writer);
        } catch (error) {
          console.error(`evenkeys: could not close session ${id}:`, error);
        }
      }
      writers.clear();
    },
  };
}

/**
 * The stored analysis, checked against this build's schema. Derived data can always be
 * recomputed from the raw events, so a document from an older analyser is recomputed once
 * instead of failing the whole view; if that still does not fit, the view gets the reason.
 */
function currentAnalysis(store: Store, sessionId: number, status: string): { analysis: AnalysisDocument | null; problem: string | null } {
  const stored = store.getAnalysis(sessionId);
  if (stored === undefined) return { analysis: null, problem: null };
  const checked = analysisDocumentSchema.safeParse(stored);
  if (checked.success) return { analysis: checked.data, problem: null };
  if (status !== 'recording') {
    const again = analysisDocumentSchema.safeParse(store.reanalyse(sessionId));
    if (again.success) return { analysis: again.data, problem: null };
  }
  return { analysis: null, problem: `the stored analysis does not match this version of Evenkeys (${checked.error.issues[0]?.message ?? 'schema mismatch'})` };
}

/**
 * The takes of an analysis as the session view lists them.
 *
 * @example takesOf(doc)[0] // => { index: 0, exerciseId: 'scale-c-major-rh-2oct', bpm: 96, unevennessMs: 11.2, ... }
 */
export function takesOf(analysis: AnalysisDocument): Take[] {
  return analysis.takes.map((take, index) => ({
    index,
    exerciseId: take.exercise.id,
    exerciseName: take.exercise.name,
    hands: take.exercise.hands,
    bpm: take.bpm,
    startMs: take.startMs,
    endMs: take.endMs,
    unevennessMs: take.unevennessMs !== null && Number.isFinite(take.unevennessMs) ? take.unevennessMs : null,
  }));
}

/** Messages a live writer's session holds (saved or waiting), or undefined without one. */
function eventCountOf(writer: RecordingWriter | undefined): number | undefined {
  return writer === undefined ? undefined : writer.firstSeq + writer.stats.received;
}

/** Store failures the user can act on keep their meaning; the rest stay StoreErrors (internal). */
function translate<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found') throw new ApiError('not-found', error.message);
    if (error instanceof StoreError && error.code === 'invalid') throw new ApiError('conflict', error.message);
    // Read-only media: the one line says it all ("This database is read-only (PATH): ...").
    if (error instanceof StoreError && error.code === 'read-only') throw new ApiError('conflict', error.message);
    throw error;
  }
}
