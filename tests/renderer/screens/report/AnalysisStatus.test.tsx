// @vitest-environment jsdom
// Issue 16, item 3: a finished session is never shown empty: "Analysing…" then the result, or the error.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EvenkeysApi } from '../../../../core/api/contract';
import type { SessionAnalysis } from '../../../../core/api/schemas';
import { AnalysisView } from '../../../../renderer/screens/report/AnalysisView';

// jsdom has no canvas: the report's charts are stood in for (tests/renderer/support/chart-stub).
vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);

afterEach(cleanup);

const session: SessionAnalysis['session'] = {
  id: 4, profileId: 1, deviceId: null, startedAt: '2026-11-30T05:00:00.000Z', endedAt: '2026-11-30T05:10:00.000Z',
  status: 'complete', appVersion: '0.1.0', metronomeBpm: null, notes: '', exerciseId: null, sourceFile: null,
  eventCount: 240, noteCount: 0, takeCount: 0, unevennessMs: null, analysisError: null,
};

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AnalysisStatus in the session view', () => {
  it('says "Analysing" for a finished session without an analysis, asks for it, then shows the error', async () => {
    const answer = deferred<SessionAnalysis>();
    const asked: number[] = [];
    const api = {
      listAnnotations: async () => [],
      reanalyseSession: async ({ sessionId }: { sessionId: number }) => {
        asked.push(sessionId);
        return answer.promise;
      },
    } as unknown as EvenkeysApi;
    await act(async () => void render(<AnalysisView api={api} data={{ session, takes: [], analysis: null }} onClose={() => {}} onError={() => {}} />));
    expect(screen.getByTestId('analysis-status').textContent).toMatch(/Analysing this session/);
    expect(asked).toEqual([4]);
    await act(async () => answer.resolve({ session: { ...session, analysisError: 'analyser crashed' }, takes: [], analysis: null }));
    expect(screen.getByTestId('analysis-status').textContent).toMatch(/The analysis failed \(analyser crashed\)/);
    expect(asked).toEqual([4]);
    // "Analyse again" asks once more.
    const again = deferred<SessionAnalysis>();
    (api as unknown as { reanalyseSession: () => Promise<SessionAnalysis> }).reanalyseSession = async () => again.promise;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Analyse again' })));
    expect(screen.getByTestId('analysis-status').textContent).toMatch(/Analysing/);
  });

  it('shows nothing extra for a session that has its analysis or is still recording', async () => {
    const api = { listAnnotations: async () => [] } as unknown as EvenkeysApi;
    await act(async () => void render(<AnalysisView api={api} data={{ session: { ...session, status: 'recording' }, takes: [], analysis: null }} onClose={() => {}} onError={() => {}} />));
    expect(screen.queryByTestId('analysis-status')).toBeNull();
  });
});
