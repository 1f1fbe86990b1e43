/**
 * `evenkeys exercises import|show|remove`: exercises imported from MusicXML into a database, and
 * any exercise's notes and fingering per hand.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Note } from 'tonal';
import { applyOwnFingerings } from '../../../core/analysis/analyze';
import { getExercise } from '../../../core/exercises/library';
import type { Exercise, Hand } from '../../../core/exercises/types';
import { importMusicXml, MAX_MXL_BYTES, MAX_XML_BYTES, MusicXmlError } from '../../../core/musicxml/index';
import { StoreError } from '../../store/index';
import type { CliIo } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { openExerciseDatabase } from '../exercise-db';
import { table } from '../format';
import { openStoreForCommand } from '../open-store';

export const EXERCISE_FILE_USAGE = [
  'evenkeys exercises import FILE.musicxml|FILE.mxl [--id ID] [--hand right|left] [--db PATH] [--json]',
  'evenkeys exercises show ID [--profile NAME] [--db PATH] [--json]',
  'evenkeys exercises remove ID [--db PATH]',
];

function parseHand(text: string | undefined): Hand | undefined {
  if (text === undefined) return undefined;
  if (text !== 'right' && text !== 'left') throw new CliUsageError(`--hand must be right or left (got '${text}')`);
  return text;
}

function readScoreFile(path: string): Uint8Array {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new CliUsageError(`${path}: is a directory, not a MusicXML file`);
    // Refuse before reading: a huge file should not even be loaded.
    const limit = Math.max(MAX_XML_BYTES, MAX_MXL_BYTES);
    if (stat.size > limit) throw new CliUsageError(`${path}: the file is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${(limit / 1048576).toFixed(1)} MB`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `exercises import`: reads and checks the whole score before the database is touched, so a
 * refused file stores nothing.
 */
export async function importExerciseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    id: { type: 'string' },
    hand: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new CliUsageError(`expected one MusicXML file, got ${positionals.length}`);
  const file = positionals[0] ?? '';
  const hand = parseHand(values.hand);
  const id = values.id;
  if (id !== undefined && (id.trim() === '' || id !== id.trim() || [...id].some((c) => /\s/.test(c) || c.charCodeAt(0) < 0x20))) {
    throw new CliUsageError(`--id must be non-empty, without spaces or control characters (got '${id}')`);
  }
  if (id !== undefined && getExercise(id) !== undefined) throw new CliUsageError(`'${id}' is a library exercise; choose another id with --id`);
  const bytes = readScoreFile(file);
  let exercise: Exercise;
  try {
    exercise = importMusicXml(bytes, { ...(id === undefined ? {} : { id }), ...(hand === undefined ? {} : { hand }), fallbackName: basename(file) });
  } catch (error) {
    if (error instanceof MusicXmlError) throw new CliUsageError(`${basename(file)}: ${error.message}`);
    throw error;
  }
  const store = await openStoreForCommand(values.db);
  try {
    const saved = store.importExercise(exercise, basename(file));
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...summary(saved.exercise), sourceFile: saved.sourceFile, importedAt: saved.importedAt, db: store.path }, null, 2)}\n`);
    } else {
      io.stdout(`Imported ${exercise.id}: ${exercise.name} (${describeHands(exercise)}) into ${store.path}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'invalid') throw new CliUsageError(error.message);
    throw error;
  } finally {
    store.close();
  }
}

/** `exercises show ID`: the notes and fingering of each hand. */
export async function showExerciseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { db: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new CliUsageError(`expected one exercise id, got ${positionals.length}`);
  const id = positionals[0] ?? '';
  const store = await openExerciseDatabase(values.db, io);
  try {
    let exercise = store?.findExercise(id) ?? getExercise(id);
    if (exercise === undefined) throw new CliUsageError(`unknown exercise '${id}' (evenkeys exercises lists the ids)`);
    if (values.profile !== undefined) {
      const profile = store?.findProfileByName(values.profile.trim());
      if (store === null || profile === undefined) throw new CliUsageError(`no profile '${values.profile}'${store ? ` in ${store.path}` : ' (no database)'}`);
      exercise = applyOwnFingerings(exercise, store.listOwnFingerings(profile.id, exercise.id), profile.name);
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(exercise, null, 2)}\n`);
      return 0;
    }
    io.stdout(formatExercise(exercise));
    return 0;
  } finally {
    store?.close();
  }
}

/** `exercises remove ID`: an imported exercise and its fingerings. */
export async function removeExerciseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { db: { type: 'string' } });
  if (positionals.length !== 1) throw new CliUsageError(`expected one exercise id, got ${positionals.length}`);
  const id = positionals[0] ?? '';
  if (getExercise(id) !== undefined) throw new CliUsageError(`'${id}' is a library exercise; only imported exercises can be removed`);
  const store = await openStoreForCommand(values.db, { mustExist: true });
  try {
    if (!store.deleteImportedExercise(id)) throw new CliUsageError(`no imported exercise '${id}' in ${store.path}`);
    io.stdout(`Removed ${id} (and every fingering of it) from ${store.path}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function summary(exercise: Exercise) {
  const { notes, ...rest } = exercise;
  return { ...rest, notes: notes.length };
}

function describeHands(exercise: Exercise): string {
  return (['right', 'left'] as const)
    .map((hand) => {
      const notes = exercise.notes.filter((n) => n.hand === hand);
      if (notes.length === 0) return null;
      const marked = notes.filter((n) => n.fingered !== false).length;
      return `${hand} hand ${notes.length} notes, ${marked === notes.length ? 'all fingered' : `${marked} fingered`}`;
    })
    .filter((text): text is string => text !== null)
    .join('; ');
}

const SOURCE_WORDS = { printed: 'printed fingering', own: 'own fingering', estimated: 'estimated fingering', none: 'no fingering: measured per hand only' } as const;

/**
 * The `exercises show` text: header, then each hand's notes with their grid step and finger.
 *
 * @example formatExercise(getExercise('trill-rh-3-4')!).startsWith('trill-rh-3-4: ') // true
 */
export function formatExercise(exercise: Exercise): string {
  const lines = [
    `${exercise.id}: ${exercise.name}`,
    `  kind ${exercise.kind}${exercise.key ? `, ${exercise.key} ${exercise.mode}` : ''}, ${exercise.bpm} bpm, ${exercise.subdivision} grid steps per beat, ${exercise.notes.length} notes`,
  ];
  for (const hand of ['right', 'left'] as const) {
    const notes = exercise.notes.filter((n) => n.hand === hand).sort((a, b) => a.position - b.position);
    if (notes.length === 0) continue;
    const source = exercise.fingering?.[hand] ?? 'printed';
    const whose = source === 'own' && exercise.fingering?.profile ? ` of ${exercise.fingering.profile}` : '';
    lines.push('', `${hand === 'right' ? 'Right' : 'Left'} hand, ${notes.length} notes (${SOURCE_WORDS[source]}${whose}):`);
    lines.push(`  fingers: ${notes.map((n) => (n.fingered === false ? '-' : n.finger)).join(',')}`);
    lines.push(
      table(
        ['#', 'step', 'note', 'finger', 'run'],
        notes.map((n) => [n.position + 1, n.step, Note.fromMidi(n.pitch), n.fingered === false ? '-' : `${n.finger}${n.crossing ? ' (crossing)' : ''}`, `${n.run} ${n.direction}`]),
        '  ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
