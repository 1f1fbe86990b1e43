/**
 * The layer rules are only worth something if they fail: lint small snippets as if they lived in
 * each layer and check that forbidden imports and globals are reported.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('layer boundaries', () => {
  it.each([
    ['node built-in with prefix', "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n"],
    ['node built-in without prefix', "import { join } from 'path';\njoin('a');\n"],
    ["'electron'", "import { app } from 'electron';\napp.quit();\n"],
    ['electron/ code', "import { main } from '../../electron/cli/main';\nvoid main;\n"],
    ['renderer/ code', "import { App } from '../../renderer/App';\nvoid App;\n"],
    ['better-sqlite3', "import Database from 'better-sqlite3';\nvoid Database;\n"],
  ])('core/ may not import %s', async (_label, code) => {
    expect(await ruleIdsFor(code, 'core/midi/example.ts')).toContain('no-restricted-imports');
  });

  it.each([
    ['window', 'export const width = window.innerWidth;\n'],
    ['document', "export const title = document.title;\n"],
    ['process', 'export const argv = process.argv;\n'],
    ['Buffer', "export const bytes = Buffer.from('x');\n"],
  ])('core/ may not use the global %s', async (_label, code) => {
    expect(await ruleIdsFor(code, 'core/metrics/example.ts')).toContain('no-restricted-globals');
  });

  it('core/ may import other core modules and libraries', async () => {
    const code = "import { z } from 'zod';\nimport type { Note } from '../midi/types';\nexport const s = z.string();\nexport type N = Note;\n";
    expect(await ruleIdsFor(code, 'core/align/example.ts')).toEqual([]);
  });

  it('renderer/ may not import from electron/', async () => {
    const code = "import { main } from '../electron/cli/main';\nvoid main;\n";
    expect(await ruleIdsFor(code, 'renderer/example.ts')).toContain('no-restricted-imports');
  });

  it("the backend may not import 'electron', the shell may", async () => {
    const code = "import { app } from 'electron';\napp.quit();\n";
    expect(await ruleIdsFor(code, 'electron/store/example.ts')).toContain('no-restricted-imports');
    expect(await ruleIdsFor(code, 'electron/shell/example.ts')).not.toContain('no-restricted-imports');
  });

  it('no `any`', async () => {
    expect(await ruleIdsFor('export const x: any = 1;\n', 'core/midi/example.ts')).toContain(
      '@typescript-eslint/no-explicit-any',
    );
  });
});
