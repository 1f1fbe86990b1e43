/**
 * The Evenkeys store: one typed object over the SQLite database (profiles, devices, sessions,
 * the raw MIDI log, derived analysis, annotations, backups). Nothing outside electron/store
 * writes SQL; everything goes through these functions. Runs in plain Node (never imports
 * 'electron'), so the app, the CLI, browser mode and tests share it.
 *
 * Opening does, in order: check the file (damaged/foreign/newer files are refused untouched),
 * switch to WAL, back up and migrate if the schema is old, take the daily backup if due, and
 * close + analyse sessions a crash left in 'recording' (status 'interrupted').
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { HandCorrection } from '../../core/analysis/confidence';
import type { AnalysisDocument } from '../../core/api/analysis';
import { recordingTimeProblem } from '../../core/api/time-range';
import type { RawMidiMessage } from '../../core/midi/types';
import { defaultAnalyzer } from './analyzer';
import { addAnnotation, deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from './annotations';
import type { BundleContent } from '../bundle/format';
import { collectBundle, importBundleRows } from './bundles';
import type { BundleRange, ImportReport } from './bundles';
import { deleteProfileRows, deleteSessionRows, scrubBackup } from './deletion';
import { appendClicks, listClicks } from './clicks';
import type { StoredClick } from './clicks';
import { getPreferences, setPreference } from './preferences';
import { DEFAULT_BACKUPS_KEPT, backupDatabase, isDailyBackupDue, listBackups } from './backup';
import type { BackupFile, BackupReason } from './backup';
import { loadAnalysis, saveAnalysis, saveAnalysisError } from './derived';
import { listDevices, noteDeviceSeen } from './devices';
import {
  clearOwnFingering,
  deleteImportedExercise,
  findExercise,
  getImportedExercise,
  listImportedExercises,
  listOwnFingerings,
  saveImportedExercise,
  setOwnFingering,
} from './exercises';
import type { ImportedExercise } from './exercises';
import type { OwnFingering } from '../../core/analysis/analyze';
import type { Exercise, Hand } from '../../core/exercises/types';
import { profileDrift, profileDriftPoints, setAlertState } from './drift';
import type { DriftDocumentOptions } from './drift';
import type { AlertUserState, DriftDocument } from '../../core/api/drift';
import { StoreError, toStoreError } from './errors';
import { listGaps } from './gaps';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/index';
import { openCheckedDatabase, readOnlyNotice } from './open-database';
import type { IntegrityCheck } from './open-database';
import { defaultDatabasePath } from './paths';
import { createProfile, ensureProfile, findProfileByName, getProfile, listProfiles } from './profiles';
import { countRawEvents, createRawEventInserter, nextSeq, readRawEvents } from './raw-events';
import { finishSession, getSession, listSessions, reopenSession, sessionsStillRecording, sessionsWithoutAnalysis, setSessionNotes, startSession } from './sessions';
import type {
  Analyzer,
  Annotation,
  Device,
  DeviceGap,
  NewAnnotation,
  NewSession,
  Profile,
  Session,
  SessionSummary,
  StoredRawEvent,
} from './types';
import { listHandCorrections, saveHandCorrection } from './take-hands';
import { changedFamilies, evidenceOf, handPriorBefore, sessionsToRefresh } from './hand-history';
import type { HandPrior } from '../../core/analysis/hand-prior';
import { createRecordingWriter } from './writer';
import type { RecordingWriter, RecordingWriterOptions } from './writer';

export interface OpenStoreOptions {
  /** Database file; defaults to the OS user-data folder (see paths.ts). */
  readonly path?: string;
  /** Computes the derived data; defaults to the core analyser. */
  readonly analyze?: Analyzer;
  /** Open without writing anything (no migration, no backup, no recovery). */
  readonly readOnly?: boolean;
  /** Check pages on open: 'quick' (default), 'full' or 'none'. */
  readonly integrityCheck?: IntegrityCheck;
  /** Backups kept per kind (pre-migration, daily, manual). Default 7. */
  readonly backupsKept?: number;
  /** Take a daily backup on open when the last one is older than 24 h. Default true. */
  readonly dailyBackup?: boolean;
  /** Close and analyse sessions a crash left in 'recording'. Default true. */
  readonly recoverInterrupted?: boolean;
  /**
   * Analyse finished sessions that have no analysis (a crash during Stop's analysis). Default
   * true. Off, they are analysed when first viewed or by `analyseUnanalysed()`.
   */
  readonly analyseOnOpen?: boolean;
  /**
   * SQLite synchronous level in WAL mode. 'NORMAL' (default) survives any crash of the app
   * without losing a committed batch; only a power cut or OS crash can lose the batches since the
   * last checkpoint. 'FULL' also fsyncs every batch (power-cut safe) at the cost of one fsync per
   * flush.
   */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** Stamped on new sessions. */
  readonly appVersion?: string;
  /** Wall clock, for tests. */
  readonly now?: () => Date;
  /** The schema migrations to apply; defaults to MIGRATIONS. Tests pass future versions here. */
  readonly migrations?: readonly Migration[];
}

