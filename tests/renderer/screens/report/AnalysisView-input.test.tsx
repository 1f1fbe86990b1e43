// @vitest-environment jsdom
// The analysis view shows what the input did to the numbers (issue 11): a clock that cannot be
// trusted (blank timing, never 0.0 ms) and a keyboard that went away mid-take.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeRecording } from '../../../../core/analysis/analyze';
import type { DeviceGapSpan } from '../../../../core/analysis/input-faults';
import type { EvenkeysApi } from '../../../../core/api/contract';
import type { SessionAnalysis } from '../../../../core/api/schemas';
import { getExercise } from '../../../../core/exercises/index';
import { messagesFromNotes } from '../../../../core/midi/smf';
import type { RawMidiMessage } from '../../../../core/midi/types';
import { AnalysisView } from '../../../../renderer/screens/report/AnalysisView';
import { performRepetitions } from '../../../support/performer';

// jsdom has no canvas: the report's charts are stood in for (tests/renderer/support/chart-stub).
vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);

afterEach(cleanup);

const exercise = getExercise('scale-c-major-rh-2oct');
if (exercise === undefined) throw new Error('missing exercise');
const notes = performRepetitions(exercise, 1, { seed: 6, startMs: 4000 }).notes;

function data(messages: readonly RawMidiMessage[], deviceGaps?: readonly DeviceGapSpan[]): SessionAnalysis {
  const analysis = analyzeRecording({ messages, file: 'test', includeNotes: true, ...(deviceGaps ? { deviceGaps } : {}) });
  return {
    session: {
      id: 1, profileId: 1, deviceId: null, startedAt: '2026-11-20T18:00:00.000Z', endedAt: '2026-11-20T18:01:00.000Z',
      status: 'complete', appVersion: '0.1.0', metronomeBpm: null, notes: '', exerciseId: null, sourceFile: null,
      eventCount: messages.length, noteCount: analysis.source.notes, takeCount: analysis.takes.length, unevennessMs: null, analysisError: null,
    },
    takes: [],
    analysis,
  };
}

const api = { listAnnotations: async () => [] } as unknown as EvenkeysApi;

describe('AnalysisView: input faults', () => {
  it('says the clock is too coarse and leaves timing blank, velocity shown', async () => {
    const coarse = messagesFromNotes(notes).map((m) => ({ ...m, timeMs: Math.floor(m.timeMs / 100) * 100 }));
    await act(async () => void render(<AnalysisView api={api} data={data(coarse)} onClose={() => {}} onError={() => {}} />));
    expect(screen.getByText(/Every note falls on a 100 ms grid .* timing figures are left blank rather than guessed/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/unevenness 0\.0 ms/);
    expect(document.body.textContent).toMatch(/unevenness —/);
    const thumb = screen.getByRole('row', { name: /R1 thumb/ });
    expect(thumb.textContent).toMatch(/—/);
    expect(thumb.textContent).toMatch(/\d+\s*\d+(\.\d) %/);
  });

  it('shows the device gap and marks the take interrupted by the device', async () => {
    const held = notes[12] as (typeof notes)[number];
    const back = notes[18] as (typeof notes)[number];
    const gap = { startMs: held.onsetMs + 50, endMs: back.onsetMs - 10 };
    const messages = messagesFromNotes(notes).filter((m) => m.timeMs <= gap.startMs || m.timeMs >= gap.endMs);
    await act(async () => void render(<AnalysisView api={api} data={data(messages, [gap])} onClose={() => {}} onError={() => {}} />));
    expect(screen.getByText(/The keyboard went away/).closest('p')?.textContent).toMatch(
      /The keyboard went away for \d\.\d s at 0:0\d \(a key held at that moment is ended there\)\. Stops while it was away are not\s+counted against any finger\./,
    );
    expect(screen.getByText('Interrupted by the device')).toBeTruthy();
  });
});
