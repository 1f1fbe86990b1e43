/**
 * Drift for a profile, from the store: the sessions' stored analyses go through core/drift, the
 * pianist's alert states (alert_states, user data) are merged in, and a 'new-baseline' dismissal
 * restarts that series' baseline. The engine state is kept per profile so a new session costs one
 * incremental step; anything else (a reanalysed or deleted session, a changed alert state) falls
 * back to a full recompute, which gives identical results by construction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DRIFT_SCHEMA_ID } from '../../core/api/drift';
import type { AlertUserState, DriftDocument } from '../../core/api/drift';
import type { AnalysisDocument } from '../../core/api/analysis';
import { addSession, createDriftState, driftResult } from '../../core/drift/engine';
import type { DriftState } from '../../core/drift/engine';
import { driftSessionOf } from '../../core/drift/from-analysis';
import { pointAt, pooledExercises } from '../../core/drift/points';
import type { DriftPoints } from '../../core/drift/points';
import { practiceSummary } from '../../core/drift/practice';
import type { BaselineReset, DriftSession } from '../../core/drift/types';
import { isCredibleTake } from '../../core/drift/credible';
import { inTempoBand } from '../../core/drift/tempo';
import { BASELINE_SESSIONS } from '../../core/drift/detect';
import { fingerprintKey } from '../../core/drift/fingerprint';
import { fingerprintProfile } from '../../core/drift/fingerprint-profile';
import { withFingering } from '../../core/exercises/own-fingering';
import type { Exercise, Finger } from '../../core/exercises/types';
import { decodeDriftInput, driftInputOf, encodeDriftInput, isOlderDriftInput } from './drift-input';
import { findExercise, listOwnFingerings } from './exercises';
import { StoreError } from './errors';
import { isoTime } from './time';

interface SessionMeta {
  id: number;
  started_at: string;
  ended_at: string | null;
  device: string | null;
  analyzed_at: string | null;
}

interface SessionRow extends SessionMeta {
  document_json: string | null;
  drift_input: Buffer | null;
}

interface AlertStateRow {
  alert_key: string;
  series_key: string;
  detected_at: string;
  state: AlertUserState['state'];
  reason: AlertUserState['reason'];
  note: string;
  updated_at: string;
}

interface CacheEntry {
  readonly state: DriftState;
  /** "id@analyzed_at" of each session folded in, in order. */
  readonly folded: string[];
  /** Per folded session: whether it has a credible clinical check-in take (for the weekly prompt). */
  readonly checkIns: boolean[];
  readonly resets: string;
}

const caches = new WeakMap<BetterSqlite3.Database, Map<number, CacheEntry>>();

/**
 * The session as drift sees it: its compact drift input (analyses.drift_input), else its analysis
 * document (the compact input is then written back for next time, when the database is writable),
 * or no takes when it has none.
 */
function sessionOf(db: BetterSqlite3.Database, row: SessionRow): DriftSession {
  const meta = { id: row.id, startedAt: row.started_at, device: row.device };
  let json = row.document_json;
  if (row.drift_input !== null) {
    const compact = decodeDriftInput(row.drift_input, meta);
    if (compact) {
      // An input of an older version (read without its pools) is brought up to date for next time; it gives the same drift meanwhile.
      if (isOlderDriftInput(row.drift_input) && !db.readonly) {
        try {
          db.prepare('UPDATE analyses SET drift_input = ? WHERE session_id = ? AND analyzed_at = ?').run(encodeDriftInput(compact), row.id, row.analyzed_at);
        } catch {
          // A cache, as below.
        }
      }
      return compact;
    }
    // Unreadable: rebuilt from the document below.
    json = (db.prepare('SELECT document_json FROM analyses WHERE session_id = ?').get(row.id) as { document_json: string | null } | undefined)?.document_json ?? null;
  }
  let document: AnalysisDocument | null = null;
  if (json !== null) {
    try {
      // Written by saveAnalysis from an analyser's document; takes missing the drift fields count as no takes.
      document = JSON.parse(json) as AnalysisDocument;
    } catch {
      document = null;
    }
  }
  if (document !== null && !db.readonly) {
    try {
      db.prepare('UPDATE analyses SET drift_input = ? WHERE session_id = ? AND analyzed_at = ?').run(driftInputOf(document), row.id, row.analyzed_at);
    } catch {
      // A cache: drift is computed from the document all the same.
    }
  }
  return driftSessionOf(meta, document);
}