/** What opening found and did. */
export interface OpenReport {
  readonly migratedFrom: number;
  readonly schemaVersion: number;
  readonly backups: readonly string[];
  /** Sessions closed as 'interrupted' because their recording process died. */
  readonly recoveredSessions: readonly number[];
  /** Finished sessions found without an analysis (a crash during Stop) and analysed on open. */
  readonly analysedSessions: readonly number[];
  /**
   * One-line notices for the user: the database is read-only, an empty file was set aside, the
   * daily backup failed (with its reason). None of them stops the app.
   */
  readonly notices: readonly string[];
}

/** A whole recording to save at once (an imported file): all or nothing. */
export interface ImportRecordingInput {
  readonly profileId: number;
  readonly startedAt: Date;
  /** The file's length: the session ends at startedAt + durationMs. */
  readonly durationMs: number;
  readonly messages: readonly RawMidiMessage[];
  readonly sourceFile: string;
  readonly exerciseId?: string | null;
  readonly notes?: string;
  readonly appVersion?: string;
}

export interface StartRecordingInput extends Omit<NewSession, 'appVersion' | 'deviceId'> {
  /** The keyboard, recorded in devices (optional). */
  readonly device?: { readonly name: string; readonly manufacturer?: string };
  readonly appVersion?: string;
}

export interface Store {
  readonly path: string;
  readonly schemaVersion: number;
  readonly readOnly: boolean;
  readonly openReport: OpenReport;
  /**
   * The better-sqlite3 connection. For tests and store maintenance only: the rest of the app
   * uses the typed functions.
   */
  readonly connection: BetterSqlite3.Database;
  /**
   * Closes the database. Writers still open are flushed one last time and detached; their
   * sessions stay 'recording' until the next open marks them interrupted.
   */
  close(): void;

  createProfile(input: { name: string; handSpanCm?: number | null }): Profile;
  ensureProfile(name: string): Profile;
  findProfileByName(name: string): Profile | undefined;
  getProfile(id: number): Profile;
  listProfiles(): Profile[];

  noteDeviceSeen(input: { name: string; manufacturer?: string }): Device;
  listDevices(): Device[];

  /** Starts a session and returns its recording writer. */
  startRecording(input: StartRecordingInput, options?: RecordingWriterOptions): RecordingWriter;
  /**
   * Reopens an 'interrupted' session (closed by crash recovery while its page kept playing) and
   * returns a writer that appends after its last saved event (`writer.firstSeq`).
   */
  resumeRecording(sessionId: number, options?: RecordingWriterOptions): RecordingWriter;
  getSession(id: number): Session;
  listSessions(profileId: number): SessionSummary[];
  setSessionNotes(id: number, notes: string): Session;
  readRawEvents(sessionId: number): StoredRawEvent[];
  countRawEvents(sessionId: number): number;
  listGaps(sessionId: number): DeviceGap[];

