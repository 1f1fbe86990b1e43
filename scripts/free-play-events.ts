/**
 * `npx tsx scripts/free-play-events.ts`: treats every hannds performance (real repertoire, MIT)
 * as free play and counts `free-timing-lapse` events per 1,000 notes. These are expressive
 * performances by pianists without a movement disorder, so every event is a candidate false
 * alarm: the figure bounds how often free play cries wolf. Also prints the share of notes whose
 * estimated hand and finger were confident enough to be measured.
 */
import { analyzeFreePlay } from '../core/fingering/free-play';
import { hanndsFiles, loadHannds } from '../tests/support/hannds';

let notes = 0;
let events = 0;
let confident = 0;
let runNotes = 0;
for (const file of hanndsFiles()) {
  const piece = loadHannds(file);
  const free = analyzeFreePlay(piece.notes, piece.notes.map((_, i) => i));
  notes += piece.notes.length;
  events += free.events.length;
  confident += free.confidentNotes;
  runNotes += free.timing.reduce((sum, t) => sum + t.notes, 0);
}
console.log(`${notes} notes: ${(100 * confident / notes).toFixed(1)} % confident, ${(100 * runNotes / notes).toFixed(1)} % in runs of equal notes`);
console.log(`free-timing-lapse events: ${events} (${((1000 * events) / notes).toFixed(2)} per 1,000 notes)`);
