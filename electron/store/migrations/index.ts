/**
 * The numbered schema migrations, oldest first. Migration N moves a database from
 * `PRAGMA user_version` N-1 to N. Never edit a released migration: add the next number.
 * Each is a TS module exporting its SQL so no file-copy step is needed when building.
 */
import { sql as initial } from './001-initial';
import { sql as alertStates } from './002-alert-states';
import { sql as clicksPreferences } from './003-clicks-preferences';
import { sql as teacherReview } from './004-teacher-review';
import { sql as exercisesFingerings } from './005-exercises-fingerings';
import { sql as takeHands } from './006-take-hands';
import { sql as nullableTiming } from './007-nullable-timing';
import { sql as takeHandEvidence } from './008-take-hand-evidence';
import { sql as driftInput } from './009-drift-input';

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
  { version: 3, name: 'clicks-preferences', sql: clicksPreferences },
  { version: 4, name: 'teacher-review', sql: teacherReview },
  { version: 5, name: 'exercises-fingerings', sql: exercisesFingerings },
  { version: 6, name: 'take-hands', sql: takeHands },
  { version: 7, name: 'nullable-timing', sql: nullableTiming },
  { version: 8, name: 'take-hand-evidence', sql: takeHandEvidence },
  { version: 9, name: 'drift-input', sql: driftInput },
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
