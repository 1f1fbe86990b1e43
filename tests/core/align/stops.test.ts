import { describe, expect, it } from 'vitest';
import { alignRecording } from '../../../core/align/recording';
import { findStops } from '../../../core/align/stops';
import { scale } from '../../../core/exercises/scale';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { perform, performRepetitions } from '../../support/performer';
import type { Performance } from '../../support/performer';

const STEP_MS = 125;

function cMajor(hands: 'right' | 'both'): Exercise {
  return scale({ key: 'C', mode: 'major', hands, octaves: 2, bpm: 120, subdivision: 4 });
}

/**
 * The performance with a stop after the note of expected index `stopAfter`: everything later
 * waits `pauseMs` more; with `replay` the player plays the last `replay` notes before the stop
 * again, a step apart, right before going on (a restart a few notes back).
 */
function withStop(played: Performance, exercise: Exercise, stopAfter: number, pauseMs: number, replay = 0): { notes: Note[]; replayed: Note[] } {
  const stopNote = played.notes[played.truth.findIndex((t) => t.expectedIndex === stopAfter)];
  if (!stopNote) throw new Error('no such note');
  const shifted = played.notes.map((n) =>
    n.onsetMs > stopNote.onsetMs ? { ...n, onsetMs: n.onsetMs + pauseMs, offsetMs: n.offsetMs + pauseMs } : n,
  );
  const goOn = stopNote.onsetMs + STEP_MS + pauseMs;
  const replayed = exercise.notes
    .slice(stopAfter - replay + 1, stopAfter + 1)
    .map((e, k) => ({ ...stopNote, pitch: e.pitch, onsetMs: goOn - (replay - k) * STEP_MS, offsetMs: goOn - (replay - k - 1) * STEP_MS }));
  return { notes: [...shifted, ...replayed].sort((a, b) => a.onsetMs - b.onsetMs), replayed };
}

describe('findStops', () => {
  it('finds a stop between two pitch-matched notes and cuts at the longest gap', () => {
    const onsets = [0, 125, 250, 375, 1400, 1525, 1650, 1775];
    const steps = [0, 1, 2, 3, 4, 5, 6, 7];
    const { stepMs, cuts } = findStops({ steps, onsets, played: steps }, onsets);
    expect(stepMs).toBeCloseTo(125, 0);
    expect(cuts).toEqual([4]);
  });

  it('never cuts behind an earlier cut when anchors come out of played order', () => {
    const onsets = [0, 125, 250, 375, 1400, 1525, 1650, 1775, 2900, 3025, 3150, 3275];
    const steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const played = [0, 1, 2, 3, 8, 5, 6, 7, 4, 9, 10, 11];
    const { cuts } = findStops({ steps, onsets: played.map((p) => onsets[p] ?? 0), played }, onsets);
    expect([...cuts].sort((a, b) => a - b)).toEqual(cuts);
    expect(new Set(cuts).size).toBe(cuts.length);
  });

  it('reads a missed note (a gap of two steps) as no stop', () => {
    const steps = [0, 1, 2, 4, 5, 6, 7];
    const onsets = steps.map((s) => 1000 + s * 125);
    expect(findStops({ steps, onsets, played: [0, 1, 2, 3, 4, 5, 6] }, onsets).cuts).toEqual([]);
  });
});

describe('a stop inside a take', () => {
  const right = cMajor('right');

  for (const pauseMs of [700, 900, 1400]) {
    for (const replay of [0, 3]) {
      it(`keeps one take with every note on its expected note after a ${pauseMs} ms stop${replay > 0 ? ` and ${replay} replayed notes` : ''}`, () => {
        const played = perform(right, { seed: 40 + pauseMs + replay, bpm: 120 });
        const { notes, replayed } = withStop(played, right, 12, pauseMs, replay);
        const { takes } = alignRecording(notes, right);
        expect(takes).toHaveLength(1);
        const take = takes[0];
        expect(take?.span).toBeUndefined();
        expect(take?.breakdown).toBeUndefined();
        expect(take?.bpm).toBeGreaterThan(114);
        expect(take?.bpm).toBeLessThan(126);
        // Each expected note holds the note first played for it, at its pitch.
        take?.matches.forEach((match, i) => {
          expect(match.wrongPitch).toBe(false);
          expect(match.note?.pitch).toBe(right.notes[i]?.pitch);
        });
        const matchedOnsets = take?.matches.map((m) => m.note?.onsetMs ?? NaN) ?? [];
        expect(matchedOnsets.every((onset, i) => i === 0 || onset > (matchedOnsets[i - 1] ?? Infinity))).toBe(true);
        // The replayed notes are the take's extra notes (events count them as the restart).
        expect(take?.extraNoteIndices.map((k) => notes[k])).toEqual(replayed);
      });
    }
  }

  it('keeps both hands on their notes across a stop', () => {
    const both = cMajor('both');
    const played = perform(both, { seed: 52, bpm: 120 });
    const { notes, replayed } = withStop(played, both, 20, 850, 0);
    const { takes } = alignRecording(notes, both);
    expect(takes).toHaveLength(1);
    expect(replayed).toEqual([]);
    expect(takes[0]?.matches.every((m) => m.note?.pitch === m.expected.pitch)).toBe(true);
  });

  it('still closes a take at a breakdown followed by a restart from the beginning', () => {
    const played = performRepetitions(right, 2, { seed: 53, bpm: 120 }, 900);
    const firstTake = played.notes.filter((_, i) => played.truth[i]?.take === 0).slice(0, 14);
    const secondTake = played.notes.filter((_, i) => played.truth[i]?.take === 1);
    const { takes } = alignRecording([...firstTake, ...secondTake], right);
    expect(takes).toHaveLength(2);
    expect(takes[0]?.breakdown).toBe(true);
    expect(takes[0]?.span).toEqual({ from: 0, to: 14 });
    expect(takes[1]?.span).toBeUndefined();
    expect(takes[1]?.matches.every((m) => m.note !== null && !m.wrongPitch)).toBe(true);
  });
});
