/**
 * The SQL side of student bundles (format: electron/bundle/format.ts): reading a profile's log
 * into bundle content, and writing validated bundle content into the database. Identity is by
 * uid: a session or note already here is never duplicated; a profile is found by its uid first,
 * so a newer bundle of the same student merges into the profile the first one created.
 *
 * The pianist's hand corrections travel with their session (bundle version 2) and merge by
 * take: the newest statement about a take wins (`mergeHandCorrections`).
 *
 * `importBundleRows` must run inside the caller's transaction (the store's `importBundle`), so a
 * failure anywhere (a clash, a conflict, a constraint) leaves the database exactly as it was.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { BundleError } from '../bundle/errors';
import { BUNDLE_FORMAT, bundleVersionFor } from '../bundle/format';
import type { BundleAnnotation, BundleClick, BundleContent, BundleHandCorrection, BundleSession } from '../bundle/format';
import type { AnnotationRow } from './annotations';
import { findProfileByName, getProfile } from './profiles';
import { isoTime } from './time';
import type { Profile } from './types';
import { writeReturning } from './returning';

export interface BundleRange {
  /** Sessions that started at or after this time (ISO-8601). */
  readonly from?: string | null;
  /** Sessions that started before this time (ISO-8601). */
  readonly to?: string | null;
}

/** Column names of a table ([] when it does not exist). */
export function tableColumns(db: BetterSqlite3.Database, table: string): string[] {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map((row) => row.name);
}

/** The columns of issue 10's `clicks` table a bundle carries (all but id and session_id). */
function clickColumns(db: BetterSqlite3.Database): string[] {
  const columns = tableColumns(db, 'clicks');
  return columns.includes('session_id') ? columns.filter((c) => c !== 'id' && c !== 'session_id' && /^[a-z][a-z0-9_]{0,63}$/.test(c)) : [];
}

interface SessionExportRow {
  id: number;
  uid: string;
  started_at: string;
  ended_at: string | null;
  status: 'complete' | 'interrupted';
  app_version: string;
  metronome_bpm: number | null;
  notes: string;
  exercise_id: string | null;
  source_file: string | null;
  device_name: string | null;
  device_manufacturer: string | null;
}

function sessionsInRange(db: BetterSqlite3.Database, profileId: number, range: BundleRange): SessionExportRow[] {
  return db
    .prepare(
      `SELECT s.id, s.uid, s.started_at, s.ended_at, s.status, s.app_version, s.metronome_bpm, s.notes, s.exercise_id, s.source_file,
              d.name AS device_name, d.manufacturer AS device_manufacturer
       FROM sessions s LEFT JOIN devices d ON d.id = s.device_id
       WHERE s.profile_id = ? AND s.status != 'recording'
         AND (? IS NULL OR s.started_at >= ?) AND (? IS NULL OR s.started_at < ?)
       ORDER BY s.started_at, s.id`,
    )
    .all(profileId, range.from ?? null, range.from ?? null, range.to ?? null, range.to ?? null) as SessionExportRow[];
}

