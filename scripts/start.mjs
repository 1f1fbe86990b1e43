#!/usr/bin/env node
// `npm start`: build what is needed and launch the Electron app. On the first start the Electron
// binary is downloaded (progress on stderr); where that download is impossible (no access to its
// host), say why in one line and start browser mode instead.
// `npm run web` (--web): browser mode directly. `--build-only`: build renderer + Electron bundles.
//
// Options: --web, --build-only, --db PATH, --port N, --out DIR (build output, default dist),
//          --no-open (do not open a browser), --skip-build (reuse an existing build).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electronBinary, installElectronInChild } from './electron-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A problem the user can fix: one line on stderr, exit code 2, no stack trace. */
function fail(message) {
  console.error(`evenkeys: ${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      web: { type: 'boolean', default: false },
      'build-only': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      db: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const args = parsed.values;
if (args.port !== undefined && (!/^\d{1,5}$/.test(args.port) || Number(args.port) > 65535)) {
  fail(`--port must be a whole number from 0 to 65535 (got '${args.port}')`);
}

const outDir = resolve(root, args.out ?? 'dist');
const rendererDir = join(outDir, 'renderer');
const shellDir = join(outDir, 'electron', 'shell');

async function buildRenderer() {
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: rendererDir, emptyOutDir: true },
  });
}

async function buildElectron() {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    // Native and Electron-provided modules stay require()d at run time.
    external: ['electron', 'better-sqlite3'],
  };
  await build({
    ...common,
    entryPoints: [join(root, 'electron/shell/main.ts')],
    outfile: join(shellDir, 'main.js'),
    format: 'esm',
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  // Sandboxed preloads must be CommonJS and may only require('electron').
  await build({ ...common, entryPoints: [join(root, 'electron/shell/preload.ts')], outfile: join(shellDir, 'preload.cjs'), format: 'cjs' });
}

async function startBrowserMode() {
  const { register } = await import('tsx/esm/api');
  register();
  const { runWebMode } = await import('../electron/backend/web-mode.ts');
  let stop;
  try {
    ({ stop } = await runWebMode({
      rendererDir,
      dbPath: args.db,
      port: args.port === undefined ? 0 : Number(args.port),
      open: !args['no-open'],
    }));
  } catch (error) {
    // A damaged or foreign database, a port in use, a missing build: say which, in one line.
    const message = error instanceof Error ? error.message : String(error);
    fail(`cannot start: ${message.split('\n')[0]}`);
  }
  const shutdown = () => void stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (!args['skip-build']) {
  await buildRenderer();
  if (!args.web) await buildElectron();
}
if (args['build-only']) {
  console.log(`Built ${rendererDir} and ${shellDir}.`);
} else if (args.web) {
  await startBrowserMode();
} else {
  let binary = electronBinary();
  if (binary === undefined && process.env.EVENKEYS_NO_ELECTRON_DOWNLOAD !== '1') {
    try {
      binary = await installElectronInChild();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.log(`Electron could not be downloaded (${reason}): starting browser mode instead.`);
    }
  } else if (binary === undefined) {
    console.log('Electron is not installed and EVENKEYS_NO_ELECTRON_DOWNLOAD=1: starting browser mode instead.');
  }
  if (binary === undefined) {
    await startBrowserMode();
  } else {
    const env = { ...process.env, EVENKEYS_RENDERER_DIR: rendererDir, ...(args.db ? { EVENKEYS_DB: resolve(args.db) } : {}) };
    const child = spawn(binary, [join(shellDir, 'main.js')], { stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
