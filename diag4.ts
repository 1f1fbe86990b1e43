import { alignRecording } from './core/align/recording';
import { recognize } from './core/align/recognize';
import { splitAtPauses } from './core/align/pauses';
import { takeCredibility } from './core/align/credibility';
import { transposed } from './core/align/transpose';
import { getExercise } from './core/exercises/library';
import { perform, corrupt } from './tests/support/performer';
const cases: [string, number, number, number][] = [['five-finger-bb-minor-rh',-12,4.8,572054714],['arpeggio-b-minor-lh-2oct',12,2.5,488162707],['scale-a-harmonic-minor-lh-4oct',12,2.5,612171774]];
for (const [id, shift, nps, seed] of cases) {
  const ex = transposed(getExercise(id)!, shift)!;
  let p = perform(ex, { seed, bpm: nps*60/ex.subdivision, startMs: 1000, tempoDrift: 0.04 });
  p = corrupt(p, { seed: seed+1, wrong: 0.05, missed: 0.05, extra: 0.05 });
  console.log(id, 'phrases', splitAtPauses(p.notes).length, splitAtPauses(p.notes, {minPauseMs: 600, pauseFactor: 4}).map(r=>r.end-r.start));
  const seg = alignRecording(p.notes, ex);
  for (const t of seg.takes) { const c = takeCredibility(t); console.log(' forced', JSON.stringify({...c, confidence: +c.confidence.toFixed(2)}), t.span); }
}
