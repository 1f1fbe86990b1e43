/**
 * The strip of recent onset deviations, one bar per note in playing order, coloured by finger.
 *
 * Drawn as a fixed ring of LIVE_RECENT bars: note number k always lands in slot k mod
 * LIVE_RECENT at x = k x W, and the whole ring is shifted left as notes arrive. A new note
 * therefore rewrites one bar's attributes and the ring's offset, instead of re-creating every
 * bar (the strip scrolls at up to 16 notes/s while the pianist plays).
 */
import { memo } from 'react';
import type { ReactElement } from 'react';
import { LIVE_RECENT } from '../../../core/live/online-align';
import type { LiveNoteResult } from '../../../core/live/online-align';
import { fingerColour } from '../../fingers';

const RANGE = 40;
const W = 12;
const H = 80;
const WIDTH = LIVE_RECENT * W;

export interface DeviationStripProps {
  /** The recent notes, oldest first (at most LIVE_RECENT). */
  readonly notes: readonly LiveNoteResult[];
  /** 0-based number of notes[0] in the take. */
  readonly from: number;
}

/** One note's bar: up = late, clamped at ±RANGE ms; wrong and unmatched notes as a flat mark. */
const StripBar = memo(function StripBar({ note, at }: { readonly note: LiveNoteResult; readonly at: number }) {
  const x = at * W + 2;
  if (note.deviationMs === null) {
    return <rect x={x} y={H / 2 - 3} width={W - 4} height={6} fill={note.role === 'wrong' ? '#c2412d' : '#b9b5ad'} rx={1} />;
  }
  const h = (Math.max(-RANGE, Math.min(RANGE, note.deviationMs)) / RANGE) * (H / 2 - 2);
  return <rect x={x} y={h > 0 ? H / 2 - h : H / 2} width={W - 4} height={Math.max(1.5, Math.abs(h))} fill={fingerColour(note.finger)} rx={1} />;
});

/** @example <DeviationStrip notes={snapshot.recent} from={snapshot.recentFrom} /> */
function DeviationStripImpl({ notes, from }: DeviationStripProps) {
  // Slot order never changes, so React keeps every bar's element and patches only the new one.
  const slots: (ReactElement | null)[] = new Array<ReactElement | null>(LIVE_RECENT).fill(null);
  notes.forEach((note, i) => {
    const at = from + i;
    const slot = at % LIVE_RECENT;
    slots[slot] = <StripBar key={slot} note={note} at={at} />;
  });
  return (
    <svg className="strip" viewBox={`0 0 ${WIDTH} ${H}`} preserveAspectRatio="none" role="img" aria-label="Recent onset deviations (up = late)">
      <line x1={0} x2={WIDTH} y1={H / 2} y2={H / 2} stroke="#cfccc5" strokeWidth={1} />
      <g transform={`translate(${-from * W} 0)`}>{slots}</g>
    </svg>
  );
}

export const DeviationStrip = memo(DeviationStripImpl);
