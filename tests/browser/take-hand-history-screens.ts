/**
 * Screenshots of the take-hand control with the pianist's history (issue 12), for looking at the
 * UI (not a test): `npx tsx tests/browser/take-hand-history-screens.ts [OUT_DIR]`. Seeds three
 * earlier sessions whose D major takes the pianist corrected to the left hand, then a session
 * with the scale played once in the left hand's register (the history makes it certain) and once
 * in the right hand's (the history turns the guess to the left hand, still flagged); opens it at
 * 1280x720, photographs it, confirms the flagged take's hand and photographs it again.
 */
import { join } from 'node:path';
import { transposed } from '../../core/align/transpose';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes } from '../../core/midi/smf';
import { openStore } from '../../electron/store/index';
import { concatenate, perform } from '../support/performer';
import { openFirstSessionReport } from './report-page';
import { screenshotRun } from './screenshot-run';

const { outDir, work, rendererDir } = await screenshotRun('evenkeys-take-hand-history-');
const dbPath = join(work, 'evenkeys.sqlite');
const seed = await openStore({ path: dbPath });
const clara = seed.createProfile({ name: 'Clara' });
const rh = getExercise('scale-d-major-rh-2oct');
const lhMoved = rh ? transposed(rh, -12) : null;
if (!rh || !lhMoved) throw new Error('missing exercise');
const record = (startedAt: string, notes: Parameters<typeof messagesFromNotes>[0]): number => {
  const writer = seed.startRecording({ profileId: clara.id, startedAt });
  for (const message of messagesFromNotes(notes)) writer.push(message);
  return writer.close('complete').id;
};
for (const [day, seedNumber] of [[3, 1], [4, 2], [5, 3]] as const) {
  const id = record(`2026-11-0${day}T17:00:00.000Z`, perform(rh, { seed: seedNumber, bpm: 96, startMs: 2_000 }).notes);
  seed.setTakeHand(id, 0, 'left');
}
// Today: the scale an octave lower (the left hand's register), then where the right hand plays.
const today = concatenate([perform(lhMoved, { seed: 7, bpm: 96, startMs: 2_000 }), perform(rh, { seed: 8, bpm: 96, startMs: 20_000 })]);
record('2026-11-06T17:00:00.000Z', today.notes);
seed.close();
const { page, close } = await openFirstSessionReport(dbPath, rendererDir);
const hands = page.getByTestId('take-hand');
await hands.first().waitFor();
await hands.first().scrollIntoViewIfNeeded();
await page.screenshot({ path: join(outDir, 'take-hand-history-first.png') });
await page.getByText(/^Take 2 ·/).click();
await page.getByRole('button', { name: 'Yes, the left hand' }).waitFor();
await hands.first().scrollIntoViewIfNeeded();
await page.screenshot({ path: join(outDir, 'take-hand-history-flagged.png') });
await page.getByRole('button', { name: 'Yes, the left hand' }).click();
await page.getByRole('button', { name: 'Yes, the left hand' }).waitFor({ state: 'detached' });
await hands.first().scrollIntoViewIfNeeded();
await page.screenshot({ path: join(outDir, 'take-hand-history-confirmed.png') });
await close();
console.log(`Screenshots in ${outDir}`);
