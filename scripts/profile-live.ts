/**
 * Where the live view's time goes: the same run as bench/live.bench.ts (the real app in browser
 * mode, notes at 16 notes/s through the fake Web MIDI input), with Chromium's sampling profiler
 * and a devtools.timeline trace over the notes. Prints the JS functions by self time, the
 * renderer main thread's time by trace event (script, style, layout, paint), and the latency
 * figures, so a change to the live path can be judged by the work it removes, not only by
 * wall-clock figures that move with the machine's load.
 *
 * With --shot=FILE it instead plays 120 notes with R4 20 ms late (and a few wrong notes) and
 * saves a 1280x720 screenshot of the live view mid-take, to compare the view before and after a
 * change.
 *
 * Usage: npx tsx scripts/profile-live.ts [--notes=400] [--profile] [--trace [--out=/tmp/live-trace.json]] [--shot=/tmp/live.png]
 */
import { writeFileSync } from 'node:fs';
import { clinicalScale } from '../core/exercises/clinical';
import { openRecordingPage } from '../bench/live-app';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const NOTES = Number(arg('notes') ?? 400);
const OUT = arg('out');
const SHOT = arg('shot');
/**
 * --profile: the sampling profiler; --trace: a devtools.timeline trace (its invalidation tracking
 * captures a JS stack on every DOM change, so it inflates setAttribute and fetch: do not read
 * timings off a traced run). Neither: only the timings and counts.
 */
const PROFILE = process.argv.includes('--profile');
const TASKS = process.argv.includes('--tasks');
const TRACE = process.argv.includes('--trace') || TASKS;
const PLAIN = !PROFILE && !TRACE;
/** --attrs: time every setAttribute in the page by element and attribute name. */
const ATTRS = process.argv.includes('--attrs');
const RATE = 16;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  ts: number;
  args?: { name?: string; data?: { type?: string } };
}