  /**
   * The stored analysis (with notes), or undefined when there is none or it failed (see
   * analysisError). A document stored by an older analyser that no longer fits the current
   * schema is recomputed from the raw events on the spot.
   */
  getAnalysis(sessionId: number): AnalysisDocument | undefined;
  analysisError(sessionId: number): string | null;
  /** Recomputes a session's derived data from its raw events and replaces it. */
  reanalyse(sessionId: number): AnalysisDocument | undefined;
  /** Stores an externally computed document as the session's derived data. */
  saveAnalysis(sessionId: number, doc: AnalysisDocument): void;
  /**
   * The pianist says take `takeIndex` (of the current analysis) was played by `hand`: the
   * correction is kept (by the take's time span) and the session reanalysed with it. Throws
   * StoreError 'not-found' for an unknown take, 'invalid' for a hands-together take or a session
   * still recording.
   */
  setTakeHand(sessionId: number, takeIndex: number, hand: Hand): AnalysisDocument | undefined;
  listHandCorrections(sessionId: number): HandCorrection[];
  /**
   * The hand history the analysis of session `sessionId` uses (issue 12): its pianist's earlier
   * sessions' takes with a known hand, per hand-free exercise family (electron/store/hand-history.ts).
   */
  handPrior(sessionId: number): HandPrior;

  addAnnotation(input: NewAnnotation): Annotation;
  listAnnotations(sessionId: number): Annotation[];
  deleteAnnotation(id: number): boolean;
  /** One annotation; StoreError('not-found'). */
  getAnnotation(id: number): Annotation;
  /** Edits your own note; StoreError('invalid') for an imported one. */
  updateAnnotation(id: number, text: string): Annotation;

  /** A profile's log (or only its notes) as bundle content (electron/bundle/format.ts). */
  collectBundle(profileId: number, options?: BundleRange & { annotationsOnly?: boolean }): BundleContent;
  /**
   * Imports validated bundle content in one transaction (rows, then the analysis of every new
   * session from its raw log). Throws BundleError (clash, conflict, invalid); nothing changes then.
   */
  importBundle(content: BundleContent, options?: { as?: string }): ImportReport;
  /** Deletes a session after a 'pre-delete' backup (returned) so it can be restored. */
  deleteSession(sessionId: number): Promise<{ backup: string }>;
  /**
   * Deletes a profile and everything it recorded or imported, here and inside every backup file.
   * Returns how many sessions went and how many backups held the profile.
   */
  deleteProfile(profileId: number): Promise<{ sessions: number; backupsScrubbed: number }>;

  /**
   * Stores an exercise imported from a score (id verbatim). Throws StoreError('invalid') when the
   * id names a library exercise or an earlier import.
   */
  importExercise(exercise: Exercise, sourceFile: string): ImportedExercise;
  listImportedExercises(): ImportedExercise[];
  getImportedExercise(id: string): ImportedExercise | undefined;
  /** Removes an imported exercise and every fingering of it; false when there was none. */
  deleteImportedExercise(id: string): boolean;
  /** An imported exercise (exact id) or a library one. */
  findExercise(id: string): Exercise | undefined;
  /**
   * Sets a profile's own fingering of one hand of an exercise: one finger (1-5) per note of that
   * hand, in playing order. Later analyses (and reanalyse) of that profile's sessions use it.
   * Throws StoreError('invalid') naming the count expected.
   */
  setOwnFingering(input: { profileId: number; exerciseId: string; hand: Hand; fingers: readonly number[] }): OwnFingering;
  clearOwnFingering(input: { profileId: number; exerciseId: string; hand: Hand }): boolean;
  listOwnFingerings(profileId: number, exerciseId?: string): OwnFingering[];

