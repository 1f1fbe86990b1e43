/**
 * From a drift series to what a trend chart draws: points (x = session time in ms), the EWMA
 * line, the baseline band (baseline sessions' time span, location +- MDC), control limits and
 * alert markers. Pure functions, shared by the screen and the render benchmark.
 */
import type { ChartData, ChartOptions } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { DriftDocumentAlert, DriftDocumentSeries } from '../../../core/api/drift';
import { fingerColour, fingerColourAlpha } from '../../fingers';

export interface TrendPoint {
  readonly x: number;
  readonly y: number;
  readonly sessionId: number;
  readonly at: string;
  readonly n: number;
  readonly notesPerSecond: number;
  readonly exercises: readonly string[];
  readonly phase: string;
  readonly outOfControl: boolean;
}

const dateLabel = (ms: number, withYear: boolean) =>
  new Date(ms).toLocaleDateString(undefined, withYear ? { day: 'numeric', month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' });

/** Half the time axis around a series whose sessions all fall on one moment (chart.js would pad by 5 % of the epoch time: years). */
const SINGLE_SESSION_PAD_MS = 7 * 86_400_000;

/**
 * @example trendChart(series, alerts).data.datasets.length // => 2 (sessions, EWMA)
 */
export function trendChart(
  series: DriftDocumentSeries,
  alerts: readonly DriftDocumentAlert[],
  exerciseNames: ReadonlyMap<string, string> = new Map(),
): { data: ChartData<'line', TrendPoint[]>; options: ChartOptions<'line'> } {
  const colour = fingerColour(series.finger);
  const points: TrendPoint[] = series.points.map((p) => ({
    x: Date.parse(p.at), y: p.value, sessionId: p.sessionId, at: p.at, n: p.n, notesPerSecond: p.notesPerSecond, exercises: p.exercises, phase: p.phase, outOfControl: p.outOfControl,
  }));
  const ewma: TrendPoint[] = series.points.flatMap((p) => (p.ewmaValue === null ? [] : [{
    x: Date.parse(p.at), y: p.ewmaValue, sessionId: p.sessionId, at: p.at, n: p.n, notesPerSecond: p.notesPerSecond, exercises: p.exercises, phase: p.phase, outOfControl: p.outOfControl,
  }]));
  // Points come in session order: the first and last give the time span without a scan.
  const first = points[0]?.x ?? 0;
  const last = points.at(-1)?.x ?? first;
  const pad = last > first ? 0 : SINGLE_SESSION_PAD_MS;
  const withYear = new Date(first - pad).getFullYear() !== new Date(last + pad).getFullYear();
  const b = series.baseline;
  const annotations: Record<string, AnnotationOptions> = {};
  if (b.complete && b.location !== null && b.mdc !== null && b.from && b.to) {
    annotations.baselineSpan = { type: 'box', xMin: Date.parse(b.from), xMax: Date.parse(b.to), backgroundColor: 'rgba(31, 111, 107, 0.06)', borderWidth: 0, label: { display: true, content: 'baseline', position: { x: 'start', y: 'start' }, color: '#1f6f6b', font: { size: 10 } } };
    annotations.band = { type: 'box', yMin: b.location - b.mdc, yMax: b.location + b.mdc, backgroundColor: fingerColourAlpha(series.finger, 0.1), borderWidth: 0 };
    annotations.location = { type: 'line', yMin: b.location, yMax: b.location, borderColor: fingerColourAlpha(series.finger, 0.6), borderWidth: 1 };
  }
  if (b.lower !== null && b.upper !== null) {
    annotations.upper = { type: 'line', yMin: b.upper, yMax: b.upper, borderColor: '#8a5a00', borderWidth: 1, borderDash: [5, 4], label: { display: true, content: 'limit', position: 'end', backgroundColor: 'transparent', color: '#8a5a00', font: { size: 10 }, yAdjust: -8 } };
    annotations.lower = { type: 'line', yMin: b.lower, yMax: b.lower, borderColor: '#8a5a00', borderWidth: 1, borderDash: [5, 4] };
  }
  alerts.filter((a) => a.seriesKey === series.key).forEach((a, i) => {
    annotations[`alert${i}`] = {
      type: 'line', xMin: Date.parse(a.detectedAt), xMax: Date.parse(a.detectedAt), borderColor: a.status === 'active' ? '#c2412d' : '#999999', borderWidth: 2,
      label: { display: true, content: a.status === 'active' ? 'alert' : 'resolved', position: 'start', backgroundColor: a.status === 'active' ? '#c2412d' : '#999999', color: '#fff', font: { size: 10 } },
    };
  });
  return {
    data: {
      datasets: [
        {
          label: 'session',
          data: points,
          showLine: false,
          pointRadius: points.length > 300 ? 1.5 : 3,
          pointBackgroundColor: points.map((p) => (p.outOfControl ? '#c2412d' : colour)),
          pointBorderWidth: 0,
          borderColor: colour,
          // Drawn whole at the chart's edges: a rate of 0 sits on the axis (min 0), and chart.js would clip the dot in half.
          clip: false,
        },
        { label: 'trend (EWMA)', data: ewma, borderColor: colour, borderWidth: 2, pointRadius: 0, tension: 0 },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      scales: {
        x: {
          type: 'linear',
          ...(pad > 0 && points.length > 0 ? { min: first - pad, max: last + pad } : {}),
          ticks: { callback: (value) => dateLabel(Number(value), withYear), maxTicksLimit: 5, font: { size: 10 } },
          grid: { display: false },
        },
        y: {
          // Events per 100 notes cannot be negative (a series of zeros would otherwise run from -1 to 1).
          ...(series.metric.endsWith('-rate') ? { min: 0 } : {}),
          ticks: { font: { size: 10 }, maxTicksLimit: 5 },
          title: { display: true, text: series.unit, font: { size: 10 } },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const raw = items[0]?.raw as TrendPoint | undefined;
              return raw ? new Date(raw.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
            },
            label: (item) => {
              const p = item.raw as TrendPoint;
              return item.datasetIndex === 1 ? `trend ${p.y.toFixed(2)} ${series.unit}` : `${p.y.toFixed(2)} ${series.unit} · ${p.notesPerSecond.toFixed(1)} notes/s · n = ${Math.round(p.n)}`;
            },
            afterLabel: (item) => (item.datasetIndex === 0 ? exerciseLabel((item.raw as TrendPoint).exercises, exerciseNames, series.familyName) : ''),
          },
        },
        annotation: { annotations },
      },
    },
  };
}

/**
 * The hover text's exercise: the names of the session's exercises in the family, else the
 * family's name (never a bare id).
 *
 * @example exerciseLabel(['clinical-scale-rh'], new Map([['clinical-scale-rh', 'Clinical scale test']]), 'C major') // => 'Clinical scale test'
 */
export function exerciseLabel(ids: readonly string[], names: ReadonlyMap<string, string>, familyName: string): string {
  const known = ids.flatMap((id) => {
    const name = names.get(id);
    return name === undefined ? [] : [name];
  });
  return known.length === ids.length && known.length > 0 ? known.join('; ') : familyName;
}
