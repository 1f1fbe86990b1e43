/**
 * Migration harness: for every schema version v below the latest, build a database exactly as
 * version v left it (its migrations only, plus data written with v's tables), open it with the
 * current store, and check it arrives at the latest version with the data intact. When 002 is
 * added, add FIXTURES[1]... as the file was at version 1 is already covered, and so on.
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, StoreError, openStore } from '../../../electron/store/index';
import { migrate, schemaVersion } from '../../../electron/store/migrate';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import type { Migration } from '../../../electron/store/migrations/index';
import { tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** The version of a named migration (Infinity when this build has no such migration). */
function versionOf(name: string): number {
  return MIGRATIONS.find((migration) => migration.name === name)?.version ?? Number.POSITIVE_INFINITY;
}

type Writer = (db: BetterSqlite3.Database) => void;

/**
 * Per migration (by name, so renumbering at merge changes nothing): `before` writes data with the
 * tables just before it (what it must transform), `at` writes data with its own tables (what every
 * later migration must carry). A database at version v holds version 1's data, the `at` data of
 * every migration up to v, and the `before` data of migration v+1.
 */
const WRITERS: Record<string, { before?: Writer; at?: Writer }> = {
  initial: {
    at: (db) => {
      db.prepare("INSERT INTO profiles (id, name, created_at) VALUES (1, 'Ana', '2026-01-01T00:00:00.000Z')").run();
      db.prepare("INSERT INTO sessions (id, profile_id, started_at, status, app_version, event_count) VALUES (1, 1, '2026-01-02T00:00:00.000Z', 'complete', '0.1.0', 2)").run();
      const insert = db.prepare('INSERT INTO raw_events (session_id, seq, time_ms, port, bytes) VALUES (1, ?, ?, ?, ?)');
      insert.run(0, 10.000000000000002, 'in-1', Buffer.from([0x90, 60, 80]));
      insert.run(1, 250.33333333333334, 'in-1', Buffer.from([0x80, 60, 0]));
    },
  },
  // Issue 13: old annotations get a target, an author name and a uid.
  'teacher-review': {
    before: (db) => {
      db.prepare("INSERT INTO annotations (session_id, take_index, author, text, created_at) VALUES (1, 0, 'teacher', 'Thumb late', '2026-01-03T00:00:00.000Z')").run();
      db.prepare("INSERT INTO annotations (session_id, author, text, created_at) VALUES (1, 'pianist', 'Tired', '2026-01-03T00:00:00.000Z')").run();
    },
    at: (db) => {
      db.prepare("INSERT INTO annotations (session_id, target, take_index, author, author_name, text, created_at) VALUES (1, 'take', 0, 'teacher', 'Teacher', 'Thumb late', '2026-01-03T00:00:00.000Z')").run();
      db.prepare("INSERT INTO annotations (session_id, author, author_name, text, created_at) VALUES (1, 'pianist', 'Pianist', 'Tired', '2026-01-03T00:00:00.000Z')").run();
    },
  },
  // Issue 15: an imported exercise and an own fingering.
  'exercises-fingerings': {
    at: (db) => {
      db.prepare("INSERT INTO imported_exercises (id, name, source_file, imported_at, exercise_json) VALUES ('etude-1', 'Etude', 'etude.musicxml', '2026-01-03T00:00:00.000Z', ?)").run(
        JSON.stringify({ id: 'etude-1', kind: 'imported', key: 'C', mode: 'major', hands: 'right', motion: 'parallel', octaves: 0, name: 'Etude', subdivision: 2, bpm: 80, notes: [{ index: 0, pitch: 60, hand: 'right', finger: 1, direction: 'up', position: 0, run: 0, step: 0, crossing: false }] }),
      );
      db.prepare("INSERT INTO own_fingerings (profile_id, exercise_id, hand, fingers_json, updated_at) VALUES (1, 'etude-1', 'right', '[2]', '2026-01-03T00:00:00.000Z')").run();
    },
  },
  // Issue 11: derived rows (a take, its fingers, an event) that the table rebuild must carry over.
  'nullable-timing': {
    before: (db) => {
      db.prepare(
        `INSERT INTO takes (id, session_id, take_index, exercise_id, exercise_kind, exercise_key, exercise_mode, hands, octaves, motion, exercise_name,
                            start_ms, end_ms, bpm, notes_per_second, matched, missed, extra, unevenness_ms)
         VALUES (5, 1, 0, 'scale-c-major-rh-1oct', 'scale', 'C', 'major', 'right', 1, 'parallel', 'C major', 10, 250.5, 72, 4.8, 15, 0, 0, 4.625)`,
      ).run();
      db.prepare(
        `INSERT INTO take_fingers (take_id, position, hand, finger, count, onset_deviation_mean_ms, onset_deviation_sd_ms, velocity_mean, velocity_sd, velocity_cv, duration_mean_ms, legato_overlap_mean_ms)
         VALUES (5, 0, 'right', 1, 3, 1.5, 2.5, 80, 4, 0.05, 190, 3)`,
      ).run();
      db.prepare("INSERT INTO events (session_id, take_id, position, type, time_ms, hand, finger, severity, detail, evidence_json) VALUES (1, 5, 0, 'late', 100, 'right', 1, 1.2, 'late', '{}')").run();
    },
  },
  // Issue 9: what the pianist did with a drift alert (user data, kept under a stable alert key).
  'alert-states': {
    at: (db) => {
      db.prepare("INSERT INTO alert_states (profile_id, alert_key, series_key, detected_at, state, reason, note, updated_at) VALUES (1, 'k@1', 'k', '2026-01-02T00:00:00.000Z', 'dismissed', 'tired-day', '', '2026-01-03T00:00:00.000Z')").run();
    },
  },
  // Issue 10: metronome clicks heard while recording, and preferences kept in the database.
  'clicks-preferences': {
    at: (db) => {
      db.prepare("INSERT INTO clicks (session_id, seq, time_ms, kind, count_in, bpm) VALUES (1, 0, 5.000000000000001, 'accent', 1, 120)").run();
      db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('tempo', '96', '2026-01-02T00:00:00.000Z')").run();
    },
  },
  // Issue 12 (the player's history): the take rows learn from the stored document whether each
  // take's hand is known; takes of documents without those fields stay NULL (never evidence).
  'take-hand-evidence': {
    before: (db) => {
      const take = (index: number, extra: Record<string, unknown>) => ({ exercise: { id: 'scale-g-major-lh-1oct', hands: 'left' }, startMs: 10 + index, matched: 14, missed: 1, ...extra });
      const document = { schema: 'evenkeys.analysis/1', takes: [take(0, { wrong: 2, confidence: 0.93, handConfidence: 1, handUncertain: false, handSource: 'corrected' }), take(1, { wrong: 0 })] };
      db.prepare("INSERT INTO analyses (session_id, schema, analyzed_at, source_file, document_json) VALUES (1, 'evenkeys.analysis/1', '2026-01-03T00:00:00.000Z', 'x.mid', ?)").run(JSON.stringify(document));
      const insert = db.prepare(
        `INSERT INTO takes (id, session_id, take_index, exercise_id, exercise_kind, exercise_key, exercise_mode, hands, octaves, motion, exercise_name,
                            start_ms, end_ms, bpm, notes_per_second, matched, missed, extra, unevenness_ms)
         VALUES (?, 1, ?, 'scale-g-major-lh-1oct', 'scale', 'G', 'major', 'left', 1, 'parallel', 'G major', ?, 250, 72, 4.8, 14, 1, 0, 4.5)`,
      );
      insert.run(7, 0, 10);
      insert.run(8, 1, 11);
    },
  },
  // Issue 9: an analysis stored before drift inputs were kept; drift fills its input in on first read.
  'drift-input': {
    before: (db) => {
      db.prepare("INSERT INTO analyses (session_id, schema, analyzed_at, source_file, duration_ms, document_json) VALUES (1, 'evenkeys.analysis/1', '2026-01-02T00:10:00.000Z', 'session 1', 60000, ?)").run(
        JSON.stringify({ schema: 'evenkeys.analysis/1', source: { file: 'session 1', durationMs: 60000 }, takes: [], repetitions: [] }),
      );
    },
  },
  // Issue 12: a pianist's correction of the hand of a take, kept by the take's time span.
  'take-hands': {
    at: (db) => {
      db.prepare("INSERT INTO take_hand_corrections (session_id, start_ms, end_ms, hand, corrected_at) VALUES (1, 10, 250.5, 'left', '2026-01-03T00:00:00.000Z')").run();
    },
  },
};

