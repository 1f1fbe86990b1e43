/**
 * The backend as one object: the store opened at a path and the API dispatch bound to it. The
 * Electron main process and browser mode start it the same way.
 */
import { openStore } from '../store/index';
import type { Analyzer, Store } from '../store/index';
import { createDispatch } from './dispatch';
import type { Dispatch } from './dispatch';
import { createHandlers } from './handlers';

export interface Backend {
  readonly dispatch: Dispatch;
  readonly store: Store;
  /** Ends live recordings as 'interrupted' and closes the database. */
  close(): void;
  /** Ends live recordings as 'interrupted' (the page went away, e.g. its renderer crashed). */
  interruptRecordings(): void;
}

export interface BackendOptions {
  /** Database file; defaults to the store's per-user location (EVENKEYS_DB overrides it). */
  readonly dbPath?: string | undefined;
  /** Stamped on new sessions. */
  readonly appVersion?: string;
  /** The analysis to run when a session ends; defaults to the store's. */
  readonly analyze?: Analyzer;
  /** Wall clock, for tests. */
  readonly now?: () => Date;
}

/**
 * Opens the store (which refuses corrupt, foreign or newer databases with a StoreError) and binds
 * the API to it.
 *
 * @example
 * const backend = await openBackend({ dbPath: '/tmp/e.sqlite' });
 * await backend.dispatch('listProfiles', {}); // => { ok: true, value: [] }
 */
export async function openBackend(options: BackendOptions = {}): Promise<Backend> {
  const store = await openStore({
    ...(options.dbPath !== undefined ? { path: options.dbPath } : {}),
    ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
    ...(options.analyze !== undefined ? { analyze: options.analyze } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  const { handlers, closeAll } = createHandlers(store, options.now !== undefined ? { now: () => (options.now as () => Date)().getTime() } : {});
  let closed = false;
  return {
    dispatch: createDispatch(handlers),
    store,
    interruptRecordings: () => {
      if (!closed) closeAll();
    },
    close: () => {
      if (closed) return;
      closed = true;
      closeAll();
      store.close();
    },
  };
}
