/**
 * Imported exercises and pianists' own fingerings (schema 5). Every write is checked against the
 * core library first: an imported id may not shadow a library exercise, and a fingering must
 * have exactly one finger (1-5) per note of that hand of that exercise.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { OwnFingering } from '../../core/analysis/analyze';
import { getExercise } from '../../core/exercises/library';
import { FingeringCountError, withFingering } from '../../core/exercises/own-fingering';
import type { Exercise, Hand } from '../../core/exercises/types';
import { StoreError, toStoreError } from './errors';
import { isoTime } from './time';

/** An imported exercise as listed: the exercise plus where and when it came from. */
export interface ImportedExercise {
  readonly exercise: Exercise;
  readonly sourceFile: string;
  readonly importedAt: string;
}

const fingerSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const handSchema = z.enum(['right', 'left']);
const fingeringSourceSchema = z.enum(['printed', 'own', 'estimated', 'none']);

// The stored JSON is read back through this, so a damaged row fails loudly, not in the analyser.
const exerciseSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('imported'),
  key: z.string(),
  mode: z.string(),
  hands: z.enum(['right', 'left', 'both']),
  motion: z.enum(['parallel', 'contrary']),
  octaves: z.number().int().nonnegative(),
  name: z.string(),
  subdivision: z.number().int().positive(),
  bpm: z.number().positive(),
  repetitions: z.number().int().positive().optional(),
  fingering: z.object({ right: fingeringSourceSchema.optional(), left: fingeringSourceSchema.optional(), profile: z.string().optional() }).optional(),
  notes: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      pitch: z.number().int().min(0).max(127),
      hand: handSchema,
      finger: fingerSchema,
      direction: z.enum(['up', 'down']),
      position: z.number().int().nonnegative(),
      run: z.number().int().nonnegative(),
      step: z.number().int().nonnegative(),
      crossing: z.boolean(),
      fingered: z.literal(false).optional(),
    }),
  ).min(1),
});

interface ImportedRow {
  id: string;
  source_file: string;
  imported_at: string;
  exercise_json: string;
}

