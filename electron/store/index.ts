/**
 * The store's public surface: `openStore` and its types, the errors, the default path and
 * the corrupt-file escape hatch. Everything else in electron/store is internal.
 */
export { openStore } from './store';
export type { OpenReport, OpenStoreOptions, StartRecordingInput, Store } from './store';
export type { RecordingWriter, RecordingWriterOptions, RecordingWriterStats } from './writer';
export { StoreError } from './errors';
export type { StoreErrorCode } from './errors';
export { moveDatabaseAside } from './open-database';
export type { IntegrityCheck } from './open-database';
export { DATABASE_FILE_NAME, dataDirectory, defaultDatabasePath } from './paths';
export { LATEST_SCHEMA_VERSION } from './migrations/index';
export type { BackupFile, BackupReason } from './backup';
export type * from './types';
export type { ImportedExercise } from './exercises';
export type { BundleRange, ImportReport } from './bundles';
