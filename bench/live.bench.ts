/**
 * The practice loop in Chromium (issue 10):
 * - liveNoteUpdateMsMedian / P99: 2,000 notes at 16 notes/s through the fake Web MIDI input into
 *   the real app (browser mode, a fresh renderer build); each from the MIDI message's dispatch
 *   (its timeStamp = performance.now() at dispatch) to the end of the React commit that shows it.
 * - liveDroppedFrames: requestAnimationFrame intervals longer than 1.5x the median while notes arrive.
 *   Each note is delivered in its own task (as Chromium delivers Web MIDI messages), and a commit
 *   that shows several queued notes records each of them (renderer/live/latency.ts).
 * - liveIdleDroppedFrames: the same count over liveIdleSeconds of the same screen while recording
 *   but before any note arrives (no app work at all): the machine's own frame jitter, so that a
 *   reader can tell the app's cost from the noise of a busy machine. Not part of the goal.
 * - metronomeClickErrorMs: the real metronome code (renderer/audio) rendered in an
 *   OfflineAudioContext at 44.1 kHz: each click's first non-zero sample against its requested
 *   time, the worst over 200 clicks.
 * Without Chromium every figure is null and the reason goes to stderr (the bench still exits 0).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { clinicalScale } from '../core/exercises/clinical';
import type * as MetronomeModule from '../renderer/audio/metronome';
import { CHROMIUM_PATH, launchChromium } from '../tests/browser/harness';
import { openRecordingPage } from './live-app';

export const title = 'Practice loop in Chromium (live view, metronome)';

const NOTES = Number(process.env.EVENKEYS_BENCH_LIVE_NOTES ?? 2000);
const RATE = 16;
const CLICKS = 200;
const IDLE_SECONDS = Number(process.env.EVENKEYS_BENCH_LIVE_IDLE_S ?? 20);

type Figures = Record<string, number | string | null>;

/** tsx compiles with keepNames, so functions sent to the page call esbuild's __name helper. */
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export async function run(): Promise<Figures> {
  const empty: Figures = {
    liveNoteUpdateMsMedian: null,
    liveNoteUpdateMsP99: null,
    liveDroppedFrames: null,
    liveIdleDroppedFrames: null,
    liveIdleSeconds: null,
    metronomeClickErrorMs: null,
  };
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`live.bench: Chromium not found at ${CHROMIUM_PATH} (set EVENKEYS_CHROMIUM); browser figures are null.\n`);
    return empty;
  }
  const figures: Figures = { ...empty };
  try {
    figures.metronomeClickErrorMs = await metronomeError();
  } catch (error) {
    process.stderr.write(`live.bench: metronome render failed: ${String(error)}\n`);
  }
  try {
    Object.assign(figures, await liveLatency());
  } catch (error) {
    process.stderr.write(`live.bench: live view run failed: ${String(error)}\n`);
  }
  return figures;
}