function toImported(row: ImportedRow): ImportedExercise {
  const parsed = exerciseSchema.safeParse(JSON.parse(row.exercise_json));
  if (!parsed.success) throw new StoreError('corrupt', `The stored exercise '${row.id}' is damaged (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  return { exercise: parsed.data as Exercise, sourceFile: row.source_file, importedAt: row.imported_at };
}

/**
 * Stores an imported exercise under its id, verbatim. Throws StoreError('invalid') when the id
 * names a library exercise or one imported before.
 *
 * @example saveImportedExercise(db, importMusicXml(bytes, { id: 'czerny-599-12' }), 'czerny.musicxml')
 */
export function saveImportedExercise(db: BetterSqlite3.Database, exercise: Exercise, sourceFile: string, now = new Date()): ImportedExercise {
  if (getExercise(exercise.id) !== undefined) {
    throw new StoreError('invalid', `'${exercise.id}' is a library exercise; choose another id with --id`);
  }
  if (getImportedExercise(db, exercise.id) !== undefined) {
    throw new StoreError('invalid', `an exercise '${exercise.id}' was imported before; choose another id with --id`);
  }
  const checked = exerciseSchema.safeParse(exercise);
  if (!checked.success) throw new StoreError('invalid', `the exercise cannot be stored: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}`);
  const importedAt = isoTime(now);
  try {
    db.prepare('INSERT INTO imported_exercises (id, name, source_file, imported_at, exercise_json) VALUES (?, ?, ?, ?, ?)').run(
      exercise.id,
      exercise.name,
      sourceFile,
      importedAt,
      JSON.stringify(exercise),
    );
  } catch (error) {
    throw toStoreError(error, `saving exercise '${exercise.id}'`);
  }
  return { exercise, sourceFile, importedAt };
}

/** @example listImportedExercises(db).map((e) => e.exercise.id) // ['czerny-599-12'] */
export function listImportedExercises(db: BetterSqlite3.Database): ImportedExercise[] {
  const rows = db.prepare('SELECT id, source_file, imported_at, exercise_json FROM imported_exercises ORDER BY imported_at, id').all() as ImportedRow[];
  return rows.map(toImported);
}

/** @example getImportedExercise(db, 'czerny-599-12')?.exercise.notes.length */
export function getImportedExercise(db: BetterSqlite3.Database, id: string): ImportedExercise | undefined {
  const row = db.prepare('SELECT id, source_file, imported_at, exercise_json FROM imported_exercises WHERE id = ?').get(id) as ImportedRow | undefined;
  return row === undefined ? undefined : toImported(row);
}

/**
 * Removes an imported exercise and every profile's fingering of it; false when there was none.
 *
 * @example deleteImportedExercise(db, 'czerny-599-12') // true
 */
export function deleteImportedExercise(db: BetterSqlite3.Database, id: string): boolean {
  const remove = db.transaction(() => {
    db.prepare('DELETE FROM own_fingerings WHERE exercise_id = ?').run(id);
    return db.prepare('DELETE FROM imported_exercises WHERE id = ?').run(id).changes > 0;
  });
  return remove.immediate();
}

/**
 * The exercise with this id: imported ones by exact id first, then the library's.
 *
 * @example findExercise(db, 'scale-c-major-rh-2oct')?.notes.length // 29
 */
export function findExercise(db: BetterSqlite3.Database, id: string): Exercise | undefined {
  return getImportedExercise(db, id)?.exercise ?? getExercise(id);
}

/**
 * Sets a profile's own fingering of one hand of an exercise (replacing any before). Throws
 * StoreError('not-found') for an unknown exercise and StoreError('invalid') when the count or a
 * finger is wrong, naming the count expected.
 *
 * @example setOwnFingering(db, 1, 'scale-bb-major-rh-1oct', 'right', [4,1,2,3,1,2,3,4,3,2,1,3,2,1,4])
 */
export function setOwnFingering(
  db: BetterSqlite3.Database,
  profileId: number,
  exerciseId: string,
  hand: Hand,
  fingers: readonly number[],
  now = new Date(),
): OwnFingering {
  const exercise = findExercise(db, exerciseId);
  if (exercise === undefined) throw new StoreError('not-found', `unknown exercise '${exerciseId}' (evenkeys exercises lists the ids)`);
  if (!exercise.notes.some((note) => note.hand === hand)) throw new StoreError('invalid', `${exercise.id} has no ${hand}-hand notes`);
  try {
    withFingering(exercise, hand, fingers);
  } catch (error) {
    if (error instanceof FingeringCountError || error instanceof RangeError) throw new StoreError('invalid', error.message);
    throw error;
  }
  try {
    db.prepare(
      `INSERT INTO own_fingerings (profile_id, exercise_id, hand, fingers_json, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, exercise_id, hand) DO UPDATE SET fingers_json = excluded.fingers_json, updated_at = excluded.updated_at`,
    ).run(profileId, exercise.id, hand, JSON.stringify(fingers), isoTime(now));
  } catch (error) {
    throw toStoreError(error, `saving the fingering of ${exercise.id}`);
  }
  return { exerciseId: exercise.id, hand, fingers: [...fingers] };
}

/**
 * Removes a profile's own fingering of one hand (the printed one applies again); false when none.
 *
 * @example clearOwnFingering(db, 1, 'scale-bb-major-rh-1oct', 'right') // true
 */
export function clearOwnFingering(db: BetterSqlite3.Database, profileId: number, exerciseId: string, hand: Hand): boolean {
  return db.prepare('DELETE FROM own_fingerings WHERE profile_id = ? AND exercise_id = ? AND hand = ?').run(profileId, exerciseId, hand).changes > 0;
}

/**
 * A profile's own fingerings (all, or of one exercise).
 *
 * @example listOwnFingerings(db, 1).map((f) => `${f.exerciseId} ${f.hand}`)
 */
export function listOwnFingerings(db: BetterSqlite3.Database, profileId: number, exerciseId?: string): OwnFingering[] {
  const rows = (
    exerciseId === undefined
      ? db.prepare('SELECT exercise_id, hand, fingers_json FROM own_fingerings WHERE profile_id = ? ORDER BY exercise_id, hand').all(profileId)
      : db.prepare('SELECT exercise_id, hand, fingers_json FROM own_fingerings WHERE profile_id = ? AND exercise_id = ? ORDER BY hand').all(profileId, exerciseId)
  ) as { exercise_id: string; hand: string; fingers_json: string }[];
  return rows.map((row) => {
    const fingers = z.array(fingerSchema).safeParse(JSON.parse(row.fingers_json));
    const hand = handSchema.safeParse(row.hand);
    if (!fingers.success || !hand.success) throw new StoreError('corrupt', `The stored fingering of ${row.exercise_id} is damaged.`);
    return { exerciseId: row.exercise_id, hand: hand.data, fingers: fingers.data };
  });
}
