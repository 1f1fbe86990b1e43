/**
 * Teacher mode end to end in Chromium against browser mode (exactly as `npm run web` starts it):
 * import a student's bundle, annotate one loss-of-control event, compare two sessions per
 * finger, export the progress report as PDF, and render its pages to PNG with pdftoppm
 * (artefacts in screenshots/teacher/, or $SCREENSHOT_DIR/teacher).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../electron/bundle/index';
import { openStore } from '../../electron/store/index';
import { studentStore } from '../electron/bundle/helpers';
import { launchChromium, requireChromium, startWebMode } from './harness';
import type { RunningWebMode } from './harness';

const artefacts = resolve(process.env.SCREENSHOT_DIR ?? 'screenshots', 'teacher');

describe('teacher mode in the browser', () => {
  let work = '';
  let web: RunningWebMode | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let setupError: unknown;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    try {
      requireChromium();
      work = mkdtempSync(join(tmpdir(), 'evenkeys-teacher-'));
      mkdirSync(artefacts, { recursive: true });
      const { store, profileId } = await studentStore(join(work, 'student.sqlite'));
      writeFileSync(join(work, 'ana-log.bin'), exportBundle(store, profileId).bytes);
      store.close();
      web = await startWebMode({ outDir: join(work, 'dist'), dbPath: join(work, 'teacher.sqlite') });
      context = await launchChromium();
      page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      page.on('pageerror', (error) => pageErrors.push(error.message));
    } catch (error) {
      setupError = error;
    }
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await web?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('imports a bundle, annotates an event, compares two sessions and exports the PDF', async () => {
    if (setupError !== undefined) throw setupError;
    if (web === undefined) throw new Error('browser mode did not start');
    try {
      await page.goto(web.url);
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Teacher' }).click();
      expect(new URL(page.url()).hash).toBe('#/teacher');
      await page.getByRole('heading', { name: 'Students' }).waitFor();
      await page.getByLabel('Sign notes as').fill('Ms Ito');

      // Import: the file has no telling extension; it is recognised by its content.
      await page.getByLabel('Bundle file').setInputFiles(join(work, 'ana-log.bin'));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Added Ana: 3 new sessions');
      await page.getByRole('heading', { name: 'Ana (read-only)' }).waitFor();
      await page.screenshot({ path: join(artefacts, '1-imported.png') });

      // A session from last year shows its year; open it read-only and annotate one event.
      const lastYear = page.locator('table').getByRole('button', { name: /2025/ });
      await lastYear.click();
      await page.getByRole('heading', { name: /^Session of .*2025/ }).waitFor();
      await page.getByRole('button', { name: /^Annotate .* at / }).first().click();
      await page.getByLabel(/^Note on .* at .*take 1/).fill('This late note is the thumb passing under: slow practice, hands separately');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByText('This late note is the thumb passing under').waitFor();
      await page.getByText(/Ms Ito ·/).first().waitFor();
      await page.screenshot({ path: join(artefacts, '2-annotated.png'), fullPage: true });

      // Compare the oldest and the newest session per finger.
      await page.getByLabel('Compare from').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      await page.getByRole('heading', { name: /^Per finger: Session of .* vs Session of / }).waitFor();
      await page.locator('.compare-chart canvas').waitFor();
      await page.getByRole('heading', { name: /^Per finger/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artefacts, '3-compare.png') });
      const rows = await page.locator('.compare-table tbody tr').count();
      // R1-R4 (R5 plays the single top note: a spread of one note is left out).
      expect(rows).toBe(4);

      // The progress report on screen, then the PDF.
      await page.getByRole('button', { name: 'Progress report' }).click();
      await page.getByRole('heading', { name: 'Progress report: Ana' }).waitFor();
      await page.screenshot({ path: join(artefacts, '4-report-screen.png') });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
      const pdfPath = join(artefacts, 'progress-report.pdf');
      await download.saveAs(pdfPath);
      for (const old of readdirSync(artefacts).filter((f) => f.startsWith('report-page'))) rmSync(join(artefacts, old));
      execFileSync('pdftoppm', ['-png', '-r', '70', pdfPath, join(artefacts, 'report-page')]);
      const pages = readdirSync(artefacts).filter((f) => f.startsWith('report-page') && f.endsWith('.png'));
      expect(pages.length).toBeGreaterThanOrEqual(1);
      const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
      expect(text).toContain('Progress report: Ana');
      expect(text).toContain('This late note is the thumb passing under');
      expect(text).toContain('it never diagnoses');
    } catch (error) {
      await page.screenshot({ path: join(artefacts, 'failure.png'), fullPage: true }).catch(() => {});
      throw error;
    }
    expect(pageErrors).toEqual([]);

    // The note is stored on the event, signed, and the imported log is unchanged.
    await web.stop();
    web = undefined;
    const store = await openStore({ path: join(work, 'teacher.sqlite'), readOnly: true });
    const ana = store.findProfileByName('Ana');
    expect(ana?.readOnly).toBe(true);
    const notes = store.listSessions(ana?.id ?? 0).flatMap((s) => store.listAnnotations(s.id));
    expect(notes.find((n) => n.authorName === 'Ms Ito')).toMatchObject({ target: 'event', author: 'teacher', imported: false, takeIndex: 0 });
    store.close();
  }, 240_000);
});