  /** Metronome clicks heard while recording (schema 003), event clock ms. */
  appendClicks(sessionId: number, clicks: readonly StoredClick[]): number;
  listClicks(sessionId: number): StoredClick[];
  /** Preferences (schema 003): key -> JSON text. */
  getPreferences(): Record<string, string>;
  setPreference(key: string, value: string | null): void;

  backupNow(reason?: BackupReason): Promise<string>;
  /** Takes the daily backup when due; returns its path or undefined. */
  backupIfDue(): Promise<string | undefined>;
  listBackups(): BackupFile[];
  /** Closes and analyses sessions left in 'recording' by a dead process; returns their ids. */
  recoverInterruptedSessions(): number[];
  /** Analyses every finished session that has no analysis yet; returns their ids. */
  analyseUnanalysed(): number[];
  /**
   * Saves a whole recording (an imported file) as one complete, analysed session in a single
   * transaction: times are checked first (core/api/time-range), and any failure leaves no trace
   * of the session. Throws StoreError('invalid') for out-of-range times.
   */
  importRecording(input: ImportRecordingInput): Session;

  /** The profile's drift (`evenkeys.drift/1`): series, baselines, alerts with the pianist's states. */
  drift(profileId: number, options?: DriftDocumentOptions): DriftDocument;
  /** Every point of the named series of the profile's drift (unknown keys left out). */
  driftPoints(profileId: number, seriesKeys: readonly string[]): { key: string; points: DriftDocument['series'][number]['points'] }[];
  /** Records what the pianist did with an alert. */
  setAlertState(profileId: number, input: { alertKey: string; state: AlertUserState['state']; reason?: AlertUserState['reason']; note?: string }): AlertUserState;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** The label the analysis document carries as `source.file`. */
function sourceLabel(session: Session): string {
  return session.sourceFile ?? `session ${session.id}`;
}

/**
 * Opens (or creates) the Evenkeys database.
 *
 * @example
 * const store = await openStore({ path: '/tmp/evenkeys.sqlite' })
 * const ana = store.ensureProfile('Ana')
 * const writer = store.startRecording({ profileId: ana.id })
 * writer.push({ bytes: [0x90, 60, 80], timeMs: 1000.25 })
 * writer.close() // => session 'complete', analysed
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const path = options.path ?? defaultDatabasePath();
  const now = options.now ?? (() => new Date());
  const analyze = options.analyze ?? defaultAnalyzer;
  const keep = options.backupsKept ?? DEFAULT_BACKUPS_KEPT;
  const appVersion = options.appVersion ?? '0.1.0';
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;

  const checked = openCheckedDatabase(path, { readOnly: options.readOnly ?? false, integrity: options.integrityCheck ?? 'quick', latestVersion: latest, now: now() });
  const { db, readOnly } = checked;
  const notices: string[] = [...checked.notices];
  const backups: string[] = [];
  const migratedFrom = schemaVersion(db);
  try {
    if (!readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (migratedFrom > 0 && migratedFrom < latest) {
        backups.push(await backupDatabase(db, path, 'pre-migration', { now: now(), keep }));
      }
      migrate(db, { path, migrations });
      if ((options.dailyBackup ?? true) && migratedFrom > 0 && isDailyBackupDue(path, now())) {
        // Recording needs a few kB; a backup needs a copy of everything. A full disk (or a
        // backups folder that cannot be written) must not keep the pianist from playing.
        try {
          backups.push(await backupDatabase(db, path, 'daily', { now: now(), keep }));
        } catch (error) {
          notices.push(`The daily backup could not be written (${oneLine(error instanceof Error ? error.message : String(error))}); your sessions are safe and recording works.`);
        }
      }
    } else if (migratedFrom < latest) {
      throw new StoreError('read-only', `${path} needs upgrading (schema ${migratedFrom} to ${latest}) but was opened read-only.`, { path });
    }
  } catch (error) {
    db.close();
    checked.dispose();
    throw toStoreError(error, 'preparing the database', path);
  }

  const liveWriters = new Set<RecordingWriter>();

  const wrap = <T>(doing: string, action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw toStoreError(error, doing, path);
    }
  };

  const analyseAndSave = (session: Session): AnalysisDocument | undefined => {
    // What this session gave its pianist's hand history before: if that changes, the later
    // sessions the history weighs in on are redone (refreshLaterHands).
    const evidenceBefore = evidenceOf(db, session.id);
    const doc = analyseAndSaveOnly(session);
    refreshLaterHands(session, changedFamilies(evidenceBefore, evidenceOf(db, session.id)));
    return doc;
  };

  const analyseAndSaveOnly = (session: Session): AnalysisDocument | undefined => {
    const messages = readRawEvents(db, session.id);
    const file = sourceLabel(session);
    let doc: AnalysisDocument;
    try {
      // The analysis knows what this database knows: its imported exercises, the fingerings of
      // the session's pianist, and when the keyboard was away.
      const profile = getProfile(db, session.profileId);
      const deviceGaps = listGaps(db, session.id).map((gap) => ({ startMs: gap.disconnectedAtMs, endMs: gap.reconnectedAtMs }));
      const handCorrections = listHandCorrections(db, session.id);
      // What the pianist played before this session (never after: reproducible) weighs in on
      // the takes whose hand the notes leave uncertain.
      const handPrior = handPriorBefore(db, session.id);
      doc = analyze({
        messages,
        file,
        includeNotes: true,
        deviceGaps,
        ...(session.exerciseId ? { exercise: session.exerciseId } : {}),
        exercises: listImportedExercises(db).map((imported) => imported.exercise),
        fingerings: listOwnFingerings(db, profile.id),
        profile: profile.name,
        ...(profile.handSpanCm ? { handSpanCm: profile.handSpanCm } : {}),
        ...(handCorrections.length > 0 ? { handCorrections } : {}),
        ...(Object.keys(handPrior.families).length > 0 ? { handPrior } : {}),
      });
    } catch (error) {
      // A bug in the analyser must never cost the recording: keep the raw events, note the error.
      saveAnalysisError(db, session.id, file, error instanceof Error ? error.message : String(error), now());
      return undefined;
    }
    saveAnalysis(db, session.id, doc, now());
    return doc;
  };

  /**
   * The evidence of `families` changed in `session` (a hand corrected; the session analysed for
   * the first time, imported, recovered or deleted): the later sessions of its pianist that the
   * history weighs in on are reanalysed, so stored analyses stay what a full recompute gives.
   * Their own evidence never depends on the history, so this goes one step, not a chain.
   */
  function refreshLaterHands(session: { profileId: number; startedAt: string; id: number }, families: ReadonlySet<string>): void {
    for (const id of sessionsToRefresh(db, session.profileId, session, families)) analyseAndSave(getSession(db, id));
  }

