import { analyze } from '../core/analysis/analyze';
import { czernyMessages, czernyScore } from '../tests/support/czerny';
import { getExercise } from '../core/exercises/library';
const ex = getExercise('hanon-21-rh')!;
const score = czernyScore();
const rh = ex.notes.map(n=>n.pitch);
console.log('score match', score.length, rh.length, score.every((s,i)=>s.pitch===rh[i]));
for (const [file, id] of [['hanon_21_rh.txt','hanon-21-rh'],['hanon_21_both.txt','hanon-21-both'],['hanon_21_rh.txt','auto'],['hanon_21_both.txt','auto']]) {
  const t0=Date.now();
  const a = analyze({ messages: czernyMessages(file), file, exercise: id });
  for (const t of a.document.takes) console.log(file, id, t.exercise.id, 'matched', t.matched, 'missed', t.missed, 'wrong', t.wrong, 'extra', t.extra, 'bpm', t.bpm.toFixed(1), 'unev', t.unevennessMs.toFixed(1), 'events', t.events.length);
  console.log('free', a.document.freePlay.map(f=>f.notes), Date.now()-t0,'ms');
}
