/**
 * The on-screen piano keyboard (SVG): the keys the exercise expects next, each with its finger
 * number in that finger's colour and the hand (R/L), and the keys just played.
 */
import { memo, useMemo } from 'react';
import { fingerColour, fingerColourAlpha } from '../fingers';

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

// One key, memoised on its position and colour: a note re-renders only the keys it recolours.
const WhiteKey = memo(function WhiteKey({ x, fill }: { readonly x: number; readonly fill: string }) {
  return <rect x={x + 0.5} y={0.5} width={WHITE_W - 1} height={WHITE_H} rx={3} fill={fill} stroke="#b9b5ad" strokeWidth={1} />;
});
const BlackKey = memo(function BlackKey({ x, fill }: { readonly x: number; readonly fill: string }) {
  return <rect x={x} y={0.5} width={BLACK_W} height={BLACK_H} rx={2} fill={fill} stroke="#111" strokeWidth={1} />;
});

function PianoKeyboardImpl({ low, high, expected, played, label = 'Piano' }: PianoKeyboardProps) {
  const { whites, blacks, xOf, width } = useMemo(() => layoutKeys(low, high), [low, high]);
  const expectedBy = new Map(expected.map((m) => [m.pitch, m]));
  const playedBy = new Map(played.map((m) => [m.pitch, m]));
  const fill = (pitch: number, black: boolean) => {
    const hit = playedBy.get(pitch);
    if (hit !== undefined) return hit.finger === null ? '#c9c6bf' : fingerColourAlpha(hit.finger, black ? 0.9 : 0.55);
    const next = expectedBy.get(pitch);
    if (next !== undefined) return fingerColourAlpha(next.finger, black ? 0.75 : 0.22);
    return black ? '#23292e' : '#ffffff';
  };
  const description = expected.map((m) => `${NAMES[m.pitch % 12] ?? ''}${Math.floor(m.pitch / 12) - 1} ${m.hand === 'left' ? 'L' : 'R'}${m.finger ?? ''}`).join(', ');

  return (
    <svg className="piano" viewBox={`0 0 ${width} ${WHITE_H + 34}`} role="img" aria-label={`${label}${description ? `: next ${description}` : ''}`} preserveAspectRatio="xMidYMid meet">
      {whites.map((p, i) => (
        <WhiteKey key={p} x={i * WHITE_W} fill={fill(p, false)} />
      ))}
      <KeyNames whites={whites} />
      {blacks.map(({ pitch, x }) => (
        <BlackKey key={pitch} x={x} fill={fill(pitch, true)} />
      ))}
      {expected.map((m) => {
        const x = xOf.get(m.pitch);
        if (x === undefined) return null;
        return (
          <g key={`e${m.hand ?? m.pitch}`} className="piano-next">
            <circle cx={x} cy={WHITE_H + 17} r={12} fill={fingerColour(m.finger)} />
            <text x={x} y={WHITE_H + 22} textAnchor="middle" className="piano-finger">
              {m.finger ?? '?'}
            </text>
            <text x={x + 16} y={WHITE_H + 22} className="piano-hand">
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
