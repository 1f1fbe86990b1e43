/**
 * Schema 003: the metronome clicks heard during a session, and the app's preferences.
 *
 * clicks: every click the metronome scheduled while recording, on the MIDI event clock
 * (performance.now() ms, mapped from the audio clock through getOutputTimestamp), so the report
 * can put each note against the click the pianist heard ("time off the beat"). Part of the raw
 * record like raw_events: never derived, never dropped by reanalyse.
 *
 * preferences: the last pianist, keyboard, exercise and tempo, recent and favourite exercises.
 * Kept in the database because browser mode gets a new port (a new origin, so an empty
 * localStorage) on every run. Values are JSON text.
 *
 * take_fingers: onset_deviation_sd_ms, velocity_sd and velocity_cv become nullable (null below
 * 3 notes, as in evenkeys.analysis/1). SQLite cannot drop NOT NULL in place, so the derived
 * table is rebuilt with its rows.
 */
export const sql = `
CREATE TABLE clicks (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  time_ms REAL NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('accent', 'beat', 'subdivision')),
  count_in INTEGER NOT NULL DEFAULT 0 CHECK (count_in IN (0, 1)),
  bpm REAL NOT NULL CHECK (bpm > 0),
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;

CREATE TABLE preferences (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE take_fingers_003 (
  take_id INTEGER NOT NULL REFERENCES takes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  hand TEXT NOT NULL,
  finger INTEGER NOT NULL,
  count INTEGER NOT NULL,
  onset_deviation_mean_ms REAL NOT NULL,
  onset_deviation_sd_ms REAL,
  velocity_mean REAL NOT NULL,
  velocity_sd REAL,
  velocity_cv REAL,
  duration_mean_ms REAL NOT NULL,
  legato_overlap_mean_ms REAL NOT NULL,
  PRIMARY KEY (take_id, position)
) WITHOUT ROWID;
INSERT INTO take_fingers_003 SELECT * FROM take_fingers;
DROP TABLE take_fingers;
ALTER TABLE take_fingers_003 RENAME TO take_fingers;
`;
