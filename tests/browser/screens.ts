/**
 * Screenshots of the practice screen with a realistic history, for looking at the UI (not a
 * test): `npx tsx tests/browser/screens.ts [OUT_DIR]` (default screenshots/). Seeds a temp
 * database with eight sessions of a pianist over four weeks (scales with a few planted
 * loss-of-control faults), serves a fresh renderer build in browser mode and photographs it.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes } from '../../core/midi/smf';
import { openBackend } from '../../electron/backend/backend';
import { openStore } from '../../electron/store/index';
import { startWebHost } from '../../electron/backend/web-host';
import { injectFaults } from '../support/faults';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import { performRepetitions } from '../support/performer';
import { launchChromium } from './harness';

const outDir = resolve(process.argv[2] ?? 'screenshots');
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'evenkeys-screens-'));
const rendererDir = join(work, 'renderer');
await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true } });

// Seed through the store with a controlled clock, so each session has a real start and end.
const dbPath = join(work, 'evenkeys.sqlite');
let clock = new Date(Date.UTC(2026, 9, 27, 18));
const seed = await openStore({ path: dbPath, now: () => clock });
const clara = seed.createProfile({ name: 'Clara', handSpanCm: 19 });
seed.createProfile({ name: 'Robert' });
const exercise = getExercise('scale-c-major-rh-2oct');
if (exercise === undefined) throw new Error('missing exercise');
const day = 24 * 3600 * 1000;
for (let i = 0; i < 8; i += 1) {
  clock = new Date(Date.UTC(2026, 9, 27, 18) + i * 3.5 * day);
  const clean = performRepetitions(exercise, 3, { seed: 100 + i, bpm: 92, fingers: { 'right-4': { biasMs: 4 + i * 2, jitterMs: 9 + i * 1.5 } } });
  const { performance } = injectFaults(clean, { seed: 7 + i, perTake: i < 5 ? 0 : 1, types: ['late', 'velocity-drop', 'co-activation'], fingers: ['right-4'] });
  const writer = seed.startRecording({ profileId: clara.id, device: { name: 'Digital Piano', manufacturer: 'Roland' } });
  for (const message of messagesFromNotes(performance.notes)) writer.push({ ...message, port: 'Digital Piano' });
  clock = new Date(clock.getTime() + 14 * 60_000 + i * 37_000);
  writer.close('complete');
}
seed.close();
const backend = await openBackend({ dbPath });
const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
const context = await launchChromium();
await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [{ id: 'in-1', name: 'Digital Piano', manufacturer: 'Roland' }] }) });
const page = await context.newPage();
await page.goto(host.url);
await page.getByRole('heading', { name: 'Sessions' }).waitFor();
await page.getByRole('row').nth(1).click();
await page.getByRole('heading', { name: /^Session of / }).waitFor();
await page.screenshot({ path: join(outDir, 'history-wide.png'), fullPage: true });
await page.setViewportSize({ width: 820, height: 1000 });
await page.screenshot({ path: join(outDir, 'history-narrow.png'), fullPage: true });
await context.close();
await host.close();
backend.close();
console.log(`Screenshots in ${outDir}`);
