/**
 * Schema version 1: profiles, devices, sessions, the append-only raw MIDI log, device gaps,
 * the derived analysis tables and annotations.
 *
 * Raw events are the asset: every message with its bytes, its own float64 timestamp (REAL is an
 * IEEE double; SQLite never rounds it) and its port. Everything in the "derived" tables can be
 * rebuilt from raw_events by reanalysing, so those tables may be dropped and refilled freely.
 */
export const sql = `
PRAGMA application_id = 1163283289; -- 0x45564B59, 'EVKY': tells Evenkeys files from other apps' SQLite files

CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
  hand_span_cm REAL CHECK (hand_span_cm IS NULL OR hand_span_cm > 0),
  created_at TEXT NOT NULL
);

CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  manufacturer TEXT NOT NULL DEFAULT '',
  last_seen_at TEXT NOT NULL,
  UNIQUE (name, manufacturer)
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles (id),
  device_id INTEGER REFERENCES devices (id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'complete', 'interrupted')),
  app_version TEXT NOT NULL,
  metronome_bpm REAL,
  notes TEXT NOT NULL DEFAULT '',
  -- What the analysis is told: the exercise practised (null = recognise it) and the source label.
  exercise_id TEXT,
  source_file TEXT,
  -- Crash detection: the recording process and its last batch (wall clock, ISO-8601).
  writer_pid INTEGER,
  last_write_at TEXT,
  event_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_profile ON sessions (profile_id, started_at);
CREATE INDEX sessions_by_status ON sessions (status);

-- Every MIDI message received, exactly as received. Append-only: never updated.
CREATE TABLE raw_events (
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  seq INTEGER NOT NULL,
  time_ms REAL NOT NULL,
  port TEXT,
  bytes BLOB NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TRIGGER raw_events_append_only BEFORE UPDATE ON raw_events
BEGIN
  SELECT RAISE(ABORT, 'raw_events is append-only');
END;

-- A device unplugged mid-session: the session goes on; the gap is recorded here.
CREATE TABLE device_gaps (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  port TEXT,
  -- The last raw event seq before the disconnect (-1 when none).
  after_seq INTEGER NOT NULL,
  disconnected_at_ms REAL NOT NULL,
  reconnected_at_ms REAL
);
CREATE INDEX device_gaps_by_session ON device_gaps (session_id);

-- ---- Derived: rebuilt from raw_events by reanalyse ----

-- One row per analysed session: the analysis document (without its notes, which live in the
-- notes table) exactly as the analyser returned it, its source block as columns for listing,
-- or the error the analyser raised. takes / take_fingers / events repeat the document's takes
-- as rows for queries across sessions (history, per-finger drift).
CREATE TABLE analyses (
  session_id INTEGER PRIMARY KEY REFERENCES sessions (id),
  schema TEXT NOT NULL,
  analyzed_at TEXT NOT NULL,
  source_file TEXT NOT NULL,
  notes INTEGER NOT NULL DEFAULT 0,
  duration_ms REAL NOT NULL DEFAULT 0,
  pedal_events INTEGER NOT NULL DEFAULT 0,
  out_of_order INTEGER NOT NULL DEFAULT 0,
  retriggers INTEGER NOT NULL DEFAULT 0,
  orphan_note_offs INTEGER NOT NULL DEFAULT 0,
  unreleased INTEGER NOT NULL DEFAULT 0,
  -- 1 when the document carried a notes array (even an empty one).
  with_notes INTEGER NOT NULL DEFAULT 0,
  document_json TEXT,
  error TEXT
);

CREATE TABLE takes (
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
  bpm REAL NOT NULL,
  notes_per_second REAL NOT NULL,
  matched INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  extra INTEGER NOT NULL,
  unevenness_ms REAL NOT NULL,
  UNIQUE (session_id, take_index)
);

CREATE TABLE take_fingers (
  take_id INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  hand TEXT NOT NULL,
  finger INTEGER NOT NULL,
  count INTEGER NOT NULL,
  onset_deviation_mean_ms REAL NOT NULL,
  onset_deviation_sd_ms REAL NOT NULL,
  velocity_mean REAL NOT NULL,
  velocity_sd REAL NOT NULL,
  velocity_cv REAL NOT NULL,
  duration_mean_ms REAL NOT NULL,
  legato_overlap_mean_ms REAL NOT NULL,
  PRIMARY KEY (take_id, position)
) WITHOUT ROWID;

-- Loss-of-control events; evidence is the detector's numbers as a JSON object.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  take_id INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  time_ms REAL NOT NULL,
  hand TEXT NOT NULL,
  finger INTEGER NOT NULL,
  severity REAL NOT NULL,
  detail TEXT NOT NULL,
  evidence_json TEXT NOT NULL
);
CREATE INDEX events_by_session ON events (session_id, time_ms);
CREATE INDEX events_by_take ON events (take_id, position);

CREATE TABLE notes (
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  position INTEGER NOT NULL,
  time_ms REAL NOT NULL,
  pitch INTEGER NOT NULL,
  velocity INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  channel INTEGER NOT NULL,
  pedal INTEGER NOT NULL,
  hand TEXT,
  finger INTEGER,
  take_index INTEGER,
  deviation_ms REAL,
  -- Any further fields the analyser puts on a note (JSON object), so none is ever dropped.
  extra_json TEXT,
  PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

-- ---- Written by people: never touched by reanalyse ----

-- A teacher's or pianist's note on a session, optionally pinned to a take (by index, which
-- survives reanalysis) and/or a moment (ms on the session's event clock).
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id),
  take_index INTEGER,
  time_ms REAL,
  author TEXT NOT NULL CHECK (author IN ('pianist', 'teacher')),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX annotations_by_session ON annotations (session_id);
`;
