// @vitest-environment jsdom
// The live per-finger bars on the real online alignment: R4 played 20 ms late leans the R4 bar.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicalScale } from '../../../../core/exercises/clinical';
import { createLiveAlignment, liveFingers, liveNoteOn } from '../../../../core/live/online-align';
import { FingerBars, leaningFinger } from '../../../../renderer/screens/practice/FingerBars';
import { performRepetitions } from '../../../support/performer';

afterEach(cleanup);

describe('FingerBars', () => {
  it('updates note by note and leans on the late finger', () => {
    const exercise = clinicalScale('right');
    const live = createLiveAlignment(exercise);
    const notes = performRepetitions(exercise, 1, { seed: 8, style: { jitterMs: 3 }, fingers: { 'right-4': { biasMs: 20 } } }).notes;
    const view = render(<FingerBars fingers={liveFingers(live)} />);
    expect(screen.getByText('Per-finger bars appear with the first notes.')).toBeTruthy();
    for (const [i, note] of notes.entries()) {
      liveNoteOn(live, { timeMs: note.onsetMs, pitch: note.pitch, velocity: note.velocity });
      act(() => view.rerender(<FingerBars fingers={liveFingers(live)} />));
      if (i === 2) expect(screen.getAllByRole('row').length).toBe(1 + 3); // header + R1-R3 so far
    }
    const r4 = Number(screen.getByTestId('live-bar-R4').getAttribute('data-mean'));
    // The running line is fitted through R4's late notes too, so a little of the 20 ms goes into it.
    expect(r4).toBeGreaterThan(10);
    for (const code of ['R1', 'R2', 'R3', 'R5']) expect(Math.abs(Number(screen.getByTestId(`live-bar-${code}`).getAttribute('data-mean')))).toBeLessThan(7);
    expect(screen.getByTestId('live-leaning').textContent).toMatch(/^R4 leans late \(\+1\d\.\d ms\)$/);
    expect(leaningFinger(liveFingers(live))?.finger).toBe(4);
  });

  it("with the exercise's fingers, every row is there from the start and the first notes fill rows in without adding any", () => {
    const exercise = clinicalScale('right');
    const live = createLiveAlignment(exercise);
    const expected = ([1, 2, 3, 4, 5] as const).map((finger) => ({ hand: 'right' as const, finger }));
    const notes = performRepetitions(exercise, 1, { seed: 8, style: { jitterMs: 3 } }).notes;
    const view = render(<FingerBars fingers={liveFingers(live)} expected={expected} />);
    expect(screen.getAllByRole('row').length).toBe(1 + 5);
    for (const code of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(screen.getByTestId(`live-slot-${code}`)).toBeTruthy();
    const first = notes[0];
    if (first === undefined) throw new Error('empty performance');
    liveNoteOn(live, { timeMs: first.onsetMs, pitch: first.pitch, velocity: first.velocity });
    act(() => view.rerender(<FingerBars fingers={liveFingers(live)} expected={expected} />));
    expect(screen.getAllByRole('row').length).toBe(1 + 5);
    expect(screen.getByTestId('live-bar-R1')).toBeTruthy();
    expect(screen.queryByTestId('live-slot-R1')).toBeNull();
    expect(screen.getByTestId('live-slot-R4')).toBeTruthy();
  });
});
