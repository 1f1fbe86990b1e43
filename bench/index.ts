/**
 * `npm run -s bench [-- --json] [-- --only=drift,live]`: runs every bench/*.bench.ts module in turn and prints its figures.
 * Each module exports `run(): Promise<Record<string, number | string | null>>` (null: not measurable
 * here, e.g. no Chromium; the module says why on stderr). Benchmarks print numbers;
 * they never assert (the machines are noisy).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  readonly title: string;
  run(): Promise<Record<string, number | string | null>>;
}

const here = dirname(fileURLToPath(import.meta.url));
const json = process.argv.includes('--json');
// `--only=drift,live`: the modules whose file name starts with one of the comma-separated prefixes.
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter((prefix) => prefix.length > 0);

const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !only || only.some((prefix) => name.startsWith(prefix)))
  .sort();

const results: Record<string, number | string | null> = {};
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  if (!json) console.log(`\n== ${mod.title} (${file})`);
  const figures = await mod.run();
  for (const [name, value] of Object.entries(figures)) {
    results[name] = value;
    if (!json) console.log(`  ${name.padEnd(34)} ${typeof value === 'number' ? formatNumber(value) : String(value)}`);
  }
}
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(4);
}
