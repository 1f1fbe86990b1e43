/**
 * A small line of one exercise's unevenness per session, oldest to newest: the exercise and tempo
 * band played most often, so the line compares like with like (issue 9). Lower is more even.
 */
import type { LikeForLikeTrend } from '../../components/session-exercises';
import { handsUnlessNamed } from '../../components/session-exercises';
import { formatMs } from '../../format';

const WIDTH = 160;
const HEIGHT = 40;

export function Sparkline({ trend }: { readonly trend: LikeForLikeTrend | null }) {
  if (trend === null) return null;
  const { points } = trend;
  const values = points.map((p) => p.unevennessMs);
  // Zero-based: a 0.3 ms wobble must not look like a cliff.
  const top = Math.max(...values) * 1.15 || 1;
  const x = (i: number) => 4 + (i * (WIDTH - 8)) / (points.length - 1);
  const y = (v: number) => 4 + (HEIGHT - 8) * (1 - v / top);
  const path = points.map((p, i) => `${x(i).toFixed(1)},${y(p.unevennessMs).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  const hands = handsUnlessNamed(trend);
  const what = `${trend.exerciseName}${hands === null ? '' : `, ${hands}`}, about ${trend.notesPerSecond.toFixed(1)} notes/s`;
  return (
    <figure className="sparkline" data-testid="sparkline" aria-label={`Unevenness of ${what} over ${points.length} sessions, from ${formatMs(values[0])} to ${formatMs(last?.unevennessMs)}`}>
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-hidden="true">
        <line x1="4" x2={WIDTH - 4} y1={HEIGHT - 4} y2={HEIGHT - 4} stroke="#e3e1dc" strokeWidth="1" />
        <polyline points={path} fill="none" stroke="#1f6f6b" strokeWidth="1.75" strokeLinejoin="round" strokeLinecap="round" />
        {last ? <circle cx={x(points.length - 1)} cy={y(last.unevennessMs)} r="3" fill="#1f6f6b" /> : null}
      </svg>
      <figcaption className="small">
        <strong>{formatMs(last?.unevennessMs)}</strong> <span className="muted">latest unevenness in {points.length} sessions of</span>
        <span className="sparkline-what" title={what}>{what}</span>
      </figcaption>
    </figure>
  );
}