  const recoverInterruptedSessions = (): number[] =>
    wrap('recovering interrupted sessions', () => {
      const recovered: number[] = [];
      for (const { session, writerPid } of sessionsStillRecording(db)) {
        // A session another live process is recording is not ours to close.
        if (writerPid !== null && writerPid !== process.pid && isProcessAlive(writerPid)) continue;
        const closed = finishSession(db, session.id, 'interrupted', session.lastWriteAt ?? session.startedAt);
        analyseAndSave(closed);
        recovered.push(session.id);
      }
      return recovered;
    });

  const analyseUnanalysed = (): number[] =>
    wrap('analysing finished sessions', () => {
      const done: number[] = [];
      for (const session of sessionsWithoutAnalysis(db)) {
        analyseAndSave(session);
        done.push(session.id);
      }
      return done;
    });

  const writerFor = (sessionId: number, writerOptions: RecordingWriterOptions): RecordingWriter => {
    const writer = createRecordingWriter(
      db,
      sessionId,
      {
        firstSeq: nextSeq(db, sessionId),
        path,
        finish: (status, endedAt) =>
          wrap('closing the session', () => {
            liveWriters.delete(writer);
            const closed = finishSession(db, sessionId, status, endedAt ?? now());
            analyseAndSave(closed);
            return getSession(db, sessionId);
          }),
      },
      { now, ...writerOptions },
    );
    liveWriters.add(writer);
    return writer;
  };

