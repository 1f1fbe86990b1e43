// @vitest-environment jsdom
// A student's card in the Teacher screen: every finger that moved (not the first alert's alone),
// and practice time in words (a total of "16:16" read as a time of day).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvenkeysApi } from '../../../../core/api/contract';
import type { Student } from '../../../../core/api/teacher-schemas';
import { summariseAlerts } from '../../../../renderer/screens/teacher/alert-summary';
import { TeacherScreen } from '../../../../renderer/screens/teacher/TeacherScreen';

afterEach(cleanup);

const exercise = 'Clinical scale test: C major, right hand, legato sixteenths at 120 bpm, 10 times';
const alert = (who: string) => ({ title: `${exercise}: ${who}`, detail: '…', at: '2026-10-12T18:00:00.000Z' });
const student: Student = {
  profile: { id: 1, name: 'Anna', createdAt: '2026-08-01T18:00:00.000Z', handSpanCm: null },
  readOnly: true,
  sessionCount: 19,
  practiceMs: 16 * 60_000 + 16_000,
  practiceLast7DaysMs: 0,
  latest: [],
  alerts: [alert('R5'), alert('Right hand'), alert('R4'), alert('R4'), alert('Right hand'), alert('R3')],
} as unknown as Student;

describe("the Teacher screen's student card", () => {
  it('names every finger and hand that moved, once each, and the practice time in words', async () => {
    const api = { listStudents: async () => [student] } as unknown as EvenkeysApi;
    render(<TeacherScreen api={api} onError={(message) => { throw new Error(message); }} />);
    const card = await screen.findByRole('button', { name: /Anna/ });
    expect(card.textContent).toContain(`6 drift alerts: ${exercise}: R5, Right hand, R4, R3`);
    expect(card.textContent).toContain('19 sessions · 16 min in all · 0 min this week');
  });

  it("the student's sessions table has a name for every column (the delete buttons' column was blank)", async () => {
    const api = { listStudents: async () => [student], listSessions: async () => [] } as unknown as EvenkeysApi;
    render(<TeacherScreen api={api} onError={(message) => { throw new Error(message); }} />);
    (await screen.findByRole('button', { name: /Anna/ })).click();
    const headers = await screen.findAllByRole('columnheader');
    expect(headers.map((h) => h.textContent?.trim())).toEqual(['Session', 'Exercise · tempo · takes', 'Unevenness', 'Notes', 'Actions']);
  });

  it('summariseAlerts groups by exercise', () => {
    expect(summariseAlerts([])).toBe('No drift alerts');
    expect(summariseAlerts([{ title: 'C major scale: R4' }])).toBe('1 drift alert: C major scale: R4');
    expect(summariseAlerts([{ title: 'C major scale: R4' }, { title: 'G major arpeggio: L5' }, { title: 'C major scale: R4 (back within limits)' }]))
      .toBe('3 drift alerts: C major scale: R4, R4 (back within limits); G major arpeggio: L5');
  });
});