async function main(): Promise<void> {
  // Unminified, so the profile names functions.
  const app = await openRecordingPage({ prefix: 'evenkeys-profile-live-', minify: false });
  const { page, context } = app;
  try {
    if (SHOT !== undefined) {
      const scale = clinicalScale('right').notes;
      await page.evaluate(async (scale) => {
        const w = window as unknown as { __fakeMidi: { play(id: string, m: { bytes: number[]; timeMs: number }[]): Promise<number> } };
        const begin = performance.now() + 50;
        for (let i = 0; i < 120; i += 1) {
          const note = scale[i % scale.length];
          if (note === undefined) continue;
          const due = begin + i * 62.5;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const pitch = i === 100 ? note.pitch + 1 : note.pitch;
          const jitter = Math.sin(i * 12.9898) * 3;
          const at = due + jitter + (note.finger === 4 ? 20 : 0);
          await w.__fakeMidi.play('bench', [{ bytes: [0x90, pitch, 64 + (i % 7) * 3], timeMs: at }, { bytes: [0x80, pitch, 0], timeMs: at + 40 }]);
        }
      }, scale.map((n) => ({ pitch: n.pitch, finger: n.finger })));
      await page.screenshot({ path: SHOT });
      console.log(`screenshot: ${SHOT}`);
      return;
    }
    if (ATTRS) {
      await page.evaluate(() => {
        const w = window as unknown as { __attrTimes: Record<string, [number, number]> };
        w.__attrTimes = {};
        const original = Element.prototype.setAttribute;
        Element.prototype.setAttribute = function (name: string, value: string) {
          const t = performance.now();
          original.call(this, name, value);
          const key = `${this.tagName}.${name}`;
          const entry = (w.__attrTimes[key] ??= [0, 0]);
          entry[0] += performance.now() - t;
          entry[1] += 1;
        };
      });
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data: { value: TraceEvent[] }) => events.push(...data.value));
    const traceDone = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    // Main-thread time by kind (Chromium's own counters), before and after the notes.
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    const metricsBefore = await metrics();
    // --tasks: a light trace (no invalidation stacks) to explain the long tasks, not to time them.
    const categories = TASKS ? 'toplevel,devtools.timeline,v8,blink.user_timing' : 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing';
    if (TRACE) await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    if (PROFILE) await cdp.send('Profiler.start');
    const pitches = clinicalScale('right').notes.map((n) => n.pitch);
    const result = await page.evaluate(
      async ({ pitches, notes, rate }) => {
        const w = window as unknown as { __evenkeysLatency: number[]; __fakeMidi: { play(id: string, m: { bytes: number[]; timeMs: number }[]): Promise<number> } };
        w.__evenkeysLatency = [];
        // Counted work, independent of the machine's load: DOM mutations in the live view.
        const counts = { childList: 0, attributes: 0, characterData: 0 };
        const observer = new MutationObserver((records) => {
          for (const r of records) counts[r.type] += 1;
        });
        observer.observe(document.querySelector('div.live') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const interval = 1000 / rate;
        const handler: number[] = [];
        const begin = performance.now() + 100;
        for (let i = 0; i < notes; i += 1) {
          const due = begin + i * interval;
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
          const pitch = pitches[i % pitches.length] ?? 60;
          const t0 = performance.now();
          void w.__fakeMidi.play('bench', [{ bytes: [0x90, pitch, 70], timeMs: t0 }]);
          // The handler's synchronous part (webmidi.js, batcher, live store); React commits after it.
          handler.push(performance.now() - t0);
          void w.__fakeMidi.play('bench', [{ bytes: [0x80, pitch, 0], timeMs: performance.now() + 0.001 }]);
        }
        await new Promise((r) => setTimeout(r, 300));
        observer.disconnect();
        return { latency: w.__evenkeysLatency.slice(), handler, seconds: (performance.now() - begin) / 1000, counts };
      },
      { pitches, notes: NOTES, rate: RATE },
    );
    const metricsAfter = await metrics();
    const spent = (name: string) => (((metricsAfter[name] ?? 0) - (metricsBefore[name] ?? 0)) * 1000) / NOTES;
    console.log(
      `Main thread per note (Performance.getMetrics): task ${spent('TaskDuration').toFixed(2)} ms, script ${spent('ScriptDuration').toFixed(2)}, style ${spent('RecalcStyleDuration').toFixed(2)}, layout ${spent('LayoutDuration').toFixed(2)}; layouts ${(((metricsAfter.LayoutCount ?? 0) - (metricsBefore.LayoutCount ?? 0)) / NOTES).toFixed(2)}, style recalcs ${(((metricsAfter.RecalcStyleCount ?? 0) - (metricsBefore.RecalcStyleCount ?? 0)) / NOTES).toFixed(2)} per note`,
    );
    const handler = [...result.handler].sort((a, b) => a - b);
    const hq = (p: number) => handler[Math.min(handler.length - 1, Math.floor(handler.length * p))]?.toFixed(2);
    console.log(`MIDI handler (synchronous part): median ${hq(0.5)} ms, p90 ${hq(0.9)}, p99 ${hq(0.99)}`);
    if (ATTRS) {
      const times = await page.evaluate(() => (window as unknown as { __attrTimes: Record<string, [number, number]> }).__attrTimes);
      for (const [key, [ms, n]] of Object.entries(times).sort((a, b) => b[1][0] - a[1][0])) console.log(`  setAttribute ${key.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms ${String(n).padStart(6)}x`);
    }
    if (PLAIN) {
      const sorted = [...result.latency].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]?.toFixed(2);
      console.log(`${sorted.length} notes timed over ${result.seconds.toFixed(1)} s; latency median ${q(0.5)} ms, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${q(1)}`);
      console.log(`DOM mutations in the live view per note: ${(result.counts.attributes / NOTES).toFixed(1)} attributes, ${(result.counts.childList / NOTES).toFixed(1)} child lists, ${(result.counts.characterData / NOTES).toFixed(1)} texts`);
      return;
    }
    const { profile } = PROFILE ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }) : { profile: { nodes: [], samples: [], timeDeltas: [] } };
    if (TRACE) {
      await cdp.send('Tracing.end');
      await traceDone;
    }
    if (OUT !== undefined) writeFileSync(OUT, JSON.stringify({ traceEvents: events }));

    const sorted = [...result.latency].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]?.toFixed(2);
    const perNote = (n: number) => (n / NOTES).toFixed(1);
    console.log(`DOM mutations in the live view per note: ${perNote(result.counts.attributes)} attributes, ${perNote(result.counts.childList)} child lists, ${perNote(result.counts.characterData)} texts`);
    console.log(`${sorted.length} commits over ${result.seconds.toFixed(1)} s; latency median ${q(0.5)} ms, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${q(1)}`);

    // JS self time by function (sampling profiler).
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      if (node === undefined) return;
      const f = node.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += dt;
    });
    console.log(`\nJS profile: ${total.toFixed(0)} ms non-idle in ${result.seconds.toFixed(1)} s (${(total / NOTES).toFixed(3)} ms per note), top self time:`);
    for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${key}`);

    // Inclusive time by function (a function's samples and its callees'), counted once per stack.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map<string, number>();
    const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const node = byId.get(at);
        if (node === undefined || node.callFrame.functionName === '(root)' || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
        const key = nameOf(node);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    });
    console.log('\nTop inclusive time:');
    for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${key}`);

    // Main-thread trace: the renderer's main thread is the one named CrRendererMain.
    // The page's renderer main thread: of the threads named CrRendererMain, the busiest.
    const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
    const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined && mains.includes(`${e.pid}:${e.tid}`));
    const load = new Map<string, number>();
    for (const e of complete) load.set(`${e.pid}:${e.tid}`, (load.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
    const busiest = [...load].sort((a, b) => b[1] - a[1])[0]?.[0];
    const mainEvents = complete.filter((e) => `${e.pid}:${e.tid}` === busiest);
    const byName = new Map<string, { ms: number; n: number }>();
    for (const e of mainEvents) {
      const entry = byName.get(e.name) ?? { ms: 0, n: 0 };
      entry.ms += (e.dur ?? 0) / 1000;
      entry.n += 1;
      byName.set(e.name, entry);
    }
    console.log('\nRenderer main thread by trace event (inclusive, nested events overlap):');
    for (const [name, { ms, n }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${String(n).padStart(6)}x  ${name}`);
    const tasks = mainEvents.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').map((e) => (e.dur ?? 0) / 1000).sort((a, b) => b - a);
    console.log(`\nTasks: ${tasks.length}, longest ${tasks.slice(0, 10).map((t) => t.toFixed(1)).join(', ')} ms`);
    if (TASKS) longTasks(mainEvents);
    await page.getByRole('button', { name: 'Stop' }).click();
  } finally {
    await app.close();
  }
}

/**
 * Each task over 3 ms: its wall time, its thread (CPU) time (much less than the wall time means
 * the thread was descheduled: the machine, not the app) and the events inside it over 0.3 ms.
 */
function longTasks(mainEvents: TraceEvent[]): void {
  const sorted = [...mainEvents].sort((a, b) => a.ts - b.ts);
  const first = sorted[0]?.ts ?? 0;
  const long = sorted.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > 3000);
  console.log(`\nTasks over 3 ms: ${long.length} (start s, wall ms, thread ms, inside)`);
  for (const task of long) {
    const start = task.ts;
    const end = start + (task.dur ?? 0);
    const inside = sorted
      .filter((e) => e !== task && e.ts >= start && e.ts < end && (e.dur ?? 0) > 300)
      .map((e) => `${e.name}${e.args?.data?.type !== undefined ? `(${e.args.data.type})` : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}/${((e.tdur ?? 0) / 1000).toFixed(1)}`);
    console.log(`  ${((start - first) / 1e6).toFixed(2)}\t${((task.dur ?? 0) / 1000).toFixed(1)}\t${((task.tdur ?? 0) / 1000).toFixed(1)}\t${inside.join(', ')}`);
  }
}

await main();
