/**
 * Catalogue-wide recognition table (issue 12): every exercise of the library, in every register
 * where it fits on 88 keys, at 2-12 notes/s, clean and with 5 % wrong / missed / extra notes.
 * Prints the rate recognised as itself by kind and hands, the hand flags, and the failures.
 *
 *   npx tsx scripts/validate-recognition.ts [--seed=12] [--sample=N] [--kind=scale]
 */
import { listExercises } from '../core/exercises/library';
import { recognitionCases, runCase } from '../tests/support/catalogue-recognition';
import type { CaseResult } from '../tests/support/catalogue-recognition';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const seed = Number(arg('seed') ?? 12);
const sample = arg('sample') === undefined ? undefined : Number(arg('sample'));
const kind = arg('kind');
const catalogue = listExercises().filter((e) => kind === undefined || e.kind === kind);
const cases = recognitionCases({ seed, ...(sample === undefined ? {} : { sample }), catalogue });
const started = Date.now();
const results: CaseResult[] = cases.map(runCase);
const groups = new Map<string, { clean: CaseResult[]; corrupted: CaseResult[] }>();
for (const result of results) {
  const key = `${result.case.exercise.kind} / ${result.case.exercise.hands}`;
  const group = groups.get(key) ?? { clean: [], corrupted: [] };
  (result.case.corrupted ? group.corrupted : group.clean).push(result);
  groups.set(key, group);
}
const pct = (list: readonly CaseResult[]): string => (list.length === 0 ? '-' : ((100 * list.filter((r) => r.ok).length) / list.length).toFixed(2));
console.log(`seed ${seed}, ${results.length} performances, ${catalogue.length} exercises, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log('| kind / hands | clean ok | clean % | 5 % errors ok | 5 % errors % | hand flagged | wrong hand unflagged |');
console.log('|---|---|---|---|---|---|---|');
for (const [key, group] of [...groups].sort()) {
  const all = [...group.clean, ...group.corrupted];
  console.log(
    `| ${key} | ${group.clean.filter((r) => r.ok).length}/${group.clean.length} | ${pct(group.clean)} | ${group.corrupted.filter((r) => r.ok).length}/${group.corrupted.length} | ${pct(group.corrupted)} | ${all.filter((r) => r.flagged).length} | ${all.filter((r) => r.silentWrongHand).length} |`,
  );
}
const clean = results.filter((r) => !r.case.corrupted);
const corrupted = results.filter((r) => r.case.corrupted);
console.log(`| **overall** | ${clean.filter((r) => r.ok).length}/${clean.length} | ${pct(clean)} | ${corrupted.filter((r) => r.ok).length}/${corrupted.length} | ${pct(corrupted)} | ${results.filter((r) => r.flagged).length} | ${results.filter((r) => r.silentWrongHand).length} |`);
const failures = results.filter((r) => !r.ok);
console.log(`\nfailures (${failures.length}):`);
for (const r of failures.slice(0, 200)) {
  console.log(`  ${r.case.exercise.id} shift ${r.case.shift} ${r.case.notesPerSecond.toFixed(1)} n/s ${r.case.corrupted ? 'corrupted' : 'clean'} seed ${r.case.seed} -> ${r.found}`);
}
