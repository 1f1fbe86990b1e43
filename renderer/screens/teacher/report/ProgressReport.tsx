/**
 * The progress report: ONE template for the screen (teacher mode), the browser's print (its
 * print stylesheet) and the PDF (Electron printToPDF of this page; the CLI renders it with
 * react-dom/server and prints it in Chromium). Presentational only: no API calls, no browser
 * APIs, SVG charts drawn from the data (so the same markup renders without a DOM).
 */
import type { ExerciseTrend, FingerTrend, ProgressReportData } from '../../../../core/report/progress';
import { handsUnlessNamed } from '../../../components/session-exercises';
import { fingerCode, fingerColour } from '../../../fingers';
import { eventLabel, formatDay, formatMs, formatPracticeTime } from '../../../format';

const W = 520;
const H = 150;
const PAD = { left: 40, right: 10, top: 10, bottom: 24 };

/** x positions by session time, y from 0 to a rounded top. */
function scales(times: readonly number[], values: readonly number[]) {
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const top = niceTop(Math.max(...values, 0));
  const x = (t: number) => PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  return { x, y, top, t0, t1 };
}

function niceTop(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil((value * 1.1) / step) * step;
}

function LineChart({ series, unit, label, now }: {
  series: ReadonlyArray<{ key: string; colour: string; dashed?: boolean; dash?: string; points: ReadonlyArray<{ t: number; v: number }> }>;
  unit: string;
  label: string;
  now: Date;
}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="report-empty">No sessions with takes in this range.</p>;
  const { x, y, top, t0, t1 } = scales(all.map((p) => p.t), all.map((p) => p.v));
  const ticks = [0, top / 2, top];
  return (
    <svg className="report-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e3e1dc" strokeWidth="1" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#555">{`${Number(v.toPrecision(3))}`}</text>
        </g>
      ))}
      <text x={4} y={PAD.top + 4} fontSize="10" fill="#555">{unit}</text>
      <text x={PAD.left} y={H - 6} fontSize="10" fill="#555">{formatDay(new Date(t0).toISOString(), now)}</text>
      <text x={W - PAD.right} y={H - 6} fontSize="10" fill="#555" textAnchor="end">{formatDay(new Date(t1).toISOString(), now)}</text>
      {series.map((s) => (
        <g key={s.key}>
          {s.points.length > 1 ? (
            <polyline points={s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')} fill="none" stroke={s.colour} strokeWidth="2" strokeDasharray={s.dash ?? (s.dashed ? '5 3' : undefined)} />
          ) : null}
          {s.points.map((p) => (
            <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r="3" fill={s.colour} />
          ))}
        </g>
      ))}
    </svg>
  );
}

function trendSeries(trends: readonly FingerTrend[], hand: 'left' | 'right') {
  return trends
    .filter((t) => t.hand === hand)
    .map((t) => ({
      key: fingerCode(t.hand, t.finger),
      colour: fingerColour(t.finger),
      dashed: hand === 'left',
      points: t.points.map((p) => ({ t: Date.parse(p.startedAt), v: p.onsetSdMs })),
    }));
}

