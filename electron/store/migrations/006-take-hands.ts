/**
 * Schema version 6 (issue 12): the pianist's corrections of the hand of a take. A single line
 * cannot always be told apart by pitch (a right-hand scale an octave lower is note for note the
 * left-hand one), so the pianist may say which hand played; the analysis then uses that hand.
 *
 * Kept by the take's time span, not its index: take indices are derived data and may change when
 * a session is reanalysed, while the time the take was played does not. Like annotations, these
 * rows are the user's input: reanalysing never deletes them.
 */
export const sql = `
CREATE TABLE take_hand_corrections (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  -- The corrected take's first onset and last release, ms from the session start.
  start_ms REAL NOT NULL,
  end_ms REAL NOT NULL CHECK (end_ms >= start_ms),
  hand TEXT NOT NULL CHECK (hand IN ('left', 'right')),
  corrected_at TEXT NOT NULL
);
CREATE INDEX take_hand_corrections_session ON take_hand_corrections (session_id);
`;
