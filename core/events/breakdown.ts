/**
 * breakdown: the run stops (an interval between two played notes of a hand far beyond the grid,
 * see metrics' TimingGap) and then goes on. Extra notes inside the stop that replay pitches of
 * the preceding positions are the restart, counted as its evidence rather than as extra notes.
 * Two more sources: the aligner closing a take that broke off (take.breakdown), and, whatever
 * the matching, a silence in the take's note stream (all its notes, matched or extra) longer
 * than the same threshold, so a stop is found even where the alignment around it went astray.
 */
import type { Take } from '../align/types';
import { GAP_MIN_MS, GAP_MIN_STEPS } from '../metrics/timing';
import type { TakeMetrics, TimingGap } from '../metrics/types';
import type { Note } from '../midi/types';
import { fingerLabel, ms, severity } from './describe';
import type { EventThresholds } from './thresholds';
import type { ControlEvent } from './types';

export interface BreakdownResult {
  readonly events: ControlEvent[];
  /** Extra-note indices (into the note array) explained as restart notes. */
  readonly restartNotes: ReadonlySet<number>;
}

/**
 * One event per stop; when both hands stop together, one event for the pair.
 *
 * @example breakdownEvents(take, notes, metrics, DEFAULT_THRESHOLDS).events
 */
export function breakdownEvents(take: Take, notes: readonly Note[], metrics: TakeMetrics, t: EventThresholds): BreakdownResult {
  const restartNotes = new Set<number>();
  const spans = metrics.gaps.map((gap) => ({ gap, ...spanOf(take, gap) }));
  spans.sort((a, b) => a.startMs - b.startMs);
  const events: ControlEvent[] = [];
  let lastKept: { startMs: number; endMs: number; evidence: Record<string, number> } | null = null;
  for (const span of spans) {
    const restart = restartNotesOf(take, notes, span.gap, span.startMs, span.endMs, t);
    for (const index of restart) restartNotes.add(index);
    if (lastKept !== null && span.startMs < lastKept.endMs && span.endMs > lastKept.startMs) {
      lastKept.evidence.hands = 2;
      lastKept.evidence.restartNotes = (lastKept.evidence.restartNotes ?? 0) + restart.length;
      continue;
    }
    const due = take.matches[span.gap.beforeMatch]?.expected;
    const next = take.matches[span.gap.afterMatch]?.expected;
    const finger = next?.finger ?? due?.finger ?? 1;
    const evidence: Record<string, number> = {
      gapMs: span.gap.gapMs,
      expectedMs: span.gap.expectedMs,
      excessMs: span.gap.excessMs,
      thresholdMs: span.gap.thresholdMs,
      position: next?.position ?? 0,
      restartNotes: restart.length,
      hands: 1,
    };
    events.push({
      type: 'breakdown',
      timeMs: span.startMs,
      hand: span.gap.hand,
      finger,
      severity: severity(span.gap.excessMs, span.gap.thresholdMs),
      detail: `${fingerLabel(span.gap.hand, finger)}: the run stopped for ${ms(span.gap.gapMs)} ms where ${ms(span.gap.expectedMs)} ms was due, then went on.`,
      evidence,
    });
    lastKept = { startMs: span.startMs, endMs: span.endMs, evidence };
  }
  const brokenOff = brokenOffEvent(take, metrics);
  if (brokenOff !== null) events.push(brokenOff);
  events.push(...silenceEvents(take, notes, metrics, spans));
  return { events, restartNotes };
}

/**
 * Indices 0..n-1 sorted by onset, ties by index (a total order: the same result as any sort).
 * The matched notes come almost in time order (hands interleave, the extras go at the end), so an
 * insertion sort does it in about one pass; past a few moves per note it hands over to the
 * built-in sort, so a scrambled take is never quadratic.
 */
function orderByOnset(onsets: readonly number[]): number[] {
  const n = onsets.length;
  const order: number[] = new Array<number>(n);
  let moves = 0;
  for (let k = 0; k < n; k += 1) {
    const onset = onsets[k] ?? 0;
    let at = k;
    // Index k is the largest so far: it goes after any equal onset, so only a later onset moves.
    while (at > 0 && (onsets[order[at - 1] ?? 0] ?? 0) > onset) {
      order[at] = order[at - 1] ?? 0;
      at -= 1;
    }
    order[at] = k;
    moves += k - at;
    if (moves > 8 * n + 64) {
      for (let i = 0; i < n; i += 1) order[i] = i;
      return order.sort((a, b) => (onsets[a] ?? 0) - (onsets[b] ?? 0) || a - b);
    }
  }
  return order;
}

