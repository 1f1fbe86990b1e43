/** Practice sessions: one continuous recording by one profile, from start to end. */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors';
import { isoTime } from './time';
import type { NewSession, Session, SessionStatus, SessionSummary } from './types';
import { writeReturning } from './returning';
import { sessionExercisesOf } from './session-exercises';

interface SessionRow {
  id: number;
  profile_id: number;
  device_id: number | null;
  started_at: string;
  ended_at: string | null;
  status: SessionStatus;
  app_version: string;
  metronome_bpm: number | null;
  notes: string;
  exercise_id: string | null;
  source_file: string | null;
  writer_pid: number | null;
  last_write_at: string | null;
  event_count: number;
  uid: string | null;
  imported: number;
}

const toSession = (row: SessionRow): Session => ({
  id: row.id,
  profileId: row.profile_id,
  deviceId: row.device_id,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  status: row.status,
  appVersion: row.app_version,
  metronomeBpm: row.metronome_bpm,
  notes: row.notes,
  exerciseId: row.exercise_id,
  sourceFile: row.source_file,
  eventCount: row.event_count,
  lastWriteAt: row.last_write_at,
  uid: row.uid ?? '',
  imported: row.imported === 1,
});

/**
 * Opens a new session in status 'recording', owned by this process (for crash detection).
 *
 * @example startSession(db, { profileId: 1, appVersion: '0.1.0' }).status // => 'recording'
 */
export function startSession(db: BetterSqlite3.Database, input: NewSession, pid = process.pid): Session {
  const row = writeReturning(
    db.prepare(
      `INSERT INTO sessions (profile_id, device_id, started_at, status, app_version, metronome_bpm, notes, exercise_id, source_file, writer_pid)
       VALUES (?, ?, ?, 'recording', ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
      input.profileId,
      input.deviceId ?? null,
      isoTime(input.startedAt ?? new Date()),
      input.appVersion,
      input.metronomeBpm ?? null,
      input.notes ?? '',
      input.exerciseId ?? null,
      input.sourceFile ?? null,
      pid,
    ) as SessionRow;
  // RETURNING shows the row before the AFTER INSERT trigger stamped its uid: read it back.
  return getSession(db, row.id);
}

/** @example getSession(db, 7).status // => 'complete'; StoreError('not-found') for an unknown id */
export function getSession(db: BetterSqlite3.Database, id: number): Session {
  const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  if (!row) throw new StoreError('not-found', `No session with id ${id}.`);
  return toSession(row);
}

/**
 * Ends a session: sets its final status and end time and forgets the writer process.
 *
 * @example finishSession(db, 7, 'complete')
 */
export function finishSession(db: BetterSqlite3.Database, id: number, status: Exclude<SessionStatus, 'recording'>, endedAt: Date | string = new Date()): Session {
  const row = writeReturning(
    db.prepare('UPDATE sessions SET status = ?, ended_at = ?, writer_pid = NULL WHERE id = ? RETURNING *'),
    status, isoTime(endedAt), id) as SessionRow | undefined;
  if (!row) throw new StoreError('not-found', `No session with id ${id}.`);
  return toSession(row);
}

/**
 * Reopens an interrupted session for recording by this process (the host crashed under a page
 * that kept playing: the page resumes it). Throws StoreError('invalid') unless it is interrupted.
 *
 * @example reopenSession(db, 7).status // => 'recording'
 */
export function reopenSession(db: BetterSqlite3.Database, id: number, pid = process.pid): Session {
  const row = writeReturning(
    db.prepare("UPDATE sessions SET status = 'recording', ended_at = NULL, writer_pid = ? WHERE id = ? AND status = 'interrupted' RETURNING *"),
    pid, id) as SessionRow | undefined;
  if (!row) {
    const current = getSession(db, id);
    throw new StoreError('invalid', `Session ${id} cannot be resumed (status: ${current.status}).`);
  }
  return toSession(row);
}

/** @example setSessionNotes(db, 7, 'Left hand tired after 20 min') */
export function setSessionNotes(db: BetterSqlite3.Database, id: number, notes: string): Session {
  const row = writeReturning(db.prepare('UPDATE sessions SET notes = ? WHERE id = ? RETURNING *'), notes, id) as SessionRow | undefined;
  if (!row) throw new StoreError('not-found', `No session with id ${id}.`);
  return toSession(row);
}

/** Sessions still marked 'recording', with the process that was writing them. */
export function sessionsStillRecording(db: BetterSqlite3.Database): Array<{ session: Session; writerPid: number | null }> {
  const rows = db.prepare("SELECT * FROM sessions WHERE status = 'recording' ORDER BY id").all() as SessionRow[];
  return rows.map((row) => ({ session: toSession(row), writerPid: row.writer_pid }));
}

/**
 * Finished sessions (complete or interrupted) with no analysis row: Stop was cut short between
 * closing the session and saving its analysis (a crash, a kill). Oldest first.
 *
 * @example sessionsWithoutAnalysis(db).map((s) => s.id) // => [12]
 */
export function sessionsWithoutAnalysis(db: BetterSqlite3.Database): Session[] {
  const rows = db
    .prepare("SELECT s.* FROM sessions s WHERE s.status <> 'recording' AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.session_id = s.id) ORDER BY s.id")
    .all() as SessionRow[];
  return rows.map(toSession);
}

interface SummaryRow {
  id: number;
  started_at: string;
  ended_at: string | null;
  status: SessionStatus;
  notes: string;
  event_count: number;
  note_count: number | null;
  takes: number;
  unevenness_ms: number | null;
  analysis_error: string | null;
}

/**
 * A profile's sessions, oldest first, each with its analysis in brief.
 *
 * @example listSessions(db, 1)[0] // => { id: 1, startedAt: '...', status: 'complete', takes: 2, unevennessMs: 11.4, ... }
 */
export function listSessions(db: BetterSqlite3.Database, profileId: number): SessionSummary[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.started_at, s.ended_at, s.status, s.notes, s.event_count,
              a.notes AS note_count, a.error AS analysis_error,
              (SELECT count(*) FROM takes t WHERE t.session_id = s.id) AS takes,
              (SELECT avg(t.unevenness_ms) FROM takes t WHERE t.session_id = s.id) AS unevenness_ms
       FROM sessions s LEFT JOIN analyses a ON a.session_id = s.id
       WHERE s.profile_id = ? ORDER BY s.started_at, s.id`,
    )
    .all(profileId) as SummaryRow[];
  const exercises = sessionExercisesOf(db, profileId);
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status,
    notes: row.notes,
    eventCount: row.event_count,
    noteCount: row.note_count ?? 0,
    takes: row.takes,
    unevennessMs: row.unevenness_ms,
    analysisError: row.analysis_error,
    exercises: exercises.get(row.id) ?? [],
  }));
}
