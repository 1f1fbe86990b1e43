/**
 * Pure shaping of an analysis document for the report's charts: per-note points of one take
 * (grouped by hand x finger, the unit of colour), the notes an event concerns, and time off the
 * beat against the stored clicks. No chart.js here, so it is tested without a canvas.
 */
import type { AnalysisEvent, AnalysisNote, AnalysisTake } from '../../core/api/analysis';
import type { MetronomeClick } from '../../core/api/schemas';
import { offBeatMs } from '../../core/metrics/off-beat';

export interface NotePoint {
  /** Seconds from the take's start. */
  readonly x: number;
  /** Onset deviation (ms, + = late): detrended, or against the click. */
  readonly y: number;
  readonly pitch: number;
  readonly velocity: number;
  readonly timeMs: number;
  readonly hand: 'left' | 'right';
  readonly finger: 1 | 2 | 3 | 4 | 5;
}

export interface FingerSeries {
  readonly hand: 'left' | 'right';
  readonly finger: 1 | 2 | 3 | 4 | 5;
  readonly points: readonly NotePoint[];
}

/** The notes of take `index` (0-based) in the document's per-note list. */
export function takeNotes(notes: readonly AnalysisNote[] | undefined, index: number): AnalysisNote[] {
  return (notes ?? []).filter((n) => n.take === index);
}

/**
 * Matched notes with a deviation, grouped by hand x finger (left hand first, fingers 1-5).
 *
 * @example deviationSeries(doc.notes, doc.takes[0], 0)[0].points[0] // => { x: 0.12, y: -3.1, ... }
 */
export function deviationSeries(notes: readonly AnalysisNote[] | undefined, take: AnalysisTake, index: number, clicks?: readonly MetronomeClick[]): FingerSeries[] {
  const clickTimes = clicks?.map((c) => c.timeMs) ?? [];
  const subdivision = clicks?.[0] ? stepsPerClick(take, clicks) : 1;
  const groups = new Map<string, { hand: 'left' | 'right'; finger: 1 | 2 | 3 | 4 | 5; points: NotePoint[] }>();
  for (const n of takeNotes(notes, index)) {
    if (n.role !== 'matched' || n.deviationMs === null || n.hand === null || n.finger === null) continue;
    const y = clicks === undefined ? n.deviationMs : offBeatMs(clickTimes, n.timeMs, subdivision);
    if (y === null) continue;
    const key = `${n.hand}-${n.finger}`;
    const group = groups.get(key) ?? { hand: n.hand, finger: n.finger, points: [] };
    group.points.push({ x: (n.timeMs - take.startMs) / 1000, y, pitch: n.pitch, velocity: n.velocity, timeMs: n.timeMs, hand: n.hand, finger: n.finger });
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1));
}

/**
 * Grid steps of the exercise per metronome click: 4 sixteenths per click when the clicks are
 * beats, 1 when they are sixteenths. From the click rate against the take's tempo.
 */
export function stepsPerClick(take: AnalysisTake, clicks: readonly MetronomeClick[]): number {
  const audible = clicks.filter((c) => !c.countIn);
  if (audible.length < 2) return 1;
  const intervalMs = ((audible.at(-1)?.timeMs ?? 0) - (audible[0]?.timeMs ?? 0)) / (audible.length - 1);
  // A take without trustworthy timing has no tempo: one step per click is all that can be said.
  if (take.notesPerSecond === null || take.notesPerSecond <= 0) return 1;
  const stepMs = 1000 / take.notesPerSecond;
  return Math.max(1, Math.round(intervalMs / stepMs));
}

/** Wrong-pitch notes of the take, for the chart's "wrong" markers. */
export function wrongNotes(notes: readonly AnalysisNote[] | undefined, take: AnalysisTake, index: number): { x: number; y: number; pitch: number }[] {
  return takeNotes(notes, index)
    .filter((n) => n.role === 'wrong')
    .map((n) => ({ x: (n.timeMs - take.startMs) / 1000, y: 0, pitch: n.pitch }));
}

/**
 * Whether a note belongs to an event: same hand and finger, within one grid step or two of the
 * event's time (an event is timed at its note's onset; runs of events span a few notes).
 *
 * @example isEventNote(point, event, 125) // => true when point.timeMs is within 250 ms of event.timeMs
 */
export function isEventNote(point: Pick<NotePoint, 'timeMs' | 'hand' | 'finger'>, event: AnalysisEvent, stepMs: number): boolean {
  if (event.hand !== point.hand || event.finger !== point.finger) return false;
  const spanMs = event.evidence.durationMs ?? 0;
  return point.timeMs >= event.timeMs - 2 * stepMs && point.timeMs <= event.timeMs + Math.max(2 * stepMs, spanMs);
}

/** Mean and SD (null below 3) of values, for the off-beat summary. */
export function summary(values: readonly number[]): { mean: number; sd: number | null; count: number } {
  const count = values.length;
  if (count === 0) return { mean: Number.NaN, sd: null, count };
  const mean = values.reduce((a, b) => a + b, 0) / count;
  if (count < 3) return { mean, sd: null, count };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1));
  return { mean, sd, count };
}
