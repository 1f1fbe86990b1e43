/**
 * Opening the store from a CLI command, with store failures turned into one-line usage errors.
 */
import { existsSync } from 'node:fs';
import { StoreError, defaultDatabasePath, openStore } from '../store/index';
import type { Store } from '../store/index';
import { CliUsageError } from './command';

/**
 * Opens the store for a CLI command; store failures (damaged file, newer schema, read-only...)
 * become one-line usage errors (exit 2) since they are about the user's file.
 *
 * `notify` receives the open's one-line notices (read-only media, an empty file kept aside, a
 * failed daily backup).
 *
 * @example const store = await openStoreForCommand('/tmp/e.sqlite', { mustExist: true }, (line) => io.stderr(line))
 */
export async function openStoreForCommand(
  dbPath: string | undefined,
  options: { mustExist?: boolean; readOnly?: boolean } = {},
  notify?: (line: string) => void,
): Promise<Store> {
  const path = dbPath ?? defaultDatabasePath();
  if (options.mustExist && !existsSync(path)) throw new CliUsageError(`no Evenkeys database at ${path} (record a session first, or pass --db PATH)`);
  try {
    // A read-only open never migrates, recovers sessions or writes a backup: reading is all it does.
    const store = await openStore({ path, readOnly: options.readOnly ?? false });
    // Read-only media, an empty file set aside, a failed daily backup: said, never fatal.
    for (const notice of store.openReport.notices) notify?.(notice);
    return store;
  } catch (error) {
    if (error instanceof StoreError) throw new CliUsageError(error.message);
    throw error;
  }
}

