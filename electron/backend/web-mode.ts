/**
 * Browser mode end to end: open the backend, start the loopback host, print the URL (one line,
 * starting with "Evenkeys is running at"), optionally open it in the user's browser, and shut
 * down cleanly (live recordings end as 'interrupted') on SIGINT/SIGTERM.
 */
import { spawn } from 'node:child_process';
import { openBackend } from './backend';
import { startWebHost } from './web-host';

export interface WebModeOptions {
  readonly rendererDir: string;
  readonly dbPath?: string | undefined;
  readonly port?: number;
  /** Try to open the URL in a browser (failure is ignored). */
  readonly open?: boolean;
  readonly log?: (line: string) => void;
}

/** The prefix of the line carrying the URL; scripts and tests look for it. */
export const URL_LINE_PREFIX = 'Evenkeys is running at ';

/**
 * @example await runWebMode({ rendererDir: 'dist/renderer', open: true })
 */
export async function runWebMode(options: WebModeOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const backend = await openBackend({ dbPath: options.dbPath });
  const host = await startWebHost({ dispatch: backend.dispatch, rendererDir: options.rendererDir, port: options.port ?? 0 });
  log(`${URL_LINE_PREFIX}${host.url}`);
  log(`Database: ${backend.store.path}. Open the URL in Chrome, Edge or another Chromium browser (Web MIDI). Ctrl+C stops.`);
  // Read-only media, an empty file set aside, a failed daily backup: one line each, never fatal.
  for (const notice of backend.store.openReport.notices) log(notice);
  if (options.open === true) openInBrowser(host.url);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= host.close().finally(() => backend.close());
    return stopping;
  };
  return { url: host.url, stop };
}

/** Best effort: xdg-open / open / start; any failure (no browser, no display) is ignored. */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser here: the printed URL is enough.
  }
}
