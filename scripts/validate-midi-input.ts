/**
 * `npx tsx scripts/validate-midi-input.ts [--files N] [--live N] [--seed S]`: the robustness run
 * of issue 11. Mutates 1,000 Standard MIDI Files (truncations, bit flips, length lies, running
 * status abuse; see tests/support/smf-robustness.ts), reads and fully analyses each, and prints
 * how many were read as written, read with a repair, or refused; then feeds 1e6 random live
 * messages through decoding, note assembly and the analysis. Exits 1 on any crash, NaN, refusal
 * that is not a one-line "nothing can be read", or a note lost to damage that left it intact.
 */
import { MUTATION_KINDS, runLiveFuzz, runMutations } from '../tests/support/smf-robustness';

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const files = option('files', 1000);
const live = option('live', 1_000_000);
const seed = option('seed', 11);

let failed = false;
let start = performance.now();
try {
  const summary = runMutations(files, seed, true);
  const totals = { read: 0, repaired: 0, refused: 0 };
  console.log(`${files} mutated SMF files (seed ${seed}), each read and analysed:`);
  console.log(`  ${'kind'.padEnd(15)} ${'read'.padStart(6)} ${'repaired'.padStart(9)} ${'refused'.padStart(8)}`);
  for (const kind of MUTATION_KINDS) {
    const row = summary.byKind[kind];
    totals.read += row.read;
    totals.repaired += row.repaired;
    totals.refused += row.refused;
    console.log(`  ${kind.padEnd(15)} ${String(row.read).padStart(6)} ${String(row.repaired).padStart(9)} ${String(row.refused).padStart(8)}`);
  }
  console.log(`  ${'total'.padEnd(15)} ${String(totals.read).padStart(6)} ${String(totals.repaired).padStart(9)} ${String(totals.refused).padStart(8)}`);
  console.log(`  length lies / running status with a note lost: ${summary.notIntact}`);
  console.log(`  ${summary.examples.size} distinct messages, e.g.:`);
  for (const example of [...summary.examples.values()].slice(0, 14)) console.log(`    ${example}`);
  if (summary.notIntact > 0) failed = true;
  console.log(`  (${((performance.now() - start) / 1000).toFixed(1)} s)`);
} catch (error) {
  failed = true;
  console.log(`FAIL  mutated files: ${error instanceof Error ? error.message : String(error)}`);
}

start = performance.now();
try {
  const result = runLiveFuzz(live, seed);
  console.log(`\n${result.messages} random live messages: ${result.notes} notes, ${result.takes} takes recognised, no crash, no NaN (${((performance.now() - start) / 1000).toFixed(1)} s)`);
} catch (error) {
  failed = true;
  console.log(`FAIL  live messages: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(failed ? '\nFAIL' : '\nPASS');
process.exitCode = failed ? 1 : 0;
