/**
 * Schema version 8 (issue 11): timing figures may be NULL. A take whose clock cannot be trusted
 * (timestamps that do not advance, a coarse or quantised clock, a backward jump; see
 * core/midi/clock.ts) has no unevenness, tempo, onset deviation, duration or legato figure, and
 * storing 0 would chart a perfect score. Velocity SD and CV become nullable too, for a finger
 * measured on fewer than 3 notes (issue 10's change to the same rows).
 *
 * SQLite cannot drop NOT NULL in place: takes, take_fingers and events (which reference takes)
 * are rebuilt with the same columns and rows, children dropped first so nothing cascades.
 */
export const sql = `
CREATE TABLE takes_v8 (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  take_index INTEGER NOT NULL,
  exercise_id TEXT NOT NULL,
  exercise_kind TEXT NOT NULL,
  exercise_key TEXT NOT NULL,
  exercise_mode TEXT NOT NULL,
  hands TEXT NOT NULL,
  octaves REAL NOT NULL,
  motion TEXT NOT NULL,
  exercise_name TEXT NOT NULL,
  start_ms REAL NOT NULL,
  end_ms REAL NOT NULL,
  bpm REAL,
  notes_per_second REAL,
  matched INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  extra INTEGER NOT NULL,
  unevenness_ms REAL,
  UNIQUE (session_id, take_index)
);
INSERT INTO takes_v8 SELECT id, session_id, take_index, exercise_id, exercise_kind, exercise_key, exercise_mode, hands, octaves, motion,
  exercise_name, start_ms, end_ms, bpm, notes_per_second, matched, missed, extra, unevenness_ms FROM takes;

CREATE TABLE take_fingers_v8 (
  take_id INTEGER NOT NULL REFERENCES takes_v8 (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  hand TEXT NOT NULL,
  finger INTEGER NOT NULL,
  count INTEGER NOT NULL,
  onset_deviation_mean_ms REAL,
  onset_deviation_sd_ms REAL,
  velocity_mean REAL NOT NULL,
  velocity_sd REAL,
  velocity_cv REAL,
  duration_mean_ms REAL,
  legato_overlap_mean_ms REAL,
  PRIMARY KEY (take_id, position)
) WITHOUT ROWID;
INSERT INTO take_fingers_v8 SELECT take_id, position, hand, finger, count, onset_deviation_mean_ms, onset_deviation_sd_ms, velocity_mean,
  velocity_sd, velocity_cv, duration_mean_ms, legato_overlap_mean_ms FROM take_fingers;

CREATE TABLE events_v8 (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  take_id INTEGER NOT NULL REFERENCES takes_v8 (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  time_ms REAL NOT NULL,
  hand TEXT NOT NULL,
  finger INTEGER NOT NULL,
  severity REAL NOT NULL,
  detail TEXT NOT NULL,
  evidence_json TEXT NOT NULL
);
INSERT INTO events_v8 SELECT id, session_id, take_id, position, type, time_ms, hand, finger, severity, detail, evidence_json FROM events;

DROP TABLE events;
DROP TABLE take_fingers;
DROP TABLE takes;
ALTER TABLE takes_v8 RENAME TO takes;
ALTER TABLE take_fingers_v8 RENAME TO take_fingers;
ALTER TABLE events_v8 RENAME TO events;
CREATE INDEX events_by_session ON events (session_id, time_ms);
CREATE INDEX events_by_take ON events (take_id, position);
`;
