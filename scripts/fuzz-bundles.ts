/**
 * Fuzzes the bundle import: N malicious or mutated bundles (default 1,000, seeds 1..N) against a
 * teacher database, with the real size limits (the zip bombs inflate to 260 MiB, past the
 * 256 MiB entry cap). Prints a summary (or JSON with --json) and exits 1 if any bundle was
 * accepted, any refusal was not a one-line BundleError, or the database changed.
 *
 *   npx tsx scripts/fuzz-bundles.ts [--count N] [--seed FIRST] [--json]
 */
import { parseArgs } from 'node:util';
import { runBundleFuzz } from '../tests/support/bundle-fuzz';

const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } });
const count = Number(values.count ?? 1000);
const firstSeed = Number(values.seed ?? 1);
const started = Date.now();
const result = await runBundleFuzz({
  count,
  firstSeed,
  bombBytes: 260 * 1024 * 1024,
  onProgress: (done) => {
    if (!values.json && done % 100 === 0) process.stderr.write(`${done}/${count}\n`);
  },
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`);
} else {
  process.stdout.write(
    `${result.refused}/${result.total} refused, ${result.accepted.length} accepted, ${result.otherErrors.length} not a one-line BundleError, ` +
      `database ${result.identical ? 'byte-identical' : 'CHANGED'} (sha256 ${result.sha256.slice(0, 16)}), ${result.redrawn} harmless bit flips redrawn, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  for (const [kind, n] of Object.entries(result.byKind).sort()) process.stdout.write(`  ${String(n).padStart(4)}  ${kind}\n`);
  for (const line of [...result.accepted, ...result.otherErrors]) process.stdout.write(`  FAIL ${line}\n`);
}
process.exitCode = result.accepted.length === 0 && result.otherErrors.length === 0 && result.identical ? 0 : 1;
