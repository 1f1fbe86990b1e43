/**
 * The pianist's hand history as the store knows it (issue 12): which hand they played each
 * exercise family with in their earlier sessions, read from the stored analyses (which already
 * carry the pianist's hand corrections and chosen exercises) and handed to the analysis as its
 * `handPrior` (core/analysis/hand-prior.ts).
 *
 * Reproducible: a session's prior comes from the sessions of the same pianist that started
 * BEFORE it (by start time, then id, as session lists are ordered), so reanalysing an old
 * session gives what it gave before later sessions existed. Recomputable: only takes whose hand
 * is known from their own session (set by the pianist, given, or told by the notes) count, never
 * the history's own guesses, so each session's evidence depends on its raw log and the pianist's
 * input alone and a full recompute may run in any order. When what a session gives the history
 * changes (`evidenceOf` before and after its analysis: a hand corrected, an older recording or
 * bundle imported, the session deleted), the later sessions whose takes the history weighed in
 * on, or could now, are reanalysed (`sessionsToRefresh`). Read from the
 * take rows (migration 008 added whether each take's hand is known), never from the documents.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { handPriorOf } from '../../core/analysis/hand-prior';
import type { HandEvidenceTake, HandPrior } from '../../core/analysis/hand-prior';
import type { TakeHandSource } from '../../core/api/analysis';
import { handFreeFamilyOf } from '../../core/drift/family';

interface TakeRow {
  session_id: number;
  kind: string;
  key: string;
  mode: string;
  hands: string;
  motion: string;
  matched: number;
  missed: number;
  wrong: number | null;
  confidence: number | null;
  hand_confidence: number | null;
  hand_uncertain: number | null;
  hand_source: string | null;
}

// The one-hand takes of a profile's finished sessions, from the take rows (migration 008 keeps
// there whether each take's hand is known): one indexed query, no analysis document read (reading
// the documents' JSON instead grew with every session: docs/alignment.md, *The player's history*).
const ONE_HAND_TAKES = `
  SELECT t.session_id, t.exercise_kind AS kind, t.exercise_key AS key, t.exercise_mode AS mode, t.hands, t.motion,
         t.matched, t.missed, t.wrong, t.confidence, t.hand_confidence, t.hand_uncertain, t.hand_source
    FROM sessions s JOIN takes t ON t.session_id = s.id
   WHERE s.profile_id = ? AND s.status <> 'recording' AND t.hands IN ('left', 'right')`;

const SOURCES: readonly string[] = ['notes', 'given', 'corrected', 'history'] satisfies readonly TakeHandSource[];

function evidenceTake(row: TakeRow): HandEvidenceTake | null {
  if (row.hands !== 'left' && row.hands !== 'right') return null;
  if (row.motion !== 'parallel' && row.motion !== 'contrary') return null;
  const source = row.hand_source !== null && SOURCES.includes(row.hand_source) ? (row.hand_source as TakeHandSource) : null;
  return {
    exercise: { kind: row.kind, key: row.key, mode: row.mode, hands: row.hands, motion: row.motion },
    matched: row.matched,
    missed: row.missed,
    // Rows written before migration 008 have no count of wrong notes (nor hand fields: not evidence).
    wrong: row.wrong ?? 0,
    confidence: row.confidence,
    handConfidence: row.hand_confidence,
    handUncertain: row.hand_uncertain === null ? null : row.hand_uncertain === 1,
    handSource: source,
  };
}

interface SessionPlace {
  readonly profileId: number;
  readonly startedAt: string;
  readonly id: number;
}

function placeOf(db: BetterSqlite3.Database, sessionId: number): SessionPlace | undefined {
  const row = db.prepare('SELECT profile_id, started_at, id FROM sessions WHERE id = ?').get(sessionId) as
    | { profile_id: number; started_at: string; id: number }
    | undefined;
  return row ? { profileId: row.profile_id, startedAt: row.started_at, id: row.id } : undefined;
}

/**
 * The hand prior for analysing session `sessionId`: its pianist's earlier sessions' takes with a
 * known hand, per hand-free family. Empty (`families: {}`) for a first session or an unknown id.
 * One query over the profile's one-hand take rows (a few ms for hundreds of sessions).
 *
 * @example handPriorBefore(db, 12) // => { families: { 'scale:G:major:parallel': { left: 3, right: 0 } } }
 */
