// Done-when test for issue 9: a seeded profile whose right ring finger (R4) drifts late shows the
// alert in History, the R4 trend leaves its baseline band, and the fingerprint shows the moved
// positions; then the History items one by one (filters, alert lifecycle, practice time, break
// reminder, check-in prompt, baseline progress) and the session lists' per-exercise figures.
// Screenshots at 1280x720 (and 400 px wide) go to screenshots/ (SCREENSHOT_DIR overrides) for a
// human to look at.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { DriftDocument } from '../../core/api/drift';
import { getExercise } from '../../core/exercises/library';
import { messagesFromNotes } from '../../core/midi/smf';
import { openStore } from '../../electron/store/index';
import type { Store } from '../../electron/store/index';
import type { SessionSummary } from '../../electron/store/types';
import { seedDriftHistory } from '../support/drift-seed';
import { concatenate, performRepetitions } from '../support/performer';
import { launchChromium, requireChromium, startWebMode } from './harness';
import type { RunningWebMode } from './harness';

const screenshotDir = resolve(process.env.SCREENSHOT_DIR ?? 'screenshots');

/**
 * A free-practice session, exercise not stated: two takes of the C major scale at 96 bpm, two of
 * the G major arpeggio, one of the scale again at 132 bpm (another tempo band).
 */
function recordMixedSession(store: Store, profileId: number, startedAt: Date, endedAt: Date, seed: number): void {
  const scale = getExercise('scale-c-major-rh-2oct');
  const arpeggio = getExercise('arpeggio-g-major-rh-2oct');
  if (!scale || !arpeggio) throw new Error('library exercise missing');
  const end = (notes: readonly { offsetMs: number }[]) => Math.max(...notes.map((n) => n.offsetMs));
  const a = performRepetitions(scale, 2, { seed, bpm: 96 });
  const b = performRepetitions(arpeggio, 2, { seed: seed + 1, bpm: 72, startMs: end(a.notes) + 4000 });
  const c = performRepetitions(scale, 1, { seed: seed + 2, bpm: 132, startMs: end(b.notes) + 4000 });
  const writer = store.startRecording({ profileId, startedAt, device: { name: 'Stage Piano' } });
  for (const message of messagesFromNotes(concatenate([a, b, c]).notes)) writer.push(message);
  writer.close('complete', endedAt);
}

