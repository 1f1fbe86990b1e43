/**
 * The numbered schema migrations, oldest first. Migration N moves a database from
 * `PRAGMA user_version` N-1 to N. Never edit a released migration: add the next number.
 * Each is a TS module exporting its SQL so no file-copy step is needed when building.
 */
import { sql as initial } from './001-initial';
import { sql as placeholder2 } from './002-placeholder';
import { sql as placeholder3 } from './003-placeholder';
import { sql as placeholder4 } from './004-placeholder';
import { sql as placeholder5 } from './005-placeholder';
import { sql as takeHands } from './006-take-hands';

export interface Migration {
  /** The user_version this migration produces. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Every migration this build knows, in order.
 *
 * @example MIGRATIONS.at(-1)?.version // => the latest schema version (1 today)
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'placeholder', sql: placeholder2 },
  { version: 3, name: 'placeholder', sql: placeholder3 },
  { version: 4, name: 'placeholder', sql: placeholder4 },
  { version: 5, name: 'placeholder', sql: placeholder5 },
  { version: 6, name: 'take-hands', sql: takeHands },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
