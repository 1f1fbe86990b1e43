/**
 * Screenshots of issue 16's UI states (not a test): `npx tsx tests/browser/screens-issue16.ts [OUT_DIR]`.
 * A session whose analysis failed (the error with "Analyse again"), and a second tab refused
 * while the first records.
 */
import { join } from 'node:path';
import { openBackend } from '../../electron/backend/backend';
import { startWebHost } from '../../electron/backend/web-host';
import { openStore } from '../../electron/store/index';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import { launchChromium } from './harness';
import { screenshotRun } from './screenshot-run';

const { outDir, work, rendererDir } = await screenshotRun('evenkeys-screens16-');
const dbPath = join(work, 'evenkeys.sqlite');
const seed = await openStore({
  path: dbPath,
  analyze: () => {
    throw new Error('the analyser ran out of memory');
  },
});
const clara = seed.createProfile({ name: 'Clara' });
const writer = seed.startRecording({ profileId: clara.id });
for (let i = 0; i < 64; i++) writer.push({ bytes: i % 2 === 0 ? [0x90, 60 + (i % 12), 70] : [0x80, 60 + ((i - 1) % 12), 0], timeMs: 1000 + i * 60 });
writer.close();
seed.close();

const backend = await openBackend({ dbPath });
const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
const context = await launchChromium();
await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [{ id: 'in-1', name: 'Digital Piano', manufacturer: 'Roland' }] }) });
const page = await context.newPage();
await page.setViewportSize({ width: 1280, height: 720 });
await page.goto(host.url);
await page.getByRole('heading', { name: 'Sessions' }).waitFor();
await page.getByRole('row').nth(1).click();
await page.getByTestId('analysis-status').waitFor();
await page.screenshot({ path: join(outDir, 'analysis-failed.png') });
await page.getByRole('button', { name: 'Analyse again' }).click();
await page.getByRole('heading', { name: /^Session of / }).waitFor();
await page.waitForTimeout(1500);
await page.screenshot({ path: join(outDir, 'analysis-again.png') });

// Two tabs, one pianist: the first records, the second presses Record.
await page.getByRole('button', { name: /Record/ }).first().click();
await page.waitForTimeout(500);
const second = await context.newPage();
await second.setViewportSize({ width: 1280, height: 720 });
await second.goto(host.origin);
await second.getByRole('heading', { name: 'Sessions' }).waitFor();
await second.getByRole('button', { name: /Record/ }).first().click();
await second.waitForTimeout(800);
await second.screenshot({ path: join(outDir, 'second-tab-refused.png') });
await context.close();
await host.close();
backend.close();
console.log(`Screenshots in ${outDir}`);
