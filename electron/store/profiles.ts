/** Pianists sharing one machine: each has a profile, and each session belongs to one. */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError, toStoreError } from './errors';
import { isoTime } from './time';
import type { Profile } from './types';
import { writeReturning } from './returning';

interface ProfileRow {
  id: number;
  name: string;
  hand_span_cm: number | null;
  created_at: string;
  uid: string | null;
  read_only: number;
}

const toProfile = (row: ProfileRow): Profile => ({
  id: row.id,
  name: row.name,
  handSpanCm: row.hand_span_cm,
  createdAt: row.created_at,
  uid: row.uid ?? '',
  readOnly: row.read_only === 1,
});

/**
 * Creates a profile; names are unique regardless of case.
 *
 * @example createProfile(db, { name: 'Ana', handSpanCm: 21 }) // => { id: 1, name: 'Ana', ... }
 */
export function createProfile(db: BetterSqlite3.Database, input: { name: string; handSpanCm?: number | null }, now = new Date()): Profile {
  const name = input.name.trim();
  if (!name) throw new StoreError('invalid', 'A profile needs a name.');
  if (findProfileByName(db, name)) throw new StoreError('invalid', `A profile named '${name}' already exists.`);
  try {
    const row = writeReturning(
      db.prepare('INSERT INTO profiles (name, hand_span_cm, created_at) VALUES (?, ?, ?) RETURNING *'),
      name, input.handSpanCm ?? null, isoTime(now)) as ProfileRow;
    // RETURNING shows the row before the AFTER INSERT trigger stamped its uid: read it back.
    return getProfile(db, row.id);
  } catch (error) {
    throw toStoreError(error, `creating profile '${name}'`);
  }
}

/** @example findProfileByName(db, 'ana') // => the 'Ana' profile (case-insensitive) or undefined */
export function findProfileByName(db: BetterSqlite3.Database, name: string): Profile | undefined {
  const row = db.prepare('SELECT * FROM profiles WHERE name = ?').get(name.trim()) as ProfileRow | undefined;
  return row ? toProfile(row) : undefined;
}

/** @example getProfile(db, 1).name // => 'Ana'; throws StoreError('not-found') for an unknown id */
export function getProfile(db: BetterSqlite3.Database, id: number): Profile {
  const row = db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
  if (!row) throw new StoreError('not-found', `No profile with id ${id}.`);
  return toProfile(row);
}

/** The profile with this name, created if it does not exist yet. @example ensureProfile(db, 'Ana').id */
export function ensureProfile(db: BetterSqlite3.Database, name: string, now = new Date()): Profile {
  return findProfileByName(db, name) ?? createProfile(db, { name }, now);
}

/** @example listProfiles(db).map((p) => p.name) // => ['Ana', 'Ben'] (by name) */
export function listProfiles(db: BetterSqlite3.Database): Profile[] {
  return (db.prepare('SELECT * FROM profiles ORDER BY name').all() as ProfileRow[]).map(toProfile);
}
