// @vitest-environment jsdom
// The report on a real analysis: wrong notes in the take summary, '— (n notes)' for spreads of
// fewer than 3 notes, the charts' data (deviation by finger, the healthy band), and clicking an
// event highlights its notes in the deviation chart.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeRecording } from '../../../../core/analysis/analyze';
import type { EvenkeysApi } from '../../../../core/api/contract';
import type { SessionAnalysis } from '../../../../core/api/schemas';
import { getExercise } from '../../../../core/exercises/index';
import { messagesFromNotes } from '../../../../core/midi/smf';
import { AnalysisView } from '../../../../renderer/screens/report/AnalysisView';
import { injectFaults } from '../../../support/faults';
import { corrupt, performRepetitions } from '../../../support/performer';

vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);
afterEach(cleanup);

const api = { listAnnotations: async () => [] } as unknown as EvenkeysApi;

function data(): SessionAnalysis {
  const exercise = getExercise('scale-c-major-rh-1oct');
  if (exercise === undefined) throw new Error('missing exercise');
  const clean = performRepetitions(exercise, 2, { seed: 21, bpm: 96 });
  const { performance } = injectFaults(clean, { seed: 4, perTake: 1, types: ['late'], fingers: ['right-3'] });
  const wrong = corrupt(performance, { seed: 6, wrong: 0.15, missed: 0, extra: 0 });
  const analysis = analyzeRecording({ messages: messagesFromNotes(wrong.notes), file: 't', exercise: exercise.id, includeNotes: true });
  return {
    session: {
      id: 2, profileId: 1, deviceId: null, startedAt: '2026-11-20T18:00:00.000Z', endedAt: '2026-11-20T18:01:00.000Z', status: 'complete', appVersion: '0.1.0',
      metronomeBpm: 96, notes: '', exerciseId: exercise.id, sourceFile: null, eventCount: 0, noteCount: analysis.source.notes, takeCount: analysis.takes.length, unevennessMs: 10, analysisError: null,
    },
    takes: [],
    analysis,
  };
}

function chart(label: RegExp): { datasets: Array<{ label: string; pointRadius?: number[] }> } {
  return JSON.parse(screen.getByRole('img', { name: label }).getAttribute('data-json') ?? '{}') as { datasets: Array<{ label: string; pointRadius?: number[] }> };
}

describe('report', () => {
  it('shows wrong notes in the take summary and no spread below 3 notes', async () => {
    const d = data();
    const take = d.analysis?.takes[0];
    await act(async () => void render(<AnalysisView api={api} data={d} onClose={() => {}} onError={() => {}} />));
    expect(take?.wrong).toBeGreaterThan(0);
    expect(screen.getAllByTestId('take-summary')[0]?.textContent).toContain(`${take?.wrong} wrong`);
    const small = take?.fingers.find((f) => f.count < 3);
    if (small !== undefined) expect(screen.getAllByText(`— (${small.count} ${small.count === 1 ? 'note' : 'notes'})`).length).toBeGreaterThan(0);
    expect(screen.queryByText('0.0 ms')).toBeNull();
  });

  it('draws deviation by finger with the wrong notes, and the healthy band beside the unevenness', async () => {
    const d = data();
    await act(async () => void render(<AnalysisView api={api} data={d} onClose={() => {}} onError={() => {}} />));
    const labels = chart(/Onset deviation of each note/).datasets.map((s) => s.label);
    expect(labels).toContain('R1');
    expect(labels).toContain('Wrong note');
    expect(screen.getByText(/about 8-9 ms in this scale test at 8 notes\/s/).textContent).toMatch(/your own baseline/);
  });

  it('clicking an event highlights its notes in the deviation chart', async () => {
    const d = data();
    const takeIndex = d.analysis?.takes.findIndex((t) => t.events.length > 0) ?? -1;
    expect(takeIndex).toBeGreaterThanOrEqual(0);
    await act(async () => void render(<AnalysisView api={api} data={d} onClose={() => {}} onError={() => {}} />));
    if (takeIndex > 0) fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^Take ${takeIndex + 1} `) }));
    const big = () => chart(/Onset deviation of each note/).datasets.flatMap((s) => s.pointRadius ?? []).filter((r) => r === 7).length;
    expect(big()).toBe(0);
    const details = document.querySelector('.event') as HTMLDetailsElement;
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    expect(big()).toBeGreaterThan(0);
  });
});
