/**
 * The database a command reads exercises and fingerings from: `--db PATH`, else EVENKEYS_DB,
 * else the default one. Opened read-only. A database named explicitly must exist and open; the
 * default one is optional (without it, the library's exercises are all there is).
 */
import { existsSync, statSync } from 'node:fs';
import { defaultDatabasePath } from '../store/index';
import type { Store } from '../store/index';
import type { CliIo } from './command';
import { CliUsageError } from './command';
import { openStoreForCommand } from './open-store';

/**
 * @example const store = await openExerciseDatabase(values.db, io) // null: library only
 */
export async function openExerciseDatabase(dbPath: string | undefined, io: CliIo): Promise<Store | null> {
  const explicit = dbPath !== undefined || Boolean(process.env.EVENKEYS_DB);
  const path = dbPath ?? defaultDatabasePath();
  if (!existsSync(path)) {
    if (explicit) throw new CliUsageError(`no Evenkeys database at ${path} (import an exercise or record a session first)`);
    return null;
  }
  try {
    if (statSync(path).isDirectory()) throw new CliUsageError(`${path} is a directory, not an Evenkeys database`);
    return await openStoreForCommand(path, { mustExist: true, readOnly: true });
  } catch (error) {
    if (explicit || !(error instanceof CliUsageError)) throw error;
    io.stderr(`evenkeys: note: ${error.message.split('\n')[0]} (using the library's exercises only)\n`);
    return null;
  }
}
