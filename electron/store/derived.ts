/**
 * The derived tables: an AnalysisDocument spread over analyses / takes / take_fingers / events /
 * notes, and read back into the same document. The store does not care how the document was
 * computed; `saveAnalysis` replaces whatever a previous analysis left, so reanalysing is safe.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { analysisDocumentSchema } from '../../core/api/analysis';
import type { AnalysisDocument } from '../../core/api/analysis';
import { isoTime } from './time';

/** Removes every derived row of a session (raw events and annotations stay). */
export function clearDerived(db: BetterSqlite3.Database, sessionId: number): void {
  db.prepare('DELETE FROM events WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM take_fingers WHERE take_id IN (SELECT id FROM takes WHERE session_id = ?)').run(sessionId);
  db.prepare('DELETE FROM takes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM notes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM analyses WHERE session_id = ?').run(sessionId);
}

/**
 * Replaces a session's derived rows with this document, in one transaction.
 *
 * @example saveAnalysis(db, 7, analyzeRecording({ messages, file: 'session 7', includeNotes: true }))
 */
export function saveAnalysis(db: BetterSqlite3.Database, sessionId: number, doc: AnalysisDocument, now = new Date()): void {
  const insertAnalysis = db.prepare(
    `INSERT INTO analyses (session_id, schema, analyzed_at, source_file, notes, duration_ms, pedal_events, out_of_order, retriggers, orphan_note_offs, unreleased, with_notes, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertTake = db.prepare(
    `INSERT INTO takes (session_id, take_index, exercise_id, exercise_kind, exercise_key, exercise_mode, hands, octaves, motion, exercise_name,
                        start_ms, end_ms, bpm, notes_per_second, matched, missed, extra, unevenness_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFinger = db.prepare(
    `INSERT INTO take_fingers (take_id, position, hand, finger, count, onset_deviation_mean_ms, onset_deviation_sd_ms,
                               velocity_mean, velocity_sd, velocity_cv, duration_mean_ms, legato_overlap_mean_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (session_id, take_id, position, type, time_ms, hand, finger, severity, detail, evidence_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNote = db.prepare(
    `INSERT INTO notes (session_id, position, time_ms, pitch, velocity, duration_ms, channel, pedal, hand, finger, take_index, deviation_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    clearDerived(db, sessionId);
    const s = doc.source;
    insertAnalysis.run(sessionId, doc.schema, isoTime(now), s.file, s.notes, s.durationMs, s.pedalEvents, s.outOfOrder, s.retriggers, s.orphanNoteOffs, s.unreleased, doc.notes ? 1 : 0);
    doc.takes.forEach((take, takeIndex) => {
      const e = take.exercise;
      const takeId = insertTake.run(
        sessionId, takeIndex, e.id, e.kind, e.key, e.mode, e.hands, e.octaves, e.motion, e.name,
        take.startMs, take.endMs, take.bpm, take.notesPerSecond, take.matched, take.missed, take.extra, take.unevennessMs,
      ).lastInsertRowid;
      take.fingers.forEach((f, position) => {
        insertFinger.run(takeId, position, f.hand, f.finger, f.count, f.onsetDeviationMs.mean, f.onsetDeviationMs.sd,
          f.velocity.mean, f.velocity.sd, f.velocity.cv, f.durationMs.mean, f.legatoOverlapMs.mean);
      });
      take.events.forEach((event, position) => {
        insertEvent.run(sessionId, takeId, position, event.type, event.timeMs, event.hand, event.finger, event.severity, event.detail, JSON.stringify(event.evidence));
      });
    });
    (doc.notes ?? []).forEach((n, position) => {
      insertNote.run(sessionId, position, n.timeMs, n.pitch, n.velocity, n.durationMs, n.channel, n.pedal ? 1 : 0, n.hand, n.finger, n.take, n.deviationMs);
    });
  }).immediate();
}

/**
 * Records that analysing a session failed: its derived rows are cleared and the message kept,
 * so the session still lists (and can be reanalysed once the analyser is fixed).
 *
 * @example saveAnalysisError(db, 7, 'session 7', 'alignment failed: ...')
 */
export function saveAnalysisError(db: BetterSqlite3.Database, sessionId: number, file: string, message: string, now = new Date()): void {
  db.transaction(() => {
    clearDerived(db, sessionId);
    db.prepare("INSERT INTO analyses (session_id, schema, analyzed_at, source_file, error) VALUES (?, '', ?, ?, ?)").run(sessionId, isoTime(now), file, message);
  }).immediate();
}

interface AnalysisRow {
  schema: string;
  source_file: string;
  notes: number;
  duration_ms: number;
  pedal_events: number;
  out_of_order: number;
  retriggers: number;
  orphan_note_offs: number;
  unreleased: number;
  with_notes: number;
  error: string | null;
}

interface TakeRow {
  id: number;
  exercise_id: string;
  exercise_kind: string;
  exercise_key: string;
  exercise_mode: string;
  hands: string;
  octaves: number;
  motion: string;
  exercise_name: string;
  start_ms: number;
  end_ms: number;
  bpm: number;
  notes_per_second: number;
  matched: number;
  missed: number;
  extra: number;
  unevenness_ms: number;
}

interface FingerRow {
  hand: string;
  finger: number;
  count: number;
  onset_deviation_mean_ms: number;
  onset_deviation_sd_ms: number;
  velocity_mean: number;
  velocity_sd: number;
  velocity_cv: number;
  duration_mean_ms: number;
  legato_overlap_mean_ms: number;
}

interface EventRow {
  type: string;
  time_ms: number;
  hand: string;
  finger: number;
  severity: number;
  detail: string;
  evidence_json: string;
}

interface NoteRow {
  time_ms: number;
  pitch: number;
  velocity: number;
  duration_ms: number;
  channel: number;
  pedal: number;
  hand: string | null;
  finger: number | null;
  take_index: number | null;
  deviation_ms: number | null;
}

/** The analysis error of a session, if its last analysis failed. */
export function analysisError(db: BetterSqlite3.Database, sessionId: number): string | null {
  const row = db.prepare('SELECT error FROM analyses WHERE session_id = ?').get(sessionId) as { error: string | null } | undefined;
  return row?.error ?? null;
}

/**
 * The stored analysis of a session as an `evenkeys.analysis/1` document (with notes when they
 * were stored), or undefined when it was never analysed or the analysis failed.
 *
 * @example loadAnalysis(db, 7)?.takes[0]?.unevennessMs // => 11.4
 */
export function loadAnalysis(db: BetterSqlite3.Database, sessionId: number): AnalysisDocument | undefined {
  const analysis = db.prepare('SELECT * FROM analyses WHERE session_id = ?').get(sessionId) as AnalysisRow | undefined;
  if (!analysis || analysis.error !== null) return undefined;
  const takeRows = db.prepare('SELECT * FROM takes WHERE session_id = ? ORDER BY take_index').all(sessionId) as TakeRow[];
  const fingersOf = db.prepare('SELECT * FROM take_fingers WHERE take_id = ? ORDER BY position');
  const eventsOf = db.prepare('SELECT * FROM events WHERE take_id = ? ORDER BY position');
  const noteRows = db.prepare('SELECT * FROM notes WHERE session_id = ? ORDER BY position').all(sessionId) as NoteRow[];
  const document = {
    schema: analysis.schema,
    source: {
      file: analysis.source_file,
      notes: analysis.notes,
      durationMs: analysis.duration_ms,
      pedalEvents: analysis.pedal_events,
      outOfOrder: analysis.out_of_order,
      retriggers: analysis.retriggers,
      orphanNoteOffs: analysis.orphan_note_offs,
      unreleased: analysis.unreleased,
    },
    takes: takeRows.map((t) => ({
      exercise: {
        id: t.exercise_id,
        kind: t.exercise_kind,
        key: t.exercise_key,
        mode: t.exercise_mode,
        hands: t.hands,
        octaves: t.octaves,
        motion: t.motion,
        name: t.exercise_name,
      },
      startMs: t.start_ms,
      endMs: t.end_ms,
      bpm: t.bpm,
      notesPerSecond: t.notes_per_second,
      matched: t.matched,
      missed: t.missed,
      extra: t.extra,
      unevennessMs: t.unevenness_ms,
      fingers: (fingersOf.all(t.id) as FingerRow[]).map((f) => ({
        hand: f.hand,
        finger: f.finger,
        count: f.count,
        onsetDeviationMs: { mean: f.onset_deviation_mean_ms, sd: f.onset_deviation_sd_ms },
        velocity: { mean: f.velocity_mean, sd: f.velocity_sd, cv: f.velocity_cv },
        durationMs: { mean: f.duration_mean_ms },
        legatoOverlapMs: { mean: f.legato_overlap_mean_ms },
      })),
      events: (eventsOf.all(t.id) as EventRow[]).map((e) => ({
        type: e.type,
        timeMs: e.time_ms,
        hand: e.hand,
        finger: e.finger,
        severity: e.severity,
        detail: e.detail,
        evidence: JSON.parse(e.evidence_json) as unknown,
      })),
    })),
    ...(analysis.with_notes === 1
      ? {
          notes: noteRows.map((n) => ({
            timeMs: n.time_ms,
            pitch: n.pitch,
            velocity: n.velocity,
            durationMs: n.duration_ms,
            channel: n.channel,
            pedal: n.pedal === 1,
            hand: n.hand,
            finger: n.finger,
            take: n.take_index,
            deviationMs: n.deviation_ms,
          })),
        }
      : {}),
  };
  // Parsing checks the rows still form a valid document and gives the literal types back.
  return analysisDocumentSchema.parse(document);
}