/** Data a database at version v holds, written with the SQL of that version. */
const FIXTURES: Record<number, Writer> = { 0: () => {} };
for (let version = 1; version <= MIGRATIONS.length; version++) {
  FIXTURES[version] = (db) => {
    for (const migration of MIGRATIONS) if (migration.version <= version) WRITERS[migration.name]?.at?.(db);
    const next = MIGRATIONS.find((migration) => migration.version === version + 1);
    if (next !== undefined) WRITERS[next.name]?.before?.(db);
  };
}

/** What must survive from FIXTURES[v] after migrating to the latest version. */
function checkFixture(version: number, store: Awaited<ReturnType<typeof openStore>>): void {
  if (version < 1) return;
  expect(store.findProfileByName('Ana')?.id).toBe(1);
  expect(store.readRawEvents(1).map((e) => [e.timeMs, [...e.bytes]])).toEqual([
    [10.000000000000002, [0x90, 60, 80]],
    [250.33333333333334, [0x80, 60, 0]],
  ]);
  // teacher-review: every row has a stable uid, profiles start writable, old notes keep their role.
  const ana = store.findProfileByName('Ana');
  expect(ana?.uid).toMatch(/^[0-9a-f]{32}$/);
  expect(ana?.readOnly).toBe(false);
  expect(store.getSession(1).uid).toMatch(/^[0-9a-f]{32}$/);
  if (version >= versionOf('teacher-review') - 1) {
    expect(store.listAnnotations(1).map((a) => [a.target, a.author, a.authorName, a.imported, a.uid.length])).toEqual([
      ['session', 'pianist', 'Pianist', false, 32],
      ['take', 'teacher', 'Teacher', false, 32],
    ]);
  }
  if (version >= versionOf('exercises-fingerings')) {
    expect(store.getImportedExercise('etude-1')?.exercise.notes).toHaveLength(1);
    expect(store.listOwnFingerings(1)).toEqual([{ exerciseId: 'etude-1', hand: 'right', fingers: [2] }]);
  }
  if (version >= versionOf('take-hands')) expect(store.listHandCorrections(1)).toEqual([{ startMs: 10, endMs: 250.5, hand: 'left' }]);
  if (version === versionOf('take-hand-evidence') - 1) {
    expect(store.connection.prepare('SELECT take_index, wrong, confidence, hand_confidence, hand_uncertain, hand_source FROM takes WHERE session_id = 1 ORDER BY take_index').all()).toEqual([
      { take_index: 0, wrong: 2, confidence: 0.93, hand_confidence: 1, hand_uncertain: 0, hand_source: 'corrected' },
      { take_index: 1, wrong: 0, confidence: null, hand_confidence: null, hand_uncertain: null, hand_source: null },
    ]);
    // The corrected take now counts in the pianist's hand history of a later session.
    store.connection.prepare("INSERT INTO sessions (id, profile_id, started_at, status, app_version, event_count, uid) VALUES (2, 1, '2026-02-01T00:00:00.000Z', 'complete', '0.1.0', 0, 'f00d')").run();
    expect(store.handPrior(2)).toEqual({ families: { 'scale:G:major:parallel': { left: 1, right: 0 } } });
  }
  if (version === versionOf('nullable-timing') - 1) {
    const db = store.connection;
    expect(db.prepare('SELECT take_index, bpm, unevenness_ms FROM takes').all()).toEqual([{ take_index: 0, bpm: 72, unevenness_ms: 4.625 }]);
    expect(db.prepare('SELECT onset_deviation_sd_ms, velocity_cv FROM take_fingers WHERE take_id = 5').all()).toEqual([{ onset_deviation_sd_ms: 2.5, velocity_cv: 0.05 }]);
    expect(db.prepare('SELECT type FROM events WHERE take_id = 5').all()).toEqual([{ type: 'late' }]);
    // Timing figures may now be NULL (a take whose clock cannot be trusted), never a false 0.
    db.prepare('UPDATE takes SET bpm = NULL, notes_per_second = NULL, unevenness_ms = NULL').run();
    db.prepare('UPDATE take_fingers SET onset_deviation_mean_ms = NULL, onset_deviation_sd_ms = NULL, duration_mean_ms = NULL, legato_overlap_mean_ms = NULL, velocity_sd = NULL, velocity_cv = NULL').run();
    // The rebuilt events still cascade with their take.
    db.prepare('DELETE FROM takes WHERE id = 5').run();
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
  }
  if (version >= versionOf('clicks-preferences')) {
    expect(store.listClicks(1)).toEqual([{ timeMs: 5.000000000000001, kind: 'accent', countIn: true, bpm: 120 }]);
    expect(store.getPreferences()).toEqual({ tempo: '96' });
  }
  if (version === versionOf('drift-input') - 1) {
    const input = () => (store.connection.prepare('SELECT drift_input FROM analyses WHERE session_id = 1').get() as { drift_input: Buffer | null }).drift_input;
    expect(input()).toBeNull();
    // The first drift read writes the compact input from the document; the drift is the same either way.
    const first = store.drift(1);
    expect(input()?.subarray(0, 4).toString()).toBe('EKD2');
    expect({ ...first, practice: null }).toEqual({ ...store.drift(1), practice: null });
    expect(first.sessions).toBe(1);
  }
  if (version >= versionOf('alert-states')) {
    expect(store.connection.prepare('SELECT alert_key, state, reason FROM alert_states').all()).toEqual([{ alert_key: 'k@1', state: 'dismissed', reason: 'tired-day' }]);
  }
}