/** Stops seen in the take's whole note stream that no matched-note gap already explains. */
function silenceEvents(
  take: Take,
  notes: readonly Note[],
  metrics: TakeMetrics,
  explained: readonly { startMs: number; endMs: number }[],
): ControlEvent[] {
  // Every played note of the take in time order (the matched ones first, then the extras, before
  // a stable sort by onset): its onset and its match (-1 for an extra note), as parallel arrays.
  const onsets: number[] = [];
  const matchOf: number[] = [];
  take.matches.forEach((match, i) => {
    const onset = match.note?.onsetMs;
    if (metrics.notes[i]?.reached && onset !== undefined && Number.isFinite(onset)) {
      onsets.push(onset);
      matchOf.push(i);
    }
  });
  for (const index of take.extraNoteIndices) {
    const onset = notes[index]?.onsetMs;
    if (onset !== undefined && Number.isFinite(onset)) {
      onsets.push(onset);
      matchOf.push(-1);
    }
  }
  const order = orderByOnset(onsets);
  const thresholdMs = Math.max(GAP_MIN_STEPS * metrics.stepMs, GAP_MIN_MS);
  const events: ControlEvent[] = [];
  let lastMatched: number | null = null;
  for (let k = 0; k + 1 < order.length; k += 1) {
    const a = order[k] ?? 0;
    const b = order[k + 1] ?? 0;
    const hereOnset = onsets[a] ?? 0;
    const nextOnset = onsets[b] ?? 0;
    const hereMatch = matchOf[a] ?? -1;
    const nextMatch = matchOf[b] ?? -1;
    if (hereMatch >= 0) lastMatched = hereMatch;
    const silenceMs = nextOnset - hereOnset;
    // Between two notes matched at the right pitch the grid says how long the wait should be
    // (missed notes between); wrong-pitch or extra ends say nothing reliable, so one step.
    const stepA = hereMatch >= 0 && metrics.notes[hereMatch]?.correct ? take.matches[hereMatch]?.expected.step : undefined;
    const stepB = nextMatch >= 0 && metrics.notes[nextMatch]?.correct ? take.matches[nextMatch]?.expected.step : undefined;
    const steps = stepA !== undefined && stepB !== undefined ? Math.max(1, stepB - stepA) : 1;
    const excessMs = silenceMs - steps * metrics.stepMs;
    if (!(excessMs > thresholdMs)) continue;
    if (explained.some((span) => hereOnset < span.endMs && nextOnset > span.startMs)) continue;
    const due = take.matches[nextMatch >= 0 ? nextMatch : (lastMatched ?? -1)]?.expected;
    const hand = due?.hand ?? 'right';
    const finger = due?.finger ?? 1;
    events.push({
      type: 'breakdown',
      timeMs: hereOnset,
      hand,
      finger,
      severity: severity(excessMs, thresholdMs),
      detail: `${fingerLabel(hand, finger)}: nothing was played for ${ms(silenceMs)} ms inside the take, then playing went on.`,
      evidence: { silenceMs, excessMs, thresholdMs, bySilence: 1, position: due?.position ?? 0 },
    });
  }
  return events;
}

/**
 * The aligner closes a take that broke off (take.breakdown, restart as a new take): the stop is
 * after the last note played in the take, the finger the one of the first note not reached.
 */
function brokenOffEvent(take: Take, metrics: TakeMetrics): ControlEvent | null {
  if (take.breakdown !== true) return null;
  let stoppedAt: { onset: number; matchIndex: number } | null = null;
  for (let i = 0; i < take.matches.length; i += 1) {
    const onset = take.matches[i]?.note?.onsetMs;
    if (!metrics.notes[i]?.reached || onset === undefined || !Number.isFinite(onset)) continue;
    if (stoppedAt === null || onset > stoppedAt.onset) stoppedAt = { onset, matchIndex: i };
  }
  const reachedTo = take.span?.to ?? take.matches.length;
  // A take that started late (a restart from a position) played from span.from, not from 0.
  const played = Math.max(0, reachedTo - (take.span?.from ?? 0));
  const due = take.matches[reachedTo]?.expected ?? take.matches[stoppedAt?.matchIndex ?? -1]?.expected;
  const hand = due?.hand ?? 'right';
  const finger = due?.finger ?? 1;
  return {
    type: 'breakdown',
    timeMs: stoppedAt?.onset ?? take.startMs,
    hand,
    finger,
    severity: 1,
    detail: `${fingerLabel(hand, finger)}: the run broke off after ${played} of ${take.matches.length} expected notes and was restarted.`,
    evidence: { reachedTo, expectedNotes: take.matches.length, byAligner: 1, position: due?.position ?? 0 },
  };
}

function spanOf(take: Take, gap: TimingGap): { startMs: number; endMs: number } {
  const startMs = take.matches[gap.beforeMatch]?.note?.onsetMs ?? take.startMs;
  return { startMs, endMs: take.matches[gap.afterMatch]?.note?.onsetMs ?? startMs + gap.gapMs };
}

function restartNotesOf(
  take: Take,
  notes: readonly Note[],
  gap: TimingGap,
  startMs: number,
  endMs: number,
  t: EventThresholds,
): number[] {
  const after = take.matches[gap.afterMatch]?.expected;
  if (after === undefined) return [];
  const replayable = new Set(
    take.matches
      .map((m) => m.expected)
      .filter((e) => e.hand === gap.hand && e.position <= after.position && e.position >= after.position - t.restartLookbackPositions)
      .map((e) => e.pitch),
  );
  return take.extraNoteIndices.filter((index) => {
    const note = notes[index];
    return note !== undefined && note.onsetMs > startMs && note.onsetMs < endMs && replayable.has(note.pitch);
  });
}
