/**
 * The real app in browser mode, recording on the Practice screen with the clinical preset and
 * the metronome off, fed by the fake Web MIDI input 'bench': the starting point of the live
 * benchmark (bench/live.bench.ts) and of the live-path profiler (scripts/profile-live.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { openBackend } from '../electron/backend/backend';
import { startWebHost } from '../electron/backend/web-host';
import { openStore } from '../electron/store/index';
import { launchChromium } from '../tests/browser/harness';
import { fakeWebMidiInitScript } from '../tests/support/fake-web-midi';

/** esbuild's name helper, which page.evaluate'd functions may reference. */
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export interface RecordingPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The scratch folder (renderer build, database). */
  readonly work: string;
  /** Closes the browser, the web host and the backend. */
  close(): Promise<void>;
}

/**
 * Builds the renderer, opens a fresh database with one profile, serves it on loopback and opens
 * it in Chromium at 1280x720, recording (Start clicked, Stop shown).
 *
 * @example const app = await openRecordingPage({ prefix: 'evenkeys-bench-live-' }); try { ... } finally { await app.close(); }
 * @throws when Chromium is missing (tests/browser/harness) or the page never starts recording.
 */
export async function openRecordingPage(options: { readonly prefix: string; readonly minify?: boolean }): Promise<RecordingPage> {
  const work = mkdtempSync(join(tmpdir(), options.prefix));
  const rendererDir = join(work, 'renderer');
  await build({ configFile: resolve(import.meta.dirname, '..', 'vite.config.ts'), logLevel: 'silent', build: { outDir: rendererDir, emptyOutDir: true, minify: options.minify ?? true } });
  const dbPath = join(work, 'evenkeys.sqlite');
  const seed = await openStore({ path: dbPath });
  seed.createProfile({ name: 'Bench' });
  seed.close();
  const backend = await openBackend({ dbPath });
  const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
  const close = async () => {
    await context?.close();
    await host.close();
    backend.close();
  };
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium();
    await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [{ id: 'bench', name: 'Bench Piano', manufacturer: 'Evenkeys' }] }) });
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Practice' }).waitFor();
    await page.getByRole('checkbox', { name: 'Metronome' }).uncheck();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    return { page, context, work, close };
  } catch (error) {
    await close();
    throw error;
  }
}
