/**
 * Printing the report page to PDF from plain Node (the CLI): playwright-core drives a
 * Chromium-based browser already on the machine (playwright-core downloads nothing). Which
 * browser: $EVENKEYS_CHROMIUM, else the usual install paths of Chromium, Chrome and Edge.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** Thrown when no browser can print: the message says what to install. */
export class NoBrowserError extends Error {
  override readonly name = 'NoBrowserError';
}

/** @example findChromium() // => '/usr/bin/chromium' or undefined */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | undefined {
  if (env.EVENKEYS_CHROMIUM) return exists(env.EVENKEYS_CHROMIUM) ? env.EVENKEYS_CHROMIUM : undefined;
  return CANDIDATES.find((path) => exists(path));
}

export const NO_BROWSER_MESSAGE =
  'printing a PDF needs a Chromium-based browser: install Chromium (apt-get install chromium), Google Chrome or Microsoft Edge, or set EVENKEYS_CHROMIUM=/path/to/browser';

/**
 * Renders an HTML page to A4 PDF bytes.
 *
 * @example await htmlToPdf(reportHtml(data)) // => Uint8Array starting with %PDF
 */
export async function htmlToPdf(html: string, executablePath: string | undefined = findChromium()): Promise<Uint8Array> {
  if (executablePath === undefined) throw new NoBrowserError(NO_BROWSER_MESSAGE);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    // Offline: the page is self-contained; block any request so the report never reaches out.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
