/**
 * Teacher review: stable ids that travel in bundles, read-only imported profiles, and
 * annotations with an author name, a target (session, take or event) and an edit time.
 *
 * - `uid` (32 lowercase hex, random) on profiles, sessions and annotations: the identity a row
 *   keeps across machines, so re-importing a newer bundle adds only what is new. Existing rows get
 *   one here; new rows get one from the AFTER INSERT triggers (so every writer stays unchanged).
 * - `profiles.read_only = 1`: a student's log imported from a bundle. A trigger refuses new
 *   sessions for it unless they are themselves imported.
 * - `sessions.imported = 1`: came from a bundle (read-only: its raw log is never appended to).
 * - annotations: `author_name` (who wrote it, free text), `target` ('session' | 'take' | 'event';
 *   an event is pinned by take index, event type and its time on the event clock, which survive
 *   reanalysis, unlike derived row ids), `updated_at` (edits), `imported = 1` (someone else's,
 *   read-only here).
 */
export const sql = `
ALTER TABLE profiles ADD COLUMN uid TEXT;
ALTER TABLE profiles ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1));
ALTER TABLE profiles ADD COLUMN imported_at TEXT;
UPDATE profiles SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX profiles_by_uid ON profiles (uid);
CREATE TRIGGER profiles_uid AFTER INSERT ON profiles WHEN NEW.uid IS NULL
BEGIN
  UPDATE profiles SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;

ALTER TABLE sessions ADD COLUMN uid TEXT;
ALTER TABLE sessions ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX sessions_by_uid ON sessions (uid);
CREATE TRIGGER sessions_uid AFTER INSERT ON sessions WHEN NEW.uid IS NULL
BEGIN
  UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
CREATE TRIGGER sessions_read_only_profile BEFORE INSERT ON sessions
WHEN NEW.imported = 0 AND (SELECT read_only FROM profiles WHERE id = NEW.profile_id) = 1
BEGIN
  SELECT RAISE(ABORT, 'this profile was imported from a bundle and is read-only');
END;

ALTER TABLE annotations ADD COLUMN uid TEXT;
ALTER TABLE annotations ADD COLUMN author_name TEXT NOT NULL DEFAULT '';
ALTER TABLE annotations ADD COLUMN target TEXT NOT NULL DEFAULT 'session' CHECK (target IN ('session', 'take', 'event'));
ALTER TABLE annotations ADD COLUMN event_type TEXT;
ALTER TABLE annotations ADD COLUMN updated_at TEXT;
ALTER TABLE annotations ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));
UPDATE annotations SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE annotations SET target = 'take' WHERE take_index IS NOT NULL;
UPDATE annotations SET author_name = CASE author WHEN 'teacher' THEN 'Teacher' ELSE 'Pianist' END WHERE author_name = '';
CREATE UNIQUE INDEX annotations_by_uid ON annotations (uid);
CREATE TRIGGER annotations_uid AFTER INSERT ON annotations WHEN NEW.uid IS NULL
BEGIN
  UPDATE annotations SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
`;
