/**
 * The report's charts, thin wrappers over react-chartjs-2: per-note onset deviation in time
 * order, per-finger deviation and velocity with their spread, key-hold / legato by finger, and
 * the take's unevenness beside the healthy reference band.
 */
import { Bar, Scatter } from 'react-chartjs-2';
import type { AnalysisFinger } from '../../core/api/analysis';
import { fingerCode, fingerColour, fingerColourAlpha, handPointStyle } from '../fingers';
import type { FingerSeries } from './report-data';
import { msAxis, setupCharts } from './setup';

setupCharts();

export interface DeviationChartProps {
  readonly series: readonly FingerSeries[];
  readonly wrong: readonly { x: number; y: number; pitch: number }[];
  /** Highlight: is this note one of the selected event's? */
  readonly highlight: ((p: { timeMs: number; hand: 'left' | 'right'; finger: number }) => boolean) | null;
  /** The y axis title; lines of an array are stacked (a long one-line title is cut off at both ends). */
  readonly yTitle: string | readonly string[];
}

/** Per-note deviation in time order, one colour per finger, circle = right hand, triangle = left. */
export function DeviationChart({ series, wrong, highlight, yTitle }: DeviationChartProps) {
  const datasets: Array<{ label: string; data: { x: number; y: number }[]; pointStyle: string | string[]; backgroundColor: string[]; borderColor: string[]; borderWidth: number[]; pointRadius: number[] }> = series.map((s) => ({
    label: fingerCode(s.hand, s.finger),
    data: s.points.map((p) => ({ x: p.x, y: p.y })),
    pointStyle: handPointStyle(s.hand),
    backgroundColor: s.points.map((p) => (highlight === null || highlight(p) ? fingerColour(s.finger) : fingerColourAlpha(s.finger, 0.18))),
    borderColor: s.points.map((p) => (highlight !== null && highlight(p) ? '#1d2327' : fingerColour(s.finger))),
    borderWidth: s.points.map((p) => (highlight !== null && highlight(p) ? 2 : 0)),
    pointRadius: s.points.map((p) => (highlight !== null && highlight(p) ? 7 : 4)),
  }));
  if (wrong.length > 0) {
    datasets.push({
      label: 'Wrong note',
      data: wrong.map((w) => ({ x: w.x, y: w.y })),
      pointStyle: 'crossRot',
      backgroundColor: wrong.map(() => '#c2412d'),
      borderColor: wrong.map(() => '#c2412d'),
      borderWidth: wrong.map(() => 2),
      pointRadius: wrong.map(() => 6),
    });
  }
  return (
    <div className="chart tall">
      <Scatter
        data={{ datasets: datasets as never }}
        options={{
          plugins: { legend: { position: 'right', labels: { usePointStyle: true, boxWidth: 8 } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${(c.parsed.y ?? 0).toFixed(1)} ms at ${(c.parsed.x ?? 0).toFixed(2)} s` } } },
          scales: { x: { title: { display: true, text: 'time in take (s)' } }, y: msAxis(yTitle) },
        }}
        aria-label="Onset deviation of each note in time order, coloured by finger"
        role="img"
      />
    </div>
  );
}

/** Per-finger mean with ±1 SD as a floating bar (no bar without an SD: fewer than 3 notes). */
export function FingerSpreadChart({ fingers, metric }: { readonly fingers: readonly AnalysisFinger[]; readonly metric: 'deviation' | 'velocity' }) {
  const labels = fingers.map((f) => fingerCode(f.hand, f.finger));
  const stats = fingers.map((f) => (metric === 'deviation' ? f.onsetDeviationMs : f.velocity));
  return (
    <div className="chart">
      <Bar
        data={{
          labels,
          datasets: [
            {
              type: 'bar' as const,
              label: '±1 SD',
              data: stats.map((s) => (s.sd === null || s.mean === null ? null : ([s.mean - s.sd, s.mean + s.sd] as [number, number]))) as never,
              backgroundColor: fingers.map((f) => fingerColourAlpha(f.finger, 0.35)),
              borderColor: fingers.map((f) => fingerColour(f.finger)),
              borderWidth: 1,
              borderSkipped: false,
              barPercentage: 0.6,
            },
            {
              type: 'scatter' as const,
              label: 'mean',
              data: stats.map((s, i) => ({ x: labels[i] as unknown as number, y: s.mean })),
              backgroundColor: fingers.map((f) => fingerColour(f.finger)),
              borderColor: '#1d2327',
              borderWidth: 1.5,
              pointRadius: 6,
              pointStyle: fingers.map((f) => handPointStyle(f.hand)),
            } as never,
          ],
        }}
        options={{
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => tooltip(fingers[c.dataIndex], metric) } } },
          scales: { x: { grid: { display: false } }, y: metric === 'deviation' ? msAxis('onset deviation (ms, + = late)') : { title: { display: true, text: 'velocity (1-127)' } } },
        }}
        aria-label={metric === 'deviation' ? 'Per-finger onset deviation, mean and spread' : 'Per-finger velocity, mean and spread'}
        role="img"
      />
    </div>
  );
}

function tooltip(f: AnalysisFinger | undefined, metric: 'deviation' | 'velocity'): string {
  if (f === undefined) return '';
  const s = metric === 'deviation' ? f.onsetDeviationMs : f.velocity;
  const unit = metric === 'deviation' ? ' ms' : '';
  return `${fingerCode(f.hand, f.finger)}: mean ${s.mean === null ? '—' : s.mean.toFixed(1)}${unit}, SD ${s.sd === null ? `— (${f.count} notes)` : `${s.sd.toFixed(1)}${unit}`}`;
}

/** The key-hold chart's legend: solid and pale, in a neutral grey (the bars carry the finger colours). */
const LEGATO_LEGEND = [
  { text: 'legato overlap (ms)', fillStyle: 'rgb(91, 102, 112)' },
  { text: 'key-down duration (ms)', fillStyle: 'rgba(91, 102, 112, 0.3)' },
] as const;

/** Key-down duration and legato overlap by finger (overlap < 0 is a gap between notes). */
export function LegatoChart({ fingers }: { readonly fingers: readonly AnalysisFinger[] }) {
  return (
    <div className="chart">
      <Bar
        data={{
          labels: fingers.map((f) => fingerCode(f.hand, f.finger)),
          datasets: [
            { label: 'legato overlap (ms)', data: fingers.map((f) => f.legatoOverlapMs.mean), backgroundColor: fingers.map((f) => fingerColour(f.finger)), barPercentage: 0.7 },
            { label: 'key-down duration (ms)', data: fingers.map((f) => f.durationMs.mean), backgroundColor: fingers.map((f) => fingerColourAlpha(f.finger, 0.3)), barPercentage: 0.7 },
          ],
        }}
        options={{
          plugins: {
            // Each finger's bars are in its own colour: the legend tells solid from pale in grey,
            // since a swatch in the thumb's orange would say "this means the thumb".
            legend: {
              position: 'bottom',
              labels: {
                boxWidth: 10,
                generateLabels: () =>
                  LEGATO_LEGEND.map((item, datasetIndex) => ({ ...item, strokeStyle: item.fillStyle, lineWidth: 0, hidden: false, datasetIndex })),
              },
            },
          },
          scales: { x: { grid: { display: false } }, y: msAxis('ms') },
        }}
        aria-label="Key-down duration and legato overlap by finger"
        role="img"
      />
    </div>
  );
}

/** Reference: IOI SD of healthy professional pianists at 8 notes/s (Jabusch et al. 2004: 8-9 ms). */
export const HEALTHY_BAND_MS: readonly [number, number] = [8, 9];

/** This take's unevenness (and each hand x direction's IOI SD) beside the healthy band. */
export function UnevennessChart({ rows }: { readonly rows: readonly { label: string; value: number }[] }) {
  const max = Math.max(15, ...rows.map((r) => r.value)) * 1.1;
  return (
    <div className="chart short">
      <Bar
        data={{ labels: rows.map((r) => r.label), datasets: [{ label: 'IOI SD (ms)', data: rows.map((r) => r.value), backgroundColor: rows.map((_, i) => (i === 0 ? '#1f6f6b' : '#9cc7c3')), barPercentage: 0.6 }] }}
        options={{
          indexAxis: 'y',
          // Room above the bars for the band's label: inside the plot it sat on the first bar.
          layout: { padding: { top: 18 } },
          plugins: {
            legend: { display: false },
            annotation: {
              clip: false,
              annotations: {
                healthy: {
                  type: 'box',
                  xMin: HEALTHY_BAND_MS[0],
                  xMax: HEALTHY_BAND_MS[1],
                  backgroundColor: 'rgba(0, 158, 115, 0.18)',
                  borderColor: 'rgba(0, 158, 115, 0.7)',
                  borderWidth: 1,
                  label: { display: true, content: 'healthy pros, 8 notes/s', position: { x: 'center', y: 'start' }, yAdjust: -20, font: { size: 10 }, color: '#00704f' },
                },
              },
            },
          },
          scales: { x: { min: 0, max, title: { display: true, text: 'IOI SD (ms)' } }, y: { grid: { display: false } } },
        }}
        aria-label="Unevenness beside the healthy reference band"
        role="img"
      />
    </div>
  );
}
