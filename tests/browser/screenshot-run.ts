/**
 * What every screenshot script starts with: the output folder (first argument, default
 * `screenshots`), a fresh work folder, and the renderer built into it by vite.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * Makes the output and work folders and builds the renderer.
 *
 * @example const { outDir, work, rendererDir } = await screenshotRun('evenkeys-screens-')
 */
export async function screenshotRun(workPrefix: string): Promise<{ outDir: string; work: string; rendererDir: string }> {
  const outDir = resolve(process.argv[2] ?? 'screenshots');
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), workPrefix));
  const rendererDir = join(work, 'renderer');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });
  return { outDir, work, rendererDir };
}
