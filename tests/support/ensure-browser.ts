/**
 * Makes sure the browser tests have a Chromium-based browser, installing one where that can be
 * done without asking: Playwright's own Chromium where its download works, else Debian's
 * `chromium` package with apt-get when running as root on Debian (not Ubuntu, whose package is a
 * snap wrapper that fails in containers). Otherwise it throws one line saying what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findBrowser, installAdvice } from '../../electron/backend/find-browser';
import type { FoundBrowser } from '../../electron/backend/find-browser';

function log(line: string): void {
  process.stderr.write(`browser tests: ${line}\n`);
}

/** True on Debian proper (apt's chromium is a real browser there), false on Ubuntu and others. */
function isDebian(): boolean {
  if (!existsSync('/etc/debian_version')) return false;
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    return /^ID=debian$/m.test(osRelease);
  } catch {
    return false;
  }
}

function tryPlaywrightDownload(): void {
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  log('no browser found; trying `playwright-core install chromium`');
  const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'ignore', timeout: 600_000 });
  if (result.status !== 0) log('Playwright could not download its Chromium (no access to its download host)');
}

function tryApt(): void {
  if (process.platform !== 'linux' || !isDebian() || process.getuid?.() !== 0) return;
  log('installing Debian\'s chromium with apt-get (about a minute)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env, timeout: 600_000 });
  if (update.status !== 0) return;
  spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'ignore', env, timeout: 900_000 });
}

/**
 * The browser for the tests, installing one if needed and possible.
 *
 * @throws Error with one line naming what to install when no browser can be found or installed.
 * @example ensureBrowser().path // => '/usr/bin/chromium'
 */
export function ensureBrowser(): FoundBrowser {
  const found = findBrowser();
  if (found !== undefined) return found;
  tryPlaywrightDownload();
  const downloaded = findBrowser();
  if (downloaded !== undefined) return downloaded;
  tryApt();
  const installed = findBrowser();
  if (installed !== undefined) return installed;
  throw new Error(installAdvice());
}
