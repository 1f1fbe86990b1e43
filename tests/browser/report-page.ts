/**
 * For the screenshot scripts: the app served from a built renderer over a seeded database, in
 * Chromium at 1280x720, opened on the Report of the first session listed.
 *
 * @example const { page, close } = await openFirstSessionReport(dbPath, rendererDir); await page.screenshot({ path }); await close();
 */
import type { Page } from 'playwright-core';
import { openBackend } from '../../electron/backend/backend';
import { startWebHost } from '../../electron/backend/web-host';
import { launchChromium } from './harness';

export async function openFirstSessionReport(dbPath: string, rendererDir: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const backend = await openBackend({ dbPath });
  const host = await startWebHost({ dispatch: backend.dispatch, rendererDir });
  const context = await launchChromium();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  // The app opens on Practice; the sessions are in the Report.
  await page.getByRole('button', { name: 'Report' }).or(page.getByRole('link', { name: 'Report' })).first().click();
  await page.getByRole('heading', { name: 'Sessions' }).waitFor();
  await page.getByRole('row').nth(1).click();
  await page.getByRole('heading', { name: /^Session of / }).waitFor();
  return {
    page,
    close: async () => {
      await context.close();
      await host.close();
      backend.close();
    },
  };
}
