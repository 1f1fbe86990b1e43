// The first `npm start` on a user's machine downloads the Electron binary with progress shown. The
// real download host is unreachable here, so a loopback mirror serves a stand-in archive through
// the same code path (@electron/get's ELECTRON_MIRROR, checksums from the mirror's SHASUMS256.txt).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

/** A zip archive with stored (uncompressed) entries: enough for a stand-in Electron. */
function storedZip(files: { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the file mode is kept
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

async function withMirror(shasum: (zip: Buffer) => string, run: (mirror: string) => Promise<void>): Promise<void> {
  const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const zip = storedZip([{ name: 'electron', data: Buffer.from('#!/bin/sh\necho stand-in electron\n'), mode: 0o755 }]);
  const server = createServer((req, res) => {
    if (req.url?.endsWith(`/${zipName}`)) res.writeHead(200, { 'content-length': zip.length }).end(zip);
    else if (req.url?.endsWith('/SHASUMS256.txt')) res.writeHead(200).end(`${shasum(zip)} *${zipName}\n`);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    server.close();
  }
}

function install(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'electron-binary.mjs'), '--install'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(process.platform !== 'linux')('Electron download on first start', () => {
  it('downloads, verifies, unpacks and shows progress', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-electron-'));
    await withMirror(
      (zip) => createHash('sha256').update(zip).digest('hex'),
      async (mirror) => {
        const result = await install({ ELECTRON_MIRROR: mirror, ELECTRON_OVERRIDE_DIST_PATH: join(work, 'dist'), electron_config_cache: join(work, 'cache'), electron_use_remote_checksums: '1' });
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(`Downloading Electron ${version} (first start only): 100 %`);
        expect(existsSync(join(work, 'dist', 'electron'))).toBe(true);
      },
    );
  });

  it('refuses an archive whose checksum does not match, in one line, and installs nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-electron-'));
    await withMirror(
      () => '0'.repeat(64),
      async (mirror) => {
        const result = await install({ ELECTRON_MIRROR: mirror, ELECTRON_OVERRIDE_DIST_PATH: join(work, 'dist'), electron_config_cache: join(work, 'cache'), electron_use_remote_checksums: '1' });
        expect(result.code).toBe(1);
        expect(result.stdout.trim().split('\n')).toHaveLength(1);
        expect(result.stdout).toMatch(/checksum|sha/i);
        expect(existsSync(join(work, 'dist', 'electron'))).toBe(false);
      },
    );
  });

  it('with the checksums shipped in the package, a stand-in archive is refused', async () => {
    const work = mkdtempSync(join(tmpdir(), 'evenkeys-electron-'));
    await withMirror(
      (zip) => createHash('sha256').update(zip).digest('hex'),
      async (mirror) => {
        const result = await install({ ELECTRON_MIRROR: mirror, ELECTRON_OVERRIDE_DIST_PATH: join(work, 'dist'), electron_config_cache: join(work, 'cache') });
        expect(result.code).toBe(1);
        expect(existsSync(join(work, 'dist', 'electron'))).toBe(false);
      },
    );
  });
});
