// Done-when test for the practice loop (issue 10), in Debian Chromium with the fake Web MIDI:
// the clinical preset, a count-in on the real metronome, two octaves of C major with R4 late by
// 20 ms (the live bars lean on R4, the report names R4), unplug and replug mid-take, and the
// `MIDIIN2 (Digital Piano)` port listed before `Digital Piano`. Screenshots of every screen at
// 1280x720 go to screenshots/ (SCREENSHOT_DIR overrides).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { clinicalScale } from '../../core/exercises/clinical';
import { messagesFromNotes } from '../../core/midi/smf';
import { openStore } from '../../electron/store/index';
import { fakeWebMidiInitScript } from '../support/fake-web-midi';
import type { FakeWebMidiControl } from '../support/fake-web-midi';
import { performRepetitions } from '../support/performer';
import { launchChromium, startAppWithFakeMidi } from './harness';
import type { RunningWebMode } from './harness';

declare global {
  interface Window {
    __fakeMidi: FakeWebMidiControl;
  }
}

const PIANO = { id: 'piano-1', name: 'Digital Piano', manufacturer: 'Roland' };
const screenshotDir = resolve(process.env.SCREENSHOT_DIR ?? 'screenshots');

/** One clinical-scale repetition (29 notes) with R4 late by 20 ms, on the page's clock from `startMs`. */
function r4Late(startMs: number, seed: number) {
  const performance = performRepetitions(clinicalScale('right'), 1, { seed, startMs, style: { jitterMs: 3 }, fingers: { 'right-4': { biasMs: 20 } } });
  return messagesFromNotes(performance.notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));
}

