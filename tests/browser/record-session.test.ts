// Done-when test: browser mode from a clean build, a profile created through the UI, a session
// recorded from a fake Web MIDI input replaying an SMF, read back from the store bit-exact.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { getExercise } from '../../core/exercises/index';
import { messagesFromNotes, readSmf, writeSmf } from '../../core/midi/smf';
import { openStore } from '../../electron/store/index';
import { perform } from '../support/performer';
import type { FakeWebMidiControl } from '../support/fake-web-midi';
import { startAppWithFakeMidi } from './harness';
import type { RunningWebMode } from './harness';

declare global {
  interface Window {
    __fakeMidi: FakeWebMidiControl;
  }
}

const INPUT = { id: 'fake-input-1', name: 'Evenkeys Test Piano', manufacturer: 'Evenkeys' };
/** Screenshots for humans (gitignored); SCREENSHOT_DIR overrides. */
const screenshotDir = resolve(process.env.SCREENSHOT_DIR ?? 'screenshots');

/** From any screen: the practice screen, metronome off (no count-in), Start. */
async function startRecording(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Practice' }).click();
  await page.getByRole('heading', { name: 'Practice' }).waitFor();
  const metronome = page.getByRole('checkbox', { name: 'Metronome' });
  if (await metronome.isChecked()) await metronome.uncheck();
  await page.getByRole('button', { name: 'Start' }).click();
}

/** A scale performance written as an SMF with an odd tempo/ppq, so times are long fractions. */
function makeSmf(dir: string): string {
  const exercise = getExercise('scale-c-major-rh-2oct');
  if (exercise === undefined) throw new Error('exercise scale-c-major-rh-2oct missing from the library');
  const performance = perform(exercise, { seed: 20261124, bpm: 88 });
  const path = join(dir, 'scale.mid');
  writeFileSync(path, writeSmf(messagesFromNotes(performance.notes), { bpm: 97, ppq: 480 }));
  return path;
}

