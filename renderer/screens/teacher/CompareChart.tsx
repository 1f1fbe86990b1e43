/**
 * Two sessions (or a session and the baseline) side by side per finger: a bar chart of
 * onset-deviation SD (chart.js via react-chartjs-2; bars in the finger's colour, the first
 * series paler) and a table with velocity CV and the differences.
 */
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { Comparison } from '../../../core/api/teacher-schemas';
import { fingerCode, fingerColour, fingerColourAlpha } from '../../fingers';
import { formatMs, formatPercent } from '../../format';

ChartJS.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const signed = (value: number | null, format: (v: number) => string) => (value === null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format(Math.abs(value))}`);

export function CompareChart({ comparison }: { readonly comparison: Comparison }) {
  const rows = comparison.rows;
  // Only takes of the same exercise at the same tempo are compared (core/compare/fingers.ts).
  if (rows.length === 0) {
    return (
      <div className="compare">
        <p className="empty" data-testid="compare-empty">
          Nothing to compare like with like: {comparison.a.label} and {comparison.b.label} share no exercise played at the same tempo
          (within ±7.5 %). Compare sessions of the same exercise, or the baseline once this exercise has earlier sessions.
        </p>
      </div>
    );
  }
  const labels = rows.map((r) => fingerCode(r.hand, r.finger));
  const data = {
    labels,
    datasets: [
      { label: comparison.a.label, data: rows.map((r) => r.a?.onsetSdMs ?? null), backgroundColor: rows.map((r) => fingerColourAlpha(r.finger, 0.35)), borderColor: rows.map((r) => fingerColour(r.finger)), borderWidth: 1 },
      { label: comparison.b.label, data: rows.map((r) => r.b?.onsetSdMs ?? null), backgroundColor: rows.map((r) => fingerColour(r.finger)), borderColor: rows.map((r) => fingerColour(r.finger)), borderWidth: 1 },
    ],
  };
  return (
    <div className="compare">
      <div className="compare-chart" role="img" aria-label={`Onset SD per finger: ${comparison.a.label} (pale) and ${comparison.b.label} (solid)`}>
        <Bar
          data={data}
          options={{
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${formatMs(ctx.parsed.y)}` } } },
            scales: { y: { beginAtZero: true, title: { display: true, text: 'Onset SD (ms), lower is more even' } } },
          }}
        />
      </div>
      <p className="small muted compare-key">Pale bars: {comparison.a.label}. Solid bars: {comparison.b.label}.</p>
      <table className="table compare-table">
        <thead>
          <tr>
            <th>Finger</th>
            <th>Onset SD<br /><span className="muted small">{comparison.a.label}</span></th>
            <th>Onset SD<br /><span className="muted small">{comparison.b.label}</span></th>
            <th>Change</th>
            <th>Velocity CV<br /><span className="muted small">{comparison.a.label}</span></th>
            <th>Velocity CV<br /><span className="muted small">{comparison.b.label}</span></th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.hand}${r.finger}`}>
              <th scope="row"><span className="swatch" data-finger={r.finger} style={{ background: fingerColour(r.finger) }} aria-hidden="true" /> {fingerCode(r.hand, r.finger)}</th>
              <td>{formatMs(r.a?.onsetSdMs)}</td>
              <td>{formatMs(r.b?.onsetSdMs)}</td>
              <td>{signed(r.onsetSdDeltaMs, (v) => formatMs(v))}</td>
              <td>{r.a ? formatPercent(r.a.velocityCv) : '—'}</td>
              <td>{r.b ? formatPercent(r.b.velocityCv) : '—'}</td>
              <td>{signed(r.velocityCvDelta, formatPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