/** What a drift document carries of each series' points. */
export interface DriftDocumentOptions {
  /**
   * 'all' (default): every point. 'latest': only each series' latest point (`pointCount` still
   * says how many there are), for screens that chart a few series of a long history and fetch
   * their points with profileDriftPoints: 2,000 sessions make ~330,000 points, ~94 MB of JSON.
   */
  readonly points?: 'all' | 'latest';
}

/**
 * Brings the profile's cached drift state up to date and returns it with the profile's sessions
 * and alert states. Sessions already folded (same id and analysis time, in the same order, and
 * the same baseline resets) are not read again; anything else starts a full recompute.
 *
 * @throws StoreError ('not-found') for an unknown profile.
 */
function foldProfile(db: BetterSqlite3.Database, profileId: number): { profile: { id: number; name: string }; rows: SessionMeta[]; states: AlertStateRow[]; entry: CacheEntry } {
  const profile = db.prepare('SELECT id, name FROM profiles WHERE id = ?').get(profileId) as { id: number; name: string } | undefined;
  if (!profile) throw new StoreError('not-found', `No profile with id ${profileId}.`);
  const rows = db.prepare(
    `SELECT s.id, s.started_at, s.ended_at, d.name AS device, a.analyzed_at
       FROM sessions s LEFT JOIN devices d ON d.id = s.device_id LEFT JOIN analyses a ON a.session_id = s.id
      WHERE s.profile_id = ? AND s.status != 'recording' ORDER BY s.started_at, s.id`,
  ).all(profileId) as SessionMeta[];
  const states = db.prepare('SELECT * FROM alert_states WHERE profile_id = ?').all(profileId) as AlertStateRow[];
  const resets: BaselineReset[] = states
    .filter((s) => s.state === 'dismissed' && s.reason === 'new-baseline')
    .map((s) => ({ at: s.detected_at, seriesKey: s.series_key }));
  const resetsKey = JSON.stringify(resets.map((r) => [r.at, r.seriesKey]).sort());
  const stamps = rows.map((r) => `${r.id}@${r.analyzed_at ?? ''}`);

  let profiles = caches.get(db);
  if (!profiles) {
    profiles = new Map();
    caches.set(db, profiles);
  }
  let entry = profiles.get(profileId);
  const isPrefix = entry !== undefined && entry.resets === resetsKey && entry.folded.length <= stamps.length && entry.folded.every((stamp, i) => stamps[i] === stamp);
  if (!entry || !isPrefix) {
    entry = { state: createDriftState({ resets }), folded: [], checkIns: [], resets: resetsKey };
    profiles.set(profileId, entry);
  }
  const input = db.prepare(
    'SELECT drift_input, CASE WHEN drift_input IS NULL THEN document_json END AS document_json FROM analyses WHERE session_id = ?',
  );
  const folding = entry;
  const fold = () => {
    for (let i = folding.folded.length; i < rows.length; i += 1) {
      const meta = rows[i] as SessionMeta;
      const stored = input.get(meta.id) as { drift_input: Buffer | null; document_json: string | null } | undefined;
      const session = sessionOf(db, { ...meta, drift_input: stored?.drift_input ?? null, document_json: stored?.document_json ?? null });
      addSession(folding.state, session);
      folding.folded.push(stamps[i] as string);
      folding.checkIns.push(session.takes.some((t) => isCheckIn(t) && isCredibleTake(t).credible));
    }
  };
  // Drift inputs written back on the way (missing, unreadable or older ones) go in one transaction, not one each.
  if (!db.readonly && !db.inTransaction) db.transaction(fold)();
  else fold();
  return { profile, rows, states, entry };
}

