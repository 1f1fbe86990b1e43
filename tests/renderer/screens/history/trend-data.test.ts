// A trend chart with a single session (every new series, every new keyboard) spread its time
// axis over about five years ("Nov 14 ... Mar 17", no years), and an event-rate chart of zeros
// ran from -1 to 1 per 100 notes: the axes a pianist reads must make sense from the first point.
import { describe, expect, it } from 'vitest';
import type { DriftDocumentSeries } from '../../../../core/api/drift';
import { trendChart } from '../../../../renderer/screens/history/trend-data';

const DAY = 86_400_000;

function series(metric: 'onset-mean' | 'late-rate', unit: string, days: readonly string[], value = 0): DriftDocumentSeries {
  return {
    key: `fam|right|up|4|${metric}|Stage Piano|t1`, family: 'fam', familyName: 'C major scale, right hand', hand: 'right', direction: 'up', finger: 4, metric, unit, device: 'Stage Piano',
    band: { id: 't1', centre: 8, low: 7.4, high: 8.6 },
    baseline: { sessions: days.length, needed: 10, complete: false, progress: `${days.length} of 10 sessions`, from: null, to: null, location: null, betweenSd: null, withinSe: null, sem: null, mdc: null, lower: null, upper: null },
    points: days.map((at, i) => ({ sessionId: i + 1, at, value, se: 0, n: 29, takes: 1, notesPerSecond: 8, exercises: ['clinical-scale-rh'], phase: 'baseline', z: null, ewma: null, ewmaValue: null, outOfControl: false })),
    pointCount: days.length,
    exercises: ['clinical-scale-rh'],
  } as DriftDocumentSeries;
}

const tick = (options: ReturnType<typeof trendChart>['options'], value: number) =>
  String((options.scales?.x?.ticks as { callback: (v: number) => string }).callback.call(undefined, value));

describe('trend chart axes', () => {
  it('one session: a time axis of days around it, not years', () => {
    const at = '2026-11-30T14:57:00.000Z';
    const { options } = trendChart(series('onset-mean', 'ms', [at]), []);
    const x = options.scales?.x as { min?: number; max?: number };
    expect(x.min).toBeDefined();
    expect(x.max).toBeDefined();
    expect(Date.parse(at) - (x.min ?? 0)).toBeLessThanOrEqual(7 * DAY);
    expect((x.max ?? 0) - Date.parse(at)).toBeLessThanOrEqual(7 * DAY);
    expect((x.max ?? 0) - (x.min ?? 0)).toBeGreaterThan(DAY);
  });

  it('sessions spread over weeks keep the automatic axis; the labels carry the year when the axis crosses one', () => {
    const weeks = trendChart(series('onset-mean', 'ms', ['2026-09-01T17:00:00Z', '2026-10-01T17:00:00Z']), []).options;
    expect((weeks.scales?.x as { min?: number }).min).toBeUndefined();
    expect(tick(weeks, Date.parse('2026-09-15T12:00:00Z'))).not.toMatch(/2026/);
    const years = trendChart(series('onset-mean', 'ms', ['2025-11-20T17:00:00Z', '2026-02-01T17:00:00Z']), []).options;
    expect(tick(years, Date.parse('2025-12-15T12:00:00Z'))).toMatch(/2025/);
  });

  it('an event rate never goes below 0 per 100 notes', () => {
    const { options } = trendChart(series('late-rate', 'per 100 notes', ['2026-09-01T17:00:00Z', '2026-09-05T17:00:00Z']), []);
    expect((options.scales?.y as { min?: number }).min).toBe(0);
    const timing = trendChart(series('onset-mean', 'ms', ['2026-09-01T17:00:00Z', '2026-09-05T17:00:00Z']), []).options;
    expect((timing.scales?.y as { min?: number }).min).toBeUndefined();
  });

  it('draws the session dots whole on the axis (a rate of 0), not clipped in half at the chart area', () => {
    const { data } = trendChart(series('late-rate', 'per 100 notes', ['2026-09-01T17:00:00Z', '2026-09-05T17:00:00Z']), []);
    expect(data.datasets.find((d) => d.label === 'session')?.clip).toBe(false);
  });
});
