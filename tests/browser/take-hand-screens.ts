/**
 * Screenshots of the take-hand control (issue 12), for looking at the UI (not a test):
 * `npx tsx tests/browser/take-hand-screens.ts [OUT_DIR]`. Seeds one session with a right-hand
 * scale (hand uncertain from pitch alone), opens it at 1280x720, photographs the take, corrects
 * the hand and photographs it again.
 */
import { join } from 'node:path';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes } from '../../core/midi/smf';
import { openStore } from '../../electron/store/index';
import { performRepetitions } from '../support/performer';
import { openFirstSessionReport } from './report-page';
import { screenshotRun } from './screenshot-run';

const { outDir, work, rendererDir } = await screenshotRun('evenkeys-take-hand-');
const dbPath = join(work, 'evenkeys.sqlite');
const seed = await openStore({ path: dbPath });
const clara = seed.createProfile({ name: 'Clara' });
const scale = getExercise('scale-d-major-rh-2oct');
if (!scale) throw new Error('missing exercise');
const writer = seed.startRecording({ profileId: clara.id });
for (const message of messagesFromNotes(performRepetitions(scale, 2, { seed: 3, bpm: 96, startMs: 2_000 }).notes)) writer.push(message);
writer.close('complete');
seed.close();
const { page, close } = await openFirstSessionReport(dbPath, rendererDir);
await page.screenshot({ path: join(outDir, 'take-hand-uncertain.png') });
await page.getByRole('button', { name: 'Played with the left hand' }).click();
await page.getByText('Played with the right hand').waitFor();
await page.screenshot({ path: join(outDir, 'take-hand-corrected.png') });
await close();
console.log(`Screenshots in ${outDir}`);
