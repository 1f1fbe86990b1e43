// @vitest-environment jsdom
// The break reminder on the Practice screen (issue 9): only once the current sitting (saved
// sessions and the take being recorded, pauses under BREAK_GAP_MINUTES) reaches
// BREAK_AFTER_MINUTES; calm, dismissible, back only after another stretch of the same length.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BREAK_AFTER_MINUTES, BREAK_GAP_MINUTES } from '../../../../core/drift/practice';
import { BreakReminder } from '../../../../renderer/screens/practice/BreakReminder';
import { currentSitting } from '../../../../renderer/screens/practice/sitting';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;
const T0 = Date.parse('2026-10-05T17:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
const span = (from: number, to: number) => ({ startedAt: at(from), endedAt: at(to) });

describe('currentSitting', () => {
  it('joins sessions separated by less than the pause, up to now', () => {
    const sitting = currentSitting([span(0, 30), span(32, 50)], null, T0 + 51 * MIN);
    expect(sitting).toEqual({ startedAt: at(0), minutes: 50, breakDue: true });
  });

  it('a pause of BREAK_GAP_MINUTES ends the sitting, before now or between sessions', () => {
    expect(currentSitting([span(0, 50)], null, T0 + (50 + BREAK_GAP_MINUTES) * MIN)).toBeNull();
    expect(currentSitting([span(0, 50)], null, T0 + (50 + BREAK_GAP_MINUTES) * MIN - 1)?.breakDue).toBe(true);
    const sitting = currentSitting([span(0, 40), span(40 + BREAK_GAP_MINUTES, 70)], null, T0 + 71 * MIN);
    expect(sitting).toEqual({ startedAt: at(40 + BREAK_GAP_MINUTES), minutes: 70 - 40 - BREAK_GAP_MINUTES, breakDue: false });
  });

  it('counts the take being recorded up to now, and ignores saved sessions without an end', () => {
    const sessions = [span(0, 40), { startedAt: at(43), endedAt: null }];
    expect(currentSitting(sessions, T0 + 43 * MIN, T0 + (BREAK_AFTER_MINUTES - 1) * MIN)?.breakDue).toBe(false);
    expect(currentSitting(sessions, T0 + 43 * MIN, T0 + BREAK_AFTER_MINUTES * MIN)).toEqual({ startedAt: at(0), minutes: BREAK_AFTER_MINUTES, breakDue: true });
    expect(currentSitting([], null, T0)).toBeNull();
  });
});

describe('BreakReminder', () => {
  it('stays away before the threshold and after a real rest (a long morning does not remind in the evening)', () => {
    const { container, rerender } = render(<BreakReminder sessions={[span(0, 40)]} recordingStartedMs={null} dismissedAtMs={null} onDismiss={() => {}} now={() => T0 + 41 * MIN} />);
    expect(container.textContent).toBe('');
    const evening = () => T0 + 8 * 60 * MIN;
    rerender(<BreakReminder sessions={[span(0, 120)]} recordingStartedMs={T0 + 8 * 60 * MIN - 10 * MIN} dismissedAtMs={null} onDismiss={() => {}} now={evening} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('suggests a pause in plain words once the sitting passes the threshold, while recording too', () => {
    render(<BreakReminder sessions={[span(0, 40)]} recordingStartedMs={T0 + 42 * MIN} dismissedAtMs={null} onDismiss={() => {}} now={() => T0 + 52 * MIN} />);
    const note = screen.getByRole('status');
    expect(note.textContent).toContain('You have been playing for about 52 minutes');
    expect(note.textContent).toContain(`a ${BREAK_GAP_MINUTES}-minute pause away from the keys`);
    expect(note.textContent).toContain('(finish this take first)');
    expect(note.textContent).not.toMatch(/warning|danger|must|stop now|dystonia/i);
  });

  it('appears on its own when the clock passes the threshold, without a re-render from outside', () => {
    vi.useFakeTimers();
    let clock = T0 + 44 * MIN;
    render(<BreakReminder sessions={[span(0, 44)]} recordingStartedMs={T0 + 44 * MIN} dismissedAtMs={null} onDismiss={() => {}} now={() => clock} />);
    expect(screen.queryByRole('status')).toBeNull();
    clock = T0 + 45 * MIN;
    act(() => void vi.advanceTimersByTime(30_000));
    expect(screen.getByRole('status').textContent).toContain('about 45 minutes');
  });

  it('"Not now" puts it away for this sitting until another stretch has passed; a new sitting is not affected', () => {
    const onDismiss = vi.fn();
    const now = T0 + 50 * MIN;
    const { rerender } = render(<BreakReminder sessions={[span(0, 49)]} recordingStartedMs={null} dismissedAtMs={null} onDismiss={onDismiss} now={() => now} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onDismiss).toHaveBeenCalledWith(now);
    rerender(<BreakReminder sessions={[span(0, 49)]} recordingStartedMs={T0 + 50 * MIN} dismissedAtMs={now} onDismiss={onDismiss} now={() => now + 30 * MIN} />);
    expect(screen.queryByRole('status')).toBeNull();
    rerender(<BreakReminder sessions={[span(0, 49)]} recordingStartedMs={T0 + 50 * MIN} dismissedAtMs={now} onDismiss={onDismiss} now={() => now + BREAK_AFTER_MINUTES * MIN} />);
    expect(screen.getByRole('status')).toBeTruthy();
    // Next day: dismissed yesterday, a new long sitting today.
    const day = 24 * 60; // minutes
    rerender(<BreakReminder sessions={[span(day, day + 50)]} recordingStartedMs={null} dismissedAtMs={now} onDismiss={onDismiss} now={() => T0 + (day + 51) * MIN} />);
    expect(screen.getByRole('status')).toBeTruthy();
  });
});
