/**
 * Arguments shared by the teacher commands (export, import, report, take-midi, delete):
 * date ranges, passphrase files and profile lookup, each failing with one line.
 */
import { readFileSync, statSync } from 'node:fs';
import { StoreError } from '../store/index';
import type { Profile, Store } from '../store/index';
import { CliUsageError } from './command';

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * --from / --to: an ISO-8601 date (a UTC day; --to includes that whole day) or a date-time with
 * a zone. Returns ISO-8601 UTC or null when absent.
 *
 * @example parseRangeEnd('2026-11-30', 'to') // => '2026-12-01T00:00:00.000Z'
 */
export function parseRangeEnd(text: string | undefined, end: 'from' | 'to'): string | null {
  if (text === undefined) return null;
  const day = DATE.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const time = Date.UTC(year, month - 1, date + (end === 'to' ? 1 : 0));
    if (month < 1 || month > 12 || date < 1 || date > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      throw new CliUsageError(`--${end} names a day that does not exist (got '${text}')`);
    }
    return new Date(time).toISOString();
  }
  const time = Date.parse(text);
  if (!DATE_TIME.test(text) || Number.isNaN(time)) throw new CliUsageError(`--${end} must be a date like 2026-11-30 or a date-time with a zone like 2026-11-30T18:00:00Z (got '${text}')`);
  return new Date(time).toISOString();
}

/** Both ends, checked in order. @example parseRange({ from: '2026-01-01' }) // => { from: '2026-01-01T00:00:00.000Z', to: null } */
export function parseRange(values: { from?: string | undefined; to?: string | undefined }): { from: string | null; to: string | null } {
  const from = parseRangeEnd(values.from, 'from');
  const to = parseRangeEnd(values.to, 'to');
  if (from !== null && to !== null && from >= to) throw new CliUsageError('--from must be before --to');
  return { from, to };
}

/**
 * The passphrase: the first line of a file (so it never shows in the shell history or `ps`).
 *
 * @example readPassphrase('~/.evenkeys-pass') // => 'correct horse battery staple'
 */
export function readPassphrase(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new CliUsageError(`${path}: is a directory, not a passphrase file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}`);
  }
  const passphrase = (text.split(/\r?\n/)[0] ?? '').trim();
  if (passphrase.length < 8) throw new CliUsageError(`${path}: the passphrase (its first line) needs at least 8 characters`);
  return passphrase;
}

/** The profile by name, or a one-line error listing the profiles there are. */
export function profileOrThrow(store: Store, name: string | undefined): Profile {
  const wanted = name?.trim();
  if (!wanted) throw new CliUsageError('--profile NAME is required');
  const profile = store.findProfileByName(wanted);
  if (profile) return profile;
  const known = store.listProfiles().map((p) => p.name);
  throw new CliUsageError(`no profile named '${wanted}'${known.length > 0 ? ` (profiles: ${known.join(', ')})` : ''}`);
}

/** Runs a command body, turning store failures into one-line usage errors. */
export async function withStoreErrors<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof StoreError) throw new CliUsageError(error.message);
    throw error;
  }
}
