import { describe, expect, it } from 'vitest';
import { alignRecording, joinHesitations, stopRuns } from '../../../core/align/recording';
import { alignTake } from '../../../core/align/take';
import { noteView } from '../../../core/align/view';
import { DEFAULT_COSTS } from '../../../core/align/costs';
import { getExercise } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { corrupt, perform, performRepetitions } from '../../support/performer';
import { note } from './helpers';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

describe('alignRecording', () => {
  it('makes one take per repetition of the clinical scale test', () => {
    const clinical = exercise('clinical-scale-rh');
    const played = performRepetitions(clinical, 10, { seed: 11 });
    const { takes, freePlay } = alignRecording(played.notes, clinical);
    expect(takes).toHaveLength(10);
    takes.forEach((take, t) => {
      expect(take.startMs).toBeCloseTo(played.takes[t]?.startMs ?? 0, -2);
      expect(take.matches.every((m) => m.noteIndex !== null)).toBe(true);
      expect(take.bpm).toBeGreaterThan(114);
      expect(take.bpm).toBeLessThan(126);
    });
    expect(freePlay).toEqual([]);
  });

  it('finds the takes in a corrupted recording, repetitions back to back', () => {
    const arpeggio = exercise('arpeggio-e-minor-both-2oct');
    const played = corrupt(performRepetitions(arpeggio, 4, { seed: 12 }, 300), { seed: 13, wrong: 0.05, missed: 0.05, extra: 0.05 });
    const { takes } = alignRecording(played.notes, arpeggio);
    expect(takes).toHaveLength(4);
  });

  it('closes a broken take and starts again at a restart from the beginning', () => {
    const scale = exercise('scale-a-harmonic-minor-rh-2oct');
    const first = perform(scale, { seed: 14, startMs: 1000 });
    const broken = first.notes.slice(0, 11);
    const lastOnset = broken[broken.length - 1]?.onsetMs ?? 0;
    const again = perform(scale, { seed: 15, startMs: lastOnset + 600 });
    const { takes } = alignRecording([...broken, ...again.notes], scale);
    expect(takes).toHaveLength(2);
    expect(takes[0]?.breakdown).toBe(true);
    expect(takes[0]?.span).toEqual({ from: 0, to: 11 });
    expect(takes[0]?.matches.slice(0, 11).map((m) => m.noteIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(takes[1]?.breakdown).toBeUndefined();
    expect(takes[1]?.matches.map((m) => m.noteIndex)).toEqual(scale.notes.map((_, i) => 11 + i));
  });

  it('leaves unrelated playing before and after as free play', () => {
    const scale = exercise('scale-f-major-lh-1oct');
    const played = perform(scale, { seed: 16, startMs: 5000 });
    const noodle = (startMs: number): Note[] => [90, 88, 91, 86, 93, 85].map((pitch, i) => note(pitch, startMs + i * 180));
    const notes = [...noodle(0), ...played.notes, ...noodle(12_000)];
    const { takes, freePlay } = alignRecording(notes, scale);
    expect(takes).toHaveLength(1);
    expect(freePlay.map((segment) => segment.noteIndices.length)).toEqual([6, 6]);
    expect(freePlay[1]?.noteIndices[0]).toBe(6 + played.notes.length);
  });

  it('returns nothing for an empty recording', () => {
    expect(alignRecording([], exercise('scale-c-major-rh-1oct'))).toEqual({ takes: [], freePlay: [] });
  });

  it('joins two pieces of one run cut at a short gap, but not a restart', () => {
    const scale = exercise('scale-e-harmonic-minor-rh-2oct');
    const { notes } = perform(scale, { seed: 17 });
    const first = alignTake(scale, notes, { range: { start: 0, end: 12 }, span: { from: 0, to: 12 }, brokenOff: true });
    const second = alignTake(scale, notes, { range: { start: 12, end: notes.length }, span: { from: 12, to: scale.notes.length } });
    const joined = joinHesitations([first, second], notes, noteView(notes), DEFAULT_COSTS);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.span).toBeUndefined();
    expect(joined[0]?.matches.map((m) => m.noteIndex)).toEqual(scale.notes.map((_, i) => i));
    const restart = alignTake(scale, notes, { range: { start: 12, end: notes.length }, span: { from: 0, to: scale.notes.length } });
    expect(joinHesitations([first, restart], notes, noteView(notes), DEFAULT_COSTS)).toHaveLength(2);
  });
});

describe('stopRuns', () => {
  it('joins phrases separated by less than the longest stop, keeps longer pauses', () => {
    const notes = [note(60, 0), note(62, 125), note(64, 1400), note(65, 1525), note(67, 6000)];
    const phrases = [{ start: 0, end: 2 }, { start: 2, end: 4 }, { start: 4, end: 5 }];
    expect(stopRuns(noteView(notes), phrases, 3000)).toEqual([{ start: 0, end: 4 }, { start: 4, end: 5 }]);
    expect(stopRuns(noteView(notes), phrases, 0)).toEqual(phrases);
  });
});
