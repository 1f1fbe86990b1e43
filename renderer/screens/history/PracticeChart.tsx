/**
 * Practice minutes per day (the last four weeks of practice, every calendar day, rest days as
 * zero) and per week: practice time is a covariate of drift, and long practice without pauses
 * makes cramps worse.
 */
import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import type { DriftDocument } from '../../../core/api/drift';
import { formatDay, formatPracticeTime } from '../../format';
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

export type WeekRow =
  | { readonly kind: 'week'; readonly week: string; readonly minutes: number; readonly sessions: number }
  | { readonly kind: 'rest'; readonly from: string; readonly to: string; readonly weeks: number };

/**
 * The last `count` calendar weeks (Monday starts, as the document's), newest first, from the
 * first week practised on; a run of weeks without practice becomes one 'rest' row, so a break
 * shows as a break rather than vanishing.
 *
 * @example weekRows([{ week: '2026-09-07', minutes: 90, sessions: 3 }, { week: '2026-09-28', minutes: 30, sessions: 1 }], 8).map((r) => r.kind) // => ['week', 'rest', 'week']
 */
export function weekRows(weeks: DriftDocument['practice']['weeks'], count: number): WeekRow[] {
  const last = weeks.at(-1)?.week;
  const first = weeks[0]?.week;
  if (last === undefined || first === undefined) return [];
  const byWeek = new Map(weeks.map((w) => [w.week, w]));
  const rows: WeekRow[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let i = 0; i < count; i += 1) {
    const week = new Date(end - i * 7 * DAY_MS).toISOString().slice(0, 10);
    if (week < first) break;
    const played = byWeek.get(week);
    const previous = rows.at(-1);
    if (played) rows.push({ kind: 'week', week, minutes: played.minutes, sessions: played.sessions });
    else if (previous?.kind === 'rest') rows[rows.length - 1] = { ...previous, from: week, weeks: previous.weeks + 1 };
    else rows.push({ kind: 'rest', from: week, to: week, weeks: 1 });
  }
  return rows;
}

/** @example minutesWords(85) // => '1 h 25 min' */
export function minutesWords(minutes: number): string {
  return formatPracticeTime(minutes * 60_000);
}

export function PracticeChart({ practice }: { readonly practice: DriftDocument['practice'] }) {
  const days = useMemo(() => calendarDays(practice.days, 28), [practice.days]);
  const weeks = useMemo(() => weekRows(practice.weeks, 12), [practice.weeks]);
  const topWeek = Math.max(1, ...weeks.map((w) => (w.kind === 'week' ? w.minutes : 0)));
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
            {weeks.map((w) => (w.kind === 'week' ? (
              <li key={w.week}>
                <span className="muted small">from {formatDay(`${w.week}T12:00:00Z`)}</span>
                <span className="week-bar" aria-hidden="true"><span style={{ width: `${(100 * w.minutes) / topWeek}%` }} /></span>
                <strong className="small">{minutesWords(w.minutes)}</strong>
                <span className="muted small">{w.sessions} {w.sessions === 1 ? 'session' : 'sessions'}</span>
              </li>
            ) : (
              <li key={w.from} className="rest">
                <span className="muted small">{w.weeks === 1 ? `from ${formatDay(`${w.from}T12:00:00Z`)}` : `${formatDay(`${w.from}T12:00:00Z`)} – ${formatDay(`${w.to}T12:00:00Z`)}`}</span>
                <span className="muted small rest-words">{w.weeks === 1 ? 'a week without practice' : `${w.weeks} weeks without practice`}</span>
              </li>
            )))}
          </ul>
        </div>
      </div>
    </section>
  );
}
