/**
 * The numbered schema migrations, oldest first. Migration N moves a database from
 * `PRAGMA user_version` N-1 to N. Never edit a released migration: add the next number.
 * Each is a TS module exporting its SQL so no file-copy step is needed when building.
 */
import { sql as initial } from './001-initial';
import { sql as alertStates } from './002-alert-states';

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
  { version: 2, name: 'alert-states', sql: alertStates },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
