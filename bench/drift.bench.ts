/**
 * Drift: the full recompute for one profile with 2,000 sessions, goal < 100 ms; and the History
 * trend chart: a 2,000-point series drawn by chart.js in Chromium with animation off, from data
 * to the first full draw, goal < 200 ms. Sessions come from the longitudinal simulator (right and
 * left hand clinical scale, 3-6 takes each, 489 series).
 *
 * - driftMsFor2000Sessions: core/drift computeDrift over the sessions in the form the store hands
 *   them to drift (each analysis' compact drift input, migration 009: decoded from its blob, so
 *   takes carry their observations as typed columns and each family's takes come pooled), timed
 *   in a process of its own (bench/drift-engine.ts: best of 15 passes; the median and CPU time
 *   are printed too).
 * - driftStoreMsFor2000Sessions: the store's whole full recompute, what the History screen waits
 *   for on a cold start: SQLite read of 2,000 sessions' drift inputs, decode, the engine, and the
 *   evenkeys.drift/1 document with every point as an object (store.drift on a fresh store).
 * - driftStoreLatestMsFor2000Sessions: the same with each series' latest point only, what the
 *   History screen asks for (it fetches the points of the series it charts with getDriftPoints).
 * - driftFromDocumentsMs: the engine over sessions read from whole analysis documents (the path
 *   before migration 009, and the fallback for rows without a drift input), for comparison.
 *
 * The other figures: one warm-up pass, then the best of five (performance.now(); CPU time too,
 * since on a shared machine wall-clock mostly measures the queue). Prints numbers, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { computeDrift } from '../core/drift/engine';
import { pointsOf } from '../core/drift/points';
import type { DriftSession } from '../core/drift/types';
import { decodeDriftInput, encodeDriftInput } from '../electron/store/drift-input';
import { openStore } from '../electron/store/index';
import { simulatePianist } from '../tests/support/longitudinal';
import { CHROMIUM_PATH, launchChromium } from '../tests/browser/harness';

// A smaller run (EVENKEYS_BENCH_DRIFT_SESSIONS) lets a test check the bench's output shape quickly.
const SESSIONS = Number(process.env.EVENKEYS_BENCH_DRIFT_SESSIONS ?? 2000);
/** One pianist whose right ring finger drifts late from session 1,500 on. */
const PIANIST = { seed: 2026, sessions: SESSIONS, onset: { hand: 'right', finger: 4, kind: 'bias', fromSession: 1500, perSession: 0.5 } } as const;

export const title = 'Drift: 2,000-session recompute and 2,000-point History chart';

function best<T>(runs: number, work: () => T): { ms: number; cpuMs: number; value: T } {
  let value = work(); // warm-up
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let k = 0; k < runs; k += 1) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    value = work();
    ms = Math.min(ms, performance.now() - start);
    cpuMs = Math.min(cpuMs, process.cpuUsage(cpu).user / 1000);
  }
  return { ms, cpuMs, value };
}

export async function run(): Promise<Record<string, number | string | null>> {
  // The simulator's own objects (about 185 MB) are dropped before timing: the store never holds a
  // whole history in memory, and a heap that size makes every major GC dominate the figure.
  const { takes, metas, blobs } = simulatedHistory();
  const engine = engineInOwnProcess(metas, blobs);
  const stored = metas.map((meta, i) => decodeDriftInput(blobs[i] as Buffer, meta) as DriftSession);
  const result = computeDrift(stored);
  // The same sessions as whole take objects, as the store read them from each analysis document before migration 009.
  let documents: DriftSession[] | null = simulatedDocuments();
  const fromDocuments = best(3, () => computeDrift(documents ?? []).series.length);
  documents = null;
  const store = await storeRecomputeMs(metas, blobs);
  const series = result.series.find((s) => s.metric === 'onset-mean' && s.hand === 'right' && s.finger === 4 && s.direction === 'up' && s.points.length >= 1900) ?? result.series[0];
  const chartMs = series ? await chartRenderMsOrNull(JSON.stringify({ series: { ...series, points: pointsOf(series.points) }, alerts: result.alerts })) : null;
  return {
    driftMsFor2000Sessions: engine.ms,
    driftMedianMsFor2000Sessions: engine.medianMs,
    driftCpuMsFor2000Sessions: engine.cpuMs,
    driftStoreMsFor2000Sessions: store.ms,
    driftStoreCpuMsFor2000Sessions: store.cpuMs,
    driftStoreLatestMsFor2000Sessions: store.latestMs,
    driftFromDocumentsMs: fromDocuments.ms,
    driftTakesFor2000Sessions: takes,
    driftSeriesFor2000Sessions: result.series.length,
    driftPointsFor2000Sessions: result.series.reduce((sum, s) => sum + s.points.length, 0),
    historyChartRender2000Ms: chartMs,
    historyChartPoints: series?.points.length ?? 0,
  };
}

