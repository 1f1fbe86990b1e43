// `npm start` where the Electron binary is missing: one line saying so, then browser mode.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URL_LINE_PREFIX } from '../../electron/backend/web-mode';

const root = resolve(import.meta.dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('says so in one line and starts browser mode, serving the page with the token', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-start-'));
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-open', '--out', join(work, 'dist'), '--db', join(work, 'e.sqlite')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Point Electron at a directory without its binary, whatever this machine has installed.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(work, 'no-electron-here') },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((l) => l.startsWith(URL_LINE_PREFIX));
        if (line !== undefined) resolveUrl(line.slice(URL_LINE_PREFIX.length).trim());
      });
      void exited.then((code) => reject(new Error(`start exited (${code}):\n${stdout}\n${stderr}`)));
    });
    try {
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0]).toMatch(/^Electron binary not installed .*: starting browser mode instead\.$/);
      expect(lines[1]).toBe(`${URL_LINE_PREFIX}${url}`);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      // It built the Electron bundles too (what `npm start` needs on a machine with Electron).
      expect(existsSync(join(work, 'dist', 'electron', 'shell', 'main.js'))).toBe(true);
      expect(existsSync(join(work, 'dist', 'electron', 'shell', 'preload.cjs'))).toBe(true);
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(303);
      const cookie = page.headers.get('set-cookie') ?? '';
      const index = await fetch(new URL('/', url), { headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