function Legend({ trends, hand }: { trends: readonly FingerTrend[]; hand: 'left' | 'right' }) {
  return (
    <ul className="report-legend">
      {trends.filter((t) => t.hand === hand).map((t) => (
        <li key={t.finger}>
          <svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill={fingerColour(t.finger)} /></svg> {fingerCode(t.hand, t.finger)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Exercise lines: not the finger palette (these are exercises, not fingers), and a dash pattern
 * each, so the lines stay apart in greyscale print and for colour-blind readers.
 */
const EXERCISE_STYLES = [
  { colour: '#1f6f6b', dash: undefined },
  { colour: '#7b4f9d', dash: '6 3' },
  { colour: '#a85d1c', dash: '2 3' },
  { colour: '#4d4d4d', dash: '9 3 2 3' },
] as const;

const exerciseStyle = (index: number) => EXERCISE_STYLES[index % EXERCISE_STYLES.length] ?? EXERCISE_STYLES[0];

/** e.g. 'C major scale, right hand, 2 octaves at 8.0 notes/s', or with the hands when the name does not say them. */
function exerciseLabel(t: ExerciseTrend): string {
  const hands = handsUnlessNamed(t);
  return `${t.exerciseName}${hands ? ` (${hands})` : ''} at ${t.notesPerSecond.toFixed(1)} notes/s`;
}

function ExerciseUnevenness({ trends, leftOut, now }: { trends: readonly ExerciseTrend[]; leftOut: number; now: Date }) {
  if (trends.length === 0) {
    return <p className="report-empty">No exercise was measured at the same tempo in two or more sessions in this range, so there is nothing like-for-like to compare yet.</p>;
  }
  return (
    <>
      <LineChart
        label="Unevenness per session, one line per exercise and tempo"
        unit="ms"
        now={now}
        series={trends.map((t, i) => ({ key: `${t.exerciseId}@${t.notesPerSecond}`, ...exerciseStyle(i), points: t.points.map((p) => ({ t: Date.parse(p.startedAt), v: p.unevennessMs })) }))}
      />
      <table className="report-table report-exercises">
        <thead>
          <tr><th>Exercise and tempo</th><th>Sessions</th><th>First</th><th>Last</th><th>Change</th></tr>
        </thead>
        <tbody>
          {trends.map((t, i) => {
            const first = t.points[0]?.unevennessMs;
            const last = t.points.at(-1)?.unevennessMs;
            const style = exerciseStyle(i);
            return (
              <tr key={`${t.exerciseId}@${t.notesPerSecond}`}>
                <th scope="row">
                  <svg width="22" height="10" aria-hidden="true"><line x1="0" x2="22" y1="5" y2="5" stroke={style.colour} strokeWidth="2.5" strokeDasharray={style.dash} /></svg> {exerciseLabel(t)}
                </th>
                <td>{t.points.length}</td>
                <td>{formatMs(first)}</td>
                <td>{formatMs(last)}</td>
                <td>{first === undefined || last === undefined ? '—' : `${last - first > 0 ? '+' : last - first < 0 ? '−' : '±'}${formatMs(Math.abs(last - first))}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {leftOut > 0 ? (
        <p className="report-small">
          Not charted: {leftOut} other {leftOut === 1 ? 'exercise (or tempo)' : 'exercises (or tempi)'}, played in one session only or in fewer sessions than those above.
        </p>
      ) : null}
      <p className="report-small">First and last: each exercise's own first and last session in this range.</p>
    </>
  );
}

/**
 * @example <ProgressReport data={buildProgressReport({...})} />
 */
export function ProgressReport({ data }: { readonly data: ProgressReportData }) {
  const now = new Date(data.generatedAt);
  const s = data.summary;
  const range = `${data.range.from ? formatDay(data.range.from, now) : 'the first session'} to ${data.range.to ? formatDay(data.range.to, now) : 'the last session'}`;
  const hands = (['right', 'left'] as const).filter((h) => data.fingerTrends.some((t) => t.hand === h));
  return (
    <article className="progress-report" aria-label={`Progress report for ${data.profileName}`}>
      <header className="report-head">
        <h1>Progress report: {data.profileName}</h1>
        <p className="report-meta">Sessions from {range} · prepared {formatDay(data.generatedAt, now)} with Evenkeys</p>
      </header>

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">Summary</h2>
        <dl className="report-figures">
          <div><dt>Sessions</dt><dd>{s.sessions}</dd></div>
          <div><dt>Practice time</dt><dd>{formatPracticeTime(s.practiceMs)}</dd></div>
          <div><dt>Takes</dt><dd>{s.takes}</dd></div>
          <div><dt>Notes played</dt><dd>{s.notes.toLocaleString('en')}</dd></div>
          <div><dt>Loss-of-control events</dt><dd>{s.events}</dd></div>
          <div><dt>Exercises charted</dt><dd>{data.exerciseTrends.length}</dd></div>
        </dl>
        <p className="report-small">
          {s.firstSession ? `First session ${formatDay(s.firstSession, now)}, last ${formatDay(s.lastSession ?? s.firstSession, now)}.` : ''}
        </p>
        <h3 className="report-h3">Unevenness per exercise</h3>
        <p className="report-small">
          Unevenness: the spread (SD) of inter-onset intervals in a take, ms; lower is more even. Sessions are compared like with like: one line per
          exercise and tempo (within ±7.5 %), each session's takes of it averaged, for the exercises played in at least two sessions, the most played first.
        </p>
        <ExerciseUnevenness trends={data.exerciseTrends} leftOut={data.exerciseTrendsLeftOut} now={now} />
      </section>

      <section aria-labelledby="report-fingers" className="report-break">
        <h2 id="report-fingers">Per-finger timing over time</h2>
        <p className="report-small">
          {data.fingerTrendsExercise ? `${data.fingerTrendsExercise.exerciseName} at ${data.fingerTrendsExercise.notesPerSecond.toFixed(1)} notes/s, the most played exercise (like with like): ` : ''}
          Onset-deviation SD per finger and session, ms (lower is more even in time). Colours: one per finger, the same on both hands.
        </p>
        {hands.length === 0 ? <p className="report-empty">No per-finger figures in this range.</p> : null}
        {hands.map((hand) => (
          <figure key={hand} className="report-figure">
            <figcaption>{hand === 'right' ? 'Right hand' : 'Left hand (dashed)'}</figcaption>
            <LineChart label={`Onset SD per finger, ${hand} hand`} unit="ms" now={now} series={trendSeries(data.fingerTrends, hand)} />
            <Legend trends={data.fingerTrends} hand={hand} />
          </figure>
        ))}
        {data.fingerTrends.length > 0 ? (
          <table className="report-table">
            <thead>
              <tr><th>Finger</th><th>Sessions</th><th>Onset SD first</th><th>Onset SD last</th><th>Velocity CV first</th><th>Velocity CV last</th></tr>
            </thead>
            <tbody>
              {data.fingerTrends.map((t) => {
                const first = t.points[0];
                const last = t.points.at(-1);
                return (
                  <tr key={`${t.hand}${t.finger}`}>
                    <th scope="row"><span className="report-swatch" aria-hidden="true"><svg width="10" height="10"><rect width="10" height="10" fill={fingerColour(t.finger)} /></svg></span> {fingerCode(t.hand, t.finger)}</th>
                    <td>{t.points.length}</td>
                    <td>{formatMs(first?.onsetSdMs)}</td>
                    <td>{formatMs(last?.onsetSdMs)}</td>
                    <td>{first ? `${first.velocityCvPct.toFixed(1)} %` : '—'}</td>
                    <td>{last ? `${last.velocityCvPct.toFixed(1)} %` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </section>

      <section aria-labelledby="report-alerts">
        <h2 id="report-alerts">Alerts</h2>
        {data.alerts === null ? (
          <p className="report-small">Drift alerts are not available in this version of Evenkeys.</p>
        ) : data.alerts.length === 0 ? (
          <p>No drift alerts in this range.</p>
        ) : (
          <ul>{data.alerts.map((a) => <li key={`${a.at}${a.title}`}><strong>{a.title}</strong> ({formatDay(a.at, now)}): {a.detail}</li>)}</ul>
        )}
        {data.eventsByType.length > 0 ? (
          <p>Loss-of-control events: {data.eventsByType.map((e) => `${eventLabel(e.type)} ${e.count}`).join(' · ')}</p>
        ) : null}
      </section>

      <section aria-labelledby="report-notes">
        <h2 id="report-notes">Annotations</h2>
        {data.annotations.length === 0 ? <p className="report-small">No annotations in this range.</p> : (
          <ul className="report-notes">
            {data.annotations.map((a, i) => (
              <li key={i}>
                <span className="report-note-where">
                  {formatDay(a.sessionStartedAt, now)}
                  {a.target === 'take' ? `, take ${(a.takeIndex ?? 0) + 1}` : ''}
                  {a.target === 'event' ? `, take ${(a.takeIndex ?? 0) + 1}, ${eventLabel(a.eventType ?? '')} at ${((a.timeMs ?? 0) / 1000).toFixed(1)} s` : ''}
                </span>{' '}
                <q>{a.text}</q> <span className="report-small">({a.authorName}, {a.author})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <footer className="report-note">
        <p>{data.note}</p>
      </footer>
    </article>
  );
}
