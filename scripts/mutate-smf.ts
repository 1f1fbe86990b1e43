/**
 * 1,000 mutated Standard MIDI Files through `evenkeys record-file` (issue 16): after each, the
 * database must hold exactly the sessions recorded so far, every one complete, with all its
 * events and an analysis; a refusal must be one line and record nothing.
 *
 * Usage: npx tsx scripts/mutate-smf.ts [--count N] [--seed S]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMutations } from '../tests/support/smf-mutation';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const count = arg('--count', 1000);
const seed = arg('--seed', 20261130);
const dir = mkdtempSync(join(tmpdir(), 'evenkeys-mutate-'));
try {
  const outcome = await runMutations({ dir, dbPath: join(dir, 'e.sqlite'), fixtureDir: fileURLToPath(new URL('../tests/fixtures/midi/', import.meta.url)), count, seed });
  console.log(`${count} mutated SMFs through record-file (seed ${seed}): ${outcome.recorded} recorded, ${outcome.refused} refused in one line, ${outcome.problems.length} problems`);
  for (const [reason, n] of [...outcome.refusals].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  refused ${String(n).padStart(4)} x ${reason}`);
  for (const problem of outcome.problems.slice(0, 20)) console.log(`  PROBLEM ${problem}`);
  process.exitCode = outcome.problems.length === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
