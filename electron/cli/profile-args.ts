/**
 * What the per-pianist commands (`sessions`, `drift`) share: the `--profile NAME [--db PATH]
 * [--json]` arguments, and finding the profile by name with a one-line error naming the known ones.
 */
import type { Profile, Store } from '../store/index';
import { CliUsageError, parseCliArgs } from './command';

export interface ProfileCommandArgs {
  readonly profileName: string;
  readonly db: string | undefined;
  readonly json: boolean;
}

/**
 * @throws CliUsageError on a stray argument or a missing --profile
 * @example parseProfileCommandArgs(['--profile', 'Ana', '--json']) // => { profileName: 'Ana', db: undefined, json: true }
 */
export function parseProfileCommandArgs(args: readonly string[]): ProfileCommandArgs {
  const { positionals, values } = parseCliArgs(args, {
    profile: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
  const profileName = values.profile?.trim();
  if (!profileName) throw new CliUsageError('--profile NAME is required');
  return { profileName, db: values.db, json: values.json ?? false };
}

/**
 * @throws CliUsageError naming the profiles there are, when none has this name
 * @example profileByName(store, 'ana').name // => 'Ana'
 */
export function profileByName(store: Store, name: string): Profile {
  const profile = store.findProfileByName(name);
  if (profile) return profile;
  const known = store.listProfiles().map((p) => p.name);
  throw new CliUsageError(`no profile named '${name}'${known.length > 0 ? ` (profiles: ${known.join(', ')})` : ''}`);
}