// The store analyses finished sessions without an analysis on open (issue 16); the harness turns
// that off so it checks what the migrations carried over, not what a re-analysis wrote.
function databaseAt(path: string, version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const db = new Database(path);
  migrate(db, { target: version, migrations });
  FIXTURES[version]?.(db);
  expect(schemaVersion(db)).toBe(version);
  db.close();
}

describe('migrations', () => {
  it('has one numbered migration per version, starting at 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (let v = 0; v < LATEST_SCHEMA_VERSION; v++) expect(FIXTURES[v], `fixture for version ${v}`).toBeTypeOf('function');
  });

  for (let version = 0; version < LATEST_SCHEMA_VERSION; version++) {
    it(`migrates a database at version ${version} to ${LATEST_SCHEMA_VERSION} with its data intact`, async () => {
      const folder = tempFolder();
      cleanups.push(folder.cleanup);
      databaseAt(folder.db, version);
      const store = await openStore({ path: folder.db, analyseOnOpen: false });
      cleanups.push(() => store.close());
      expect(store.openReport).toMatchObject({ migratedFrom: version, schemaVersion: LATEST_SCHEMA_VERSION });
      expect(store.connection.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.connection.pragma('foreign_key_check')).toEqual([]);
      checkFixture(version, store);
      if (version > 0) expect(store.listBackups().filter((b) => b.reason === 'pre-migration')).toHaveLength(1);
    });
  }

  // A future migration, to exercise the path every real upgrade will take.
  const next: Migration = {
    version: LATEST_SCHEMA_VERSION + 1,
    name: 'test-next',
    sql: 'ALTER TABLE profiles ADD COLUMN dominant_hand TEXT; CREATE TABLE future_things (id INTEGER PRIMARY KEY);',
  };

  it('backs up before upgrading an existing database, then upgrades it', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    databaseAt(folder.db, LATEST_SCHEMA_VERSION);
    const store = await openStore({ path: folder.db, migrations: [...MIGRATIONS, next], analyseOnOpen: false });
    cleanups.push(() => store.close());
    expect(store.openReport).toMatchObject({ migratedFrom: LATEST_SCHEMA_VERSION, schemaVersion: next.version });
    checkFixture(LATEST_SCHEMA_VERSION, store);
    const [backup] = store.listBackups().filter((b) => b.reason === 'pre-migration');
    expect(backup).toBeDefined();
    const copy = new Database(backup?.path ?? '', { readonly: true });
    cleanups.push(() => copy.close());
    expect(schemaVersion(copy)).toBe(LATEST_SCHEMA_VERSION);
    expect(copy.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 2 });
  });

  it('rolls a failing migration back completely: the database stays at its old version', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    databaseAt(folder.db, LATEST_SCHEMA_VERSION);
    const broken: Migration = { ...next, sql: 'CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;' };
    const error = await openStore({ path: folder.db, migrations: [...MIGRATIONS, broken] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const db = new Database(folder.db, { readonly: true });
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 2 });
  });
});
