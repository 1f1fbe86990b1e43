import { describe, expect, it } from 'vitest';
import { splitAtPauses } from '../../../core/align/pauses';
import { note, pulse } from './helpers';

describe('splitAtPauses', () => {
  it('returns nothing for no notes and one phrase for one note', () => {
    expect(splitAtPauses([])).toEqual([]);
    expect(splitAtPauses([note(60, 0)])).toEqual([{ start: 0, end: 1 }]);
  });

  it('cuts at a two-second pause between two runs', () => {
    const notes = [...pulse([60, 62, 64, 65, 67], 0, 125), ...pulse([60, 62, 64], 2500, 125)];
    expect(splitAtPauses(notes)).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 8 },
    ]);
  });

  it('does not cut a slow exercise at every note', () => {
    const notes = pulse([60, 62, 64, 65, 67, 69, 71, 72], 0, 1100);
    expect(splitAtPauses(notes)).toHaveLength(1);
  });

  it('does not cut at a gap shorter than the minimum pause', () => {
    const notes = [...pulse([60, 62, 64], 0, 100), ...pulse([65, 67], 900, 100)];
    expect(splitAtPauses(notes)).toHaveLength(1);
    expect(splitAtPauses(notes, { minPauseMs: 500 })).toHaveLength(2);
  });

  it('ignores chord onsets when judging the pulse', () => {
    const chords = [0, 125, 250, 375].flatMap((t) => [note(48, t), note(60, t + 10)]);
    const notes = [...chords, ...pulse([48, 60], 2000, 10)];
    expect(splitAtPauses(notes)).toEqual([
      { start: 0, end: 8 },
      { start: 8, end: 10 },
    ]);
  });
});
