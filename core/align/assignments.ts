/**
 * Per played note: which take holds it and which expected note (so which hand and finger) it was
 * matched to. The shape the CLI's `--notes` listing and the metrics want.
 */
import type { ExpectedNote } from '../exercises/types';
import type { Segmentation } from './types';

export interface NoteAssignment {
  /** Index of the take in the segmentation, or null for free play. */
  readonly take: number | null;
  /** The expected note it was matched to (hand, finger, position ...), or null (extra or free play). */
  readonly expected: ExpectedNote | null;
  /** Matched, but played at another pitch than expected. */
  readonly wrongPitch: boolean;
}

const FREE: NoteAssignment = { take: null, expected: null, wrongPitch: false };

/**
 * One assignment per note of the recording the segmentation was made from.
 *
 * @example assignNotes(recognize(notes), notes.length)[0]?.expected?.finger // 1
 */
export function assignNotes(segmentation: Segmentation, noteCount: number): NoteAssignment[] {
  const assignments: NoteAssignment[] = Array.from({ length: noteCount }, () => FREE);
  segmentation.takes.forEach((take, t) => {
    for (const index of take.extraNoteIndices) {
      if (index >= 0 && index < noteCount) assignments[index] = { take: t, expected: null, wrongPitch: false };
    }
    for (const match of take.matches) {
      if (match.noteIndex === null || match.noteIndex < 0 || match.noteIndex >= noteCount) continue;
      assignments[match.noteIndex] = { take: t, expected: match.expected, wrongPitch: match.wrongPitch };
    }
  });
  return assignments;
}
