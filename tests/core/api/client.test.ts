// createApiClient: input checked before sending, answers checked on arrival, errors typed.
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import { ApiError } from '../../../core/api/errors';

const profile = { id: 1, name: 'Ana', handSpanCm: null, createdAt: '2026-11-24T00:00:00.000Z' };

describe('createApiClient', () => {
  it('sends validated input and returns the parsed output', async () => {
    const sent: Array<[string, unknown]> = [];
    const api = createApiClient(async (name, input) => {
      sent.push([name, input]);
      return { ok: true, value: { ...profile, extra: 'stripped' } };
    });
    expect(await api.createProfile({ name: ' Ana ' })).toEqual(profile);
    expect(sent).toEqual([['createProfile', { name: 'Ana' }]]);
  });

  it('refuses invalid input without calling the transport', async () => {
    let calls = 0;
    const api = createApiClient(async () => {
      calls += 1;
      return { ok: true, value: [] };
    });
    await expect(api.createProfile({ name: '' })).rejects.toMatchObject({ name: 'ApiError', code: 'invalid-input' });
    expect(calls).toBe(0);
  });

  it('turns error answers into ApiErrors with their code', async () => {
    const api = createApiClient(async () => ({ ok: false, error: { code: 'not-found', message: 'No session 9.' } }));
    const error = await api.getSession({ sessionId: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No session 9.' });
  });

  it('refuses malformed answers and outputs that break the contract', async () => {
    await expect(createApiClient(async () => 'hello').listProfiles({})).rejects.toMatchObject({ code: 'internal' });
    await expect(createApiClient(async () => ({ ok: true, value: [{ id: 'x' }] })).listProfiles({})).rejects.toMatchObject({ code: 'invalid-output' });
  });
});