describe('browser mode: record a session from (fake) Web MIDI', () => {
  let work: string;
  let web: RunningWebMode | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];

  // A missing Chromium must FAIL every test with the install hint, not show up as "skipped"
  // (which is what a throwing beforeAll looks like in the report).
  let setupError: unknown;
  const ready = () => {
    if (setupError !== undefined) throw setupError;
  };

  beforeAll(async () => {
    try {
      mkdirSync(screenshotDir, { recursive: true });
      ({ work, web, context, page } = await startAppWithFakeMidi({ prefix: 'evenkeys-browser-', inputs: [INPUT], errors: consoleErrors }));
    } catch (error) {
      setupError = error;
    }
  });

  afterAll(async () => {
    await context?.close();
    await web?.stop();
  });

  it('records through the UI and stores every timestamp exactly as in the file', async () => {
    ready();
    try {
      await recordAndCheck();
    } catch (error) {
      await page.screenshot({ path: join(screenshotDir, 'failure.png'), fullPage: true }).catch(() => {});
      throw error;
    }
  });

  async function recordAndCheck(): Promise<void> {
    if (web === undefined) throw new Error('browser mode did not start');
    const smf = readSmf(readFileSync(makeSmf(work)));
    expect(smf.messages.length).toBeGreaterThan(50);
    // The fixture really exercises exactness: most times are not short decimals.
    expect(smf.messages.filter((m) => String(m.timeMs).length > 12).length).toBeGreaterThan(10);

    await page.goto(web.url);
    // The token was traded for the cookie and dropped from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('heading', { name: 'Who is practising?' }).waitFor();
    await page.screenshot({ path: join(screenshotDir, '1-welcome.png') });

    // Browser mode: no preload bridge, so the UI's API object is the HTTP transport.
    expect(await page.evaluate(() => window.evenkeys === undefined)).toBe(true);
    await page.getByLabel('Your name').fill('Test Pianist');
    await page.getByRole('button', { name: 'Create profile' }).click();

    await page.getByRole('heading', { name: 'Practice' }).waitFor();
    await expect.poll(() => page.getByLabel('Keyboard').inputValue()).toBe(INPUT.name);
    await page.screenshot({ path: join(screenshotDir, '2-ready.png') });

    await startRecording(page);
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    const delivered = await page.evaluate(
      ({ id, messages }) => window.__fakeMidi.play(id, messages),
      { id: INPUT.id, messages: smf.messages.map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs })) },
    );
    expect(delivered).toBe(smf.messages.length);
    const noteOns = smf.messages.filter((m) => (m.bytes[0] ?? 0) >> 4 === 9 && (m.bytes[2] ?? 0) > 0).length;
    await expect.poll(() => page.getByTestId('live-notes').textContent(), { timeout: 10_000 }).toBe(String(noteOns));
    await page.screenshot({ path: join(screenshotDir, '3-recording.png') });

    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('heading', { name: /^Session of / }).waitFor();
    await expect.poll(() => page.getByTestId('analysis-notes').textContent()).toBe(String(noteOns));
    await page.screenshot({ path: join(screenshotDir, '4-analysis.png'), fullPage: true });

    expect(consoleErrors).toEqual([]);
    // Read the store directly, next to the running host (SQLite WAL: readers never block it).
    const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
    try {
      const profiles = store.listProfiles();
      expect(profiles.map((p) => p.name)).toEqual(['Test Pianist']);
      const sessions = store.listSessions(profiles[0]?.id ?? -1);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.status).toBe('complete');
      const raw = store.readRawEvents(sessions[0]?.id ?? -1);
      expect(raw).toHaveLength(smf.messages.length);
      raw.forEach((event, i) => {
        const expected = smf.messages[i];
        if (expected === undefined) throw new Error(`extra stored event ${i}`);
        if (!Object.is(event.timeMs, expected.timeMs)) {
          throw new Error(`event ${i}: stored timeMs ${event.timeMs} differs from the file's ${expected.timeMs}`);
        }
        expect(Array.from(event.bytes)).toEqual(Array.from(expected.bytes));
        expect(event.port).toBe(INPUT.name);
      });
      const devices = store.listDevices();
      expect(devices.map((d) => d.name)).toEqual([INPUT.name]);
    } finally {
      store.close();
    }
  }

  it('follows the keyboard across an unplug/replug: one session, the gap recorded, nothing lost', async () => {
    ready();
    const smf = readSmf(readFileSync(join(work, 'scale.mid')));
    const messages = smf.messages.map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs + 60_000 }));
    const half = Math.floor(messages.length / 2);
    await startRecording(page);
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.evaluate(({ id, part }) => window.__fakeMidi.play(id, part), { id: INPUT.id, part: messages.slice(0, half) });
    await page.evaluate((id) => window.__fakeMidi.removeInput(id), INPUT.id);
    await page.getByText('The keyboard was disconnected').waitFor();
    await page.screenshot({ path: join(screenshotDir, '5-unplugged.png') });
    // Back with a new port id (as after a real replug): the app finds it by name.
    const replugged = { ...INPUT, id: 'fake-input-2' };
    await page.evaluate((spec) => window.__fakeMidi.addInput(spec), replugged);
    await page.getByText('The keyboard was disconnected').waitFor({ state: 'detached' });
    await page.evaluate(({ id, part }) => window.__fakeMidi.play(id, part), { id: replugged.id, part: messages.slice(half) });
    const noteOns = messages.filter((m) => (m.bytes[0] ?? 0) >> 4 === 9 && (m.bytes[2] ?? 0) > 0).length;
    await expect.poll(() => page.getByTestId('live-notes').textContent(), { timeout: 10_000 }).toBe(String(noteOns));
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('heading', { name: /^Session of / }).waitFor();
    await expect.poll(() => page.getByTestId('analysis-notes').textContent()).toBe(String(noteOns));

    const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
    try {
      const [profile] = store.listProfiles();
      const sessions = store.listSessions(profile?.id ?? -1);
      expect(sessions.map((x) => x.status)).toEqual(['complete', 'complete']);
      const second = sessions[1]?.id ?? -1;
      const raw = store.readRawEvents(second);
      expect(raw.map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
      const gaps = store.listGaps(second);
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ port: INPUT.name, afterSeq: half - 1 });
      expect(gaps[0]?.reconnectedAtMs).toBeGreaterThanOrEqual(gaps[0]?.disconnectedAtMs ?? Infinity);
    } finally {
      store.close();
    }
    expect(consoleErrors).toEqual([]);
  });

  it('adds a note to the session and exports it as a MIDI file', async () => {
    ready();
    await page.getByLabel('Add a note').fill('Fourth finger felt heavy today');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Fourth finger felt heavy today').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export MIDI' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^evenkeys-session-2-.*\.mid$/);
    const path = await download.path();
    const exported = readSmf(readFileSync(path));
    expect(exported.messages.length).toBe(readSmf(readFileSync(join(work, 'scale.mid'))).messages.length);
    await page.screenshot({ path: join(screenshotDir, '6-history.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('a reload mid-recording loses nothing and leaves no session stuck in recording', async () => {
    ready();
    const smf = readSmf(readFileSync(join(work, 'scale.mid')));
    const messages = smf.messages.map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs + 120_000 }));
    await startRecording(page);
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    // The page reloads right after the last message, before the batcher's next 100 ms send.
    const reloaded = await page
      .evaluate(async ({ id, all }) => {
        await window.__fakeMidi.play(id, all);
        window.location.reload();
        return 'reloading';
      }, { id: 'fake-input-2', all: messages }) // the replugged keyboard of the test above
      .catch((error: unknown) => (String(error).includes('context was destroyed') ? 'reloading' : String(error)));
    expect(reloaded).toBe('reloading');
    await page.getByRole('link', { name: 'Report' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();

    const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
    try {
      const [profile] = store.listProfiles();
      await expect.poll(() => store.listSessions(profile?.id ?? -1).at(-1)?.status, { timeout: 10_000 }).toBe('interrupted');
      const last = store.listSessions(profile?.id ?? -1).at(-1);
      expect(store.readRawEvents(last?.id ?? -1).map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
    } finally {
      store.close();
    }
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Interrupted');
  });

  it('a reload after every message was acknowledged still ends the session as interrupted', async () => {
    ready();
    const smf = readSmf(readFileSync(join(work, 'scale.mid')));
    const messages = smf.messages.map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs + 180_000 }));
    await startRecording(page);
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.evaluate(({ id, all }) => window.__fakeMidi.play(id, all), { id: INPUT.id, all: messages }); // the init script's input again, after the reload above
    const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
    try {
      const [profile] = store.listProfiles();
      const sessionId = store.listSessions(profile?.id ?? -1).at(-1)?.id ?? -1;
      // Everything saved (and so acknowledged) before the page goes: nothing left in its queue.
      await expect.poll(() => store.countRawEvents(sessionId), { timeout: 10_000 }).toBe(messages.length);
      await page.reload();
      await expect.poll(() => store.getSession(sessionId).status, { timeout: 10_000 }).toBe('interrupted');
      expect(store.readRawEvents(sessionId).map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
    } finally {
      store.close();
    }
    await page.getByRole('link', { name: 'Report' }).click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Interrupted');
    expect(consoleErrors).toEqual([]);
  });

  it('stops cleanly on SIGTERM', async () => {
    ready();
    expect(await web?.stop()).toBe(0);
    web = undefined;
  });
});
