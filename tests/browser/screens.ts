/**
 * Screenshots of the practice screen with a realistic history, for looking at the UI (not a
 * test): `npx tsx tests/browser/screens.ts [OUT_DIR]` (default screenshots/). Seeds a temp
 * database with eight sessions of a pianist over four weeks (scales with a few planted
 * loss-of-control faults), serves a fresh renderer build in browser mode and photographs it.
 */
import { join } from 'node:path';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes } from '../../core/midi/smf';
import { openBackend } from '../../electron/backend/backend';
import { openStore } from '../../electron/store/index';
import { startWebHost } from '../../electron/backend/web-host';
import { injectFaults } from '../support/faults';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import { performRepetitions } from '../support/performer';
import { launchChromium } from './harness';
import { screenshotRun } from './screenshot-run';

const { outDir, work, rendererDir } = await screenshotRun('evenkeys-screens-');

// Seed through the store with a controlled clock, so each session has a real start and end, as a
// live one does: Record pressed, a few seconds before the first note, the exercises with pauses
// between takes, a few seconds after the last note, Stop. Each session: the C major scale four
// times with the right hand, then three times with the left.
const dbPath = join(work, 'evenkeys.sqlite');
let clock = new Date(Date.UTC(2026, 9, 27, 18));
const seed = await openStore({ path: dbPath, now: () => clock });
const clara = seed.createProfile({ name: 'Clara', handSpanCm: 19 });
seed.createProfile({ name: 'Robert' });
const right = getExercise('scale-c-major-rh-2oct');
const left = getExercise('scale-c-major-lh-2oct');
if (right === undefined || left === undefined) throw new Error('missing exercise');
const practiceTimes = [[18, 40], [19, 15], [7, 50], [20, 5], [18, 20], [19, 45], [17, 55], [20, 30]] as const;
for (let i = 0; i < 8; i += 1) {
  const [hour, minute] = practiceTimes[i] ?? [18, 0];
  const startedAt = Date.UTC(2026, 9, 27 + Math.round(i * 3.5), hour, minute);
  const bpm = 88 + (i % 3) * 4;
  const rightHand = performRepetitions(right, 4, { seed: 100 + i, bpm, startMs: 2_000, fingers: { 'right-4': { biasMs: 4 + i * 2, jitterMs: 9 + i * 1.5 } } }, 4_000 + i * 500);
  const { performance: faulty } = injectFaults(rightHand, { seed: 7 + i, perTake: i < 5 ? 0 : 1, types: ['late', 'velocity-drop', 'co-activation'], fingers: ['right-4'] });
  const rightEnd = Math.max(...faulty.notes.map((n) => n.offsetMs));
  const leftHand = performRepetitions(left, 3, { seed: 200 + i, bpm, startMs: rightEnd + 14_000 + i * 1_000 }, 5_000);
  const messages = [...messagesFromNotes(faulty.notes), ...messagesFromNotes(leftHand.notes)];
  const firstMs = messages[0]?.timeMs ?? 0;
  const lastMs = messages.at(-1)?.timeMs ?? firstMs;
  const leadInMs = 6_000 + i * 1_700;
  clock = new Date(startedAt);
  const writer = seed.startRecording({ profileId: clara.id, device: { name: 'Digital Piano', manufacturer: 'Roland' } });
  for (const message of messages) writer.push({ ...message, port: 'Digital Piano' });
  // Session 6 ends the way a closed tab does: interrupted, at its last saved note.
  const interrupted = i === 5;
  clock = new Date(startedAt + leadInMs + (lastMs - firstMs) + (interrupted ? 0 : 4_000 + i * 600));
  writer.close(interrupted ? 'interrupted' : 'complete', clock);
}
seed.close();
const backend = await openBackend({ dbPath });
const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
const context = await launchChromium();
await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [{ id: 'in-1', name: 'Digital Piano', manufacturer: 'Roland' }] }) });
const page = await context.newPage();
await page.goto(host.url);
await page.getByRole('heading', { name: 'Practice' }).waitFor();
await page.screenshot({ path: join(outDir, 'practice-wide.png') });
await page.getByRole('link', { name: 'Report' }).click();
await page.getByRole('heading', { name: 'Sessions' }).waitFor();
await page.getByRole('row').nth(1).click();
await page.getByRole('heading', { name: /^Session of / }).waitFor();
await page.screenshot({ path: join(outDir, 'history-wide.png'), fullPage: true });
// One direction of the per-finger table, and an event opened to show its evidence.
await page.getByRole('button', { name: 'Up', exact: true }).click();
const events = page.locator('.event summary');
if ((await events.count()) > 0) await events.first().click();
await page.locator('.take').screenshot({ path: join(outDir, 'take-up-evidence.png') });
await page.locator('.repetitions').screenshot({ path: join(outDir, 'repetitions.png') });
await page.setViewportSize({ width: 820, height: 1000 });
await page.screenshot({ path: join(outDir, 'history-narrow.png'), fullPage: true });
await page.setViewportSize({ width: 400, height: 860 });
await page.screenshot({ path: join(outDir, 'history-mobile.png'), fullPage: true });
await page.locator('.sessions').screenshot({ path: join(outDir, 'mobile-sessions.png') });
await page.locator('.take').screenshot({ path: join(outDir, 'mobile-take.png') });
const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
if (overflow > 0) console.warn(`mobile layout is ${overflow} px wider than the 400 px window`);
await context.close();
await host.close();
backend.close();
console.log(`Screenshots in ${outDir}`);
