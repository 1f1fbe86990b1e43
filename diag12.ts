import { recognize } from './core/align/recognize';
import { transposed } from './core/align/transpose';
import { getExercise } from './core/exercises/library';
import { perform, concatenate } from './tests/support/performer';
const ex = (id: string) => { const e = getExercise(id); if (!e) throw new Error(id); return e; };
function show(label: string, notes: any) {
  const seg = recognize(notes);
  console.log(label, seg.takes.map(t => `${t.exercise.id}${t.transposition ? '@' + t.transposition : ''} m=${t.matches.filter(m => m.note && !m.wrongPitch).length}/${t.exercise.notes.length} w=${t.matches.filter(m => m.wrongPitch).length} x=${t.extraNoteIndices.length} conf=${t.confidence?.toFixed(2)} hc=${t.handConfidence?.toFixed(2)}${t.handUncertain ? ' U' : ''}${t.span ? ` span=${t.span.from}-${t.span.to}` : ''}`), 'free', seg.freePlay.map(f => f.noteIndices.length));
}
show('A mel 4oct both', perform(ex('scale-a-melodic-minor-both-4oct'), { seed: 1, bpm: 120 }).notes);
show('C maj LH 4oct from C2', perform(transposed(ex('scale-c-major-lh-4oct'), -12)!, { seed: 1 }).notes);
show('G maj RH 1oct -12', perform(transposed(ex('scale-g-major-rh-1oct'), -12)!, { seed: 1 }).notes);
show('five-finger D RH -12', perform(transposed(ex('five-finger-d-major-rh'), -12)!, { seed: 1 }).notes);
show('C maj both 3oct +12', perform(transposed(ex('scale-c-major-both-3oct'), 12)!, { seed: 1 }).notes);
show('A nat rh 2oct', perform(ex('scale-a-natural-minor-rh-2oct'), { seed: 1 }).notes);
import { falseStart, hanonScales } from './tests/support/warmup';
for (const seed of [1,2,3]) show('false start', falseStart({ seed }).notes);
const h = hanonScales({ seed: 1 });
const seg = recognize(h.notes);
let ok = 0, total = 0;
for (const p of h.parts) { if (p.role !== 'complete') continue; total++; const ts = seg.takes.filter(t => t.startMs < p.endMs && t.endMs > p.startMs); const good = ts.length === 1 && ts[0]!.exercise.key === p.exercise!.key && ts[0]!.exercise.mode === p.exercise!.mode; if (good) ok++; else console.log('BAD', p.exercise!.id, ts.map(t => t.exercise.id + ' ' + t.matches.filter(m=>m.note&&!m.wrongPitch).length)); }
console.log('hanon', ok, '/', total, 'takes', seg.takes.length);
