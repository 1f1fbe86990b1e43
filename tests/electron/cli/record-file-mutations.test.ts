/**
 * Issue 16, item 7 (fast variant of `npx tsx scripts/mutate-smf.ts`, which runs 1,000): mutated
 * SMFs through record-file never leave a half-written session; a refusal is one line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runMutations } from '../../support/smf-mutation';

it('60 mutated SMFs (fixed seed): each recorded whole or refused in one line, never half-written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evenkeys-mutate-test-'));
  try {
    const outcome = await runMutations({ dir, dbPath: join(dir, 'e.sqlite'), fixtureDir: fileURLToPath(new URL('../../fixtures/midi/', import.meta.url)), count: 60, seed: 20261130 });
    expect(outcome.problems).toEqual([]);
    expect(outcome.recorded).toBeGreaterThan(5);
    expect([...outcome.refusals.keys()].some((reason) => /limit/.test(reason))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
