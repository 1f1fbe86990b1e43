/**
 * `npx tsx scripts/validate-drift.ts [--pianists N] [--seed S]`: the drift validation at full
 * size. Prints the profile-level in-control ARL (goal >= 200 sessions), the median detection delay
 * after a drift reaches one MDC (goal <= 6), the share detected within 15 sessions (goal >= 90 %),
 * the share naming the right hand and finger (goal >= 90 %), and one-off bad sessions that raised
 * an alert (goal 0). Simulation level: see tests/support/longitudinal.ts.
 */
import { parseArgs } from 'node:util';
import { badDays, detection, inControl } from '../tests/support/drift-validation';

const { values } = parseArgs({ options: { pianists: { type: 'string', default: '100' }, seed: { type: 'string', default: '2026' } } });
const pianists = Number(values.pianists);
const seed = Number(values.seed);
const started = performance.now();

const healthy = inControl(pianists, seed);
console.log(`In control: ${healthy.pianists} healthy pianists x 300 sessions, ${healthy.monitoredSessions} monitored sessions, ${healthy.falseAlarms} false alarms (${healthy.pianistsWithAlarm} pianists)`);
console.log(`  profile-level in-control ARL: ${healthy.arl.toFixed(0)} sessions (goal >= 200)`);

const onset = detection(pianists, seed + 1);
const pct = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)} %`;
console.log(`Detection: ${onset.cases.length} onset pianists, ${onset.reached} reached one MDC within 300 sessions, ${onset.detected} detected after the onset`);
console.log(`  median delay after one MDC: ${onset.medianDelay} sessions (goal <= 6)`);
console.log(`  detected within 15 sessions: ${pct(onset.within15, onset.reached)} (goal >= 90 %)`);
console.log(`  right hand and finger named: ${pct(onset.correctAttribution, onset.detected)} (goal >= 90 %)`);
for (const kind of ['bias', 'jitter', 'velocity', 'keyhold'] as const) {
  const cases = onset.cases.filter((c) => c.onset.kind === kind && c.reachIndex !== null);
  const delays = cases.flatMap((c) => (c.delay === null ? [] : [c.delay])).sort((a, b) => a - b);
  console.log(`    ${kind.padEnd(8)} ${cases.length} cases, median delay ${delays[(delays.length - 1) >> 1] ?? '-'}, missed ${cases.filter((c) => c.delay === null).length}, wrong finger ${cases.filter((c) => c.delay !== null && !c.correctFinger).length}`);
}
const bad = badDays(pianists, seed + 2);
console.log(`One-off bad session: ${bad.alertsCaused} of ${bad.pianists} pianists got an alert from it (goal 0)`);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
