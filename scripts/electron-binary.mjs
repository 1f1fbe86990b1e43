// The Electron binary for `npm start`. Since Electron 42 the npm package no longer downloads its
// binary on install, so the first `npm start` fetches it (with progress shown), through the same
// downloader and checksums as the package's own `install-electron` command, and later starts reuse
// it. Where the download host cannot be reached, the caller falls back to browser mode.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The electron package's folder, or undefined when it is not installed. */
function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The executable's path inside dist/ for this platform (as electron's install.js names it). */
function platformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The Electron binary's path, or undefined when the package is there but its binary is not.
 * Never require('electron') here: that starts a download of its own when the binary is missing.
 */
export function electronBinary() {
  const packageDir = electronPackageDir();
  if (packageDir === undefined) return undefined;
  // As electron's own index.js: an override directory holds the executable under its platform name.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined) {
    const binary = join(override, platformPath());
    return existsSync(binary) ? binary : undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Progress on stderr: a rewritten line on a terminal, every 10 % otherwise. */
function progressReporter(version) {
  let lastTenth = -1;
  const tty = process.stderr.isTTY === true;
  return {
    update({ transferred, total, percent }) {
      const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
      const text = `Downloading Electron ${version} (first start only): ${total ? `${Math.floor(percent * 100)} % of ${mb(total)}` : mb(transferred)}`;
      if (tty) process.stderr.write(`\r${text}`);
      else if (Math.floor(percent * 10) > lastTenth) {
        lastTenth = Math.floor(percent * 10);
        process.stderr.write(`${text}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

/**
 * Downloads and unpacks (honouring @electron/get's ELECTRON_MIRROR and electron_config_cache, and
 * ELECTRON_OVERRIDE_DIST_PATH as the place to unpack) the Electron binary into the electron package, verified against the
 * checksums the package ships. Gives up when nothing arrives for `stallMs`.
 *
 * @returns the binary's path
 * @throws Error with a one-line reason (host unreachable, stalled, checksum mismatch, ...)
 */
export async function installElectron({ stallMs = 30_000 } = {}) {
  const packageDir = electronPackageDir();
  if (packageDir === undefined) throw new Error('the electron package is not installed (run `npm ci`)');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const checksums = JSON.parse(readFileSync(join(packageDir, 'checksums.json'), 'utf8'));
  const fromElectron = createRequire(join(packageDir, 'package.json'));
  const { downloadArtifact } = await import(pathToFileURL(fromElectron.resolve('@electron/get')).href);
  const controller = new AbortController();
  let stall = setTimeout(() => controller.abort(), stallMs);
  const progress = progressReporter(version);
  let zipPath;
  try {
    zipPath = await downloadArtifact({
      version,
      artifactName: 'electron',
      platform: process.platform,
      arch: process.arch,
      // Like electron's install.js: the checksums shipped in the package, unless the user asks for
      // the mirror's own SHASUMS256.txt (electron_use_remote_checksums), e.g. for a private mirror.
      checksums: process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums ? undefined : checksums,
      cacheRoot: process.env.electron_config_cache,
      downloadOptions: {
        quiet: true,
        signal: controller.signal,
        getProgressCallback: async (p) => {
          clearTimeout(stall);
          stall = setTimeout(() => controller.abort(), stallMs);
          progress.update(p);
        },
      },
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(controller.signal.aborted ? `no data from the download host for ${stallMs / 1000} s` : cause.split('\n')[0]);
  } finally {
    clearTimeout(stall);
    progress.done();
  }
  const { extract } = fromElectron('@electron-internal/extract-zip');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  await extract(zipPath, { dir: distDir });
  const typings = join(distDir, 'electron.d.ts');
  if (existsSync(typings)) renameSync(typings, join(packageDir, 'electron.d.ts'));
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH === undefined) writeFileSync(join(packageDir, 'path.txt'), platformPath());
  const binary = electronBinary();
  if (binary === undefined) throw new Error('the downloaded archive held no Electron executable');
  return binary;
}

/**
 * Runs installElectron in a child process (`node scripts/electron-binary.mjs --install`), so that
 * nothing the downloader loads (signal handlers, timers, sockets) stays in the app's process.
 * Progress goes to this process's stderr.
 *
 * @returns the binary's path
 * @throws Error with the child's one-line reason
 */
export function installElectronInChild() {
  return new Promise((resolveInstall, rejectInstall) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--install'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk.toString('utf8')));
    child.once('error', (error) => rejectInstall(error));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && electronBinary() !== undefined) resolveInstall(electronBinary());
      else rejectInstall(new Error(line !== '' ? line : `the download process ended with code ${code}`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--install') {
  try {
    await installElectron();
    process.exit(0);
  } catch (error) {
    process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
