// The Electron binary for `npm start`. Since Electron 42 the npm package no longer downloads its
// binary on install, so the first `npm start` fetches it (with progress shown), through the same
// downloader and checksums as the package's own `install-electron` command, and later starts reuse
// it. Where the download host cannot be reached, the caller falls back to browser mode.
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
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
 * Downloads and unpacks the Electron binary into the electron package, verified against the
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
      checksums,
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
  const distDir = join(packageDir, 'dist');
  await extract(zipPath, { dir: distDir });
  const typings = join(distDir, 'electron.d.ts');
  if (existsSync(typings)) renameSync(typings, join(packageDir, 'electron.d.ts'));
  writeFileSync(join(packageDir, 'path.txt'), platformPath());
  const binary = electronBinary();
  if (binary === undefined) throw new Error('the downloaded archive held no Electron executable');
  return binary;
}