/** Renders 200 clicks of the real metronome offline and compares onsets with requested times. */
async function metronomeError(): Promise<number> {
  const bundle = await esbuild({
    entryPoints: [resolve(import.meta.dirname, '..', 'renderer', 'audio', 'metronome.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'EvenkeysMetronome',
    write: false,
    platform: 'browser',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.setContent('<!doctype html><title>metronome bench</title>');
    await page.evaluate(NAME_SHIM);
    await page.addScriptTag({ content: code });
    return await page.evaluate(async (clicks) => {
      const lib = (window as unknown as { EvenkeysMetronome: typeof MetronomeModule }).EvenkeysMetronome;
      const rate = 44_100;
      const bpm = 137; // a tempo whose click times fall between samples
      const start = 0.0503;
      const seconds = start + (clicks * 60) / bpm + 0.5;
      const ctx = new OfflineAudioContext(1, Math.ceil(seconds * rate), rate);
      const sink = lib.webAudioSink(ctx);
      let now = 0;
      const requested: number[] = [];
      const clock = { ...sink, currentTime: () => now };
      const metronome = lib.createMetronome({ sink: clock, timer: { start: () => () => {} }, onClick: (c) => requested.push(c.time) });
      metronome.start({ bpm, beatsPerBar: 4, subdivision: 1, countInBars: 0 }, start);
      while (requested.length < clicks) {
        now += 0.025;
        metronome.tick();
      }
      metronome.stop();
      const data = (await ctx.startRendering()).getChannelData(0);
      let worst = 0;
      for (const t of requested.slice(0, clicks)) {
        let i = Math.max(0, Math.floor(t * rate) - 4);
        while (i < data.length && data[i] === 0) i += 1;
        worst = Math.max(worst, Math.abs(i / rate - t) * 1000);
      }
      return worst;
    }, CLICKS);
  } finally {
    await context.close();
  }
}

/** The real app in browser mode, 2,000 notes at 16 notes/s through the fake input. */
async function liveLatency(): Promise<Figures> {
  const app = await openRecordingPage({ prefix: 'evenkeys-bench-live-' });
  const { page } = app;
  try {
    const pitches = clinicalScale('right').notes.map((n) => n.pitch);
    const result = await page.evaluate(
      async ({ pitches, notes, rate, idleSeconds }) => {
        const w = window as unknown as { __evenkeysLatency: number[]; __fakeMidi: { play(id: string, m: { bytes: number[]; timeMs: number }[]): Promise<number> } };
        w.__evenkeysLatency = [];
        let frames: number[] = [];
        let running = true;
        const onFrame = (t: number) => {
          frames.push(t);
          if (running) requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
        // Baseline: the same screen, recording, no notes.
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        const idleFrames = frames;
        frames = [];
        const interval = 1000 / rate;
        const begin = performance.now() + 100;
        for (let i = 0; i < notes; i += 1) {
          const due = begin + i * interval;
          // Always a new task, even when late: Chromium delivers each MIDI message in its own.
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
          const pitch = pitches[i % pitches.length] ?? 60;
          // The timeStamp is the dispatch time, so commit - timeStamp is the whole path.
          void w.__fakeMidi.play('bench', [{ bytes: [0x90, pitch, 70], timeMs: performance.now() }]);
          void w.__fakeMidi.play('bench', [{ bytes: [0x80, pitch, 0], timeMs: performance.now() + 0.001 }]);
        }
        await new Promise((r) => setTimeout(r, 300));
        running = false;
        const gapsOf = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));
        return { latency: w.__evenkeysLatency.slice(), gaps: gapsOf(frames), idleGaps: gapsOf(idleFrames), frames, begin };
      },
      { pitches, notes: NOTES, rate: RATE, idleSeconds: IDLE_SECONDS },
    );
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('heading', { name: /^Session of / }).waitFor({ timeout: 60_000 });
    const sorted = [...result.latency].sort((a, b) => a - b);
    if (process.env.EVENKEYS_BENCH_LIVE_DETAIL === '1') detail(result, pitches.length);
    if (sorted.length !== NOTES) process.stderr.write(`live.bench: ${sorted.length} of ${NOTES} notes reached a commit\n`);
    return {
      liveNoteUpdateMsMedian: round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
      liveNoteUpdateMsP99: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN),
      liveDroppedFrames: droppedFrames(result.gaps),
      liveIdleDroppedFrames: droppedFrames(result.idleGaps),
      liveIdleSeconds: IDLE_SECONDS,
    };
  } finally {
    await app.close();
  }
}

/**
 * EVENKEYS_BENCH_LIVE_DETAIL=1: the slowest notes (index, position in the exercise) and the long
 * frames (which note they fell on), to stderr, so the tail can be explained.
 */
function detail(result: { latency: number[]; gaps: number[]; frames: number[]; begin: number }, period: number): void {
  const interval = 1000 / RATE;
  const slow = result.latency.map((ms, i) => ({ ms, i })).sort((a, b) => b.ms - a.ms).slice(0, 30);
  process.stderr.write(`slowest notes (index, index mod ${period}, ms):\n`);
  for (const { ms, i } of slow) process.stderr.write(`  ${i}\t${i % period}\t${ms.toFixed(2)}\n`);
  const sortedGaps = [...result.gaps].sort((a, b) => a - b);
  const median = sortedGaps[Math.floor(sortedGaps.length / 2)] ?? 0;
  process.stderr.write(`long frames (> ${(1.5 * median).toFixed(1)} ms): start ms after first note, note index, gap ms\n`);
  result.gaps.forEach((gap, k) => {
    if (gap <= 1.5 * median) return;
    const at = (result.frames[k] ?? 0) - result.begin;
    const note = Math.floor(at / interval);
    process.stderr.write(`  ${at.toFixed(1)}\t${note}\t${note % period}\t${gap.toFixed(1)}\n`);
  });
}

/** requestAnimationFrame intervals longer than 1.5x their median. */
function droppedFrames(gaps: readonly number[]): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return gaps.filter((g) => g > 1.5 * median).length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
