/**
 * Practice minutes per day (the last four weeks of practice, every calendar day, rest days as
 * zero) and per week: practice time is a covariate of drift, and long practice without pauses
 * makes cramps worse.
 */
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import type { DriftDocument } from '../../../core/api/drift';
import { formatDay } from '../../format';
import './chart-setup';

const DAY_MS = 86_400_000;

/**
 * Every calendar day (UTC dates, as the document's) of the `count` days ending at the latest one
 * practised, with the minutes of that day (0 for a rest day).
 *
 * @example calendarDays([{ date: '2026-10-01', minutes: 30, sessions: 1 }], 3) // => [{ date: '2026-09-29', minutes: 0 }, { date: '2026-09-30', minutes: 0 }, { date: '2026-10-01', minutes: 30 }]
 */
export function calendarDays(days: DriftDocument['practice']['days'], count: number): { date: string; minutes: number }[] {
  const last = days.at(-1)?.date;
  if (last === undefined) return [];
  const byDate = new Map(days.map((d) => [d.date, d.minutes]));
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return { date, minutes: byDate.get(date) ?? 0 };
  });
}

/** @example minutesWords(85) // => '1 h 25 min' */
export function minutesWords(minutes: number): string {
  const m = Math.round(minutes);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function PracticeChart({ practice }: { readonly practice: DriftDocument['practice'] }) {
  const days = useMemo(() => calendarDays(practice.days, 28), [practice.days]);
  const weeks = practice.weeks.slice(-8);
  const topWeek = Math.max(1, ...weeks.map((w) => w.minutes));
  if (days.length === 0) {
    return (
      <section className="card" aria-labelledby="practice-title">
        <div className="card-head"><h2 id="practice-title">Practice time</h2></div>
        <p className="empty">Your practice minutes per day and per week appear here after your first session.</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="practice-title" data-testid="practice">
      <div className="card-head">
        <h2 id="practice-title">Practice time</h2>
        <span className="muted small">minutes per day, four weeks to {formatDay(`${days.at(-1)?.date ?? ''}T12:00:00Z`)}</span>
      </div>
      <div className="practice-grid">
        <div className="practice-canvas">
          <Bar
            aria-label="Practice minutes per day"
            role="img"
            data={{
              labels: days.map((d) => formatDay(`${d.date}T12:00:00Z`)),
              datasets: [{ label: 'minutes', data: days.map((d) => Math.round(d.minutes)), backgroundColor: '#1f6f6b', borderRadius: 3 }],
            }}
            options={{
              animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } },
              scales: { x: { grid: { display: false }, ticks: { font: { size: 10 }, maxTicksLimit: 8, maxRotation: 0 } }, y: { beginAtZero: true, ticks: { font: { size: 10 }, maxTicksLimit: 5 }, title: { display: true, text: 'min', font: { size: 10 } } } },
            }}
          />
        </div>
        <div>
          <h4 className="weeks-title">Per week</h4>
          <ul className="weeks">
            {[...weeks].reverse().map((w) => (
              <li key={w.week}>
                <span className="muted small">from {formatDay(`${w.week}T12:00:00Z`)}</span>
                <span className="week-bar" aria-hidden="true"><span style={{ width: `${(100 * w.minutes) / topWeek}%` }} /></span>
                <strong className="small">{minutesWords(w.minutes)}</strong>
                <span className="muted small">{w.sessions} {w.sessions === 1 ? 'session' : 'sessions'}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