/** The simulated history as the store keeps it (a drift input blob per session); the simulator's objects go out of scope on return. */
function simulatedHistory() {
  const simulated = simulatePianist(PIANIST).sessions;
  return {
    takes: simulated.reduce((sum, session) => sum + session.takes.length, 0),
    metas: simulated.map(({ id, startedAt, device, minutes }) => ({ id, startedAt, device, minutes })),
    blobs: simulated.map((session) => encodeDriftInput(session)),
  };
}

/** Times the engine over the stored history in a fresh process (bench/drift-engine.ts says why). */
function engineInOwnProcess(metas: readonly { id: number; startedAt: string; device: string | null }[], blobs: readonly Buffer[]): { ms: number; medianMs: number; cpuMs: number } {
  const folder = mkdtempSync(join(tmpdir(), 'evenkeys-drift-engine-'));
  try {
    const file = join(folder, 'history.bin');
    writeFileSync(file, serialize(metas.map((meta, i) => ({ meta, blob: blobs[i] }))));
    // process.execArgv carries tsx's loader, so the child runs the TypeScript source as this
    // process does; a debugger or profiler flag would stop or slow the child, so those stay here.
    const flags = process.execArgv.filter((flag) => !/^--(inspect|cpu-prof|heap-prof|prof)/.test(flag));
    const child = spawnSync(process.execPath, [...flags, join(import.meta.dirname, 'drift-engine.ts'), file], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 600_000 });
    if (child.status !== 0) throw new Error(`bench/drift-engine.ts failed: ${child.stderr || child.error?.message || `exit ${child.status}`}`);
    return JSON.parse(child.stdout) as { ms: number; medianMs: number; cpuMs: number };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The same history again (same seed), each session through JSON as a stored document is read. */
function simulatedDocuments(): DriftSession[] {
  return simulatePianist(PIANIST).sessions.map((session) => JSON.parse(JSON.stringify(session)) as DriftSession);
}

/** A store holding the sessions' drift inputs; each pass opens it afresh (no drift cache) and asks for the profile's drift. */
async function storeRecomputeMs(sessions: readonly Pick<DriftSession, 'id' | 'startedAt' | 'minutes'>[], blobs: readonly Buffer[]): Promise<{ ms: number; cpuMs: number; latestMs: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'evenkeys-drift-bench-'));
  const path = join(folder, 'bench.sqlite');
  try {
    const setup = await openStore({ path, dailyBackup: false });
    const profileId = setup.createProfile({ name: 'Bench' }).id;
    setup.close();
    const db = new Database(path);
    db.transaction(() => {
      const device = Number(db.prepare("INSERT INTO devices (name, last_seen_at) VALUES ('Bench piano', '2026-01-01T00:00:00.000Z')").run().lastInsertRowid);
      const session = db.prepare("INSERT INTO sessions (id, profile_id, device_id, started_at, ended_at, status, app_version) VALUES (?, ?, ?, ?, ?, 'complete', 'bench')");
      const analysis = db.prepare("INSERT INTO analyses (session_id, schema, analyzed_at, source_file, duration_ms, drift_input) VALUES (?, 'evenkeys.analysis/1', ?, 'bench', ?, ?)");
      sessions.forEach((s, i) => {
        session.run(s.id, profileId, device, s.startedAt, new Date(Date.parse(s.startedAt) + (s.minutes ?? 20) * 60_000).toISOString());
        analysis.run(s.id, s.startedAt, (s.minutes ?? 20) * 60_000, blobs[i]);
      });
    })();
    db.close();
    const stores = await Promise.all(Array.from({ length: 12 }, () => openStore({ path, dailyBackup: false })));
    let k = 0;
    const timing = best(5, () => (stores[k++] as Awaited<ReturnType<typeof openStore>>).drift(profileId).series.length);
    // What the History screen asks for: each series' latest point only (it then fetches the points of the series it charts).
    const latest = best(5, () => (stores[k++] as Awaited<ReturnType<typeof openStore>>).drift(profileId, { points: 'latest' }).series.length);
    for (const store of stores) store.close();
    return { ...timing, latestMs: latest.ms };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The chart figure, or null with the reason on stderr where Chromium is missing or fails. */
async function chartRenderMsOrNull(payload: string): Promise<number | null> {
  if (CHROMIUM_PATH === '' || !existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`drift.bench: Chromium not found${CHROMIUM_PATH ? ` at ${CHROMIUM_PATH}` : ''} (set EVENKEYS_CHROMIUM); historyChartRender2000Ms is null.\n`);
    return null;
  }
  try {
    return await chartRenderMs(payload);
  } catch (error) {
    process.stderr.write(`drift.bench: the History chart run failed: ${String(error)}\n`);
    return null;
  }
}

