import { describe, expect, it } from 'vitest';
import { analyze, UnknownExerciseError } from '../../../core/analysis/analyze';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/library';
import { messagesFromNotes } from '../../../core/midi/smf';
import type { Note } from '../../../core/midi/types';
import { corrupt, performRepetitions } from '../../support/performer';

const exercise = getExercise('scale-g-major-both-2oct');
if (!exercise) throw new Error('missing exercise');
const stepMs = 60000 / exercise.bpm / exercise.subdivision;

/** Three repetitions with wrong, missed and extra notes; the second broken off after 20 steps and restarted. */
function recording(): Note[] {
  const played = corrupt(performRepetitions(exercise!, 3, { seed: 21 }), { seed: 22, wrong: 0.04, missed: 0.04, extra: 0.04 });
  const second = played.takes[1];
  if (!second) throw new Error('no second take');
  const cut = second.startMs + 20 * stepMs;
  // Everything after the cut in the second repetition is not played; the player restarts 0.8 s later.
  const restart = performRepetitions(exercise!, 1, { seed: 23, startMs: cut + 800 }).notes;
  const shift = (restart.at(-1)?.offsetMs ?? 0) - second.endMs + 1500;
  const before = played.notes.filter((n) => n.onsetMs < cut);
  const after = played.notes.filter((n) => n.onsetMs > second.endMs).map((n) => ({ ...n, onsetMs: n.onsetMs + shift, offsetMs: n.offsetMs + shift }));
  return [...before, ...restart, ...after].sort((a, b) => a.onsetMs - b.onsetMs);
}

describe('analyze', () => {
  const notes = recording();
  const result = analyze({ messages: messagesFromNotes(notes), file: 'g.mid', exercise: exercise.id, includeNotes: true });
  const { document } = result;

  it('produces a document the schema accepts, one take per attempt', () => {
    expect(analysisDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.takes.length).toBe(4);
    expect(result.takes.filter((t) => t.take.breakdown === true).length).toBe(1);
  });

  it('counts matched, missed, wrong and extra as the metrics do, leaving unreached notes out of missed', () => {
    for (const [i, take] of document.takes.entries()) {
      const measured = result.takes[i];
      if (!measured) throw new Error('no measured take');
      const { counts } = measured.metrics;
      expect({ matched: take.matched, missed: take.missed, wrong: take.wrong }).toEqual({ matched: counts.matched, missed: counts.missed, wrong: counts.wrongPitch });
      expect(take.matched + take.missed + take.wrong + counts.unreached).toBe(counts.expected);
      expect(take.extra).toBe(measured.take.extraNoteIndices.length);
      expect(take.events.filter((e) => e.type === 'missed-note').reduce((sum, e) => sum + (e.evidence.missed ?? 0), 0)).toBeLessThanOrEqual(take.missed);
    }
    const broken = document.takes[result.takes.findIndex((t) => t.take.breakdown === true)];
    expect(broken?.missed).toBeLessThan(5);
    expect(broken?.events.some((e) => e.type === 'breakdown')).toBe(true);
  });

  it('gives every note its role, and hand, finger, take and deviation only where they exist', () => {
    const list = document.notes ?? [];
    expect(list).toHaveLength(notes.length);
    for (const [takeIndex, { take, metrics }] of result.takes.entries()) {
      for (const m of metrics.notes) {
        if (m.noteIndex === null) continue;
        const note = list[m.noteIndex];
        expect(note).toMatchObject({ hand: m.hand, finger: m.finger, take: takeIndex, deviationMs: m.deviationMs, role: m.correct ? 'matched' : 'wrong' });
      }
      for (const index of take.extraNoteIndices) expect(list[index]).toMatchObject({ take: takeIndex, role: 'extra', hand: null, finger: null, deviationMs: null });
    }
    for (const note of list.filter((n) => n.role === 'free')) expect(note).toMatchObject({ hand: null, finger: null, take: null, deviationMs: null });
    expect(list.filter((n) => n.role === 'matched').every((n) => n.durationMs >= 0 && n.hand !== null)).toBe(true);
  });

  it('compares the repetitions of the exercise', () => {
    expect(document.repetitions).toHaveLength(1);
    expect(document.repetitions[0]?.takes).toBe(4);
    expect(document.repetitions[0]?.hands.map((h) => h.hand)).toEqual(['right', 'left']);
  });

  it('refuses an unknown exercise id', () => {
    expect(() => analyze({ messages: [], file: 'x', exercise: 'scale-h-major-rh-1oct' })).toThrow(UnknownExerciseError);
  });
});
