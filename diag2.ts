import { alignRecording } from './core/align/recording';
import { takeCredibility } from './core/align/credibility';
import { transposed } from './core/align/transpose';
import { getExercise } from './core/exercises/library';
import { perform, corrupt } from './tests/support/performer';
const cases: [string, number, number, boolean, number][] = [
 ['arpeggio-e-minor-rh-2oct',0,8.9,true,827322893],['arpeggio-e-major-rh-3oct',-36,11.5,true,820524882],['five-finger-bb-major-both',-36,11.5,true,488032216],['five-finger-g-minor-both',0,6.2,true,60691162],['scale-fsharp-major-rh-1oct',0,2.4,true,440743111],['arpeggio-c-major-lh-2oct',36,6.5,true,104871734],['arpeggio-db-major-lh-1oct',0,2.1,false,550313440]];
for (const [id, shift, nps, cor, seed] of cases) {
  const ex = transposed(getExercise(id)!, shift)!;
  let p = perform(ex, { seed, bpm: nps*60/ex.subdivision, startMs: 1000, tempoDrift: 0.04 });
  if (cor) p = corrupt(p, { seed: seed+1, wrong: 0.05, missed: 0.05, extra: 0.05 });
  const seg = alignRecording(p.notes, ex);
  for (const t of seg.takes) { const c = takeCredibility(t); console.log(id, shift, nps, JSON.stringify({...c, confidence: +c.confidence.toFixed(2), steadiness: +c.steadiness.toFixed(2)}), t.cost?.toFixed(2)); }
}
