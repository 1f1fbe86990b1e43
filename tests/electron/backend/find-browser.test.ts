import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserPathError, findBrowser, installAdvice, isSnapWrapper, systemBrowserCandidates } from '../../../electron/backend/find-browser';
import { needsBrowser } from '../../global-setup';

const dir = mkdtempSync(join(tmpdir(), 'evenkeys-find-browser-'));

describe('findBrowser', () => {
  it('takes EVENKEYS_CHROMIUM first when it exists', () => {
    const fake = join(dir, 'my-chrome');
    writeFileSync(fake, '\x7fELF');
    expect(findBrowser({ EVENKEYS_CHROMIUM: fake }, 'linux')).toEqual({ path: fake, source: 'EVENKEYS_CHROMIUM' });
  });

  it('refuses a EVENKEYS_CHROMIUM that does not exist instead of silently using another browser', () => {
    expect(() => findBrowser({ EVENKEYS_CHROMIUM: join(dir, 'missing') }, 'linux')).toThrow(BrowserPathError);
  });

  it('lists Chrome and Edge under every Windows program folder, and the app bundles on macOS', () => {
    const win = systemBrowserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\p\\AppData\\Local' });
    expect(win.some((p) => p.includes('chrome.exe') && p.startsWith('C:\\Program Files'))).toBe(true);
    expect(win.some((p) => p.includes('msedge.exe'))).toBe(true);
    expect(win.some((p) => p.startsWith('C:\\Users\\p'))).toBe(true);
    expect(systemBrowserCandidates('darwin', {}).some((p) => p.includes('Google Chrome.app'))).toBe(true);
    expect(systemBrowserCandidates('linux', {})).toContain('/usr/bin/chromium');
  });

  it("skips Ubuntu's snap wrapper script but not a real binary", () => {
    const wrapper = join(dir, 'chromium-browser');
    writeFileSync(wrapper, '#! /bin/sh\n# This is a transitional package: run the snap\nexec /snap/bin/chromium "$@"\n');
    chmodSync(wrapper, 0o755);
    expect(isSnapWrapper(wrapper)).toBe(true);
    const binary = join(dir, 'chrome');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]));
    expect(isSnapWrapper(binary)).toBe(false);
    expect(isSnapWrapper(join(dir, 'nothing-here'))).toBe(false);
  });

  it('says in one line what to install on each platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const advice = installAdvice(platform);
      expect(advice).not.toContain('\n');
      expect(advice).toMatch(/EVENKEYS_CHROMIUM/);
    }
    expect(installAdvice('linux')).toMatch(/apt-get install chromium/);
  });
});

describe('needsBrowser (global setup)', () => {
  it('installs a browser for the whole suite and for browser or bench filters only', () => {
    expect(needsBrowser(['node', '/x/node_modules/vitest/vitest.mjs', 'run'])).toBe(true);
    expect(needsBrowser(['node', '/x/node_modules/vitest/vitest.mjs', 'run', 'tests/browser/start.test.ts'])).toBe(true);
    expect(needsBrowser(['node', '/x/node_modules/vitest/vitest.mjs', 'run', 'tests/core/midi'])).toBe(false);
    expect(needsBrowser(['node', '/x/node_modules/vitest/vitest.mjs', 'run', '--reporter', 'dot', 'tests/core'])).toBe(false);
  });
});
