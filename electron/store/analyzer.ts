/**
 * The analyser the store uses by default. Until core/analysis/analyze.ts lands this is a
 * notes-only stand-in with the same signature (takes stay empty); the store never depends on
 * how the document is computed.
 */
import { ANALYSIS_SCHEMA_ID } from '../../core/api/analysis';
import { notesFromMessages } from '../../core/midi/notes';
import type { Analyzer } from './types';

/**
 * @example defaultAnalyzer({ messages, file: 'session 7', includeNotes: true }).source.notes // => 120
 */
export const defaultAnalyzer: Analyzer = ({ messages, file, includeNotes }) => {
  const { notes, stats } = notesFromMessages(messages);
  const first = notes[0]?.onsetMs ?? 0;
  const last = notes.reduce((end, note) => Math.max(end, note.offsetMs), first);
  return {
    schema: ANALYSIS_SCHEMA_ID,
    source: {
      file,
      notes: stats.notes,
      durationMs: last - first,
      pedalEvents: stats.pedalEvents,
      outOfOrder: stats.outOfOrder,
      retriggers: stats.retriggers,
      orphanNoteOffs: stats.orphanNoteOffs,
      unreleased: stats.unreleased,
    },
    takes: [],
    ...(includeNotes
      ? {
          notes: notes.map((note) => ({
            timeMs: note.onsetMs,
            pitch: note.pitch,
            velocity: note.velocity,
            durationMs: note.offsetMs - note.onsetMs,
            channel: note.channel,
            pedal: note.pedalAtOnset,
            hand: null,
            finger: null,
            take: null,
            deviationMs: null,
          })),
        }
      : {}),
  };
};
