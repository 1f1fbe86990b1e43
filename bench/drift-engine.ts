/**
 * The timed part of driftMsFor2000Sessions, run in its own process by drift.bench.ts:
 * `tsx bench/drift-engine.ts FILE` reads the sessions' drift input blobs (v8-serialized
 * `{ meta, blob }[]`), decodes them as the store does, and times core/drift computeDrift over
 * them: two warm-up passes, then RUNS timed passes. Prints one JSON line: the best and median
 * wall-clock ms, the best CPU ms, and the result's size.
 *
 * Why a process of its own: the simulator that makes the history leaves ~185 MB of garbage, and
 * in the same process the engine's first major collections pay for it; the store never holds a
 * history that way. Why the best of many passes: this is a shared 2-core machine, where a pass
 * can take twice as long as the one before for reasons outside the process (the median is
 * printed too).
 */
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { computeDrift } from '../core/drift/engine';
import { decodeDriftInput } from '../electron/store/drift-input';

const RUNS = 15;

interface Stored {
  readonly meta: { readonly id: number; readonly startedAt: string; readonly device: string | null };
  readonly blob: Uint8Array;
}

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/drift-engine.ts FILE');
const sessions = (deserialize(readFileSync(file)) as Stored[]).map(({ meta, blob }) => {
  const session = decodeDriftInput(blob, meta);
  if (!session) throw new Error(`session ${meta.id}: not a drift input blob`);
  return session;
});
let result = computeDrift(sessions);
result = computeDrift(sessions);
const walls: number[] = [];
let cpuMs = Infinity;
for (let k = 0; k < RUNS; k += 1) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  result = computeDrift(sessions);
  walls.push(performance.now() - start);
  cpuMs = Math.min(cpuMs, process.cpuUsage(cpu).user / 1000);
}
walls.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({
  ms: walls[0],
  medianMs: walls[Math.floor(RUNS / 2)],
  cpuMs,
  runs: RUNS,
  series: result.series.length,
  points: result.series.reduce((sum, s) => sum + s.points.length, 0),
  sessions: sessions.length,
})}\n`);
