/**
 * The backend as one object: the store opened at a path and the API dispatch bound to it. Both
 * the Electron main process and browser mode start it the same way.
 */
import type { Dispatch } from './dispatch';

export interface Backend {
  readonly dispatch: Dispatch;
  readonly dbPath: string;
  close(): void;
}

export interface BackendOptions {
  /** Database file; defaults to the store's per-user location (or EVENKEYS_DB). */
  readonly dbPath?: string | undefined;
}

export async function openBackend(_options: BackendOptions): Promise<Backend> {
  throw new Error('not yet');
}
