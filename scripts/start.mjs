#!/usr/bin/env node
// `npm start`: build what is needed and launch the Electron app; where the Electron binary is
// missing (its download is blocked on some machines), say so in one line and start browser mode.
// `npm run web` (--web): browser mode directly. `--build-only`: build renderer + Electron bundles.
//
// Options: --web, --build-only, --db PATH, --port N, --out DIR (build output, default dist),
//          --no-open (do not open a browser), --skip-build (reuse an existing build).
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

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
    target: 'node20',
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

/**
 * The Electron binary's path, or undefined when the package is there but its binary is not.
 * Never require('electron') here: since Electron 42 that starts a download when the binary is
 * missing, which hangs or fails noisily where the download host is unreachable.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? binary : undefined;
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
  const binary = electronBinary();
  if (binary === undefined) {
    console.log('Electron binary not installed (run `npx install-electron` where its download works): starting browser mode instead.');
    await startBrowserMode();
  } else {
    const env = { ...process.env, EVENKEYS_RENDERER_DIR: rendererDir, ...(args.db ? { EVENKEYS_DB: resolve(args.db) } : {}) };
    const child = spawn(binary, [join(shellDir, 'main.js')], { stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