  const recoveredSessions = !readOnly && (options.recoverInterrupted ?? true) ? recoverInterruptedSessions() : [];
  const analysedSessions = !readOnly && (options.analyseOnOpen ?? true) ? analyseUnanalysed() : [];
  const openReport: OpenReport = { migratedFrom, schemaVersion: schemaVersion(db), backups, recoveredSessions, analysedSessions, notices };
  const insertEvents = readOnly ? undefined : createRawEventInserter(db);

  return {
    path,
    schemaVersion: openReport.schemaVersion,
    readOnly,
    openReport,
    connection: db,
    close: () => {
      for (const writer of liveWriters) writer.detach();
      liveWriters.clear();
      if (db.open) db.close();
      checked.dispose();
    },

    createProfile: (input) => createProfile(db, input, now()),
    ensureProfile: (name) => wrap('saving a profile', () => ensureProfile(db, name, now())),
    findProfileByName: (name) => findProfileByName(db, name),
    getProfile: (id) => getProfile(db, id),
    listProfiles: () => listProfiles(db),

    noteDeviceSeen: (input) => wrap('saving a device', () => noteDeviceSeen(db, input, now())),
    listDevices: () => listDevices(db),

    startRecording: (input, writerOptions = {}) => {
      if (readOnly) throw new StoreError('read-only', readOnlyNotice(path), { path });
      const session = wrap('starting a session', () => {
        const profile = getProfile(db, input.profileId);
        const device = input.device ? noteDeviceSeen(db, input.device, now()) : undefined;
        return startSession(db, {
          ...input,
          profileId: profile.id,
          deviceId: device?.id ?? null,
          startedAt: input.startedAt ?? now(),
          appVersion: input.appVersion ?? appVersion,
        });
      });
      return writerFor(session.id, writerOptions);
    },
    resumeRecording: (sessionId, writerOptions = {}) => {
      if (readOnly) throw new StoreError('read-only', readOnlyNotice(path), { path });
      wrap(`resuming session ${sessionId}`, () => reopenSession(db, sessionId));
      return writerFor(sessionId, writerOptions);
    },
    getSession: (id) => getSession(db, id),
    listSessions: (profileId) => listSessions(db, profileId),
    setSessionNotes: (id, notes) => wrap('saving session notes', () => setSessionNotes(db, id, notes)),
    readRawEvents: (sessionId) => readRawEvents(db, sessionId),
    countRawEvents: (sessionId) => countRawEvents(db, sessionId),
    listGaps: (sessionId) => listGaps(db, sessionId),

    getAnalysis: (sessionId) => {
      const stored = loadAnalysis(db, sessionId);
      if (stored.status === 'ok') return stored.document;
      // 'none' for a finished session: Stop was cut short before its analysis was saved.
      if ((stored.status !== 'stale' && stored.status !== 'none') || readOnly) return undefined;
      const session = getSession(db, sessionId);
      return session.status === 'recording' ? undefined : wrap(`reanalysing session ${sessionId}`, () => analyseAndSave(session));
    },
    analysisError: (sessionId) => {
      const stored = loadAnalysis(db, sessionId);
      return stored.status === 'failed' ? stored.error : null;
    },
    reanalyse: (sessionId) =>
      wrap(`reanalysing session ${sessionId}`, () => {
        const session = getSession(db, sessionId);
        if (session.status === 'recording') throw new StoreError('invalid', `Session ${sessionId} is still recording.`);
        return analyseAndSave(session);
      }),
    saveAnalysis: (sessionId, doc) => wrap('saving an analysis', () => saveAnalysis(db, sessionId, doc, now())),
    setTakeHand: (sessionId, takeIndex, hand) =>
      wrap(`correcting the hand of take ${takeIndex + 1} of session ${sessionId}`, () => {
        const session = getSession(db, sessionId);
        if (session.status === 'recording') throw new StoreError('invalid', `Session ${sessionId} is still recording.`);
        const stored = loadAnalysis(db, sessionId);
        // Messages number takes from 1, as the report and `evenkeys analyze` show them.
        const takes = stored.status === 'ok' ? stored.document.takes : [];
        const take = takes[takeIndex];
        if (!take) throw new StoreError('not-found', `Session ${sessionId} has no take ${takeIndex + 1} (it has ${takes.length}).`);
        if (take.exercise.hands === 'both') throw new StoreError('invalid', `Take ${takeIndex + 1} of session ${sessionId} is played hands together.`);
        saveHandCorrection(db, sessionId, { startMs: take.startMs, endMs: take.endMs, hand }, now());
        return analyseAndSave(session);
      }),
    handPrior: (sessionId) => handPriorBefore(db, sessionId),
    listHandCorrections: (sessionId) => listHandCorrections(db, sessionId),

    addAnnotation: (input) => wrap('saving an annotation', () => addAnnotation(db, input, now())),
    listAnnotations: (sessionId) => listAnnotations(db, sessionId),
    deleteAnnotation: (id) => wrap('deleting an annotation', () => deleteAnnotation(db, id)),
    getAnnotation: (id) => getAnnotation(db, id),
    updateAnnotation: (id, text) => wrap('editing an annotation', () => updateAnnotation(db, id, text, now())),

    collectBundle: (profileId, bundleOptions = {}) => collectBundle(db, profileId, { ...bundleOptions, appVersion, now: now() }),
    importBundle: (content, importOptions = {}) => {
      if (readOnly) throw new StoreError('read-only', `${path} was opened read-only.`, { path });
      // Rows and analyses in one transaction: a failure anywhere leaves the database as it was.
      return db.transaction(() => {
        const report = importBundleRows(db, content, { ...importOptions, now: now() });
        // In playing order, so each new session's prior holds the new sessions before it. Sessions
        // already here whose hand corrections the bundle changed are analysed again with them.
        const added = [...report.newSessionIds, ...report.correctedSessionIds].map((id) => getSession(db, id)).sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id - b.id));
        // (Imported sessions may be older than ones already here: analysing each redoes the later
        // sessions its known hands help.)
        for (const session of added) analyseAndSave(session);
        return report;
      }).immediate();
    },
    deleteSession: async (sessionId) => {
      const session = getSession(db, sessionId);
      if (session.status === 'recording') throw new StoreError('invalid', `Session ${sessionId} is still recording; stop it first.`);
      const backup = await backupDatabase(db, path, 'pre-delete', { now: now(), keep });
      const families = new Set(Object.keys(evidenceOf(db, sessionId).families));
      wrap(`deleting session ${sessionId}`, () => db.transaction(() => deleteSessionRows(db, sessionId)).immediate());
      // Its takes no longer count in the later sessions' hand history.
      wrap(`reanalysing the sessions after session ${sessionId}`, () => refreshLaterHands(session, families));
      return { backup };
    },
    deleteProfile: async (profileId) => {
      const profile = getProfile(db, profileId);
      const sessions = wrap(`deleting profile '${profile.name}'`, () => {
        if (sessionsStillRecording(db).some((r) => r.session.profileId === profileId)) {
          throw new StoreError('invalid', `'${profile.name}' is recording; stop the session first.`);
        }
        db.pragma('secure_delete = ON');
        try {
          return db.transaction(() => deleteProfileRows(db, profileId)).immediate();
        } finally {
          db.pragma('secure_delete = OFF');
        }
      });
      // The deleted pages also sit in the WAL until a checkpoint: write them back and truncate it.
      db.pragma('wal_checkpoint(TRUNCATE)');
      let backupsScrubbed = 0;
      for (const backup of listBackups(path)) if (scrubBackup(backup.path, profile)) backupsScrubbed += 1;
      return { sessions, backupsScrubbed };
    },

    importExercise: (exercise, sourceFile) => wrap('saving an imported exercise', () => saveImportedExercise(db, exercise, sourceFile, now())),
    listImportedExercises: () => wrap('reading imported exercises', () => listImportedExercises(db)),
    getImportedExercise: (id) => wrap('reading an imported exercise', () => getImportedExercise(db, id)),
    deleteImportedExercise: (id) => wrap('deleting an imported exercise', () => deleteImportedExercise(db, id)),
    findExercise: (id) => wrap('reading an exercise', () => findExercise(db, id)),
    setOwnFingering: ({ profileId, exerciseId, hand, fingers }) =>
      wrap('saving a fingering', () => setOwnFingering(db, getProfile(db, profileId).id, exerciseId, hand, fingers, now())),
    clearOwnFingering: ({ profileId, exerciseId, hand }) => wrap('clearing a fingering', () => clearOwnFingering(db, profileId, exerciseId, hand)),
    listOwnFingerings: (profileId, exerciseId) => wrap('reading fingerings', () => listOwnFingerings(db, profileId, exerciseId)),
    appendClicks: (sessionId, clicks) => wrap('saving metronome clicks', () => appendClicks(db, sessionId, clicks)),
    listClicks: (sessionId) => listClicks(db, sessionId),
    getPreferences: () => getPreferences(db),
    setPreference: (key, value) => wrap('saving a preference', () => setPreference(db, key, value, now())),

    backupNow: (reason = 'manual') => backupDatabase(db, path, reason, { now: now(), keep }),
    backupIfDue: async () => (isDailyBackupDue(path, now()) ? backupDatabase(db, path, 'daily', { now: now(), keep }) : undefined),
    listBackups: () => listBackups(path),
    recoverInterruptedSessions,
    analyseUnanalysed,
    importRecording: (input) =>
      wrap('importing a recording', () => {
        if (insertEvents === undefined) throw new StoreError('read-only', `${path} is open read-only; nothing can be recorded.`, { path });
        const problem = recordingTimeProblem(
          input.messages.map((m) => m.timeMs),
          input.startedAt,
          input.durationMs,
        );
        if (problem !== null) throw new StoreError('invalid', `${input.sourceFile}: ${problem}; nothing was recorded.`, { path });
        const endedAt = new Date(input.startedAt.getTime() + Math.max(0, input.durationMs));
        const save = db.transaction(() => {
          const profile = getProfile(db, input.profileId);
          const started = startSession(db, {
            profileId: profile.id,
            startedAt: input.startedAt,
            appVersion: input.appVersion ?? appVersion,
            sourceFile: input.sourceFile,
            exerciseId: input.exerciseId ?? null,
            notes: input.notes ?? '',
          });
          const at = now().toISOString();
          const batch = input.messages.map((message, seq) => ({ seq, timeMs: message.timeMs, port: message.port ?? null, bytes: Buffer.from(Array.from(message.bytes)) }));
          for (let i = 0; i < batch.length; i += 4096) insertEvents(started.id, batch.slice(i, i + 4096), at);
          return finishSession(db, started.id, 'complete', endedAt);
        });
        // The session and every event are committed together; the analysis runs after the
        // write lock is released (a crash here leaves a complete session that the next open
        // analyses, like a Stop cut short).
        const closed = save.immediate();
        analyseAndSave(closed);
        return getSession(db, closed.id);
      }),

    drift: (profileId, options) => wrap('computing drift', () => profileDrift(db, profileId, now(), options)),
    driftPoints: (profileId, seriesKeys) => wrap('computing drift', () => profileDriftPoints(db, profileId, seriesKeys)),
    setAlertState: (profileId, input) => wrap('saving an alert state', () => setAlertState(db, profileId, input, now())),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
