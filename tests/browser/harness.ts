/**
 * Shared by the browser tests: the Chromium-based browser found by tests/global-setup.ts (or fail saying what to install), start
 * browser mode exactly as `npm run web` does (a child process, building the renderer into a fresh
 * directory), and launch Chromium on it with playwright-core.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import type { FakeWebMidiConfig } from '../support/fake-web-midi';
import { findBrowser, installAdvice } from '../../electron/backend/find-browser';
import { URL_LINE_PREFIX } from '../../electron/backend/web-mode';

/** The browser the tests drive: found (or installed) by tests/global-setup.ts, else looked up here. */
export const CHROMIUM_PATH = process.env.EVENKEYS_CHROMIUM ?? findBrowser()?.path ?? '';
const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Throws (never skips) when no browser is there, with one line saying what to install. */
export function requireChromium(): string {
  if (CHROMIUM_PATH === '' || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`The browser tests need a browser and never skip. ${installAdvice()}`);
  }
  return CHROMIUM_PATH;
}

export interface RunningWebMode {
  readonly url: string;
  readonly output: string[];
  /** SIGTERM, then wait for the process (it closes the database on the way out). */
  stop(): Promise<number | null>;
}

/**
 * Runs `node scripts/start.mjs --web --no-open --out OUT --db DB` and waits for the URL line.
 *
 * @example const web = await startWebMode({ outDir, dbPath }); await page.goto(web.url);
 */
export function startWebMode(options: { outDir: string; dbPath: string; timeoutMs?: number }): Promise<RunningWebMode> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'scripts', 'start.mjs'), '--web', '--no-open', '--out', options.outDir, '--db', options.dbPath],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' } },
  );
  const output: string[] = [];
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      rejectStart(new Error(`browser mode did not print its URL in time:\n${output.join('')}`));
    }, options.timeoutMs ?? 90_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      const line = output.join('').split('\n').find((l) => l.startsWith(URL_LINE_PREFIX));
      if (line !== undefined) {
        clearTimeout(timer);
        resolveStart({
          url: line.slice(URL_LINE_PREFIX.length).trim(),
          output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      rejectStart(new Error(`browser mode exited (${code}) before printing its URL:\n${output.join('')}`));
    });
  });
}

/** Headless Chromium with a fresh profile directory, flags per docs/environment. */
export async function launchChromium(): Promise<BrowserContext> {
  const executablePath = requireChromium();
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'evenkeys-chromium-')), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Browser mode and a Chromium page on it, with a fake Web MIDI, as most browser tests start. */
export interface AppUnderTest {
  /** The test's temporary folder (build output and database inside). */
  readonly work: string;
  readonly dbPath: string;
  readonly web: RunningWebMode;
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * Starts browser mode on a fresh database, launches Chromium with the fake Web MIDI offering
 * `inputs`, opens a page, and collects console and page errors into `errors`.
 *
 * @throws the install hint when no browser is found (the caller records it for every test)
 * @example const app = await startAppWithFakeMidi({ prefix: 'evenkeys-x-', inputs: [INPUT], errors });
 */
export async function startAppWithFakeMidi(options: {
  readonly prefix: string;
  readonly inputs: FakeWebMidiConfig['inputs'];
  readonly errors: string[];
  readonly viewport?: { width: number; height: number };
}): Promise<AppUnderTest> {
  requireChromium();
  const work = mkdtempSync(join(tmpdir(), options.prefix));
  const dbPath = join(work, 'evenkeys.sqlite');
  const web = await startWebMode({ outDir: join(work, 'dist'), dbPath });
  const context = await launchChromium();
  await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: options.inputs }) });
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  page.on('console', (message) => {
    if (message.type() === 'error') options.errors.push(message.text());
  });
  page.on('pageerror', (error) => options.errors.push(error.message));
  return { work, dbPath, web, context, page };
}
