// @vitest-environment jsdom
// Switching pianists while the previous pianist's sessions are still loading must not show that
// pianist's sessions under the new one's name (seen in the History browser test: a slow first
// request answered after the second).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { Profile, SessionSummary } from '../../../core/api/schemas';
import { AppStateProvider, useAppState } from '../../../renderer/state/app-state';

afterEach(cleanup);

const profile = (id: number, name: string) => ({ id, name, readOnly: false, createdAt: '2026-11-01T00:00:00.000Z' }) as unknown as Profile;
const sessionOf = (id: number, profileId: number) => ({ id, profileId, startedAt: '2026-11-01T00:00:00.000Z' }) as unknown as SessionSummary;

function Probe() {
  const { profile: current, sessions, selectProfile } = useAppState();
  return (
    <div>
      <span data-testid="who">{current?.name ?? ''}</span>
      <span data-testid="sessions">{sessions.map((s) => s.profileId).join(',')}</span>
      <button type="button" onClick={() => selectProfile(2)}>Ben</button>
    </div>
  );
}

describe('AppStateProvider', () => {
  it('keeps the sessions of the pianist selected last when an earlier request answers late', async () => {
    const pending = new Map<number, (list: SessionSummary[]) => void>();
    const api = {
      listProfiles: async () => [profile(1, 'Ana'), profile(2, 'Ben')],
      listSessions: ({ profileId }: { profileId: number }) => new Promise<SessionSummary[]>((resolve) => pending.set(profileId, resolve)),
      getHistory: async () => [],
    } as unknown as EvenkeysApi;
    render(<AppStateProvider api={api} initialProfileId={1}><Probe /></AppStateProvider>);
    await screen.findByText('Ana');
    await act(async () => screen.getByRole('button', { name: 'Ben' }).click());
    expect(screen.getByTestId('who').textContent).toBe('Ben');
    // Ben's answer first, then Ana's (late) one.
    await act(async () => pending.get(2)?.([sessionOf(7, 2), sessionOf(8, 2)]));
    await act(async () => pending.get(1)?.([sessionOf(1, 1)]));
    expect(screen.getByTestId('sessions').textContent).toBe('2,2');
  });
});
