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
import type { AnalysisDocument } from '../../core/api/analysis';
import { defaultAnalyzer } from './analyzer';
import { addAnnotation, deleteAnnotation, listAnnotations } from './annotations';
import { DEFAULT_BACKUPS_KEPT, backupDatabase, isDailyBackupDue, listBackups } from './backup';
import type { BackupFile, BackupReason } from './backup';
import { loadAnalysis, saveAnalysis, saveAnalysisError } from './derived';
import { listDevices, noteDeviceSeen } from './devices';
import { profileDrift, setAlertState } from './drift';
import type { AlertUserState, DriftDocument } from '../../core/api/drift';
import { StoreError, toStoreError } from './errors';
import { listGaps } from './gaps';
import { migrate, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/index';
import { openCheckedDatabase } from './open-database';
import type { IntegrityCheck } from './open-database';
import { defaultDatabasePath } from './paths';
import { createProfile, ensureProfile, findProfileByName, getProfile, listProfiles } from './profiles';
import { countRawEvents, nextSeq, readRawEvents } from './raw-events';
import { finishSession, getSession, listSessions, sessionsStillRecording, setSessionNotes, startSession } from './sessions';
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

  addAnnotation(input: NewAnnotation): Annotation;
  listAnnotations(sessionId: number): Annotation[];
  deleteAnnotation(id: number): boolean;

  backupNow(reason?: BackupReason): Promise<string>;
  /** Takes the daily backup when due; returns its path or undefined. */
  backupIfDue(): Promise<string | undefined>;
  listBackups(): BackupFile[];
  /** Closes and analyses sessions left in 'recording' by a dead process; returns their ids. */
  recoverInterruptedSessions(): number[];

  /** The profile's drift (`evenkeys.drift/1`): series, baselines, alerts with the pianist's states. */
  drift(profileId: number): DriftDocument;
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
  const readOnly = options.readOnly ?? false;
  const keep = options.backupsKept ?? DEFAULT_BACKUPS_KEPT;
  const appVersion = options.appVersion ?? '0.1.0';
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;

  const db = openCheckedDatabase(path, { readOnly, integrity: options.integrityCheck ?? 'quick', latestVersion: latest });
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
        backups.push(await backupDatabase(db, path, 'daily', { now: now(), keep }));
      }
    } else if (migratedFrom < latest) {
      throw new StoreError('read-only', `${path} needs upgrading (schema ${migratedFrom} to ${latest}) but was opened read-only.`, { path });
    }
  } catch (error) {
    db.close();
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
    const messages = readRawEvents(db, session.id);
    const file = sourceLabel(session);
    let doc: AnalysisDocument;
    try {
      doc = analyze({ messages, file, includeNotes: true, ...(session.exerciseId ? { exercise: session.exerciseId } : {}) });
    } catch (error) {
      // A bug in the analyser must never cost the recording: keep the raw events, note the error.
      saveAnalysisError(db, session.id, file, error instanceof Error ? error.message : String(error), now());
      return undefined;
    }
    saveAnalysis(db, session.id, doc, now());
    return doc;
  };

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

  const recoveredSessions = !readOnly && (options.recoverInterrupted ?? true) ? recoverInterruptedSessions() : [];
  const openReport: OpenReport = { migratedFrom, schemaVersion: schemaVersion(db), backups, recoveredSessions };

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
    },

    createProfile: (input) => createProfile(db, input, now()),
    ensureProfile: (name) => wrap('saving a profile', () => ensureProfile(db, name, now())),
    findProfileByName: (name) => findProfileByName(db, name),
    getProfile: (id) => getProfile(db, id),
    listProfiles: () => listProfiles(db),

    noteDeviceSeen: (input) => wrap('saving a device', () => noteDeviceSeen(db, input, now())),
    listDevices: () => listDevices(db),

    startRecording: (input, writerOptions = {}) => {
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
      const writer = createRecordingWriter(
        db,
        session.id,
        {
          firstSeq: nextSeq(db, session.id),
          path,
          finish: (status, endedAt) =>
            wrap('closing the session', () => {
              liveWriters.delete(writer);
              const closed = finishSession(db, session.id, status, endedAt ?? now());
              analyseAndSave(closed);
              return getSession(db, session.id);
            }),
        },
        { now, ...writerOptions },
      );
      liveWriters.add(writer);
      return writer;
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
      if (stored.status !== 'stale' || readOnly) return undefined;
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

    addAnnotation: (input) => wrap('saving an annotation', () => addAnnotation(db, input, now())),
    listAnnotations: (sessionId) => listAnnotations(db, sessionId),
    deleteAnnotation: (id) => wrap('deleting an annotation', () => deleteAnnotation(db, id)),

    backupNow: (reason = 'manual') => backupDatabase(db, path, reason, { now: now(), keep }),
    backupIfDue: async () => (isDailyBackupDue(path, now()) ? backupDatabase(db, path, 'daily', { now: now(), keep }) : undefined),
    listBackups: () => listBackups(path),
    recoverInterruptedSessions,

    drift: (profileId) => wrap('computing drift', () => profileDrift(db, profileId, now())),
    setAlertState: (profileId, input) => wrap('saving an alert state', () => setAlertState(db, profileId, input, now())),
  };
}
