import { readFileSync } from 'node:fs';
import { recognize } from './core/align/recognize';
import { alignmentWork, resetAlignmentWork } from './core/align/work';
import { detectEvents } from './core/events/detect';
import { measureTake } from './core/metrics/measure';
const { notes, truth } = JSON.parse(readFileSync('/tmp/session12.json', 'utf8'));
let best = Infinity, bestTotal = Infinity; let seg: any;
for (let k = 0; k < 4; k++) {
  const t0 = performance.now(); seg = recognize(notes); const t1 = performance.now();
  for (const take of seg.takes) detectEvents(take, notes, measureTake(take, notes));
  const t2 = performance.now();
  best = Math.min(best, t1 - t0); bestTotal = Math.min(bestTotal, t2 - t0);
}
resetAlignmentWork(); recognize(notes); const cells = alignmentWork();
let named = 0, expected = 0;
for (const s of truth) { expected += s.reps; const found = seg.takes.filter((t: any) => t.startMs < s.endMs && t.endMs > s.startMs); if (found.length === s.reps && found.every((t: any) => t.exercise.id === s.id || t.exercise.notes.map((n: any) => n.pitch).join() === '')) named += s.reps; }
console.log(JSON.stringify({ alignMs: +best.toFixed(1), totalMs: +bestTotal.toFixed(1), takes: seg.takes.length, expectedTakes: expected, namedRight: named, cellsPerNote: +(cells / notes.length).toFixed(1) }));
for (const s of truth) { const found = seg.takes.filter((t: any) => t.startMs < s.endMs && t.endMs > s.startMs); if (!(found.length === s.reps && found.every((t: any) => t.exercise.id === s.id))) console.log('WRONG', s.id, s.reps, found.map((t: any) => `${t.exercise.id}${t.transposition ? '@' + t.transposition : ''} span=${JSON.stringify(t.span)}`)); }
