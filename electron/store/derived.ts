/**
 * The derived tables: what the analyser said about a session. The document itself is kept
 * exactly as returned (as JSON, its notes as rows in `notes` with any extra fields in
 * extra_json), and its takes, per-finger metrics and events are also spread over rows for
 * queries across sessions. The store does not care how the document was computed;
 * `saveAnalysis` replaces whatever a previous analysis left, so reanalysing is always safe.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { analysisDocumentSchema } from '../../core/api/analysis';
import type { AnalysisDocument, AnalysisNote } from '../../core/api/analysis';
import { driftInputOf } from './drift-input';
import { isoTime } from './time';

/** Removes every derived row of a session (raw events and annotations stay). */
export function clearDerived(db: BetterSqlite3.Database, sessionId: number): void {
  db.prepare('DELETE FROM events WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM take_fingers WHERE take_id IN (SELECT id FROM takes WHERE session_id = ?)').run(sessionId);
  db.prepare('DELETE FROM takes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM notes WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM analyses WHERE session_id = ?').run(sessionId);
}

/** The note fields that have their own column; anything else goes to extra_json. */
const NOTE_COLUMNS = new Set(['timeMs', 'pitch', 'velocity', 'durationMs', 'channel', 'pedal', 'hand', 'finger', 'take', 'deviationMs']);

function noteExtra(note: AnalysisNote): string | null {
  const extra = Object.fromEntries(Object.entries(note).filter(([key]) => !NOTE_COLUMNS.has(key)));
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

/**
 * Replaces a session's derived rows with this document, in one transaction.
 *
 * @example saveAnalysis(db, 7, analyzeRecording({ messages, file: 'session 7', includeNotes: true }))
 */
export function saveAnalysis(db: BetterSqlite3.Database, sessionId: number, doc: AnalysisDocument, now = new Date()): void {
  const insertAnalysis = db.prepare(
    `INSERT INTO analyses (session_id, schema, analyzed_at, source_file, notes, duration_ms, pedal_events, out_of_order, retriggers,
                           orphan_note_offs, unreleased, with_notes, document_json, drift_input, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertTake = db.prepare(
    `INSERT INTO takes (session_id, take_index, exercise_id, exercise_kind, exercise_key, exercise_mode, hands, octaves, motion, exercise_name,
                        start_ms, end_ms, bpm, notes_per_second, matched, missed, extra, unevenness_ms,
                        wrong, confidence, hand_confidence, hand_uncertain, hand_source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    `INSERT INTO notes (session_id, position, time_ms, pitch, velocity, duration_ms, channel, pedal, hand, finger, take_index, deviation_ms, extra_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const { notes, ...withoutNotes } = doc;
  db.transaction(() => {
    clearDerived(db, sessionId);
    const s = doc.source;
    insertAnalysis.run(sessionId, doc.schema, isoTime(now), s.file, s.notes, s.durationMs, s.pedalEvents, s.outOfOrder, s.retriggers,
      s.orphanNoteOffs, s.unreleased, notes ? 1 : 0, JSON.stringify(withoutNotes), driftInputOf(doc));
    doc.takes.forEach((take, takeIndex) => {
      const e = take.exercise;
      const takeId = insertTake.run(
        sessionId, takeIndex, e.id, e.kind, e.key, e.mode, e.hands, e.octaves, e.motion, e.name,
        take.startMs, take.endMs, take.bpm, take.notesPerSecond, take.matched, take.missed, take.extra, take.unevennessMs,
        // Whether the take's hand is known (migration 008): the pianist's hand history reads these.
        take.wrong, take.confidence ?? null, take.handConfidence ?? null,
        take.handUncertain === undefined ? null : take.handUncertain ? 1 : 0, take.handSource ?? null,
      ).lastInsertRowid;
      take.fingers.forEach((f, position) => {
        insertFinger.run(takeId, position, f.hand, f.finger, f.count, f.onsetDeviationMs.mean, f.onsetDeviationMs.sd,
          f.velocity.mean, f.velocity.sd, f.velocity.cv, f.durationMs.mean, f.legatoOverlapMs.mean);
      });
      take.events.forEach((event, position) => {
        insertEvent.run(sessionId, takeId, position, event.type, event.timeMs, event.hand, event.finger, event.severity, event.detail, JSON.stringify(event.evidence));
      });
    });
    (notes ?? []).forEach((n, position) => {
      insertNote.run(sessionId, position, n.timeMs, n.pitch, n.velocity, n.durationMs, n.channel, n.pedal ? 1 : 0, n.hand, n.finger, n.take, n.deviationMs, noteExtra(n));
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
  extra_json: string | null;
}

/** What is stored for a session's analysis. */
export type StoredAnalysis =
  | { readonly status: 'none' }
  | { readonly status: 'failed'; readonly error: string }
  /** Saved by an analyser whose document no longer fits the current schema: reanalyse it. */
  | { readonly status: 'stale'; readonly issue: string }
  | { readonly status: 'ok'; readonly document: AnalysisDocument };

/**
 * The stored analysis of a session, read back as the same `evenkeys.analysis/1` document the
 * analyser returned (with its notes when it had them).
 *
 * @example const stored = loadAnalysis(db, 7); if (stored.status === 'ok') stored.document.takes
 */
export function loadAnalysis(db: BetterSqlite3.Database, sessionId: number): StoredAnalysis {
  const analysis = db.prepare('SELECT with_notes, document_json, error FROM analyses WHERE session_id = ?').get(sessionId) as
    | { with_notes: number; document_json: string | null; error: string | null }
    | undefined;
  if (!analysis) return { status: 'none' };
  if (analysis.error !== null || analysis.document_json === null) return { status: 'failed', error: analysis.error ?? 'no document stored' };
  const document = JSON.parse(analysis.document_json) as Record<string, unknown>;
  if (analysis.with_notes === 1) {
    const rows = db.prepare('SELECT * FROM notes WHERE session_id = ? ORDER BY position').all(sessionId) as NoteRow[];
    document.notes = rows.map((n) => ({
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
      ...(n.extra_json === null ? {} : (JSON.parse(n.extra_json) as Record<string, unknown>)),
    }));
  }
  // Parsing checks the stored document still fits the schema this build speaks, and types it.
  const parsed = analysisDocumentSchema.safeParse(document);
  if (!parsed.success) return { status: 'stale', issue: parsed.error.issues[0]?.message ?? 'does not match the current schema' };
  return { status: 'ok', document: parsed.data };
}
