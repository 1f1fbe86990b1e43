/**
 * Finds a Chromium-based browser (Chromium, Chrome, Edge) on this machine, for what needs a real
 * browser engine: the browser tests, the browser benchmarks and the CLI's PDF reports.
 *
 * Order: `EVENKEYS_CHROMIUM` (a path the user chose), Playwright's own Chromium (installed by
 * `npx playwright-core install chromium` where its download works), then the usual system
 * locations of Chromium, Chrome and Edge on Linux, macOS and Windows. Ubuntu's `chromium` /
 * `chromium-browser` packages are snap wrappers that fail in containers and are skipped.
 *
 * Never installs anything; see `tests/support/ensure-browser.ts` for the test-time installer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Where a browser was found. */
export type BrowserSource = 'EVENKEYS_CHROMIUM' | 'playwright' | 'system';

export interface FoundBrowser {
  /** Absolute path of the executable. */
  readonly path: string;
  readonly source: BrowserSource;
}

/** Thrown when `EVENKEYS_CHROMIUM` names a file that does not exist (a typo must not fall back silently). */
export class BrowserPathError extends Error {}

/**
 * The system locations tried, in order, for one platform.
 *
 * @example systemBrowserCandidates('linux', {})[0] // => '/usr/bin/chromium'
 */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => typeof r === 'string' && r !== '');
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
  ];
}

/**
 * True when the file is Ubuntu's snap wrapper script (it only tells you to install the snap,
 * and the snap itself fails to start in containers), so it must not count as a browser.
 *
 * @example isSnapWrapper('/usr/bin/chromium-browser') // => true on Ubuntu 20.04+
 */
export function isSnapWrapper(path: string): boolean {
  try {
    if (statSync(path).size > 64 * 1024) return false;
    const head = readFileSync(path, 'utf8').slice(0, 4096);
    return head.startsWith('#!') && /\bsnap\b/.test(head);
  } catch {
    return false;
  }
}

/** Playwright's own Chromium, when `npx playwright-core install chromium` has put it there. */
function playwrightChromium(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return path !== '' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first Chromium-based browser found, or undefined.
 *
 * @throws BrowserPathError when `EVENKEYS_CHROMIUM` is set to a path that does not exist.
 * @example findBrowser()?.path // => '/usr/bin/chromium' on a Debian machine with chromium installed
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): FoundBrowser | undefined {
  const chosen = env.EVENKEYS_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new BrowserPathError(`EVENKEYS_CHROMIUM is set to ${chosen}, which does not exist`);
    return { path: chosen, source: 'EVENKEYS_CHROMIUM' };
  }
  const own = playwrightChromium();
  if (own !== undefined) return { path: own, source: 'playwright' };
  for (const path of systemBrowserCandidates(platform, env)) {
    if (existsSync(path) && !isSnapWrapper(path)) return { path, source: 'system' };
  }
  return undefined;
}

/**
 * One line telling the user what to install, for this platform.
 *
 * @example installAdvice('linux') // => 'No Chromium-based browser found: install ...'
 */
export function installAdvice(platform: NodeJS.Platform = process.platform): string {
  const how =
    platform === 'darwin' || platform === 'win32'
      ? 'install Google Chrome, Chromium or Microsoft Edge'
      : 'install Chromium (Debian: `apt-get install chromium`) or Google Chrome (Ubuntu: the chromium package is a snap that fails in containers), or run `npx playwright-core install chromium`';
  return `No Chromium-based browser found: ${how}, or set EVENKEYS_CHROMIUM to its executable.`;
}
