/**
 * Schema version 5: exercises imported from MusicXML, and each pianist's own fingerings.
 *
 * An imported exercise is kept whole, as the JSON of the core Exercise the importer built (its
 * notes, steps and fingers), so analysis never needs the score file again. A fingering is one
 * finger per note of one hand of one exercise, for one profile; the exercise may be a library
 * one (its id is then not in imported_exercises), so exercise_id has no foreign key.
 */
export const sql = `
CREATE TABLE imported_exercises (
  id TEXT PRIMARY KEY CHECK (length(trim(id)) > 0),
  name TEXT NOT NULL,
  source_file TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  exercise_json TEXT NOT NULL
);

CREATE TABLE own_fingerings (
  profile_id INTEGER NOT NULL REFERENCES profiles (id),
  exercise_id TEXT NOT NULL,
  hand TEXT NOT NULL CHECK (hand IN ('right', 'left')),
  -- JSON array of fingers 1-5, one per note of that hand, in playing order.
  fingers_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, exercise_id, hand)
) WITHOUT ROWID;
`;
