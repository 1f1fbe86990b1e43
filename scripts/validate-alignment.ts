/**
 * `npx tsx scripts/validate-alignment.ts [--per-group=N] [--seed=S]`: plays many exercises with
 * the synthetic performer, corrupts them with 5 % wrong, 5 % missed and 5 % extra notes, aligns
 * them and prints, per exercise kind and hands, how many correctly played notes were aligned to
 * the right expected note. Exit code 1 when the overall figure is under 98 %.
 */
import { formatAccuracyTable, measureAccuracy, sampleCases } from '../tests/support/alignment-accuracy';

const arg = (name: string, fallback: number): number => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};

const started = performance.now();
const cases = sampleCases({ perGroup: arg('per-group', 48), seed: arg('seed', 2026) });
const report = measureAccuracy(cases);
console.log(formatAccuracyTable(report));
console.log(`\n${cases.length} performances, ${((performance.now() - started) / 1000).toFixed(1)} s`);
const pass = report.overall.percent >= 98;
console.log(`requirement >= 98 % of correct notes aligned: ${pass ? 'PASS' : 'FAIL'} (${report.overall.percent.toFixed(2)} %)`);
process.exitCode = pass ? 0 : 1;
