/** The strip of recent onset deviations, one bar per note in playing order, coloured by finger. */
import { memo } from 'react';
import type { LiveNoteResult } from '../../../core/live/online-align';
import { fingerColour } from '../../fingers';

const RANGE = 40;
const W = 12;
const H = 80;

function DeviationStripImpl({ notes }: { readonly notes: readonly LiveNoteResult[] }) {
  const width = Math.max(48, notes.length) * W;
  return (
    <svg className="strip" viewBox={`0 0 ${width} ${H}`} preserveAspectRatio="none" role="img" aria-label="Recent onset deviations (up = late)">
      <line x1={0} x2={width} y1={H / 2} y2={H / 2} stroke="#cfccc5" strokeWidth={1} />
      {notes.map((n, i) => {
        const x = i * W + 2;
        if (n.deviationMs === null) {
          return <rect key={`${n.timeMs}-${i}`} x={x} y={H / 2 - 3} width={W - 4} height={6} fill={n.role === 'wrong' ? '#c2412d' : '#b9b5ad'} rx={1} />;
        }
        const h = (Math.max(-RANGE, Math.min(RANGE, n.deviationMs)) / RANGE) * (H / 2 - 2);
        return <rect key={`${n.timeMs}-${i}`} x={x} y={h > 0 ? H / 2 - h : H / 2} width={W - 4} height={Math.max(1.5, Math.abs(h))} fill={fingerColour(n.finger)} rx={1} />;
      })}
    </svg>
  );
}

export const DeviationStrip = memo(DeviationStripImpl);
