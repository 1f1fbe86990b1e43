/**
 * Schema version 2: what the pianist did with drift alerts. Alerts themselves are derived (core/drift
 * recomputes them from the analyses); this table is user data, keyed by the alert's stable key, and
 * is never touched by reanalyse.
 */
export const sql = `
CREATE TABLE alert_states (
  profile_id INTEGER NOT NULL REFERENCES profiles (id),
  -- DriftAlert.key: the series key and the first session of the drifting run.
  alert_key TEXT NOT NULL,
  -- The series the alert belongs to and when it was raised: a 'new-baseline' dismissal restarts
  -- that series' baseline from this time.
  series_key TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('seen', 'dismissed', 'hidden')),
  reason TEXT CHECK (reason IS NULL OR reason IN ('injury', 'new-piano', 'tired-day', 'new-baseline', 'other')),
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, alert_key)
) WITHOUT ROWID;
`;
