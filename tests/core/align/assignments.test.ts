import { describe, expect, it } from 'vitest';
import { assignNotes } from '../../../core/align/assignments';
import { alignRecording } from '../../../core/align/recording';
import { getExercise } from '../../../core/exercises';
import { performRepetitions } from '../../support/performer';
import { note } from './helpers';

describe('assignNotes', () => {
  it('gives each note its take, hand and finger, and null for free play', () => {
    const scale = getExercise('scale-c-major-rh-1oct');
    if (!scale) throw new Error('missing exercise');
    const played = performRepetitions(scale, 2, { seed: 4, startMs: 5000 });
    const notes = [note(100, 0), ...played.notes];
    const assignments = assignNotes(alignRecording(notes, scale), notes.length);
    expect(assignments[0]).toEqual({ take: null, expected: null, wrongPitch: false });
    expect(assignments.slice(1, 16).map((a) => a.take)).toEqual(Array.from({ length: 15 }, () => 0));
    expect(assignments[16]?.take).toBe(1);
    expect(assignments.slice(1, 9).map((a) => a.expected?.finger)).toEqual([1, 2, 3, 1, 2, 3, 4, 5]);
    expect(assignments.every((a) => a.expected === null || a.expected.hand === 'right')).toBe(true);
  });

  it('marks extra notes inside a take with the take but no expected note', () => {
    const scale = getExercise('scale-c-major-rh-1oct');
    if (!scale) throw new Error('missing exercise');
    const assignments = assignNotes(
      { takes: [{ exercise: scale, startMs: 0, endMs: 1, matches: [], extraNoteIndices: [1], bpm: 60 }], freePlay: [] },
      2,
    );
    expect(assignments[1]).toEqual({ take: 0, expected: null, wrongPitch: false });
  });
});