/** Builds a page with the History trend chart module, then times data -> first full draw in Chromium. */
async function chartRenderMs(payload: string): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'evenkeys-chart-bench-'));
  writeFileSync(join(work, 'index.html'), '<!doctype html><html><body><div style="width:560px;height:170px;position:relative"><canvas id="c"></canvas></div><script type="module" src="./main.ts"></script></body></html>');
  writeFileSync(join(work, 'main.ts'), `
import { Chart } from '${join(process.cwd(), 'renderer/screens/history/chart-setup.ts')}';
import { trendChart } from '${join(process.cwd(), 'renderer/screens/history/trend-data.ts')}';
(window as unknown as { renderOnce: (json: string) => number }).renderOnce = (json: string) => {
  const { series, alerts } = JSON.parse(json);
  const canvas = document.getElementById('c') as HTMLCanvasElement;
  Chart.getChart(canvas)?.destroy();
  const start = performance.now();
  const { data, options } = trendChart(series, alerts);
  new Chart(canvas, { type: 'line', data, options });
  return performance.now() - start;
};
`);
  await build({ root: work, logLevel: 'silent', build: { outDir: join(work, 'dist'), emptyOutDir: true } });
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    // Inline module script on a blank page: file:// module scripts are refused by Chromium (CORS).
    await page.setContent('<!doctype html><html><body><div style="width:560px;height:170px;position:relative"><canvas id="c"></canvas></div></body></html>');
    const assets = join(work, 'dist', 'assets');
    const script = readdirSync(assets).find((name) => name.endsWith('.js'));
    if (!script) throw new Error('the chart bench page did not build');
    await page.addScriptTag({ content: readFileSync(join(assets, script), 'utf8'), type: 'module' });
    await page.waitForFunction(() => typeof (window as unknown as { renderOnce?: unknown }).renderOnce === 'function');
    let best = Infinity;
    for (let k = 0; k < 6; k += 1) {
      const ms = await page.evaluate((json) => (window as unknown as { renderOnce: (j: string) => number }).renderOnce(json), payload);
      if (k > 0) best = Math.min(best, ms);
    }
    return best;
  } finally {
    await context.close();
  }
}
