/**
 * What the input, rather than the pianist, did to a take: a clock that cannot be trusted (see
 * core/midi/clock.ts) and a keyboard that went away (device gaps). The analysis applies both:
 * a take without trustworthy timing keeps its velocity numbers and loses every timing number
 * and timing event; a stop inside a device gap is never charged to a finger.
 */
import type { Take } from '../align/types';
import type { EventType, ControlEvent } from '../events/types';
import { clockFaults, jumpTouches } from '../midi/clock';
import type { ClockFault } from '../midi/clock';
import type { Note } from '../midi/types';

/**
 * When the keyboard was unplugged or switched off, on the recording's own clock (ms): the store's
 * `device_gaps` (disconnected_at_ms, reconnected_at_ms). `endMs` null: it never came back.
 */
export interface DeviceGapSpan {
  readonly startMs: number;
  readonly endMs: number | null;
}

/**
 * Events that rest on time (onsets, intervals, key-down durations, stops). A take whose clock
 * cannot be trusted keeps only the others: velocity-drop, velocity-spike, missed-note and
 * extra-note, which rest on velocity and pitch.
 */
export const TIMING_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>(['late', 'early', 'stuck-key', 'co-activation', 'tremor', 'breakdown']);

/**
 * The clock faults that apply to one take: those of the whole recording (a clock that does not
 * advance or is coarse is so for every take), those of the take's own notes, and backward jumps
 * that fall inside the take. One per kind.
 *
 * @example takeClockFaults(take, notes, clockFaults(notes, messages)).map((f) => f.kind) // ['coarse']
 */
export function takeClockFaults(take: Take, notes: readonly Note[], recordingFaults: readonly ClockFault[]): ClockFault[] {
  const own = clockFaults(takeNotes(take, notes));
  const found: ClockFault[] = [];
  const seen = new Set<string>();
  for (const fault of [...recordingFaults.filter((f) => f.kind !== 'backwards'), ...own]) {
    if (seen.has(fault.kind)) continue;
    seen.add(fault.kind);
    found.push(fault);
  }
  const jump = recordingFaults.find((fault) => jumpTouches(fault, take.startMs, take.endMs));
  if (jump) found.push(jump);
  return found;
}

function takeNotes(take: Take, notes: readonly Note[]): Note[] {
  const played = take.matches.flatMap((match) => (match.note === null ? [] : [match.note]));
  return [...played, ...take.extraNoteIndices.flatMap((index) => (notes[index] ? [notes[index]] : []))];
}

/** Whether `[fromMs, toMs]` overlaps the gap (an open gap runs to the end of time). */
export function overlapsGap(gap: DeviceGapSpan, fromMs: number, toMs: number): boolean {
  return fromMs <= (gap.endMs ?? Infinity) && toMs >= gap.startMs;
}

/**
 * Events the pianist is not responsible for because the keyboard was away:
 * - a stop (breakdown, including a take that broke off) whose silence, from the event to the
 *   next played note, contains the moment the device went away;
 * - any event placed inside a gap (a missed note that was played but never arrived, ...).
 * Returns the events kept and the number removed.
 *
 * @example eventsOutsideGaps(events, notes, [{ startMs: 2400, endMs: 3900 }]).removed // 1
 */
export function eventsOutsideGaps(
  events: readonly ControlEvent[],
  notes: readonly Note[],
  gaps: readonly DeviceGapSpan[],
): { kept: ControlEvent[]; removed: number } {
  if (gaps.length === 0) return { kept: [...events], removed: 0 };
  const onsets = notes.map((note) => note.onsetMs).sort((a, b) => a - b);
  const nextOnsetAfter = (timeMs: number): number => {
    let low = 0;
    let high = onsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((onsets[mid] as number) <= timeMs) low = mid + 1;
      else high = mid;
    }
    return onsets[low] ?? Infinity;
  };
  const kept: ControlEvent[] = [];
  let removed = 0;
  for (const event of events) {
    const inside = gaps.some((gap) => overlapsGap(gap, event.timeMs, event.timeMs));
    const stopThroughGap =
      event.type === 'breakdown' && gaps.some((gap) => gap.startMs >= event.timeMs && gap.startMs <= nextOnsetAfter(event.timeMs));
    if (inside || stopThroughGap) removed++;
    else kept.push(event);
  }
  return { kept, removed };
}

/**
 * The gaps that touch a take: from its first note to the next note after its last; and, for a
 * take that picks the exercise up in the middle (span.from > 0), a gap between the note before
 * it and its first note (the pianist went on where the device had cut them off).
 *
 * @example gapsInTake(take, notes, [{ startMs: 2400, endMs: 3900 }]).length // 1
 */
export function gapsInTake(take: Take, notes: readonly Note[], gaps: readonly DeviceGapSpan[]): DeviceGapSpan[] {
  let nextOnset = Infinity;
  let previousOnset = -Infinity;
  for (const note of notes) {
    if (note.onsetMs > take.endMs && note.onsetMs < nextOnset) nextOnset = note.onsetMs;
    if (note.onsetMs < take.startMs && note.onsetMs > previousOnset) previousOnset = note.onsetMs;
  }
  const resumed = (take.span?.from ?? 0) > 0;
  return gaps.filter((gap) => overlapsGap(gap, resumed ? previousOnset : take.startMs, nextOnset));
}

/**
 * The valid device gaps, in time order: finite start, end null or >= start.
 *
 * @example validGaps([{ startMs: NaN, endMs: 1 }, { startMs: 5, endMs: null }]) // [{ startMs: 5, endMs: null }]
 */
export function validGaps(gaps: readonly DeviceGapSpan[] | undefined): DeviceGapSpan[] {
  return (gaps ?? [])
    .filter((gap) => Number.isFinite(gap.startMs) && (gap.endMs === null || (Number.isFinite(gap.endMs) && gap.endMs >= gap.startMs)))
    .map((gap) => ({ startMs: gap.startMs, endMs: gap.endMs }))
    .sort((a, b) => a.startMs - b.startMs);
}
