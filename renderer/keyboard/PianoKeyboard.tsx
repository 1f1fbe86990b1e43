/**
 * The on-screen piano keyboard (SVG): the keys the exercise expects next, each with its finger
 * number in that finger's colour and the hand (R/L), and the keys just played.
 */
import { memo, useMemo } from 'react';
import type { CSSProperties } from 'react';
import { fingerColour } from '../fingers';

export interface KeyMark {
  readonly pitch: number;
  readonly finger: number | null;
  readonly hand: 'left' | 'right' | null;
}

export interface PianoKeyboardProps {
  /** Lowest and highest MIDI pitch drawn (snapped out to white keys). */
  readonly low: number;
  readonly high: number;
  /** The next expected note(s). */
  readonly expected: readonly KeyMark[];
  /** Keys just played, with the finger they were matched to (null: unmatched). */
  readonly played: readonly KeyMark[];
  readonly label?: string;
}

const BLACK = new Set([1, 3, 6, 8, 10]);
const WHITE_W = 22;
const WHITE_H = 110;
const BLACK_W = 14;
const BLACK_H = 68;

/** @example isBlack(61) // => true */
export function isBlack(pitch: number): boolean {
  return BLACK.has(((pitch % 12) + 12) % 12);
}

const NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'];

interface KeyLayout {
  readonly whites: readonly number[];
  readonly blacks: readonly { readonly pitch: number; readonly x: number }[];
  /** Centre x of every key drawn. */
  readonly xOf: ReadonlyMap<number, number>;
  readonly width: number;
}

/** Where each key goes for a range (snapped out to white keys at both ends). */
function layoutKeys(low: number, high: number): KeyLayout {
  let from = low;
  while (isBlack(from)) from -= 1;
  let to = high;
  while (isBlack(to)) to += 1;
  const whites: number[] = [];
  const blacks: { pitch: number; x: number }[] = [];
  const xOf = new Map<number, number>();
  for (let p = from; p <= to; p += 1) {
    if (isBlack(p)) {
      const x = whites.length * WHITE_W - BLACK_W / 2;
      blacks.push({ pitch: p, x });
      xOf.set(p, x + BLACK_W / 2);
    } else {
      xOf.set(p, whites.length * WHITE_W + WHITE_W / 2);
      whites.push(p);
    }
  }
  return { whites, blacks, xOf, width: whites.length * WHITE_W };
}

/**
 * Key colours go by CSS class (renderer/styles.css, `.piano .kw.kp` etc.): a note changes a key's
 * class, which Chromium restyles for a fraction of the cost of changing an SVG fill attribute
 * (measured with scripts/profile-live.ts --attrs). The hues still come from the one palette
 * (renderer/fingers.ts), set once on the keyboard as --f0 ... --f5. Classes: kw/kb (white/black),
 * kp (just played) or kn (expected next), kf0-kf5 (finger; 0 = none).
 */
const PALETTE_VARS = Object.fromEntries([0, 1, 2, 3, 4, 5].map((f) => [`--f${f}`, fingerColour(f)])) as CSSProperties;

// One key, memoised on its position and state: a note re-renders only the keys it recolours.
const WhiteKey = memo(function WhiteKey({ pitch, x, state }: { readonly pitch: number; readonly x: number; readonly state: string }) {
  return <rect data-pitch={pitch} className={`kw${state}`} x={x + 0.5} y={0.5} width={WHITE_W - 1} height={WHITE_H} rx={3} stroke="#b9b5ad" strokeWidth={1} />;
});
const BlackKey = memo(function BlackKey({ pitch, x, state }: { readonly pitch: number; readonly x: number; readonly state: string }) {
  return <rect data-pitch={pitch} className={`kb${state}`} x={x} y={0.5} width={BLACK_W} height={BLACK_H} rx={2} stroke="#111" strokeWidth={1} />;
});

function PianoKeyboardImpl({ low, high, expected, played, label = 'Piano' }: PianoKeyboardProps) {
  const { whites, blacks, xOf, width } = useMemo(() => layoutKeys(low, high), [low, high]);
  const expectedBy = new Map(expected.map((m) => [m.pitch, m]));
  const playedBy = new Map(played.map((m) => [m.pitch, m]));
  // Just played wins over expected next; the finger picks the colour (styles.css).
  const state = (pitch: number): string => {
    const hit = playedBy.get(pitch);
    if (hit !== undefined) return ` kp kf${hit.finger ?? 0}`;
    const next = expectedBy.get(pitch);
    if (next !== undefined) return ` kn kf${next.finger ?? 0}`;
    return '';
  };
  const description = expected.map((m) => `${NAMES[m.pitch % 12] ?? ''}${Math.floor(m.pitch / 12) - 1} ${m.hand === 'left' ? 'L' : 'R'}${m.finger ?? ''}`).join(', ');

  return (
    <svg className="piano" viewBox={`0 0 ${width} ${WHITE_H + 34}`} role="img" aria-label={`${label}${description ? `: next ${description}` : ''}`} preserveAspectRatio="xMidYMid meet" style={PALETTE_VARS}>
      {whites.map((p, i) => (
        <WhiteKey key={p} pitch={p} x={i * WHITE_W} state={state(p)} />
      ))}
      <KeyNames whites={whites} />
      {blacks.map(({ pitch, x }) => (
        <BlackKey key={pitch} pitch={pitch} x={x} state={state(pitch)} />
      ))}
      {expected.map((m) => {
        const x = xOf.get(m.pitch);
        if (x === undefined) return null;
        return (
          // Moved as a whole by one transform (cheaper than moving the circle and both labels).
          <g key={`e${m.hand ?? m.pitch}`} className="piano-next" transform={`translate(${x} 0)`}>
            <circle className={`next-dot kf${m.finger ?? 0}`} cx={0} cy={WHITE_H + 17} r={12} />
            <text x={0} y={WHITE_H + 22} textAnchor="middle" className="piano-finger">
              {m.finger ?? '?'}
            </text>
            <text x={16} y={WHITE_H + 22} className="piano-hand">
              {m.hand === 'left' ? 'L' : 'R'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The C labels (C4, C5, ...): they change only with the range. */
const KeyNames = memo(function KeyNames({ whites }: { readonly whites: readonly number[] }) {
  return (
    <>
      {whites.map((p, i) =>
        p % 12 === 0 ? (
          <text key={`c${p}`} x={i * WHITE_W + WHITE_W / 2} y={WHITE_H - 8} textAnchor="middle" className="piano-c">
            C{Math.floor(p / 12) - 1}
          </text>
        ) : null,
      )}
    </>
  );
});

export const PianoKeyboard = memo(PianoKeyboardImpl);
