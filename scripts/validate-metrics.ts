/**
 * `npx tsx scripts/validate-metrics.ts [--quick]`: validates core/metrics and core/events against
 * the synthetic performer and prints the tables (recovery of per-finger bias and jitter, event
 * confusion, false events on clean playing). The tests assert the same thresholds on smaller
 * samples through the same code (tests/support/metrics-validation.ts).
 */
import { EVENT_TYPES } from '../core/events/types';
import { measureTake } from '../core/metrics/measure';
import { compareRepetitions } from '../core/metrics/repetitions';
import { meanSd } from '../core/metrics/stats';
import {
  cleanFalseEvents,
  dystoniaSession,
  formatConfusion,
  formatRecovery,
  recoverBiasAndJitter,
  truthTakes,
  validateEvents,
  validateEventsThroughAlignment,
} from '../tests/support/metrics-validation';
import type { EventValidation } from '../tests/support/metrics-validation';
import { performRepetitions } from '../tests/support/performer';

const quick = process.argv.includes('--quick');
const recoveryTakes = 1000;
const eventSessions = quick ? 60 : 300;
const cleanNotes = quick ? 30_000 : 200_000;

let failures = 0;
const check = (ok: boolean, text: string): void => {
  if (!ok) failures += 1;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
};

let start = performance.now();
const rows = recoverBiasAndJitter({ takes: recoveryTakes, seed: 1 });
console.log(`\n1. Per-finger bias and jitter: ${recoveryTakes} takes per hand of the ~200-note continuous C major scale (120 bpm sixteenths, no tempo drift)`);
console.log('   true = performer parameter; expected = exact expectation after the per-run line fit; recovered = mean over takes');
console.log(formatRecovery(rows));
for (const r of rows) {
  check(Math.abs(r.recoveredBiasMs - r.expectedBiasMs) <= 0.5, `${r.hand} ${r.finger}: bias within 0.5 ms of expected (${Math.abs(r.recoveredBiasMs - r.expectedBiasMs).toFixed(3)} ms)`);
  check(Math.abs(r.recoveredSdMs - r.expectedSdMs) <= 0.1 * r.expectedSdMs, `${r.hand} ${r.finger}: SD within 10 % of expected (${((100 * (r.recoveredSdMs - r.expectedSdMs)) / r.expectedSdMs).toFixed(1)} %)`);
}
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

start = performance.now();
const events = validateEvents({ sessions: eventSessions, seed: 1 });
console.log(`\n2. Events on ground-truth takes: ${events.takes} takes (${events.notes} notes), ${events.injected} injected faults, 2 per take`);
printEvents(events);
for (const type of EVENT_TYPES) {
  const s = events.perType[type];
  check(s.precision >= 0.9 && s.recall >= 0.9, `${type}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (>= 0.9)`);
}
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

start = performance.now();
const clean = cleanFalseEvents({ notes: cleanNotes, seed: 1 });
console.log(`\n3. Clean healthy playing (jitter SD 8-10 ms): ${clean.notes} notes in ${clean.takes} takes`);
console.log(`   false events: ${clean.falseEvents} = ${clean.per1000.toFixed(3)} per 1,000 notes  by type: ${JSON.stringify(clean.byType)}`);
check(clean.per1000 <= 1, `<= 1 false event per 1,000 notes (${clean.per1000.toFixed(3)})`);
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

start = performance.now();
const dystonia = dystoniaSession(7);
console.log('\n4. Dystonia-like pattern (RH 4 and 5 late, weak, unsteady; co-activation planted in some takes): clinical scale RH x 10');
console.log('hand f     n  mean dev    SD   vel mean  vel SD   (pooled over the 10 takes)');
for (const finger of [1, 2, 3, 4, 5] as const) {
  const notes = dystonia.metrics.flatMap((m) => m.notes).filter((n) => n.finger === finger && n.correct);
  const dev = meanSd(notes.flatMap((n) => (n.deviationMs === null ? [] : [n.deviationMs])));
  const vel = meanSd(notes.flatMap((n) => (n.velocity === null ? [] : [n.velocity])));
  console.log(`RH   ${finger} ${String(dev.count).padStart(5)} ${dev.mean.toFixed(1).padStart(9)} ${dev.sd.toFixed(1).padStart(5)} ${vel.mean.toFixed(1).padStart(10)} ${vel.sd.toFixed(1).padStart(7)}`);
}
const unevenness = meanSd(dystonia.metrics.map((m) => m.unevennessMs));
const healthy = performRepetitions(dystonia.takes[0]!.exercise, 10, { seed: 7, tempoDrift: 0.02 });
const healthyUnevenness = meanSd(truthTakes(healthy).map((take) => measureTake(take, healthy.notes).unevennessMs));
console.log(`unevennessMs per take: mean ${unevenness.mean.toFixed(2)} ms (SD ${unevenness.sd.toFixed(2)}); same exercise by the healthy default player: ${healthyUnevenness.mean.toFixed(2)} ms`);
const repetitions = compareRepetitions(dystonia.takes)[0];
for (const hand of repetitions?.hands ?? []) console.log(`repetitions: ${hand.hand} irregularity ${hand.irregularityMs.toFixed(2)} ms, instability ${hand.instabilityMs.toFixed(2)} ms over ${hand.positions} positions`);
const byType: Record<string, number> = {};
for (const e of dystonia.events) byType[`${e.type} (RH ${e.finger})`] = (byType[`${e.type} (RH ${e.finger})`] ?? 0) + 1;
console.log(`events: ${JSON.stringify(byType)}; co-activations planted: ${dystonia.coActivations.length}`);
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

start = performance.now();
const e2e = validateEventsThroughAlignment({ sessions: quick ? 28 : 140, seed: 1 });
console.log(`\n5. End to end through core/align alignRecording, every type: ${e2e.takesPlayed} takes played, ${e2e.takesFound} found, ${e2e.notes} notes, ${e2e.injected} faults`);
printEvents(e2e);
for (const type of EVENT_TYPES) {
  const s = e2e.perType[type];
  check(s.precision >= 0.9 && s.recall >= 0.9, `through alignment with stops, ${type}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (>= 0.9)`);
}
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

start = performance.now();
const withoutStops = EVENT_TYPES.filter((type) => type !== 'breakdown');
const e2eNoStops = validateEventsThroughAlignment({ sessions: quick ? 28 : 140, seed: 2, types: withoutStops });
console.log(`\n6. End to end through alignRecording, every type but breakdown: ${e2eNoStops.takesPlayed} takes played, ${e2eNoStops.takesFound} found, ${e2eNoStops.notes} notes, ${e2eNoStops.injected} faults`);
printEvents(e2eNoStops);
for (const type of withoutStops) {
  const s = e2eNoStops.perType[type];
  check(s.precision >= 0.9 && s.recall >= 0.9, `through alignment, ${type}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (>= 0.9)`);
}
console.log(`   (${(performance.now() - start).toFixed(0)} ms)`);

console.log(`\n${failures === 0 ? 'ALL PASS' : `${failures} FAILED`}`);
process.exitCode = failures === 0 ? 0 : 1;

function printEvents(result: EventValidation): void {
  console.log(formatConfusion(result.confusion));
  console.log('\ntype              injected  detected   TP  precision  recall');
  for (const type of EVENT_TYPES) {
    const s = result.perType[type];
    console.log(`${type.padEnd(16)} ${String(s.injected).padStart(9)} ${String(s.detected).padStart(9)} ${String(s.truePositives).padStart(4)} ${s.precision.toFixed(3).padStart(10)} ${s.recall.toFixed(3).padStart(7)}`);
  }
}
