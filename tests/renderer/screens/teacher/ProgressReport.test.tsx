// @vitest-environment jsdom
// The progress report shows unevenness per exercise and tempo (issue 9): one chart line and one
// first -> last row per exercise, never one figure over unlike takes.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressReportData } from '../../../../core/report/progress';
import { MEASURES_NOT_DIAGNOSES } from '../../../../core/report/progress';
import { ProgressReport } from '../../../../renderer/screens/teacher/report/ProgressReport';

afterEach(cleanup);

const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T18:00:00.000Z`;

const data = (exerciseTrends: ProgressReportData['exerciseTrends'], exerciseTrendsLeftOut = 0): ProgressReportData => ({
  profileName: 'Ana',
  range: { from: null, to: null },
  generatedAt: '2026-11-01T00:00:00.000Z',
  summary: { sessions: 3, practiceMs: 3_600_000, takes: 6, notes: 600, events: 0, firstSession: day(1), lastSession: day(3) },
  exerciseTrends,
  exerciseTrendsLeftOut,
  fingerTrends: [],
  eventsByType: [],
  alerts: [],
  annotations: [],
  note: MEASURES_NOT_DIAGNOSES,
});

describe('ProgressReport: unevenness per exercise', () => {
  it('draws one line per exercise and gives each its own first -> last', () => {
    render(
      <ProgressReport
        data={data(
          [
            { exerciseId: 'scale', exerciseName: 'C major scale, right hand, 2 octaves', hands: 'right', notesPerSecond: 8, points: [{ startedAt: day(1), unevennessMs: 11 }, { startedAt: day(2), unevennessMs: 9 }, { startedAt: day(3), unevennessMs: 8 }] },
            { exerciseId: 'mozart', exerciseName: 'Mozart K. 545, bars 1-4', hands: 'both', notesPerSecond: 6, points: [{ startedAt: day(1), unevennessMs: 40 }, { startedAt: day(3), unevennessMs: 30 }] },
          ],
          2,
        )}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Unevenness per session, one line per exercise and tempo' });
    expect(chart.querySelectorAll('polyline')).toHaveLength(2);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent?.trim()))).toEqual([
      ['C major scale, right hand, 2 octaves at 8.0 notes/s', '3', '11.0 ms', '8.0 ms', '−3.0 ms'],
      ['Mozart K. 545, bars 1-4 (hands together) at 6.0 notes/s', '2', '40.0 ms', '30.0 ms', '−10.0 ms'],
    ]);
    expect(screen.getByText(/Not charted: 2 other exercises \(or tempi\), played in one session only/)).toBeTruthy();
    expect(screen.queryByText(/Unevenness, first/)).toBeNull();
    // The summary's practice time in words: a total of "1:00:00" reads as a clock.
    expect(screen.getByText('Practice time').nextElementSibling?.textContent).toBe('1 h 00 min');
  });

  it('names the exercise and tempo the per-finger trends follow', () => {
    render(<ProgressReport data={{ ...data([]), fingerTrendsExercise: { exerciseId: 'scale', exerciseName: 'C major scale, right hand, 2 octaves', notesPerSecond: 8 } }} />);
    expect(screen.getByText(/^C major scale, right hand, 2 octaves at 8\.0 notes\/s, the most played exercise \(like with like\): Onset-deviation SD per finger/)).toBeTruthy();
  });

  it('says there is nothing like-for-like yet when no exercise repeats', () => {
    render(<ProgressReport data={data([])} />);
    expect(screen.getByText(/No exercise was measured at the same tempo in two or more sessions/)).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Unevenness per session/ })).toBeNull();
  });
});