describe('practice loop in Chromium', () => {
  let work: string;
  let web: RunningWebMode | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const errors: string[] = [];
  let setupError: unknown;
  const ready = () => {
    if (setupError !== undefined) throw setupError;
  };

  beforeAll(async () => {
    try {
      mkdirSync(screenshotDir, { recursive: true });
      ({ work, web, context, page } = await startAppWithFakeMidi({ prefix: 'evenkeys-practice-', inputs: [PIANO], errors, viewport: { width: 1280, height: 720 } }));
    } catch (error) {
      setupError = error;
    }
  });

  afterAll(async () => {
    await context?.close();
    await web?.stop();
  });

  it('clinical preset, count-in, R4 late: live bars lean on R4, across an unplug; the report names R4', async () => {
    ready();
    if (web === undefined) throw new Error('browser mode did not start');
    try {
      await page.goto(web.url);
      await page.getByLabel('Your name').fill('Clara');
      await page.getByRole('button', { name: 'Create profile' }).click();
      await page.getByRole('heading', { name: 'Practice' }).waitFor();
      await page.getByRole('radio', { name: 'Clinical test' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2, name: /^Clinical scale test: C major, right hand/ }).count()).toBe(1);
      await expect.poll(() => page.getByLabel('Keyboard', { exact: true }).inputValue()).toBe(PIANO.name);
      await page.screenshot({ path: join(screenshotDir, 'practice-1280.png') });

      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByTestId('count-in').waitFor();
      await expect.poll(async () => Number(await page.getByTestId('visual-beat').getAttribute('data-beat'))).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshotDir, 'practice-count-in-1280.png') });
      await page.getByTestId('count-in').waitFor({ state: 'detached', timeout: 10_000 });

      const t0 = await page.evaluate(() => performance.now());
      const first = r4Late(t0 + 200, 1);
      await page.evaluate(({ id, all }) => window.__fakeMidi.play(id, all), { id: PIANO.id, all: first });
      await expect.poll(() => page.getByTestId('live-notes').textContent()).toBe('29');
      await expect.poll(async () => Number(await page.getByTestId('live-bar-R4').getAttribute('data-mean'))).toBeGreaterThan(12);
      const means = await page.locator('[data-testid^="live-bar-"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-testid'), Number(r.getAttribute('data-mean'))] as const));
      for (const [id, mean] of means) if (id !== 'live-bar-R4') expect(Math.abs(mean), String(id)).toBeLessThan(8);
      await expect.poll(() => page.getByTestId('live-leaning').textContent()).toContain('R4 leans late');
      await page.screenshot({ path: join(screenshotDir, 'practice-live-1280.png') });

      // Unplugged mid-take, and back under a new port id: the take goes on.
      await page.evaluate((id) => window.__fakeMidi.removeInput(id), PIANO.id);
      await page.getByText('The keyboard was disconnected').waitFor();
      await page.evaluate((spec) => window.__fakeMidi.addInput(spec), { ...PIANO, id: 'piano-2' });
      await page.getByText('The keyboard was disconnected').waitFor({ state: 'detached' });
      const t1 = await page.evaluate(() => performance.now());
      // play() delivers at once with the given timestamps: the second repetition starts after the first ends.
      const firstEnd = first.at(-1)?.timeMs ?? t1;
      await page.evaluate(({ id, all }) => window.__fakeMidi.play(id, all), { id: 'piano-2', all: r4Late(Math.max(t1, firstEnd) + 1500, 2) });
      await expect.poll(() => page.getByTestId('live-notes').textContent()).toBe('58');

      // Space stops; the report opens with R4 named.
      await page.locator('body').press('Space');
      await page.getByRole('heading', { name: /^Session of / }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId('report-leaning').textContent()).toMatch(/^R4 ring is late/);
      await expect.poll(() => page.getByTestId('take-summary').first().textContent()).toContain('0 wrong');
      await page.screenshot({ path: join(screenshotDir, 'report-1280.png') });
      await page.screenshot({ path: join(screenshotDir, 'report-full.png'), fullPage: true });
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: /^Take 2 / }).and(page.locator('[aria-selected="true"]')).waitFor();

      const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
      try {
        const [profile] = store.listProfiles();
        const session = store.listSessions(profile?.id ?? -1).at(-1);
        expect(store.getSession(session?.id ?? -1).exerciseId).toBe('clinical-scale-rh');
        const clicks = store.listClicks(session?.id ?? -1);
        expect(clicks.filter((c) => c.countIn).length).toBe(4);
        // Clicks are a steady 500 ms apart (120 bpm beats) on the MIDI clock.
        const gaps = clicks.slice(1).map((c, i) => c.timeMs - (clicks[i]?.timeMs ?? 0));
        for (const gap of gaps.slice(0, 20)) expect(Math.abs(gap - 500)).toBeLessThan(2);
        expect(store.readRawEvents(session?.id ?? -1).length).toBe(116);
      } finally {
        store.close();
      }

      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('heading', { name: 'Sessions' }).waitFor();
      await page.screenshot({ path: join(screenshotDir, 'report-sessions-1280.png') });
      await page.setViewportSize({ width: 400, height: 860 });
      await page.getByRole('link', { name: 'Practice' }).click();
      await page.getByRole('heading', { name: 'Practice' }).waitFor();
      await page.screenshot({ path: join(screenshotDir, 'practice-400.png'), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 720 });
      expect(errors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: join(screenshotDir, 'practice-failure.png'), fullPage: true }).catch(() => {});
      throw error;
    }
  });

  it('MIDIIN2 (Digital Piano) listed before Digital Piano: the chosen port captures every message', async () => {
    ready();
    if (web === undefined) throw new Error('browser mode did not start');
    const other = await launchChromium();
    try {
      await other.addInitScript({
        content: fakeWebMidiInitScript({ inputs: [{ id: 'midiin2', name: 'MIDIIN2 (Digital Piano)', manufacturer: 'Roland' }, { id: 'piano', name: 'Digital Piano', manufacturer: 'Roland' }] }),
      });
      const p = await other.newPage();
      await p.goto(web.url);
      await p.getByRole('heading', { name: 'Practice' }).waitFor();
      await p.getByLabel('Keyboard', { exact: true }).selectOption('Digital Piano');
      await p.getByRole('checkbox', { name: 'Metronome' }).uncheck();
      await p.getByRole('button', { name: 'Start' }).click();
      await p.getByRole('button', { name: 'Stop' }).waitFor();
      const t0 = await p.evaluate(() => performance.now());
      const messages = r4Late(t0 + 100, 3);
      await p.evaluate(({ all }) => window.__fakeMidi.play('piano', all), { all: messages });
      await expect.poll(() => p.getByTestId('live-notes').textContent()).toBe('29');
      await p.getByRole('button', { name: 'Stop' }).click();
      await p.getByRole('heading', { name: /^Session of / }).waitFor({ timeout: 20_000 });
      const store = await openStore({ path: join(work, 'evenkeys.sqlite'), readOnly: true });
      try {
        const [profile] = store.listProfiles();
        const session = store.listSessions(profile?.id ?? -1).at(-1);
        const raw = store.readRawEvents(session?.id ?? -1);
        expect(raw.map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
        expect(new Set(raw.map((e) => e.port))).toEqual(new Set(['Digital Piano']));
      } finally {
        store.close();
      }
    } finally {
      await other.close();
    }
  });
});
