// @vitest-environment jsdom
// Two sessions with no exercise in common at one tempo have nothing to compare per finger: the
// teacher is told so, instead of an empty chart and an empty table.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../../../core/api/teacher-schemas';
import { CompareChart } from '../../../../renderer/screens/teacher/CompareChart';

vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);
afterEach(cleanup);

describe('CompareChart', () => {
  it('says plainly when nothing is alike, and draws no empty chart', () => {
    const comparison = {
      a: { label: 'Baseline (no earlier session of the same exercise and tempo)', sessionId: null, startedAt: null },
      b: { label: 'Session of 2026-11-20', sessionId: 3, startedAt: '2026-11-20T10:00:00.000Z' },
      rows: [],
    } as unknown as Comparison;
    render(<CompareChart comparison={comparison} />);
    expect(screen.getByTestId('compare-empty').textContent).toMatch(/^Nothing to compare like with like: .* share no exercise played at the same tempo/);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
