// @vitest-environment jsdom
// Session lists show per-exercise figures (issue 9): one line per exercise and tempo band, and a
// sparkline over one exercise only, never one average over unlike takes.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionExercise, SessionSummary } from '../../../core/api/schemas';
import { TEMPO_BAND_HALF_WIDTH } from '../../../core/drift/tempo';
import { exerciseDetail, handsWords, likeForLikeTrend } from '../../../renderer/components/session-exercises';
import { SessionExercises } from '../../../renderer/components/SessionExercises';
import { SessionList } from '../../../renderer/screens/report/SessionList';

afterEach(cleanup);

const line = (exerciseId: string, notesPerSecond: number | null, unevennessMs: number | null, takes = 2): SessionExercise => ({
  exerciseId, exerciseName: exerciseId === 'mozart' ? 'Mozart K. 545, bars 1-4' : 'C major scale, RH, 2 octaves', hands: 'right', notesPerSecond, bpm: notesPerSecond === null ? null : notesPerSecond * 15, takes, unevennessMs,
});

const session = (id: number, day: number, exercises: SessionExercise[] | undefined, unevennessMs: number | null = 20): SessionSummary => ({
  id, profileId: 1, deviceId: null, startedAt: `2026-10-${String(day).padStart(2, '0')}T18:00:00.000Z`, endedAt: `2026-10-${String(day).padStart(2, '0')}T18:20:00.000Z`,
  status: 'complete', appVersion: '0.1.0', metronomeBpm: null, notes: '', exerciseId: null, sourceFile: null, eventCount: 100, noteCount: 90,
  takeCount: exercises?.reduce((s, e) => s + e.takes, 0) ?? 3, unevennessMs, analysisError: null, ...(exercises ? { exercises } : {}),
});

describe('like-for-like helpers', () => {
  it('words the hands and the line detail', () => {
    expect(handsWords('both')).toBe('hands together');
    expect(exerciseDetail(line('mozart', 8, 10, 3))).toBe('right hand · 8.0 notes/s · 3 takes');
    expect(exerciseDetail(line('mozart', null, null, 1))).toBe('right hand · no steady tempo · 1 take');
    // Library names say the hand already.
    expect(exerciseDetail({ ...line('scale', 8, 10, 2), exerciseName: 'C major scale, right hand, 2 octaves' })).toBe('8.0 notes/s · 2 takes');
  });

  it('draws the exercise and band played in most sessions, with that line\'s figure', () => {
    const sessions = [
      session(1, 1, [line('scale', 8, 10), line('mozart', 5, 40)]),
      session(2, 2, [line('mozart', 5, 44)]),
      session(3, 3, [line('scale', 8.2, 11), line('mozart', 5, 39)]),
      session(4, 4, [line('scale', 8 * (1 + 2 * TEMPO_BAND_HALF_WIDTH), 15)]),
      session(5, 5, [line('scale', 7.9, 12)]),
    ];
    const trend = likeForLikeTrend(sessions);
    // mozart: 3 sessions; scale at ~8 notes/s: 3 sessions (the faster take is another band); the scale was played last.
    expect(trend?.exerciseId).toBe('scale');
    expect(trend?.points.map((p) => [p.sessionId, p.unevennessMs])).toEqual([[1, 10], [3, 11], [5, 12]]);
    expect(likeForLikeTrend([session(1, 1, [line('scale', 8, 10)])])).toBeNull();
    expect(likeForLikeTrend([session(1, 1, undefined), session(2, 2, undefined)])).toBeNull();
  });
});

describe('SessionExercises', () => {
  it('lists each exercise with its own unevenness', () => {
    render(<SessionExercises lines={[line('scale', 8, 10.04), line('mozart', 5, 41.26, 1)]} averageMs={25.6} takes={3} />);
    const items = within(screen.getByTestId('session-exercises')).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'C major scale, RH, 2 octavesright hand · 8.0 notes/s · 2 takes10.0 ms',
      'Mozart K. 545, bars 1-4right hand · 5.0 notes/s · 1 take41.3 ms',
    ]);
    expect(screen.queryByText(/25\.6/)).toBeNull();
  });

  it('says so when there is nothing to list, and labels an older backend\'s average', () => {
    const { rerender } = render(<SessionExercises lines={[]} averageMs={null} takes={0} />);
    expect(screen.getByText('No exercise recognised')).toBeTruthy();
    rerender(<SessionExercises lines={undefined} averageMs={25.6} takes={3} />);
    expect(screen.getByText(/25\.6 ms/).textContent).toContain('mean of 3 takes, any exercise');
  });
});

describe('SessionList', () => {
  it('shows per-exercise figures per session and a like-for-like sparkline', () => {
    const onSelect = vi.fn();
    const sessions = [
      session(1, 1, [line('scale', 8, 10), line('mozart', 5, 40, 1)]),
      session(2, 2, [line('scale', 8.1, 12)]),
    ];
    render(<SessionList sessions={sessions} history={[]} selectedId={null} onSelect={onSelect} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Newest first; the older session has two lines, each with its own figure, and no average.
    expect(within(rows[1] as HTMLElement).getAllByRole('listitem').map((li) => li.getAttribute('data-exercise'))).toEqual(['scale', 'mozart']);
    expect(rows[1]?.textContent).not.toMatch(/20\.0 ms/);
    const spark = screen.getByTestId('sparkline');
    expect(spark.getAttribute('aria-label')).toMatch(/^Unevenness of C major scale, RH, 2 octaves, right hand, about 8\.0 notes\/s over 2 sessions, from 10\.0 ms to 12\.0 ms/);
    fireEvent.click(rows[0] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(2);
  });

  it('has a plain empty state', () => {
    render(<SessionList sessions={[]} history={[]} selectedId={null} onSelect={() => undefined} />);
    expect(screen.getByText('No sessions yet')).toBeTruthy();
    expect(screen.queryByTestId('sparkline')).toBeNull();
  });
});
