/**
 * Pure helpers that shape an analysis document for the analysis view: which finger rows a
 * direction toggle shows, repetition figures per finger, and an event's evidence as readable
 * label/value pairs. Kept out of the components so they can be tested without a DOM.
 */
import type { AnalysisEvent, AnalysisFinger, AnalysisRepetitions, AnalysisTake } from '../../../core/api/analysis';

export type DirectionFilter = 'both' | 'up' | 'down';

/**
 * The per-finger rows for the direction toggle: both directions (`take.fingers`) or one
 * (`take.fingersByDirection` filtered), hands in document order.
 *
 * @example fingerRows(take, 'up').every((row) => row.count > 0) // => true
 */
export function fingerRows(take: AnalysisTake, direction: DirectionFilter): AnalysisFinger[] {
  if (direction === 'both') return take.fingers;
  return take.fingersByDirection.filter((row) => row.direction === direction);
}

/** Which directions a take has per-direction figures for (a trill or repeated note has none). */
export function directionsOf(take: AnalysisTake): Array<'up' | 'down'> {
  const seen = new Set(take.fingersByDirection.map((row) => row.direction));
  return (['up', 'down'] as const).filter((d) => seen.has(d));
}

export interface RepetitionFingerRow {
  readonly hand: 'right' | 'left';
  readonly finger: 1 | 2 | 3 | 4 | 5;
  /** Positions of this finger measured in at least two takes. */
  readonly positions: number;
  readonly irregularityMs: number;
  readonly instabilityMs: number;
}

/**
 * Per hand x finger, the root mean square over that finger's positions (measured in two or more
 * takes) of irregularity and instability: the same aggregate the document uses per hand, split
 * by finger so a finger that is unstable across repetitions stands out.
 *
 * @example repetitionFingers(doc.repetitions[0])[0] // => { hand: 'right', finger: 1, positions: 8, irregularityMs: 4.1, instabilityMs: 6.3 }
 */
export function repetitionFingers(repetition: AnalysisRepetitions): RepetitionFingerRow[] {
  const groups = new Map<string, { hand: 'right' | 'left'; finger: 1 | 2 | 3 | 4 | 5; irr: number; inst: number; n: number }>();
  for (const p of repetition.positions) {
    if (p.count < 2) continue;
    const key = `${p.hand}-${p.finger}`;
    const group = groups.get(key) ?? { hand: p.hand, finger: p.finger, irr: 0, inst: 0, n: 0 };
    group.irr += p.irregularityMs * p.irregularityMs;
    group.inst += p.instabilityMs * p.instabilityMs;
    group.n += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1))
    .map((g) => ({ hand: g.hand, finger: g.finger, positions: g.n, irregularityMs: Math.sqrt(g.irr / g.n), instabilityMs: Math.sqrt(g.inst / g.n) }));
}

export interface EvidenceRow {
  readonly label: string;
  readonly value: string;
}

const PITCH_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** @example pitchName(60) // => 'C4' */
export function pitchName(pitch: number): string {
  if (!Number.isInteger(pitch) || pitch < 0 || pitch > 127) return String(pitch);
  return `${PITCH_NAMES[pitch % 12] ?? '?'}${Math.floor(pitch / 12) - 1}`;
}

/** Labels for evidence keys whose plain words would read badly. */
const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  norm: 'finger norm',
  normMs: 'finger norm',
  robustSd: 'robust SD',
  robustSdMs: 'robust SD',
  excess: 'beyond norm',
  excessMs: 'beyond norm',
  threshold: 'threshold',
  thresholdMs: 'threshold',
  position: 'position in exercise',
  lagMs: 'after intended key',
  distanceMs: 'from nearest intended note',
  softLimit: 'soft limit (velocity)',
  shortLimitMs: 'short limit',
};

/** Flags (value 1) that say how an event was found, shown as words. */
const EVIDENCE_FLAGS: Readonly<Record<string, string>> = {
  bySilence: 'found by a silence in the run',
  byAligner: 'found by the alignment (run broken off)',
  displaced: 'note played out of place',
};

/**
 * An event's evidence as label/value rows, in the document's order: timings in ms with one
 * decimal, pitches as note names, flags as words. Nothing is dropped.
 *
 * @example evidenceRows({ deviationMs: 41.26, thresholdMs: 30, pitch: 65 })
 *   // => [{ label: 'deviation', value: '41.3 ms' }, { label: 'threshold', value: '30.0 ms' }, { label: 'pitch', value: 'F4 (65)' }]
 */
export function evidenceRows(evidence: AnalysisEvent['evidence']): EvidenceRow[] {
  return Object.entries(evidence).map(([key, value]) => {
    const flag = EVIDENCE_FLAGS[key];
    if (flag !== undefined) return { label: 'how', value: value === 1 ? flag : `${flag}: no` };
    const label = EVIDENCE_LABELS[key] ?? words(key.replace(/Ms$/, ''));
    if (/Ms$/.test(key)) return { label, value: `${value.toFixed(1)} ms` };
    if (/pitch$/i.test(key)) return { label, value: value > 0 ? `${pitchName(value)} (${value})` : '—' };
    return { label, value: Number.isInteger(value) ? String(value) : value.toFixed(1) };
  });
}

/** @example words('meanIntervalMs') // => 'mean interval ms' */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