describe('History: a drifting right ring finger', () => {
  let web: RunningWebMode | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let setupError: unknown;
  let drift: DriftDocument;
  let sessions: SessionSummary[];
  const consoleErrors: string[] = [];
  const ready = () => {
    if (setupError !== undefined) throw setupError;
  };
  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, name) });
  /** Scrolls to the top once any smooth scroll ("Show the evidence") has finished. */
  const toTop = async () => {
    await page.waitForFunction(() => new Promise((done) => {
      let last = window.scrollY;
      const check = () => requestAnimationFrame(() => (window.scrollY === last ? done(true) : ((last = window.scrollY), check())));
      setTimeout(check, 100);
    }));
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await page.waitForFunction(() => window.scrollY === 0);
  };

  beforeAll(async () => {
    try {
      requireChromium();
      const work = mkdtempSync(join(tmpdir(), 'evenkeys-history-'));
      mkdirSync(screenshotDir, { recursive: true });
      const dbPath = join(work, 'evenkeys.sqlite');
      const store = await openStore({ path: dbPath, dailyBackup: false });
      const { profileId } = seedDriftHistory(store, { profile: 'Clara', sessions: 26, seed: 3, drift: { hand: 'right', finger: 4, from: 12, msPerSession: 2.5 } });
      // Free practice after the clinical sessions: one a few days later, one that has run for
      // 55 minutes and ended just now (for the break reminder).
      recordMixedSession(store, profileId, new Date('2026-10-06T17:00:00Z'), new Date('2026-10-06T17:25:00Z'), 41);
      const now = Date.now();
      recordMixedSession(store, profileId, new Date(now - 56 * 60_000), new Date(now - 60_000), 51);
      // A pianist still building a baseline, and one who has not played yet.
      seedDriftHistory(store, { profile: 'Ben', sessions: 6, seed: 4 });
      store.ensureProfile('Dora');
      drift = store.drift(profileId);
      sessions = store.listSessions(profileId);
      store.close();
      web = await startWebMode({ outDir: join(work, 'dist'), dbPath });
      context = await launchChromium();
      page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      await page.goto(web.url);
      await page.getByLabel('Pianist').selectOption({ label: 'Clara' });
    } catch (error) {
      setupError = error;
    }
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await web?.stop();
  });

  it('shows the alert naming R4 and the R4 trend beyond its band', async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History' }).click();
    expect(new URL(page.url()).hash).toBe('#/history');
    await page.getByTestId('drift-alert').first().waitFor({ timeout: 30_000 });
    for (const text of await page.getByTestId('drift-alert').allTextContents()) expect(text).not.toMatch(/diagnos|dystonia/i);
    // One alert per direction (ascending, descending) can name R4; the first is enough here.
    const alert = page.getByTestId('drift-alert').filter({ hasText: 'right ring finger (R4) has been about' }).first();
    expect(await page.getByTestId('drift-alert').filter({ hasText: 'right ring finger (R4)' }).count()).toBeGreaterThanOrEqual(1);
    expect(await alert.textContent()).toMatch(/later than your baseline/);
    await shot('history-alerts.png');

    await alert.getByRole('button', { name: 'Show the evidence' }).click();
    const r4 = page.locator('figure.trend[data-finger="4"]');
    await r4.waitFor();
    expect(await r4.getAttribute('class')).toContain('focused');
    // The R4 trend has left its band: its latest EWMA is above the upper control limit.
    const latest = Number(await r4.getAttribute('data-latest-trend'));
    const upper = Number(await r4.getAttribute('data-upper'));
    expect(Number.isFinite(latest) && Number.isFinite(upper)).toBe(true);
    expect(latest).toBeGreaterThan(upper);
    // The charted series' points are fetched on their own (getDriftPoints), then drawn.
    await r4.locator('canvas').waitFor();
    expect(await r4.locator('canvas').count()).toBe(1);
    // Each series says how far its baseline is.
    expect(await r4.getByTestId('baseline-progress').textContent()).toMatch(/^baseline 10 of 10 sessions · smallest detectable \d+\.\d ms$/);
    // One chart per finger that plays this direction (the little finger only turns the scale round).
    const direction = (await r4.getAttribute('data-series'))?.split('|')[2];
    const fingers = new Set(drift.series.filter((s) => s.family === 'scale:C:major:right:parallel' && s.metric === 'onset-mean' && s.direction === direction).map((s) => s.finger));
    expect(fingers.has(4)).toBe(true);
    expect(await page.locator('figure.trend').count()).toBe(fingers.size);
    await r4.scrollIntoViewIfNeeded();
    await shot('history-r4-trend.png');
    expect(consoleErrors).toEqual([]);
  });

  it('shows the fingerprint of the exercise in the filters, in plain words, coloured by finger', async () => {
    ready();
    const expected = drift.fingerprints.find((f) => f.exerciseId === 'clinical-scale-rh' && f.hand === 'right');
    expect(expected?.changed).toBe(true);
    const panel = page.getByTestId('fingerprint');
    const figure = panel.locator('figure.fingerprint[data-exercise="clinical-scale-rh"]');
    await figure.waitFor();
    expect(await figure.getAttribute('data-verdict')).toBe('changed');
    expect(await figure.locator('canvas').count()).toBe(1);
    const text = (await figure.textContent()) ?? '';
    expect(text).toContain(`Correlation ${expected?.correlation?.toFixed(2) ?? 'missing'}`);
    expect(text).toContain(`RMS difference ${expected?.rmsDifferenceMs?.toFixed(1) ?? 'missing'} ms`);
    expect(text).toContain(`Day-to-day variation alone would give about ${expected?.expectedRmsMs?.toFixed(1) ?? 'missing'} ms`);
    // The positions that moved most are R4's.
    expect(text).toMatch(/Moved most: R4 at note \d+ going (up|down) \(\+\d+\.\d ms\), R4 at/);
    expect(text).not.toMatch(/diagnos|dystonia/i);
    // The legend's finger colours are the one Okabe-Ito palette (renderer/fingers.ts): R4 vermillion.
    const r4Dot = figure.locator('.fingerprint-legend li', { hasText: 'R4' }).locator('.dot');
    expect(await r4Dot.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(213, 94, 0)');
    await panel.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('fingerprint')?.scrollIntoView({ block: 'start' }));
    await shot('history-fingerprint.png');

    // Reachable from the filters: the left hand has neither trends nor a fingerprint here.
    await page.getByLabel('Hand', { exact: true }).selectOption('left');
    await panel.getByText('No fingerprint for this exercise and hand yet').waitFor();
    expect(await page.locator('figure.trend').count()).toBe(0);
    await page.getByLabel('Hand', { exact: true }).selectOption('right');
    await figure.waitFor();
  });

  it('filters by exercise, hand, direction and measure', async () => {
    ready();
    await page.getByLabel('Measure', { exact: true }).selectOption('velocity-mean');
    await page.getByLabel('Direction', { exact: true }).selectOption('up');
    expect(await page.locator('figure.trend').count()).toBe(5);
    const keys = await page.locator('figure.trend').evaluateAll((els) => els.map((el) => el.getAttribute('data-series') ?? ''));
    for (const key of keys) expect(key).toMatch(/^scale:C:major:right:parallel\|right\|up\|\d\|velocity-mean\|/);
    // A rate has no direction: the filter says "Both" and is disabled.
    await page.getByLabel('Measure', { exact: true }).selectOption('late-rate');
    expect(await page.getByLabel('Direction', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Measure', { exact: true }).selectOption('onset-mean');
    await page.getByLabel('Direction', { exact: true }).selectOption('down');
    const families = await page.getByLabel('Exercise', { exact: true }).locator('option').allTextContents();
    expect(families.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps what the pianist does with an alert: seen, dismissed with a reason, hidden, a new baseline', async () => {
    ready();
    await toTop();
    const byKey = (part: string) => page.locator(`[data-testid="drift-alert"][data-alert-key*="${part}"]`);
    const up = byKey('|up|4|onset-mean|');
    const down = byKey('|down|4|onset-mean|');
    const ioi = byKey('|up|-|ioi-sd|');
    for (const alert of [up, down, ioi]) await alert.waitFor();

    if ((await ioi.locator('.badge').textContent()) === 'new') {
      await ioi.getByRole('button', { name: 'Mark as seen' }).click();
      await ioi.locator('.badge', { hasText: 'seen' }).waitFor();
    }
    await ioi.getByRole('button', { name: 'Hide' }).click();
    await ioi.waitFor({ state: 'detached' });

    await down.getByRole('button', { name: 'Dismiss…' }).click();
    const reasons = down.getByRole('group', { name: 'Why dismiss this alert?' });
    expect(await reasons.getByRole('button').allTextContents()).toEqual(['I was tired', 'An injury', 'A new piano or keyboard', 'Start a new baseline from here', 'Something else', 'Cancel']);
    await reasons.getByRole('button', { name: 'I was tired' }).click();
    await down.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /Show earlier, dismissed and hidden/ }).click();
    await down.locator('.badge', { hasText: 'dismissed: i was tired' }).waitFor();
    await ioi.locator('.badge', { hasText: 'hidden' }).waitFor();
    await ioi.getByRole('button', { name: 'Show again' }).click();
    await ioi.locator('.badge', { hasText: 'seen' }).waitFor();

    // "Start a new baseline from here": the series starts over after the alert, and the alert resolves.
    await up.getByRole('button', { name: 'Dismiss…' }).click();
    await up.getByRole('button', { name: 'Start a new baseline from here' }).click();
    await up.locator('.badge', { hasText: 'resolved' }).waitFor();
    await up.getByRole('button', { name: 'Show the evidence' }).click();
    const r4up = page.locator('figure.trend[data-finger="4"]');
    await r4up.waitFor();
    expect(await r4up.getAttribute('data-series')).toContain('|up|4|onset-mean|');
    expect(await r4up.getByTestId('baseline-progress').textContent()).toMatch(/^baseline [0-9] of 10 sessions$/);
    expect(consoleErrors).toEqual([]);
  });

  it('shows practice minutes per day and per week, the break reminder and the weekly check-in prompt', async () => {
    ready();
    const practice = page.getByTestId('practice');
    await practice.waitFor();
    expect(await practice.locator('canvas').count()).toBe(1);
    const weeks = await practice.locator('.weeks li:not(.rest)').allTextContents();
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const week of weeks) expect(week).toMatch(/^from .+\d+ min\d+ sessions?$/);
    // The weeks between the clinical sessions and today's show as a break, not as nothing.
    expect(await practice.locator('.weeks li.rest').first().textContent()).toMatch(/\d+ weeks without practice$/);
    const notices = (await page.locator('.gentle').allTextContents()).join('\n');
    expect(drift.practice.breakReminder).toBe(true);
    expect(notices).toMatch(/You have played for about 5\d minutes today without a real pause/);
    expect(notices).toContain('after 45 minutes');
    expect(drift.practice.checkInDue).toBe(true);
    expect(notices).toMatch(/play the check-in: the C major scale over two octaves, each hand, at 8 notes per second/);
    await toTop();
    await shot('history-overview.png');
    await practice.scrollIntoViewIfNeeded();
    await shot('history-practice.png');
    // The prompt leads to the practice screen, where the check-in is one choice.
    await page.getByRole('link', { name: 'Open Practice' }).click();
    expect(new URL(page.url()).hash).toBe('#/practice');
    await page.getByRole('radio', { name: 'Clinical test' }).waitFor();
    // The same reminder, calm and dismissible, where the pianist actually is: the sitting (55 min,
    // ended a minute ago) has passed 45 minutes.
    const note = page.locator('.break-note');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/You have been playing for about 5\d minutes\. When it suits you, a 5-minute pause away from the keys is good for your hands\./);
    await shot('practice-break-reminder.png');
    await note.getByRole('button', { name: 'Not now' }).click();
    await note.waitFor({ state: 'detached' });
  });

  it('lists sessions with per-exercise figures, not one average over unlike takes', async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Report' }).click();
    const rows = page.locator('table.session-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(sessions.length);
    const newest = sessions.at(-1);
    expect(newest?.exercises.map((e) => e.exerciseId)).toEqual(['scale-c-major-rh-2oct', 'arpeggio-g-major-rh-2oct', 'scale-c-major-rh-2oct']);
    const lines = rows.first().getByTestId('session-exercises').locator('li');
    expect(await lines.count()).toBe(3);
    const texts = await lines.allTextContents();
    newest?.exercises.forEach((e, i) => {
      expect(texts[i]).toContain(e.exerciseName);
      expect(texts[i]).toContain(`${e.notesPerSecond?.toFixed(1) ?? 'missing'} notes/s · ${e.takes} ${e.takes === 1 ? 'take' : 'takes'}`);
      expect(texts[i]).toContain(`${e.unevennessMs?.toFixed(1) ?? 'missing'} ms`);
    });
    // The session's average over its unlike takes is shown nowhere in its row.
    expect(await rows.first().textContent()).not.toContain(`${newest?.unevennessMs?.toFixed(1) ?? 'missing'} ms`);
    // The sparkline follows one exercise and tempo band: the clinical scale, played in 26 sessions.
    expect(await page.getByTestId('sparkline').getAttribute('aria-label')).toMatch(/^Unevenness of Clinical scale test: C major, right hand.* over 26 sessions/);
    await toTop();
    await shot('session-list.png');

    // The teacher's list of a student's sessions too.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Teacher' }).click();
    await page.getByRole('button', { name: /^Clara/ }).click();
    const teacherLines = page.locator('table.teacher-sessions tbody tr').first().getByTestId('session-exercises').locator('li');
    await teacherLines.first().waitFor();
    expect(await teacherLines.count()).toBe(3);
    await shot('teacher-sessions.png');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps History and the session list usable 400 px wide', async () => {
    ready();
    await page.setViewportSize({ width: 400, height: 860 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History' }).click();
    await page.getByTestId('drift-alert').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot('history-400.png');
    await page.evaluate(() => document.getElementById('fingerprint')?.scrollIntoView({ block: 'start' }));
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot('history-fingerprint-400.png');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Report' }).click();
    await page.locator('table.session-table tbody tr').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot('session-list-400.png');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('has a plain page on what an alert does and does not mean', async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History' }).click();
    await page.getByRole('button', { name: 'What does an alert mean?' }).click();
    const about = page.getByTestId('about-alerts');
    await about.waitFor();
    const text = (await about.textContent()) ?? '';
    expect(text).toContain('It is not a medical finding');
    expect(text).toContain('performing-arts medicine');
    expect(text).not.toMatch(/diagnos|dystonia/i);
    await shot('history-about.png');
  });

  it('says how far a new baseline is, and has a plain empty state for a pianist without sessions', async () => {
    ready();
    await page.getByLabel('Pianist').selectOption({ label: 'Ben' });
    await page.getByRole('heading', { name: 'History for Ben' }).waitFor();
    await page.getByText('No alerts yet: Evenkeys starts comparing once a baseline is complete').waitFor();
    expect(await page.locator('.baselines li').first().textContent()).toMatch(/6 of 10 sessions$/);
    for (const progress of await page.getByTestId('baseline-progress').allTextContents()) expect(progress).toBe('baseline 6 of 10 sessions');
    expect(await page.locator('figure.fingerprint').getAttribute('data-verdict')).toBe('waiting');
    expect(await page.getByTestId('fingerprint').textContent()).toContain('The fingerprint is compared once the baseline is complete: 6 of 10 sessions so far.');
    await toTop();
    await shot('history-baseline-building.png');

    await page.getByLabel('Pianist').selectOption({ label: 'Dora' });
    await page.getByRole('heading', { name: 'History for Dora' }).waitFor();
    await page.getByText('No history yet').waitFor();
    expect(await page.getByTestId('drift-alert').count()).toBe(0);
    expect(await page.locator('figure.trend').count()).toBe(0);
    await shot('history-empty.png');
    expect(consoleErrors).toEqual([]);
  });
});