function toBundleAnnotation(row: AnnotationRow & { session_uid: string }): BundleAnnotation {
  return {
    uid: row.uid ?? '',
    sessionUid: row.session_uid,
    target: row.target,
    takeIndex: row.take_index,
    timeMs: row.time_ms,
    eventType: row.event_type,
    author: row.author,
    authorName: row.author_name,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A profile's log (or only its notes) as bundle content, sessions started in [from, to).
 * Sessions still recording are left out.
 *
 * @example collectBundle(db, 1, { annotationsOnly: false, appVersion: '0.1.0' }).sessions.length
 */
export function collectBundle(
  db: BetterSqlite3.Database,
  profileId: number,
  options: BundleRange & { annotationsOnly?: boolean; appVersion: string; now?: Date },
): BundleContent {
  const profile = getProfile(db, profileId);
  const rows = sessionsInRange(db, profileId, options);
  const clickCols = clickColumns(db);
  const rawStatement = db.prepare('SELECT seq, time_ms, port, bytes FROM raw_events WHERE session_id = ? ORDER BY seq');
  const gapStatement = db.prepare('SELECT port, after_seq, disconnected_at_ms, reconnected_at_ms FROM device_gaps WHERE session_id = ? ORDER BY id');
  const clickStatement = clickCols.length > 0 ? db.prepare(`SELECT ${clickCols.map((c) => `"${c}"`).join(', ')} FROM clicks WHERE session_id = ? ORDER BY ${clickCols.includes('seq') ? 'seq' : 'rowid'}`) : undefined;
  const noteStatement = db.prepare('SELECT a.*, s.uid AS session_uid FROM annotations a JOIN sessions s ON s.id = a.session_id WHERE a.session_id = ? ORDER BY a.id');
  const correctionStatement = db.prepare('SELECT start_ms, end_ms, hand, corrected_at FROM take_hand_corrections WHERE session_id = ? ORDER BY start_ms, end_ms, id');

  const sessionsWithCorrections: BundleSession[] = options.annotationsOnly
    ? []
    : rows.map((row) => ({
        uid: row.uid,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        status: row.status,
        appVersion: row.app_version,
        metronomeBpm: row.metronome_bpm,
        notes: row.notes,
        exerciseId: row.exercise_id,
        sourceFile: row.source_file,
        device: row.device_name === null ? null : { name: row.device_name, manufacturer: row.device_manufacturer ?? '' },
        rawEvents: (rawStatement.all(row.id) as Array<{ seq: number; time_ms: number; port: string | null; bytes: Buffer }>).map((e) => ({
          seq: e.seq,
          timeMs: e.time_ms,
          port: e.port,
          bytes: Array.from(e.bytes),
        })),
        gaps: (gapStatement.all(row.id) as Array<{ port: string | null; after_seq: number; disconnected_at_ms: number; reconnected_at_ms: number | null }>).map((g) => ({
          port: g.port,
          afterSeq: g.after_seq,
          disconnectedAtMs: g.disconnected_at_ms,
          reconnectedAtMs: g.reconnected_at_ms,
        })),
        ...(clickStatement ? { clicks: clickStatement.all(row.id) as BundleClick[] } : {}),
        handCorrections: (correctionStatement.all(row.id) as CorrectionRow[]).map(toBundleCorrection),
      }));
  // The lowest version that holds the content: without a single correction, a version-1 bundle
  // exactly as earlier builds write it (so an older Evenkeys reads it), sessions without the field.
  const version = bundleVersionFor(sessionsWithCorrections);
  const sessions = version >= 2 ? sessionsWithCorrections : sessionsWithCorrections.map(({ handCorrections: _none, ...session }) => session);
  const annotations = rows.flatMap((row) => (noteStatement.all(row.id) as Array<AnnotationRow & { session_uid: string }>).map(toBundleAnnotation));
  return {
    manifest: {
      format: BUNDLE_FORMAT,
      version,
      kind: options.annotationsOnly ? 'annotations' : 'full',
      createdAt: isoTime(options.now ?? new Date()),
      appVersion: options.appVersion,
      profile: { uid: profile.uid, name: profile.name, handSpanCm: profile.handSpanCm },
      range: { from: options.from ?? null, to: options.to ?? null },
      sessions: sessions.map((s) => ({ uid: s.uid, startedAt: s.startedAt, rawEvents: s.rawEvents.length })),
      annotations: annotations.length,
    },
    sessions,
    annotations,
  };
}

interface CorrectionRow {
  id?: number;
  start_ms: number;
  end_ms: number;
  hand: 'left' | 'right';
  corrected_at: string;
}

function toBundleCorrection(row: CorrectionRow): BundleHandCorrection {
  return { startMs: row.start_ms, endMs: row.end_ms, hand: row.hand, correctedAt: row.corrected_at };
}

/** What merging a session's hand corrections did. */
export interface HandCorrectionMerge {
  /** Corrections written (new takes, or newer statements about a take). */
  readonly added: number;
  /** Older corrections here that a newer one from the bundle replaced. */
  readonly replaced: number;
  /** Corrections from the bundle this database already had, or had a newer statement for. */
  readonly alreadyHere: number;
}

/**
 * Merges the hand corrections a bundle carries for session `sessionId` into the ones here: the
 * newest statement about a take wins, as when the pianist corrects a take twice
 * (`saveHandCorrection`: a correction replaces those of overlapping takes). A correction from the
 * bundle that is already here (same span, hand and time) changes nothing; one that overlaps only
 * older corrections replaces them; one that overlaps a correction here that is as new or newer
 * (say, a later one from a newer bundle already imported) is left out. So re-importing a bundle
 * adds nothing, a newer bundle ends with its newer corrections, and an older bundle imported
 * after it changes nothing. Nothing is ever deleted without a newer correction of the same take.
 * Corrections of one bundle session never overlap each other (checked in codec.ts).
 *
 * @example mergeHandCorrections(db, 7, [{ startMs: 1000, endMs: 4200, hand: 'left', correctedAt: '2026-11-20T17:05:00.000Z' }]) // => { added: 1, replaced: 0, alreadyHere: 0 }
 */
export function mergeHandCorrections(db: BetterSqlite3.Database, sessionId: number, corrections: readonly BundleHandCorrection[]): HandCorrectionMerge {
  if (corrections.length === 0) return { added: 0, replaced: 0, alreadyHere: 0 };
  const overlapping = db.prepare('SELECT id, start_ms, end_ms, hand, corrected_at FROM take_hand_corrections WHERE session_id = ? AND start_ms < ? AND end_ms > ?');
  const sameSpan = db.prepare('SELECT id, start_ms, end_ms, hand, corrected_at FROM take_hand_corrections WHERE session_id = ? AND start_ms = ? AND end_ms = ?');
  const remove = db.prepare('DELETE FROM take_hand_corrections WHERE id = ?');
  const insert = db.prepare('INSERT INTO take_hand_corrections (session_id, start_ms, end_ms, hand, corrected_at) VALUES (?, ?, ?, ?, ?)');
  let added = 0;
  let replaced = 0;
  let alreadyHere = 0;
  for (const correction of corrections) {
    // Overlap as saveHandCorrection has it, plus the very same span (a take of no length overlaps nothing).
    const here = new Map<number, CorrectionRow>();
    for (const row of overlapping.all(sessionId, correction.endMs, correction.startMs) as CorrectionRow[]) here.set(row.id ?? 0, row);
    for (const row of sameSpan.all(sessionId, correction.startMs, correction.endMs) as CorrectionRow[]) here.set(row.id ?? 0, row);
    const rows = [...here.values()];
    if (rows.some((row) => row.corrected_at >= correction.correctedAt)) {
      alreadyHere += 1;
      continue;
    }
    for (const row of rows) remove.run(row.id);
    insert.run(sessionId, correction.startMs, correction.endMs, correction.hand, correction.correctedAt);
    replaced += rows.length;
    added += 1;
  }
  return { added, replaced, alreadyHere };
}

/** What an import did. */
export interface ImportReport {
  readonly profile: Profile;
  /** True when the import created the (read-only) profile. */
  readonly createdProfile: boolean;
  readonly sessionsAdded: number;
  /** Sessions of the bundle this database already had (same uid). */
  readonly sessionsAlreadyHere: number;
  readonly rawEventsAdded: number;
  readonly annotationsAdded: number;
  /** Someone else's notes that were edited since the last import. */
  readonly annotationsUpdated: number;
  readonly annotationsAlreadyHere: number;
  /** Notes on sessions this database does not have (annotations-only bundles). */
  readonly annotationsWithoutSession: number;
  /** Hand corrections written (bundle version 2): of new sessions, and newer ones of sessions already here. */
  readonly handCorrectionsAdded: number;
  /** Older hand corrections here that newer ones from the bundle replaced. */
  readonly handCorrectionsReplaced: number;
  /** Hand corrections of the bundle already here (or older than a correction here of the same take). */
  readonly handCorrectionsAlreadyHere: number;
  /** Ids of the sessions added (to be analysed). */
  readonly newSessionIds: readonly number[];
  /** Ids of sessions already here whose hand corrections changed (to be analysed again). */
  readonly correctedSessionIds: readonly number[];
}

/**
 * Writes validated bundle content. Run it inside a transaction. Throws BundleError: 'clash'
 * (a local profile already has the student's name; pass `as`), 'conflict' (a uid here belongs to
 * another profile, or an annotations-only bundle for a profile this database lacks).
 *
 * @example db.transaction(() => importBundleRows(db, content, { as: 'Ana (student)' }))()
 */
export function importBundleRows(db: BetterSqlite3.Database, content: BundleContent, options: { as?: string; now?: Date } = {}): ImportReport {
  const now = isoTime(options.now ?? new Date());
  const { manifest } = content;
  const byUid = db.prepare('SELECT id FROM profiles WHERE uid = ?').get(manifest.profile.uid) as { id: number } | undefined;
  let profile: Profile;
  let createdProfile = false;
  if (byUid) {
    profile = getProfile(db, byUid.id);
  } else if (manifest.kind === 'annotations') {
    throw new BundleError('conflict', `these notes are for ${manifest.profile.name}'s sessions, and this database has no such profile`);
  } else {
    const name = (options.as ?? manifest.profile.name).trim();
    if (!name || name.length > 80) throw new BundleError('invalid', 'the profile name must be 1 to 80 characters');
    const clash = findProfileByName(db, name);
    if (clash) {
      throw new BundleError('clash', `a profile named '${clash.name}' already exists here; import under another name with --as NAME`);
    }
    const { id } = writeReturning(
      db.prepare('INSERT INTO profiles (name, hand_span_cm, created_at, uid, read_only, imported_at) VALUES (?, ?, ?, ?, 1, ?) RETURNING id'),
      name, manifest.profile.handSpanCm, now, manifest.profile.uid, now) as { id: number };
    profile = getProfile(db, id);
    createdProfile = true;
  }

  const sessionByUid = db.prepare('SELECT id, profile_id FROM sessions WHERE uid = ?');
  const findDevice = db.prepare('SELECT id FROM devices WHERE name = ? AND manufacturer = ?');
  const addDevice = db.prepare('INSERT INTO devices (name, manufacturer, last_seen_at) VALUES (?, ?, ?) RETURNING id');
  const addSession = db.prepare(
    `INSERT INTO sessions (uid, imported, profile_id, device_id, started_at, ended_at, status, app_version, metronome_bpm, notes, exercise_id,
                           source_file, writer_pid, last_write_at, event_count)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING id`,
  );
  const addRaw = db.prepare('INSERT INTO raw_events (session_id, seq, time_ms, port, bytes) VALUES (?, ?, ?, ?, ?)');
  const addGap = db.prepare('INSERT INTO device_gaps (session_id, port, after_seq, disconnected_at_ms, reconnected_at_ms) VALUES (?, ?, ?, ?, ?)');
  const localClickColumns = new Set(clickColumns(db));

  let sessionsAdded = 0;
  let sessionsAlreadyHere = 0;
  let rawEventsAdded = 0;
  const newSessionIds: number[] = [];
  const correctedSessionIds: number[] = [];
  const corrections = { added: 0, replaced: 0, alreadyHere: 0 };
  const mergeCorrections = (sessionId: number, session: BundleSession): number => {
    const merged = mergeHandCorrections(db, sessionId, session.handCorrections ?? []);
    corrections.added += merged.added;
    corrections.replaced += merged.replaced;
    corrections.alreadyHere += merged.alreadyHere;
    return merged.added;
  };
  for (const session of content.sessions) {
    const existing = sessionByUid.get(session.uid) as { id: number; profile_id: number } | undefined;
    if (existing) {
      if (existing.profile_id !== profile.id) throw new BundleError('conflict', `session ${session.uid} is already here under another profile`);
      sessionsAlreadyHere += 1;
      if (mergeCorrections(existing.id, session) > 0) correctedSessionIds.push(existing.id);
      continue;
    }
    let deviceId: number | null = null;
    if (session.device) {
      const found = findDevice.get(session.device.name, session.device.manufacturer) as { id: number } | undefined;
      deviceId = found?.id ?? (writeReturning(addDevice, session.device.name, session.device.manufacturer, session.startedAt) as { id: number }).id;
    }
    const { id } = writeReturning(
      addSession,
      session.uid, profile.id, deviceId, session.startedAt, session.endedAt, session.status, session.appVersion, session.metronomeBpm,
      session.notes, session.exerciseId, session.sourceFile, session.endedAt ?? session.startedAt, session.rawEvents.length,
    ) as { id: number };
    for (const event of session.rawEvents) addRaw.run(id, event.seq, event.timeMs, event.port, Buffer.from(event.bytes));
    for (const gap of session.gaps) addGap.run(id, gap.port, gap.afterSeq, gap.disconnectedAtMs, gap.reconnectedAtMs);
    if (session.clicks && session.clicks.length > 0) insertClicks(db, id, session.clicks, localClickColumns);
    // Before the session is analysed (by the caller), so its first analysis already has them.
    mergeCorrections(id, session);
    sessionsAdded += 1;
    rawEventsAdded += session.rawEvents.length;
    newSessionIds.push(id);
  }

  const noteByUid = db.prepare('SELECT id, imported, created_at, updated_at FROM annotations WHERE uid = ?');
  const updateNote = db.prepare('UPDATE annotations SET text = ?, updated_at = ? WHERE id = ?');
  const addNote = db.prepare(
    `INSERT INTO annotations (uid, imported, session_id, target, take_index, time_ms, event_type, author, author_name, text, created_at, updated_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let annotationsAdded = 0;
  let annotationsUpdated = 0;
  let annotationsAlreadyHere = 0;
  let annotationsWithoutSession = 0;
  for (const note of content.annotations) {
    const session = sessionByUid.get(note.sessionUid) as { id: number; profile_id: number } | undefined;
    if (!session) {
      annotationsWithoutSession += 1;
      continue;
    }
    if (session.profile_id !== profile.id) throw new BundleError('conflict', `note ${note.uid} is on a session of another profile`);
    const existing = noteByUid.get(note.uid) as { id: number; imported: number; created_at: string; updated_at: string | null } | undefined;
    if (existing) {
      // Someone else's note edited since: take the newer text. Your own notes are never overwritten.
      const incoming = note.updatedAt ?? note.createdAt;
      if (existing.imported === 1 && incoming > (existing.updated_at ?? existing.created_at)) {
        updateNote.run(note.text, note.updatedAt, existing.id);
        annotationsUpdated += 1;
      } else {
        annotationsAlreadyHere += 1;
      }
      continue;
    }
    addNote.run(note.uid, session.id, note.target, note.target === 'session' ? null : note.takeIndex, note.timeMs, note.target === 'event' ? note.eventType : null,
      note.author, note.authorName, note.text, note.createdAt, note.updatedAt);
    annotationsAdded += 1;
  }
  return {
    profile: getProfile(db, profile.id),
    createdProfile,
    sessionsAdded,
    sessionsAlreadyHere,
    rawEventsAdded,
    annotationsAdded,
    annotationsUpdated,
    annotationsAlreadyHere,
    annotationsWithoutSession,
    handCorrectionsAdded: corrections.added,
    handCorrectionsReplaced: corrections.replaced,
    handCorrectionsAlreadyHere: corrections.alreadyHere,
    newSessionIds,
    correctedSessionIds,
  };
}

function insertClicks(db: BetterSqlite3.Database, sessionId: number, clicks: readonly BundleClick[], local: ReadonlySet<string>): void {
  if (local.size === 0) throw new BundleError('invalid', 'the bundle carries metronome clicks, which this Evenkeys cannot store; update Evenkeys');
  const statements = new Map<string, BetterSqlite3.Statement>();
  for (const click of clicks) {
    const columns = Object.keys(click).filter((c) => local.has(c)).sort();
    const unknown = Object.keys(click).find((c) => !local.has(c));
    if (unknown !== undefined) throw new BundleError('invalid', `a metronome click has a field '${unknown}' this Evenkeys does not know; update Evenkeys`);
    const key = columns.join(',');
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(`INSERT INTO clicks (session_id${columns.map((c) => `, "${c}"`).join('')}) VALUES (?${', ?'.repeat(columns.length)})`);
      statements.set(key, statement);
    }
    statement.run(sessionId, ...columns.map((c) => click[c] ?? null));
  }
}
