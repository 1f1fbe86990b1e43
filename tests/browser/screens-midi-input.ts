/**
 * Screenshots of what issue 11 shows in the analysis view (not a test):
 * `npx tsx tests/browser/screens-midi-input.ts [OUT_DIR]` (default screenshots/). Seeds two live
 * sessions: one whose keyboard was unplugged mid-scale with a key held down, one recorded on a
 * 100 ms clock; opens each at 1280x720.
 */
import { join } from 'node:path';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes } from '../../core/midi/smf';
import { openBackend } from '../../electron/backend/backend';
import { startWebHost } from '../../electron/backend/web-host';
import { openStore } from '../../electron/store/index';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import { performRepetitions } from '../support/performer';
import { launchChromium } from './harness';
import { screenshotRun } from './screenshot-run';

const { outDir, work, rendererDir } = await screenshotRun('evenkeys-screens-11-');

const dbPath = join(work, 'evenkeys.sqlite');
let clock = new Date(Date.UTC(2026, 10, 20, 18));
const seed = await openStore({ path: dbPath, now: () => clock });
const clara = seed.createProfile({ name: 'Clara' });
const scale = getExercise('scale-c-major-rh-2oct');
if (scale === undefined) throw new Error('missing exercise');

// Session 1: a cable dropout in the middle of the second take, the 11th note held at that moment.
{
  const notes = performRepetitions(scale, 2, { seed: 31, startMs: 2_000 }).notes;
  const held = notes[29 + 10] as (typeof notes)[number];
  const back = notes[29 + 17] as (typeof notes)[number];
  const gap = { startMs: held.onsetMs + 60, endMs: back.onsetMs - 20 };
  const messages = messagesFromNotes(notes);
  const writer = seed.startRecording({ profileId: clara.id, device: { name: 'Digital Piano', manufacturer: 'Roland' } });
  for (const message of messages.filter((m) => m.timeMs <= gap.startMs)) writer.push({ ...message, port: 'Digital Piano' });
  writer.deviceDisconnected('Digital Piano', gap.startMs);
  writer.deviceReconnected('Digital Piano', gap.endMs);
  for (const message of messages.filter((m) => m.timeMs >= gap.endMs)) writer.push({ ...message, port: 'Digital Piano' });
  clock = new Date(clock.getTime() + 60_000);
  writer.close('complete', clock);
}
// Session 2: the same playing through a browser whose clock is reduced to 100 ms steps.
{
  clock = new Date(Date.UTC(2026, 10, 21, 18));
  const notes = performRepetitions(scale, 2, { seed: 32, startMs: 2_000 }).notes;
  const writer = seed.startRecording({ profileId: clara.id, device: { name: 'Digital Piano', manufacturer: 'Roland' } });
  for (const message of messagesFromNotes(notes)) writer.push({ ...message, timeMs: Math.floor(message.timeMs / 100) * 100, port: 'Digital Piano' });
  clock = new Date(clock.getTime() + 60_000);
  writer.close('complete', clock);
}
seed.close();

const backend = await openBackend({ dbPath });
const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
const context = await launchChromium();
await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [{ id: 'in-1', name: 'Digital Piano', manufacturer: 'Roland' }] }) });
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 720 });
await page.goto(host.url);
await page.getByRole('heading', { name: 'Sessions' }).waitFor();
const rows = page.getByRole('row');
for (const index of [1, 2]) {
  await rows.nth(index).click();
  await page.getByRole('heading', { name: /^Session of / }).waitFor();
  const name = (await page.locator('.input-notices .notice').count()) > 0 ? 'device-gap' : 'coarse-clock';
  if (name === 'device-gap') {
    // The take the dropout interrupted.
    const tabs = page.getByRole('tab');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      if ((await page.locator('.notice-device').count()) > 0) break;
    }
  }
  await page.locator('.analysis').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(outDir, `issue11-${name}.png`) });
  await page.locator('.analysis').screenshot({ path: join(outDir, `issue11-${name}-analysis.png`) });
}
await context.close();
await host.close();
backend.close();
console.log(`Screenshots in ${outDir}`);
