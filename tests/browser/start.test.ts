// `npm start` where the Electron binary is missing and cannot be downloaded: one line saying why,
// then browser mode.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URL_LINE_PREFIX } from '../../electron/backend/web-mode';

const root = resolve(import.meta.dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('tries the download, says in one line why it failed and starts browser mode, serving the page with the token', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-start-'));
    // A mirror on loopback that has no Electron: the download fails at once, on any machine.
    const mirror = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
    const mirrorPort = (mirror.address() as AddressInfo).port;
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-open', '--out', join(work, 'dist'), '--db', join(work, 'e.sqlite')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Point Electron at a directory without its binary, whatever this machine has installed.
      // An empty cache and the loopback mirror, so the test never fetches the real Electron.
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: join(work, 'no-electron-here'),
        ELECTRON_MIRROR: `http://127.0.0.1:${mirrorPort}/`,
        electron_config_cache: join(work, 'electron-cache'),
      },
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
      expect(lines[0]).toMatch(/^Electron could not be downloaded \(.+\): starting browser mode instead\.$/);
      expect(lines[0]).toMatch(/Response code 404/);
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
      mirror.close();
      expect(await exited).toBe(0);
    }
  });
});

describe('npm start with bad options or an unusable database', () => {
  const runStart = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveRun) => {
      const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--web', '--skip-build', '--no-open', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
    });

  it('refuses a port that is not a number in one line, exit 2', async () => {
    const result = await runStart(['--port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe("evenkeys: --port must be a whole number from 0 to 65535 (got 'abc')");
  });

  it('explains a damaged database in one line instead of a stack trace, exit 2', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-start-bad-'));
    const db = join(work, 'e.sqlite');
    writeFileSync(db, 'this is not a database, it is a shopping list');
    const result = await runStart(['--db', db, '--out', work]);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^evenkeys: cannot start: .*(not an SQLite database|damaged).*left untouched/);
  });
});
