// Every word a chart draws must be readable: inside its canvas (an axis title longer than the
// chart is cut off at both ends) and not printed over a bar (the report's "healthy pros" band label
// sat on the "This take" bar, dark green on dark green). Checked on what Chromium really draws:
// an init script records each fillText's box (measureText, through the canvas transform) and each
// filled rectangle, per canvas, since the canvas's last full clear.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openStore } from '../../electron/store/index';
import { fingerColour, fingerColourAlpha } from '../../renderer/fingers';
import { seedDriftHistory } from '../support/drift-seed';
import { launchChromium, requireChromium, startWebMode } from './harness';
import type { RunningWebMode } from './harness';

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}
interface DrawnText extends Box {
  readonly text: string;
}
interface DrawnRect extends Box {
  readonly fill: string;
}
interface CanvasDrawing {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly texts: DrawnText[];
  readonly rects: DrawnRect[];
}

/** Runs in the page before the app: wraps the 2D context to record what each canvas draws. */
const RECORDER = `(() => {
  const drawings = new WeakMap();
  const all = new Set();
  const of = (ctx) => {
    let d = drawings.get(ctx.canvas);
    if (!d) { d = { canvas: ctx.canvas, texts: [], rects: [], lastRect: null }; drawings.set(ctx.canvas, d); all.add(d); }
    return d;
  };
  const box = (ctx, x0, y0, x1, y1) => {
    const m = ctx.getTransform();
    const pts = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
  };
  const P = CanvasRenderingContext2D.prototype;
  const fillText = P.fillText;
  P.fillText = function (text, x, y, maxWidth) {
    const t = this.measureText(String(text));
    of(this).texts.push({ text: String(text), ...box(this, x - t.actualBoundingBoxLeft, y - t.actualBoundingBoxAscent, x + t.actualBoundingBoxRight, y + t.actualBoundingBoxDescent) });
    return fillText.call(this, text, x, y, maxWidth);
  };
  const clearRect = P.clearRect;
  P.clearRect = function (x, y, w, h) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width / 4 && h >= this.canvas.height / 4) { const d = of(this); d.texts.length = 0; d.rects.length = 0; }
    return clearRect.call(this, x, y, w, h);
  };
  const rect = P.rect;
  P.rect = function (x, y, w, h) { of(this).lastRect = box(this, x, y, x + w, y + h); return rect.call(this, x, y, w, h); };
  const beginPath = P.beginPath;
  P.beginPath = function () { of(this).lastRect = null; return beginPath.call(this); };
  const fill = P.fill;
  P.fill = function (...args) {
    const d = of(this);
    if (d.lastRect) d.rects.push({ ...d.lastRect, fill: String(this.fillStyle) });
    return fill.apply(this, args);
  };
  window.__chartDrawings = () => [...all].filter((d) => d.canvas.isConnected).map((d) => ({
    label: d.canvas.getAttribute('aria-label') ?? '', width: d.canvas.width, height: d.canvas.height, texts: d.texts, rects: d.rects,
  }));
})();`;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('chart text: inside its chart and never over a bar', () => {
  let web: RunningWebMode | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let setupError: unknown;
  let buildOutput = '';
  const ready = () => {
    if (setupError !== undefined) throw setupError;
  };
  const drawings = () => page.evaluate(() => (window as unknown as { __chartDrawings: () => CanvasDrawing[] }).__chartDrawings());
  /** Texts whose box leaves the canvas by more than a device pixel, as "chart: text". */
  const outside = (list: readonly CanvasDrawing[]) =>
    list.flatMap((d) => d.texts.filter((t) => t.left < -1 || t.top < -1 || t.right > d.width + 1 || t.bottom > d.height + 1).map((t) => `${d.label}: ${t.text}`));

  beforeAll(async () => {
    try {
      requireChromium();
      const work = mkdtempSync(join(tmpdir(), 'evenkeys-chart-text-'));
      const dbPath = join(work, 'evenkeys.sqlite');
      const store = await openStore({ path: dbPath, dailyBackup: false });
      seedDriftHistory(store, { profile: 'Clara', sessions: 13, seed: 5, drift: { hand: 'right', finger: 4, from: 10, msPerSession: 6 } });
      store.close();
      web = await startWebMode({ outDir: join(work, 'dist'), dbPath });
      buildOutput = web.output.join('');
      context = await launchChromium();
      await context.addInitScript({ content: RECORDER });
      page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
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

  it('`npm run web` prints what a user needs, not the bundler\'s web-page chunk advice', () => {
    ready();
    expect(buildOutput).toMatch(/Evenkeys is running at/);
    expect(buildOutput).not.toMatch(/Some chunks are larger|chunkSizeWarningLimit|\(!\)/);
  });

  it("the report's charts: every label inside its chart, the healthy band's label clear of the bars", async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Report' }).click();
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await page.getByRole('row').nth(1).click();
    await page.getByRole('heading', { name: /^Session of / }).waitFor();
    await page.getByRole('img', { name: 'Unevenness beside the healthy reference band' }).waitFor();
    await page.waitForTimeout(300);
    const list = await drawings();
    expect(list.map((d) => d.label)).toEqual(expect.arrayContaining(['Onset deviation of each note in time order, coloured by finger', 'Unevenness beside the healthy reference band']));
    expect(outside(list)).toEqual([]);
    const unevenness = list.find((d) => d.label === 'Unevenness beside the healthy reference band');
    const band = unevenness?.texts.find((t) => t.text.startsWith('healthy'));
    expect(band).toBeDefined();
    const bars = unevenness?.rects.filter((r) => r.fill === '#1f6f6b' || r.fill === '#9cc7c3') ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(3);
    for (const bar of bars) expect(band && overlaps(band, bar), `'${band?.text}' over a bar`).toBe(false);

    // The key-hold chart's legend means "solid bar" and "pale bar" (each finger in its own colour):
    // a swatch in one finger's colour (the thumb's orange) would say it means that finger.
    const legato = list.find((d) => d.label === 'Key-down duration and legato overlap by finger');
    const swatchOf = (text: string) => {
      const label = legato?.texts.find((t) => t.text === text);
      return label && legato?.rects.find((r) => r.right <= label.left && label.left - r.right < 40 && r.top < label.bottom && label.top < r.bottom);
    };
    const palette = new Set([1, 2, 3, 4, 5].flatMap((f) => [fingerColour(f).toLowerCase(), fingerColourAlpha(f, 0.3)]));
    for (const text of ['legato overlap (ms)', 'key-down duration (ms)']) {
      const swatch = swatchOf(text);
      expect(swatch, `swatch of '${text}'`).toBeDefined();
      expect(palette.has(swatch?.fill.toLowerCase() ?? ''), `'${text}' drawn in ${swatch?.fill}, a finger's colour`).toBe(false);
    }
  });

  it("History's charts: every label inside its chart", async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History' }).click();
    await page.locator('figure.trend canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    const list = await drawings();
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(outside(list)).toEqual([]);
  });

  it("the Teacher screen's comparison chart: every label inside its chart", async () => {
    ready();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Teacher' }).click();
    await page.getByRole('button', { name: /^Clara/ }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('heading', { name: /^Per finger:/ }).waitFor();
    await page.waitForTimeout(300);
    const list = await drawings();
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(outside(list)).toEqual([]);
  });
});
