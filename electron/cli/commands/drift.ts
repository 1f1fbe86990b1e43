/**
 * `evenkeys drift --profile NAME [--db PATH] [--json]`: a profile's drift against their own
 * baseline. `--json` prints the `evenkeys.drift/1` document (series with baseline, limits, MDC and
 * points; alerts; fingerprints; practice); without it, the alerts in plain words, the baselines'
 * progress and the most watched series. Exit 2 with one line for an unknown profile.
 */
import { StoreError } from '../../store/index';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { table } from '../format';
import { parseProfileCommandArgs, profileByName } from '../profile-args';
import { openStoreForCommand } from '../open-store';
import { DRIFT_METRIC_INFO } from '../../../core/drift/metrics';

export const driftCommand: CliCommand = {
  name: 'drift',
  summary: "follow a profile against their own baseline, per finger (alerts, baselines, MDC)",
  usage: 'evenkeys drift --profile NAME [--db PATH] [--json]',
  options: [
    { flag: '--profile NAME', text: "the pianist whose series, baselines and alerts are shown (their own past is the only yardstick)." },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder); opened read-only.' },
    { flag: '--json', text: 'print the evenkeys.drift/1 document (series with baseline, limits, MDC and points, and alerts).' },
  ],
  async run(args, io) {
    const values = parseProfileCommandArgs(args);
    const store = await openStoreForCommand(values.db, { mustExist: true });
    try {
      const profile = profileByName(store, values.profileName);
      const doc = store.drift(profile.id);
      if (values.json) {
        io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
        return 0;
      }
      const lines: string[] = [`Drift for ${profile.name}: ${doc.sessions} sessions (${doc.credibleSessions} with credible takes), ${doc.monitoredSeries} series monitored.`];
      const active = doc.alerts.filter((a) => a.status === 'active' && a.user?.state !== 'hidden');
      lines.push('', active.length === 0 ? 'No active alerts: every monitored series is within your usual range.' : `Active alerts (${active.length}):`);
      for (const alert of active) lines.push(`  - ${alert.message}`);
      const resolved = doc.alerts.filter((a) => a.status === 'resolved').length;
      if (resolved > 0) lines.push(`  (${resolved} earlier alert${resolved === 1 ? '' : 's'} resolved)`);
      // Only like with like is compared: each exercise family at one tempo band on one keyboard is
      // its own baseline, so the tables are grouped by all three (the keyboard named when several).
      const severalKeyboards = new Set(doc.series.map((s) => s.device)).size > 1;
      const groupName = (s: (typeof doc.series)[number]) => `${s.familyName}, ${s.band.centre.toFixed(1)} notes/s${severalKeyboards ? `, ${s.device}` : ''}`;
      const families = new Map<string, { name: string; device: string; sessions: number; needed: number; complete: boolean; band: number }>();
      for (const s of doc.series) {
        const key = `${s.family}|${s.device}|${s.band.id}`;
        const seen = families.get(key);
        if (!seen || s.baseline.sessions > seen.sessions) families.set(key, { name: s.familyName, device: s.device, sessions: s.baseline.sessions, needed: s.baseline.needed, complete: s.baseline.complete, band: s.band.centre });
      }
      if (families.size > 0) {
        lines.push('', 'Baselines:');
        const progress = (f: { sessions: number; needed: number; complete: boolean }) => (f.complete ? `complete (${f.sessions} sessions)` : `${f.sessions} of ${f.needed} sessions`);
        const rows = [...families.values()].map((f) => [f.name, `${f.band.toFixed(1)} notes/s`, ...(severalKeyboards ? [f.device] : []), progress(f)]);
        lines.push(table(['exercise', 'tempo', ...(severalKeyboards ? ['keyboard'] : []), 'baseline'], rows, '  '));
      }
      const timing = doc.series.filter((s) => s.metric === 'onset-mean' && s.baseline.complete);
      if (timing.length > 0) {
        lines.push('', 'Mean onset deviation per finger (latest session vs baseline, ms):');
        const groups = new Map<string, typeof timing>();
        for (const s of timing) {
          const key = `${s.family}|${s.device}|${s.band.id}`;
          groups.set(key, [...(groups.get(key) ?? []), s]);
        }
        const byName = [...groups.values()].sort((a, b) => groupName(a[0] as (typeof timing)[number]).localeCompare(groupName(b[0] as (typeof timing)[number])));
        for (const group of byName) {
          lines.push(`  ${groupName(group[0] as (typeof timing)[number])}:`);
          lines.push(table(
            ['finger', 'dir', 'baseline', 'MDC', 'latest', 'EWMA', 'limits'],
            group.map((s) => {
              const last = s.points.at(-1);
              return [`${s.hand === 'right' ? 'R' : 'L'}${s.finger ?? ''}`, s.direction, fmt(s.baseline.location), fmt(s.baseline.mdc), fmt(last?.value ?? null), fmt(last?.ewmaValue ?? null), `${fmt(s.baseline.lower)} to ${fmt(s.baseline.upper)}`];
            }),
            '    ',
          ));
        }
      }
      lines.push('', `Metrics: ${Object.keys(DRIFT_METRIC_INFO).join(', ')}. Evenkeys measures changes against your own baseline; it cannot tell what causes them.`);
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    } catch (error) {
      if (error instanceof StoreError) throw new CliUsageError(error.message);
      throw error;
    } finally {
      store.close();
    }
  },
};

function fmt(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}