/**
 * The `evenkeys.drift/1` document of a profile.
 *
 * @throws StoreError ('not-found') for an unknown profile.
 * @example profileDrift(db, 1).alerts.filter((a) => a.status === 'active')
 */
export function profileDrift(db: BetterSqlite3.Database, profileId: number, now = new Date(), options: DriftDocumentOptions = {}): DriftDocument {
  const { profile, rows, states, entry } = foldProfile(db, profileId);
  const result = driftResult(entry.state);
  const exerciseCopies = new Map<readonly string[], string[]>();
  const latestOnly = options.points === 'latest';
  const byKey = new Map(states.map((s) => [s.alert_key, s]));
  return {
    schema: DRIFT_SCHEMA_ID,
    profile,
    sessions: result.sessions,
    credibleSessions: result.credibleSessions,
    monitoredSeries: result.monitoredSeries,
    series: result.series.map((s) => ({
      ...s,
      points: documentPoints(s.points, exerciseCopies, latestOnly ? s.points.length - 1 : 0),
      pointCount: s.points.length,
      exercises: pooledExercises(s.points),
      baseline: { ...s.baseline, progress: `${s.baseline.sessions} of ${s.baseline.needed} sessions` },
    })),
    alerts: result.alerts.map((a) => {
      const user = byKey.get(a.key);
      return { ...a, explains: [...a.explains], user: user ? { state: user.state, reason: user.reason, note: user.note, updatedAt: user.updated_at } : null };
    }),
    fingerprints: fingerprintsWithProfiles(db, profileId, entry.state, result.fingerprints),
    practice: mutablePractice(practiceSummary(
      rows.map((r, i) => ({ startedAt: r.started_at, endedAt: r.ended_at, checkIn: entry.checkIns[i] ?? false })),
      isoTime(now),
    )),
  };
}

/**
 * A series' points as the document's objects. Exercise lists are copied once per document (the
 * engine's lists live on in the store's drift cache, so a document never hands them out), and
 * points that pooled the same exercises share the copy.
 */
function documentPoints(points: DriftPoints, copies: Map<readonly string[], string[]>, from = 0): DriftDocument['series'][number]['points'] {
  const copyOf = (shared: readonly string[]): string[] => {
    let copy = copies.get(shared);
    if (!copy) {
      copy = [...shared];
      copies.set(shared, copy);
    }
    return copy;
  };
  const start = Math.max(0, from);
  const out: DriftDocument['series'][number]['points'] = new Array(Math.max(0, points.length - start));
  for (let i = start; i < points.length; i += 1) out[i - start] = pointAt(points, i, copyOf) as DriftDocument['series'][number]['points'][number];
  return out;
}


/**
 * Each fingerprint comparison with its exercise's name and both profiles position by position,
 * each position with the finger that plays it (the pianist's own fingering when they set one).
 */
function fingerprintsWithProfiles(
  db: BetterSqlite3.Database,
  profileId: number,
  state: DriftState,
  comparisons: ReturnType<typeof driftResult>['fingerprints'],
): DriftDocument['fingerprints'] {
  const baselineSessions = state.options.baseline.kind === 'first' ? state.options.baseline.sessions : BASELINE_SESSIONS;
  const exercises = new Map<string, Exercise | undefined>();
  const exerciseOf = (id: string): Exercise | undefined => {
    if (!exercises.has(id)) exercises.set(id, ownExercise(db, profileId, id));
    return exercises.get(id);
  };
  return comparisons.map((comparison) => {
    const fp = state.fingerprints.get(fingerprintKey(comparison.exerciseId, comparison.hand, comparison.device));
    const exercise = exerciseOf(comparison.exerciseId);
    const fingers = new Map<number, Finger>((exercise?.notes ?? []).filter((n) => n.hand === comparison.hand).map((n) => [n.position, n.finger]));
    return {
      ...comparison,
      exerciseName: exercise?.name ?? comparison.exerciseId,
      byPosition: fp ? fingerprintProfile(fp, baselineSessions).map((p) => ({ ...p, finger: fingers.get(p.position) ?? null })) : [],
    };
  });
}

