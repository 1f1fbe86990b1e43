import { describe, expect, it } from 'vitest';
import { analyze } from '../../../core/analysis/analyze';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/library';
import { analyzeFreePlay } from '../../../core/fingering/free-play';
import { messagesFromNotes } from '../../../core/midi/smf';
import type { Note } from '../../../core/midi/types';
import { perform } from '../../support/performer';

const mk = (pitch: number, onsetMs: number, durationMs: number, velocity = 64): Note => ({
  pitch,
  onsetMs,
  offsetMs: onsetMs + durationMs,
  velocity,
  channel: 0,
  pedalAtOnset: false,
  unreleased: false,
});

/** A piece-like passage: a right-hand melody in even eighths over a left-hand bass in quarters. */
function passage(lateMs = 0, lateAt = -1): Note[] {
  const notes: Note[] = [];
  const melody = [72, 74, 76, 77, 79, 77, 76, 74, 72, 71, 72, 74, 76, 74, 72, 71, 72, 74, 76, 77, 79, 81, 79, 77];
  melody.forEach((pitch, i) => notes.push(mk(pitch, 1000 + i * 250 + (i === lateAt ? lateMs : 0), 260, 70 + (i % 3))));
  for (let i = 0; i < melody.length / 2; i++) notes.push(mk([48, 43, 45, 41][i % 4]!, 1003 + i * 500, 480, 55));
  return notes.sort((a, b) => a.onsetMs - b.onsetMs);
}

describe('analyzeFreePlay', () => {
  it('separates the hands, estimates fingers, and counts the notes behind every figure', () => {
    const notes = passage();
    const free = analyzeFreePlay(notes, notes.map((_, i) => i));
    expect(free.notes).toHaveLength(notes.length);
    for (const e of free.notes) expect(e.hand).toBe(notes[e.noteIndex]!.pitch >= 60 ? 'right' : 'left');
    expect(free.hands).toEqual({ right: 24, left: 12 });
    const used = free.fingers.reduce((sum, f) => sum + f.count, 0);
    expect(used).toBe(free.confidentNotes);
    expect(free.confidentNotes).toBeGreaterThan(0);
    for (const f of free.fingers) {
      expect(f.count).toBeGreaterThan(0);
      expect(f.velocity.mean).toBeGreaterThanOrEqual(1);
      expect(f.legatoOverlapMs.count).toBeLessThanOrEqual(f.count);
    }
    // Right hand: one run of 24 even eighths (250 ms), perfectly regular.
    const right = free.timing.find((t) => t.hand === 'right');
    expect(right).toBeDefined();
    expect(right!.runs).toBe(1);
    expect(right!.notes).toBe(24);
    expect(right!.ioiMs).toBeCloseTo(250, 6);
    expect(right!.ioiSdMs).toBeLessThan(1e-6);
    expect(free.events).toEqual([]);
  });

  it('flags a note 110 ms late (44 % of the IOI) inside an even run as a timing lapse on the estimated finger', () => {
    const notes = passage(110, 12);
    const free = analyzeFreePlay(notes, notes.map((_, i) => i));
    expect(free.events).toHaveLength(1);
    const [event] = free.events;
    expect(event!.type).toBe('free-timing-lapse');
    expect(event!.hand).toBe('right');
    expect(event!.timeMs).toBe(1000 + 12 * 250 + 110);
    expect(event!.evidence.deviationMs).toBeGreaterThan(60);
  });

  it('flags nothing for a note 70 ms late (28 % of the IOI): that could be expression', () => {
    const notes = passage(70, 12);
    expect(analyzeFreePlay(notes, notes.map((_, i) => i)).events).toEqual([]);
  });

  it('uses no note below the confidence thresholds', () => {
    const notes = passage();
    const none = analyzeFreePlay(notes, notes.map((_, i) => i), { handConfidence: 1.01 });
    expect(none.fingers).toEqual([]);
    expect(none.timing).toEqual([]);
    expect(none.confidentNotes).toBe(0);
  });

  it('measures a lighter fourth finger in a scale played as free play', () => {
    const exercise = getExercise('scale-d-major-rh-2oct')!;
    const played = perform(exercise, { seed: 5, fingers: { 'right-4': { velocityMean: 50 } } });
    const free = analyzeFreePlay(played.notes, played.notes.map((_, i) => i));
    const four = free.fingers.find((f) => f.hand === 'right' && f.finger === 4);
    const three = free.fingers.find((f) => f.hand === 'right' && f.finger === 3);
    expect(four!.count).toBeGreaterThan(0);
    expect(three!.velocity.mean - four!.velocity.mean).toBeGreaterThan(12);
  });
});

describe('analyze: free play in evenkeys.analysis/1', () => {
  it('reports free-play segments as estimated, and fills every free note hand and finger with --notes', () => {
    const notes = passage();
    const { document } = analyze({ messages: messagesFromNotes(notes), file: 'piece.mid', includeNotes: true });
    expect(analysisDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.takes).toEqual([]);
    const segment = document.freePlay[0]!;
    expect(segment.estimated).toBe(true);
    expect(segment.hands).toEqual({ right: 24, left: 12 });
    expect(segment.fingers!.length).toBeGreaterThan(0);
    for (const note of document.notes!) {
      expect(note.role).toBe('free');
      expect(note.handSource).toBe('estimated');
      expect(note.hand).toBe(note.pitch >= 60 ? 'right' : 'left');
      expect(note.finger).not.toBeNull();
      expect(note.handConfidence).toBeGreaterThan(0.5);
      expect(note.fingerConfidence).toBeGreaterThan(0);
    }
  });

  it('keeps the exercise hand and finger inside a take (handSource exercise, confidence 1)', () => {
    const exercise = getExercise('scale-c-major-rh-2oct')!;
    const played = perform(exercise, { seed: 9 });
    const tail = passage().map((n) => ({ ...n, onsetMs: n.onsetMs + 12000, offsetMs: n.offsetMs + 12000 }));
    const notes = [...played.notes, ...tail];
    const { document } = analyze({ messages: messagesFromNotes(notes), file: 'mixed.mid', includeNotes: true });
    expect(document.takes.length).toBe(1);
    const inTake = document.notes!.filter((n) => n.take === 0 && n.role === 'matched');
    expect(inTake.length).toBe(exercise.notes.length);
    for (const n of inTake) expect([n.handSource, n.handConfidence, n.fingerConfidence]).toEqual(['exercise', 1, 1]);
    const free = document.notes!.filter((n) => n.role === 'free');
    expect(free.length).toBe(tail.length);
    for (const n of free) expect(n.handSource).toBe('estimated');
  });
});
