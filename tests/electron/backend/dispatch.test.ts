// dispatch: input validated with the operation's schema, output validated, errors shaped.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../core/api/errors';
import { createDispatch } from '../../../electron/backend/dispatch';
import { stubHandlers } from '../shell/stub-handlers';

const profile = { id: 1, name: 'Ana', handSpanCm: null, createdAt: '2026-11-24T00:00:00.000Z' };

describe('createDispatch', () => {
  const logged: string[] = [];
  const dispatch = createDispatch(
    stubHandlers({
      listProfiles: () => [profile],
      createProfile: (input) => ({ ...profile, name: input.name }),
      // Returns a shape the contract does not allow.
      listDevices: () => [{ id: 'x' }] as never,
      getSession: (input) => {
        throw new ApiError('not-found', `No session ${input.sessionId}.`);
      },
      listSessions: () => {
        throw new Error('disk on fire');
      },
    }),
    (name) => logged.push(name),
  );

  it('calls the handler with the parsed input and returns its output', async () => {
    expect(await dispatch('listProfiles', {})).toEqual({ ok: true, value: [profile] });
    // The schema trims the name before the handler sees it.
    expect(await dispatch('createProfile', { name: '  Ben ' })).toEqual({ ok: true, value: { ...profile, name: 'Ben' } });
  });

  it('refuses unknown operations, including prototype names', async () => {
    for (const name of ['dropTables', 'constructor', '__proto__', 'toString', '']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('refuses invalid input with a readable message', async () => {
    const result = await dispatch('createProfile', { name: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toMatch(/^createProfile: name/);
    expect(await dispatch('appendMidi', { sessionId: 1, messages: [{ bytes: [], timeMs: 0 }] })).toMatchObject({ ok: false });
    expect(await dispatch('appendMidi', { sessionId: 1, messages: [{ bytes: [144, 60, 80], timeMs: Number.NaN }] })).toMatchObject({ ok: false });
    expect(await dispatch('listSessions', { profileId: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses output that breaks the contract', async () => {
    expect(await dispatch('listDevices', {})).toMatchObject({ ok: false, error: { code: 'invalid-output' } });
  });

  it('passes ApiErrors through and hides other failures behind "internal"', async () => {
    expect(await dispatch('getSession', { sessionId: 9 })).toEqual({ ok: false, error: { code: 'not-found', message: 'No session 9.' } });
    expect(await dispatch('listSessions', { profileId: 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toContain('listSessions');
  });
});
