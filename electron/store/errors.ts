/**
 * The one error type the store throws. Every failure a user can meet (a corrupt or foreign file,
 * a schema from a newer Evenkeys, a full disk, a read-only file) gets its own `code` and a
 * message that says what happened and what was kept, so the app can show it and offer a way out.
 */

export type StoreErrorCode =
  /** The file is not a readable SQLite database (random bytes, truncated, damaged pages). */
  | 'corrupt'
  /** A valid SQLite database that belongs to another application. */
  | 'foreign'
  /** The database was written by a newer Evenkeys (schema version above what this build knows). */
  | 'newer-schema'
  /** The file, its folder or the connection is read-only. */
  | 'read-only'
  /** No space left (or the database hit its page limit). */
  | 'disk-full'
  /** Another connection holds a lock for too long. */
  | 'busy'
  /** The file or its folder cannot be opened or created. */
  | 'cannot-open'
  /** A requested row does not exist (unknown session id, profile name, ...). */
  | 'not-found'
  /** The call does not fit the current state (writing to a closed session, duplicate name, ...). */
  | 'invalid'
  /** Any other I/O or SQLite failure. */
  | 'io';

/**
 * A store failure with a machine-readable code and a human sentence.
 *
 * @example
 * try { await openStore({ path }) } catch (e) {
 *   if (e instanceof StoreError && e.code === 'corrupt') moveDatabaseAside(path)
 * }
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** The database file concerned, when there is one. */
  readonly path: string | undefined;

  constructor(code: StoreErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
  }
}

interface CodedError {
  readonly code?: unknown;
  readonly message?: unknown;
}

/** The SQLite (or errno) code of an error, if it carries one. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as CodedError).code;
    if (typeof code === 'string') return code;
  }
  return '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns a better-sqlite3 / fs error into a StoreError with a sentence a pianist can act on.
 * `doing` says what the store was doing ("saving MIDI events", "opening the database").
 *
 * @example toStoreError(sqliteFullError, 'saving MIDI events', '/x.sqlite').code // => 'disk-full'
 */
export function toStoreError(error: unknown, doing: string, path?: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = errorCode(error);
  const detail = errorMessage(error);
  const where = path ? ` (${path})` : '';
  const options = { path, cause: error };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreError('disk-full', `The disk is full while ${doing}${where}: everything saved before is kept; free some space and recording resumes.`, options);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StoreError('read-only', `The database is read-only while ${doing}${where}: everything saved before is kept; check the file's permissions or choose another location.`, options);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('corrupt', `The database file${where} is damaged or is not a database (${detail}); it was left untouched.`, options);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('busy', `The database is locked by another program while ${doing}${where}.`, options);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
    return new StoreError('cannot-open', `Cannot open the database while ${doing}${where}: ${detail}.`, options);
  }
  return new StoreError('io', `Failed while ${doing}${where}: ${detail}.`, options);
}
