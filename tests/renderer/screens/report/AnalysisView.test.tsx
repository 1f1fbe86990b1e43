// @vitest-environment jsdom
// The analysis view on a real analysis document: repetitions, the direction toggle, evidence.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeRecording } from '../../../../core/analysis/analyze';
import type { EvenkeysApi } from '../../../../core/api/contract';
import type { SessionAnalysis } from '../../../../core/api/schemas';
import { getExercise } from '../../../../core/exercises/index';
import { messagesFromNotes } from '../../../../core/midi/smf';
import { AnalysisView } from '../../../../renderer/screens/report/AnalysisView';
import { injectFaults } from '../../../support/faults';
import { performRepetitions } from '../../../support/performer';

vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);

afterEach(cleanup);

function sessionAnalysis(): SessionAnalysis {
  const exercise = getExercise('scale-c-major-rh-2oct');
  if (exercise === undefined) throw new Error('missing exercise');
  const clean = performRepetitions(exercise, 3, { seed: 5, bpm: 92 });
  const { performance } = injectFaults(clean, { seed: 3, perTake: 1, types: ['late'], fingers: ['right-4'] });
  const analysis = analyzeRecording({ messages: messagesFromNotes(performance.notes), file: 'test' });
  return {
    session: {
      id: 1, profileId: 1, deviceId: null, startedAt: '2026-11-20T18:00:00.000Z', endedAt: '2026-11-20T18:01:00.000Z',
      status: 'complete', appVersion: '0.1.0', metronomeBpm: null, notes: '', exerciseId: null, sourceFile: null,
      eventCount: 0, noteCount: analysis.source.notes, takeCount: analysis.takes.length, unevennessMs: 10, analysisError: null,
    },
    takes: [],
    analysis,
  };
}

const api = { listAnnotations: async () => [] } as unknown as EvenkeysApi;

describe('AnalysisView', () => {
  it('shows irregularity and instability across repetitions, per hand and finger', async () => {
    const data = sessionAnalysis();
    const repetition = data.analysis?.repetitions[0];
    expect(repetition?.takes).toBe(3);
    await act(async () => void render(<AnalysisView api={api} data={data} onClose={() => {}} onError={() => {}} />));
    const table = screen.getByRole('table', { name: /Irregularity and instability across the takes of C major scale/ });
    const handRow = within(table).getByRole('row', { name: /Right hand/ });
    const hand = repetition?.hands[0];
    expect(handRow.textContent).toContain(`${hand?.irregularityMs.toFixed(1)} ms`);
    expect(handRow.textContent).toContain(`${hand?.instabilityMs.toFixed(1)} ms`);
    expect(within(table).getByRole('row', { name: /R4 ring/ })).toBeTruthy();
  });

  it('switches the per-finger table between both directions, up and down', async () => {
    const data = sessionAnalysis();
    const take = data.analysis?.takes[0];
    await act(async () => void render(<AnalysisView api={api} data={data} onClose={() => {}} onError={() => {}} />));
    const countOf = (name: RegExp) => Number(within(screen.getByRole('table', { name })).getByRole('row', { name: /R1 thumb/ }).querySelector('td')?.textContent);
    expect(countOf(/Per-finger figures, both directions/)).toBe(take?.fingers.find((f) => f.finger === 1)?.count);
    fireEvent.click(screen.getByRole('button', { name: 'Up' }));
    expect(screen.getByRole('button', { name: 'Up' }).getAttribute('aria-pressed')).toBe('true');
    expect(countOf(/Per-finger figures, up/)).toBe(take?.fingersByDirection.find((f) => f.finger === 1 && f.direction === 'up')?.count);
    fireEvent.click(screen.getByRole('button', { name: 'Down' }));
    expect(countOf(/Per-finger figures, down/)).toBe(take?.fingersByDirection.find((f) => f.finger === 1 && f.direction === 'down')?.count);
  });

  it('shows an event\'s evidence on hover (title) and when opened', async () => {
    const data = sessionAnalysis();
    const takeIndex = data.analysis?.takes.findIndex((t) => t.events.length > 0) ?? -1;
    expect(takeIndex).toBeGreaterThanOrEqual(0);
    const event = data.analysis?.takes[takeIndex]?.events[0];
    await act(async () => void render(<AnalysisView api={api} data={data} onClose={() => {}} onError={() => {}} />));
    if (takeIndex > 0) fireEvent.click(screen.getByRole('tab', { name: new RegExp(`^Take ${takeIndex + 1} `) }));
    const summary = screen.getByText(event?.detail ?? '').closest('summary');
    expect(summary?.getAttribute('title')).toContain('threshold');
    const details = summary?.closest('details');
    expect(details?.querySelectorAll('.evidence dt').length).toBe(Object.keys(event?.evidence ?? {}).length + 1);
    expect(details?.textContent).toContain('× threshold');
  });
});
