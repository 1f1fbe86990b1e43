/** A small line of a profile's unevenness per session, oldest to newest. Lower is more even. */
import type { HistoryPoint } from '../../../core/api/schemas';
import { formatMs } from '../../format';

const WIDTH = 160;
const HEIGHT = 40;

export function Sparkline({ history }: { readonly history: readonly HistoryPoint[] }) {
  const points = history.filter((p): p is HistoryPoint & { unevennessMs: number } => p.unevennessMs !== null && Number.isFinite(p.unevennessMs));
  if (points.length < 2) return null;
  const values = points.map((p) => p.unevennessMs);
  // Zero-based: a 0.3 ms wobble must not look like a cliff.
  const top = Math.max(...values) * 1.15 || 1;
  const x = (i: number) => 4 + (i * (WIDTH - 8)) / (points.length - 1);
  const y = (v: number) => 4 + (HEIGHT - 8) * (1 - v / top);
  const path = points.map((p, i) => `${x(i).toFixed(1)},${y(p.unevennessMs).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <figure className="sparkline" aria-label={`Unevenness over ${points.length} sessions, from ${formatMs(values[0])} to ${formatMs(last?.unevennessMs)}`}>
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-hidden="true">
        <line x1="4" x2={WIDTH - 4} y1={HEIGHT - 4} y2={HEIGHT - 4} stroke="#e3e1dc" strokeWidth="1" />
        <polyline points={path} fill="none" stroke="#1f6f6b" strokeWidth="1.75" strokeLinejoin="round" strokeLinecap="round" />
        {last ? <circle cx={x(points.length - 1)} cy={y(last.unevennessMs)} r="3" fill="#1f6f6b" /> : null}
      </svg>
      <figcaption className="small">
        <strong>{formatMs(last?.unevennessMs)}</strong> <span className="muted">latest unevenness · {points.length} sessions</span>
      </figcaption>
    </figure>
  );
}
