/**
 * Exercises "found" in real repertoire (issue 12): runs the whole analysis (recognition,
 * metrics, events) on every MIDI file of a folder of pieces (default the hannds set:
 * /work/shared/data/hannds, 102 real performances, MIT, Hadjakos, Waloschek & Leemhuis 2019),
 * prints the takes found per 10 minutes of playing, lists every take, and counts the events that
 * come from takes. Goal: at most 0.5 takes per 10 minutes, and genuine passages only.
 *
 *   npx tsx scripts/validate-repertoire.ts [folder] [--quiet]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../core/analysis/analyze';
import { readSmf } from '../core/midi/smf';

const folder = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/work/shared/data/hannds';
const quiet = process.argv.includes('--quiet');
const files = readdirSync(folder).filter((f) => /\.midi?$/i.test(f)).sort();
let minutes = 0;
let takes = 0;
let events = 0;
let notes = 0;
const started = Date.now();
const listed: string[] = [];
for (const file of files) {
  const smf = readSmf(readFileSync(join(folder, file)));
  const { document } = analyze({ messages: smf.messages, file });
  minutes += document.source.durationMs / 60_000;
  notes += document.source.notes;
  takes += document.takes.length;
  for (const take of document.takes) {
    events += take.events.length;
    listed.push(
      `  ${file} at ${(take.startMs / 1000).toFixed(1)} s: ${take.exercise.id}, ${take.matched} right, ${take.wrong} wrong, ${take.missed} missed, ${take.extra} extra, confidence ${(take.confidence ?? 0).toFixed(2)}, ${take.events.length} events`,
    );
  }
  if (!quiet) process.stderr.write('.');
}
if (!quiet) process.stderr.write('\n');
console.log(`${files.length} files, ${minutes.toFixed(1)} minutes, ${notes} notes, analysed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`takes found: ${takes} (${((10 * takes) / Math.max(minutes, 1e-9)).toFixed(2)} per 10 minutes; goal <= 0.5)`);
console.log(`events from takes: ${events} (free play has none)`);
for (const line of listed) console.log(line);
