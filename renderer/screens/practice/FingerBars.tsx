/**
 * Per-finger bars while playing: mean onset deviation (diverging from 0: left = early, right =
 * late) with its SD as a whisker, and mean velocity with its SD, in the finger's colour. The
 * finger leaning furthest from the line is named under the bars.
 */
import { memo } from 'react';
import type { Finger, Hand } from '../../../core/exercises/types';
import type { LiveFingerFigures } from '../../../core/live/online-align';
import { fingerCode, fingerColour, fingerColourAlpha } from '../../fingers';
import { formatSignedMs } from '../../format';

/** Deviation axis half-range (ms). */
const DEV_RANGE = 40;

export interface FingerBarsProps {
  readonly fingers: readonly LiveFingerFigures[];
  /**
   * The hand x finger pairs the exercise plays (left hand first, fingers 1-5). Their rows are
   * drawn from the start, empty until played, so the first notes only fill rows in: no row pops
   * in and pushes the page down mid-take (that re-layout made the first note of a take the
   * slowest one of the live view). Without it, rows appear as fingers are played.
   */
  readonly expected?: readonly { readonly hand: Hand; readonly finger: Finger }[];
}

function pct(value: number, range: number): number {
  return Math.max(-1, Math.min(1, value / range)) * 50;
}

/** The finger whose mean deviation is furthest from 0 (at least 3 notes), or null. */
export function leaningFinger(fingers: readonly LiveFingerFigures[]): LiveFingerFigures | null {
  let best: LiveFingerFigures | null = null;
  for (const f of fingers) if (f.count >= 3 && (best === null || Math.abs(f.deviationMeanMs) > Math.abs(best.deviationMeanMs))) best = f;
  return best;
}

/** One finger's row; memoised, so a note re-renders only its own finger's row. */
const FingerRow = memo(function FingerRow({ f }: { readonly f: LiveFingerFigures }) {
  const code = fingerCode(f.hand, f.finger);
  const mean = pct(f.deviationMeanMs, DEV_RANGE);
  const sd = f.deviationSdMs === null ? null : Math.min(50, (f.deviationSdMs / DEV_RANGE) * 50);
  return (
    <div className="bar-row" role="row" data-testid={`live-bar-${code}`} data-mean={f.deviationMeanMs.toFixed(1)}>
      <span role="cell" className="bar-label">
        <span className="dot" style={{ background: fingerColour(f.finger) }} />
        {code}
        <span className="muted small"> {f.count}</span>
      </span>
      <span role="cell" className="bar-track diverging" title={`${code}: mean ${formatSignedMs(f.deviationMeanMs)}${f.deviationSdMs === null ? '' : `, SD ${f.deviationSdMs.toFixed(1)} ms`}`}>
        <span className="zero" />
        {sd !== null ? <span className="whisker" style={{ left: `${50 + mean - sd}%`, width: `${2 * sd}%`, borderColor: fingerColour(f.finger) }} /> : null}
        <span
          className="bar"
          style={{ left: `${mean < 0 ? 50 + mean : 50}%`, width: `${Math.abs(mean)}%`, background: fingerColour(f.finger) }}
        />
        <span className="bar-value">{formatSignedMs(f.deviationMeanMs)}</span>
      </span>
      <span role="cell" className="bar-track" title={`velocity ${f.velocityMean.toFixed(0)}`}>
        <span className="bar" style={{ left: 0, width: `${(f.velocityMean / 127) * 100}%`, background: fingerColourAlpha(f.finger, 0.6) }} />
        <span className="bar-value">{f.velocityMean.toFixed(0)}</span>
      </span>
    </div>
  );
});

/** A finger the exercise plays that has not been played yet: the row's place, kept. */
const EmptyFingerRow = memo(function EmptyFingerRow({ hand, finger }: { readonly hand: Hand; readonly finger: Finger }) {
  const code = fingerCode(hand, finger);
  return (
    <div className="bar-row waiting" role="row" data-testid={`live-slot-${code}`}>
      <span role="cell" className="bar-label">
        <span className="dot" style={{ background: fingerColour(finger) }} />
        {code}
        <span className="muted small"> 0</span>
      </span>
      <span role="cell" className="bar-track diverging">
        <span className="zero" />
        <span className="bar-value muted">-</span>
      </span>
      <span role="cell" className="bar-track">
        <span className="bar-value muted">-</span>
      </span>
    </div>
  );
});

function FingerBarsImpl({ fingers, expected }: FingerBarsProps) {
  if (fingers.length === 0 && (expected === undefined || expected.length === 0)) return <p className="muted small bars-empty">Per-finger bars appear with the first notes.</p>;
  const leaning = leaningFinger(fingers);
  const slots = expected ?? [];
  // Rows in the exercise's order; a played finger the exercise does not list still gets a row.
  const rows = [
    ...slots.map((slot) => ({ slot, figures: fingers.find((f) => f.hand === slot.hand && f.finger === slot.finger) })),
    ...fingers.filter((f) => !slots.some((slot) => slot.hand === f.hand && slot.finger === f.finger)).map((f) => ({ slot: f, figures: f })),
  ];
  return (
    <div className="finger-bars" role="table" aria-label="Per-finger timing and velocity, live">
      <div className="bar-row head" role="row">
        <span role="columnheader">Finger</span>
        <span role="columnheader" className="axis-labels">
          <span>early</span>
          <span>timing (±{DEV_RANGE} ms)</span>
          <span>late</span>
        </span>
        <span role="columnheader">Velocity</span>
      </div>
      {rows.map(({ slot, figures }) =>
        figures !== undefined ? (
          <FingerRow key={`${slot.hand}-${slot.finger}`} f={figures} />
        ) : (
          <EmptyFingerRow key={`${slot.hand}-${slot.finger}`} hand={slot.hand} finger={slot.finger} />
        ),
      )}
      {leaning !== null && Math.abs(leaning.deviationMeanMs) >= 5 ? (
        <p className="leaning" data-testid="live-leaning">
          {fingerCode(leaning.hand, leaning.finger)} leans {leaning.deviationMeanMs > 0 ? 'late' : 'early'} ({formatSignedMs(leaning.deviationMeanMs)})
        </p>
      ) : (
        // The line's place is kept, so the page does not move when a finger starts to lean.
        <p className="leaning" aria-hidden="true">{'\u00a0'}</p>
      )}
    </div>
  );
}

export const FingerBars = memo(FingerBarsImpl);