export function handPriorBefore(db: BetterSqlite3.Database, sessionId: number): HandPrior {
  const place = placeOf(db, sessionId);
  if (!place) return { families: {} };
  // Takes that cannot be evidence (most: the register's guesses) are left in the database; the
  // conditions here are necessary ones of isHandEvidence, which decides on the rest.
  const rows = db
    .prepare(
      `${ONE_HAND_TAKES} AND (s.started_at < ? OR (s.started_at = ? AND s.id < ?))
         AND t.hand_confidence IS NOT NULL AND t.confidence IS NOT NULL AND t.hand_uncertain IS NOT 1 AND t.hand_source IS NOT 'history'`,
    )
    .all(place.profileId, place.startedAt, place.startedAt, place.id) as TakeRow[];
  return handPriorOf(rows.flatMap((row) => evidenceTake(row) ?? []));
}

/**
 * What session `sessionId`'s stored analysis gives the hand history: per hand-free family, its
 * takes whose hand is known, per hand (`handPriorOf` of that session alone; empty when it has no
 * analysis). Compared before and after an analysis to see whether later sessions need redoing.
 *
 * @example evidenceOf(db, 7) // => { families: { 'scale:G:major:parallel': { left: 1, right: 0 } } }
 */
export function evidenceOf(db: BetterSqlite3.Database, sessionId: number): HandPrior {
  const rows = db.prepare(`${ONE_HAND_TAKES} AND s.id = ?`).all(profileIdOf(db, sessionId), sessionId) as TakeRow[];
  return handPriorOf(rows.flatMap((row) => evidenceTake(row) ?? []));
}

/**
 * The families whose counts differ between two priors (a session's evidence before and after).
 *
 * @example changedFamilies({ families: {} }, { families: { 'scale:G:major:parallel': { left: 1, right: 0 } } }) // => Set { 'scale:G:major:parallel' }
 */
export function changedFamilies(before: HandPrior, after: HandPrior): Set<string> {
  const changed = new Set<string>();
  for (const family of new Set([...Object.keys(before.families), ...Object.keys(after.families)])) {
    const a = before.families[family];
    const b = after.families[family];
    if ((a?.left ?? 0) !== (b?.left ?? 0) || (a?.right ?? 0) !== (b?.right ?? 0)) changed.add(family);
  }
  return changed;
}

function profileIdOf(db: BetterSqlite3.Database, sessionId: number): number {
  return placeOf(db, sessionId)?.profileId ?? -1;
}

/**
 * The sessions to reanalyse after the evidence of `families` changed in a session of `profileId`
 * that started at `after` (ISO, with its id for ties): the later sessions of that pianist with a
 * one-hand take in one of those families whose hand the notes left uncertain or the history
 * weighed in on. Taken, in playing order; none when `families` is empty.
 *
 * @example sessionsToRefresh(db, 1, { startedAt: '2026-03-01T09:00:00.000Z', id: 7 }, new Set(['scale:G:major:parallel'])) // => [9, 12]
 */
export function sessionsToRefresh(
  db: BetterSqlite3.Database,
  profileId: number,
  after: { readonly startedAt: string; readonly id: number },
  families: ReadonlySet<string>,
): number[] {
  if (families.size === 0) return [];
  const rows = db
    .prepare(`${ONE_HAND_TAKES} AND (s.started_at > ? OR (s.started_at = ? AND s.id > ?)) ORDER BY s.started_at, s.id`)
    .all(profileId, after.startedAt, after.startedAt, after.id) as TakeRow[];
  const sessions: number[] = [];
  for (const row of rows) {
    const take = evidenceTake(row);
    if (!take || sessions.includes(row.session_id)) continue;
    const open = take.handSource === 'history' || (take.handUncertain === true && take.handSource !== 'given' && take.handSource !== 'corrected');
    if (open && families.has(handFreeFamilyOf(take.exercise))) sessions.push(row.session_id);
  }
  return sessions;
}
