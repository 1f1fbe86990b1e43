/**
 * Displaced notes: an aligner may read a note played at the right pitch but far from its slot as
 * a missed note plus an extra note (two cheap costs instead of one large timing cost). Before
 * judging missed and extra notes, each missed expected note is paired with an extra note of the
 * same pitch and hand-side within `displacedMaxSteps` grid steps of where the run's line expected
 * it; such a pair is one note played late or early, judged by the late/early rule.
 */
import type { Take } from '../align/types';
import type { TakeMetrics } from '../metrics/types';
import type { Note } from '../midi/types';
import type { EventThresholds } from './thresholds';

export interface DisplacedNote {
  readonly matchIndex: number;
  readonly noteIndex: number;
  readonly onsetMs: number;
  /** Onset minus the line's prediction (ms, + = late). */
  readonly deviationMs: number;
}

/**
 * Pairs missed expected notes with same-pitch extra notes near their predicted onset (closest
 * first; each extra used once). Extras in `exclude` (restart notes) are not considered.
 *
 * @example displacedNotes(take, notes, metrics, DEFAULT_THRESHOLDS, new Set()).length
 */
export function displacedNotes(
  take: Take,
  notes: readonly Note[],
  metrics: TakeMetrics,
  t: EventThresholds,
  exclude: ReadonlySet<number>,
): DisplacedNote[] {
  const windowMs = t.displacedMaxSteps * metrics.stepMs;
  const candidates: { matchIndex: number; noteIndex: number; onsetMs: number; deviationMs: number }[] = [];
  const extras = take.extraNoteIndices.filter((index) => !exclude.has(index));
  if (extras.length === 0) return [];
  // Indexed loops: for-of over these arrays (of mixed element kinds across takes) fell back to
  // the iterator protocol, an object per element.
  for (let k = 0; k < metrics.notes.length; k += 1) {
    const m = metrics.notes[k];
    if (m === undefined || !m.reached || m.noteIndex !== null || m.predictedOnsetMs === null) continue;
    const pitch = take.matches[m.matchIndex]?.expected.pitch;
    for (let e = 0; e < extras.length; e += 1) {
      const index = extras[e] ?? -1;
      const note = notes[index];
      if (note === undefined || note.pitch !== pitch || !Number.isFinite(note.onsetMs)) continue;
      const deviationMs = note.onsetMs - m.predictedOnsetMs;
      if (Math.abs(deviationMs) <= windowMs) candidates.push({ matchIndex: m.matchIndex, noteIndex: index, onsetMs: note.onsetMs, deviationMs });
    }
  }
  candidates.sort((a, b) => Math.abs(a.deviationMs) - Math.abs(b.deviationMs));
  const usedMatches = new Set<number>();
  const usedNotes = new Set<number>();
  const pairs: DisplacedNote[] = [];
  for (const c of candidates) {
    if (usedMatches.has(c.matchIndex) || usedNotes.has(c.noteIndex)) continue;
    usedMatches.add(c.matchIndex);
    usedNotes.add(c.noteIndex);
    pairs.push(c);
  }
  return pairs;
}
