/** Practice minutes per day (last four weeks) and per week: practice time is a covariate of drift. */
import { Bar } from 'react-chartjs-2';
import type { DriftDocument } from '../../../core/api/drift';
import './chart-setup';

export function PracticeChart({ practice }: { readonly practice: DriftDocument['practice'] }) {
  const days = practice.days.slice(-28);
  const weeks = practice.weeks.slice(-8);
  if (days.length === 0) return null;
  return (
    <section className="card" aria-labelledby="practice-title">
      <div className="card-head">
        <h2 id="practice-title">Practice time</h2>
        <span className="muted small">minutes per day, last four weeks</span>
      </div>
      <div className="practice-canvas">
        <Bar
          data={{
            labels: days.map((d) => new Date(`${d.date}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })),
            datasets: [{ label: 'minutes', data: days.map((d) => Math.round(d.minutes)), backgroundColor: '#1f6f6b', borderRadius: 3 }],
          }}
          options={{ animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { grid: { display: false }, ticks: { font: { size: 10 }, maxTicksLimit: 10 } }, y: { ticks: { font: { size: 10 } } } } }}
        />
      </div>
      <ul className="weeks">
        {weeks.map((w) => (
          <li key={w.week}><span className="muted small">week of {new Date(`${w.week}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}</span> <strong>{Math.round(w.minutes)} min</strong> <span className="muted small">{w.sessions} sessions</span></li>
        ))}
      </ul>
    </section>
  );
}
