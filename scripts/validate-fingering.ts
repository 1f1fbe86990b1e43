/**
 * `npx tsx scripts/validate-fingering.ts [--all]`: plays every scale and arpeggio of the library
 * (each key, mode, octave count, one hand or both, parallel or contrary) with the synthetic
 * performer, estimates the fingering of each hand without telling the estimator the exercise, and
 * prints the share of notes that get the standard (library) fingering per kind, mode, key and hand
 * (pooled over octave counts and hands variants). --all also lists every row under 100 %.
 * Exit code 1 when the overall figure is under 95 %.
 */
import { measureStandardFingering, poolRows, scalesAndArpeggios } from '../tests/support/fingering-standard';

const started = performance.now();
const rows = measureStandardFingering(scalesAndArpeggios());
const pooled = poolRows(rows);
console.log('kind      mode             key  hand    notes  standard');
for (const row of pooled) {
  console.log(
    `${row.kind.padEnd(9)} ${row.mode.padEnd(16)} ${row.key.padEnd(4)} ${row.hand.padEnd(6)} ${String(row.notes).padStart(6)}  ${((100 * row.agree) / row.notes).toFixed(1).padStart(5)} %`,
  );
}
const total = rows.reduce((sum, row) => sum + row.notes, 0);
const agree = rows.reduce((sum, row) => sum + row.agree, 0);
for (const kind of ['scale', 'arpeggio']) {
  const of = rows.filter((row) => row.kind === kind);
  const n = of.reduce((sum, row) => sum + row.notes, 0);
  const a = of.reduce((sum, row) => sum + row.agree, 0);
  console.log(`${kind}: ${((100 * a) / n).toFixed(2)} % of ${n} notes`);
}
const percent = (100 * agree) / total;
console.log(`overall: ${percent.toFixed(2)} % of ${total} notes in ${rows.length} exercise-hands, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`requirement >= 95 %: ${percent >= 95 ? 'PASS' : 'FAIL'}`);
process.exitCode = percent >= 95 ? 0 : 1;
