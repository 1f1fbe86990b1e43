/**
 * The two real captures of Hanon No. 21 (jtauber/czerny, MIT; tests/fixtures/czerny-hanon21)
 * analysed end to end against the generated `hanon-21-rh` / `hanon-21-both`: alignment share and
 * the per-finger table that docs/exercises.md prints. With --write DIR it also writes each capture
 * as a Standard MIDI File (for `evenkeys analyze`).
 *
 *   npx tsx scripts/hanon21-real.ts [--json] [--write DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../core/analysis/analyze';
import { writeSmf } from '../core/midi/smf';
import { czernyMessages } from '../tests/support/czerny';

const captures = [
  { file: 'hanon_21_rh.txt', exercise: 'hanon-21-rh' },
  { file: 'hanon_21_both.txt', exercise: 'hanon-21-both' },
];
const json = process.argv.includes('--json');
const writeAt = process.argv.indexOf('--write');
const results = captures.map(({ file, exercise }) => {
  const messages = czernyMessages(file);
  if (writeAt > 0) {
    const dir = process.argv[writeAt + 1] ?? '.';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file.replace(/\.txt$/, '.mid')), writeSmf(messages));
  }
  const { document } = analyze({ messages, file, exercise });
  const take = document.takes[0];
  if (!take) throw new Error(`${file}: no take`);
  const expected = take.matched + take.missed + take.wrong;
  return { file, exercise, notes: document.source.notes, expected, take, aligned: take.matched / expected };
});
if (json) {
  process.stdout.write(`${JSON.stringify(results.map(({ take, ...rest }) => ({ ...rest, matched: take.matched, missed: take.missed, wrong: take.wrong, extra: take.extra, bpm: take.bpm, unevennessMs: take.unevennessMs, fingers: take.fingers })), null, 2)}\n`);
} else {
  for (const { file, exercise, notes, expected, take, aligned } of results) {
    console.log(`\n${file} -> ${exercise}: ${notes} notes played, ${expected} expected; matched ${take.matched} (${(100 * aligned).toFixed(1)} %), missed ${take.missed}, wrong ${take.wrong}, extra ${take.extra}; ${take.bpm.toFixed(1)} bpm (${take.notesPerSecond.toFixed(1)} notes/s), unevenness ${take.unevennessMs.toFixed(1)} ms, events ${take.events.length}`);
    console.log('| hand | finger | n | mean dev (ms) | SD (ms) | velocity mean | velocity SD | legato (ms) |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const f of take.fingers) {
      const sign = (v: number) => (v >= 0 ? '+' : '') + v.toFixed(1);
      console.log(`| ${f.hand} | ${f.finger} | ${f.count} | ${sign(f.onsetDeviationMs.mean)} | ${f.onsetDeviationMs.sd.toFixed(1)} | ${f.velocity.mean.toFixed(1)} | ${f.velocity.sd.toFixed(1)} | ${sign(f.legatoOverlapMs.mean)} |`);
    }
    for (const e of take.events) console.log(`event: ${e.type} ${e.hand} ${e.finger} at ${(e.timeMs / 1000).toFixed(2)} s: ${e.detail}`);
  }
}