/** The exercise as this pianist plays it: their own fingering applied when they set one. */
function ownExercise(db: BetterSqlite3.Database, profileId: number, id: string): Exercise | undefined {
  let exercise = findExercise(db, id);
  if (exercise === undefined) return undefined;
  for (const own of listOwnFingerings(db, profileId, id)) {
    try {
      exercise = withFingering(exercise, own.hand, own.fingers);
    } catch {
      // A stored fingering that no longer fits the exercise: the printed fingers still name the positions.
    }
  }
  return exercise;
}

/**
 * The clinical check-in (Jabusch et al. 2006): C major, two octaves, one hand, at 8 notes/s
 * (within the tempo band), whether played from the preset or recognised as that scale.
 */
function isCheckIn(take: DriftSession['takes'][number]): boolean {
  const e = take.exercise;
  return (e.kind === 'clinical-scale' || e.kind === 'scale') && e.key === 'C' && e.mode === 'major' && e.hands !== 'both' && (e.octaves ?? 2) === 2 && inTempoBand(8, take.notesPerSecond);
}

function mutablePractice(p: ReturnType<typeof practiceSummary>): DriftDocument['practice'] {
  return { ...p, days: p.days.map((d) => ({ ...d })), weeks: p.weeks.map((w) => ({ ...w })) };
}

/**
 * Records what the pianist did with an alert (seen, dismissed with a reason, hidden).
 *
 * @throws StoreError ('not-found') when the profile has no such alert now.
 * @example setAlertState(db, 1, { alertKey, state: 'dismissed', reason: 'new-baseline' })
 */
export function setAlertState(
  db: BetterSqlite3.Database,
  profileId: number,
  input: { alertKey: string; state: AlertUserState['state']; reason?: AlertUserState['reason']; note?: string },
  now = new Date(),
): AlertUserState {
  const alert = profileDrift(db, profileId, now).alerts.find((a) => a.key === input.alertKey);
  if (!alert) throw new StoreError('not-found', `No drift alert '${input.alertKey}' for profile ${profileId}.`);
  const reason = input.state === 'dismissed' ? (input.reason ?? 'other') : null;
  const updatedAt = isoTime(now);
  db.prepare(
    `INSERT INTO alert_states (profile_id, alert_key, series_key, detected_at, state, reason, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile_id, alert_key) DO UPDATE SET state = excluded.state, reason = excluded.reason, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(profileId, alert.key, alert.seriesKey, alert.detectedAt, input.state, reason, input.note ?? '', updatedAt);
  return { state: input.state, reason, note: input.note ?? '', updatedAt };
}

/**
 * Every point of the named series of a profile (unknown keys are left out), from the same
 * computation as profileDrift (its cache, or a recompute).
 *
 * @throws StoreError ('not-found') for an unknown profile.
 * @example profileDriftPoints(db, 1, [doc.series[0].key])[0]?.points.length
 */
export function profileDriftPoints(db: BetterSqlite3.Database, profileId: number, seriesKeys: readonly string[]): { key: string; points: DriftDocument['series'][number]['points'] }[] {
  const wanted = new Set(seriesKeys);
  const { entry } = foldProfile(db, profileId);
  const copies = new Map<readonly string[], string[]>();
  return driftResult(entry.state).series.filter((s) => wanted.has(s.key)).map((s) => ({ key: s.key, points: documentPoints(s.points, copies) }));
}
