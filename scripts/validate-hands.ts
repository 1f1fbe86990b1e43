/**
 * `npx tsx scripts/validate-hands.ts [--lag=N] [--beam=N] [--half=train|test|all] [--cost.NAME=V] [--weights=FILE.json]`:
 * merges the right- and left-hand tracks of every hannds performance (../shared/data/hannds,
 * MIT), separates the hands again with core/fingering/hands.ts and prints note-level accuracy per
 * file and pooled over all notes, for all files and for each half (even-numbered files in name
 * order = the half the costs were tuned on; odd-numbered = held out). Also prints how accurate
 * the notes above each confidence threshold are. Exit code 1 when the overall figure is < 95 %.
 */
import { readFileSync } from 'node:fs';
import { separateHands } from '../core/fingering/hands';
import type { HandCosts } from '../core/fingering/hands';
import { hanndsFiles, loadHannds } from '../tests/support/hannds';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const costs: Partial<Record<keyof HandCosts, number>> = {};
for (const a of process.argv) {
  const m = /^--cost\.(\w+)=(.+)$/.exec(a);
  if (m) costs[m[1] as keyof HandCosts] = Number(m[2]);
}
const lagNotes = Number(arg('lag') ?? 12);
const beamWidth = Number(arg('beam') ?? 24);
const half = arg('half') ?? 'all';
const confidenceScale = arg('scale') === undefined ? undefined : Number(arg('scale'));
const quiet = process.argv.includes('--quiet');
const weightsFile = arg('weights');
const weights = weightsFile === undefined ? undefined : (JSON.parse(readFileSync(weightsFile, 'utf8')) as number[]);

const files = hanndsFiles();
if (files.length === 0) {
  console.error('validate-hands: no hannds files found (set HANNDS_DIR)');
  process.exit(2);
}
const thresholds = [0.6, 0.7, 0.8, 0.9, 0.95];
const pooled = { train: [0, 0], test: [0, 0] } as Record<'train' | 'test', [number, number]>;
const byConfidence = thresholds.map(() => [0, 0]);
const started = performance.now();
files.forEach((file, i) => {
  const part = i % 2 === 0 ? 'train' : 'test';
  if (half !== 'all' && half !== part) return;
  const piece = loadHannds(file);
  const estimates = separateHands(piece.notes, { lagNotes, beamWidth, costs, ...(weights ? { weights } : {}), ...(confidenceScale === undefined ? {} : { confidenceScale }) });
  let right = 0;
  estimates.forEach((estimate, k) => {
    const ok = estimate.hand === piece.hands[k];
    if (ok) right += 1;
    thresholds.forEach((threshold, t) => {
      if (estimate.confidence >= threshold) {
        byConfidence[t]![0] += ok ? 1 : 0;
        byConfidence[t]![1] += 1;
      }
    });
  });
  pooled[part][0] += right;
  pooled[part][1] += piece.notes.length;
  if (!quiet) {
    console.log(`${part.padEnd(5)} ${((100 * right) / piece.notes.length).toFixed(1).padStart(5)} %  ${String(piece.notes.length).padStart(6)} notes  ${file}`);
  }
});
const pct = ([a, b]: [number, number] | number[]) => (b ? (100 * a!) / b! : 0);
const all: [number, number] = [pooled.train[0] + pooled.test[0], pooled.train[1] + pooled.test[1]];
console.log(`\nlag ${lagNotes} notes, beam ${beamWidth}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`tuning half (even files): ${pct(pooled.train).toFixed(2)} % of ${pooled.train[1]} notes`);
console.log(`held-out half (odd files): ${pct(pooled.test).toFixed(2)} % of ${pooled.test[1]} notes`);
console.log(`overall pooled: ${pct(all).toFixed(2)} % of ${all[1]} notes`);
thresholds.forEach((threshold, t) => {
  const [ok, n] = byConfidence[t]!;
  console.log(`confidence >= ${threshold}: ${pct([ok!, n!]).toFixed(2)} % correct, ${((100 * n!) / all[1]).toFixed(1)} % of notes`);
});
const pass = pct(all) >= 95;
console.log(`requirement >= 95 % overall: ${pass ? 'PASS' : 'FAIL'} (${pct(all).toFixed(2)} %)`);
process.exitCode = pass ? 0 : 1;
