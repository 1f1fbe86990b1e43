// Schema 003 through the API: metronome clicks stored with the session (exact float64 times),
// preferences kept in the database, and the chosen exercise handed to the analysis.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import type { EvenkeysApi } from '../../../core/api/contract';
import { clinicalScale } from '../../../core/exercises/clinical';
import { messagesFromNotes } from '../../../core/midi/smf';
import { openBackend } from '../../../electron/backend/backend';
import type { Backend } from '../../../electron/backend/backend';
import { LATEST_SCHEMA_VERSION } from '../../../electron/store/migrations/index';
import { perform } from '../../support/performer';

let backend: Backend;
let api: EvenkeysApi;
let dbPath: string;

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'evenkeys-clicks-')), 'e.sqlite');
  backend = await openBackend({ dbPath });
  api = createApiClient((name, input) => backend.dispatch(name, input));
});
afterAll(() => backend.close());

describe('clicks, preferences and the chosen exercise', () => {
  it('stores every click time exactly, in order, across appends', async () => {
    const profile = await api.createProfile({ name: 'Clara' });
    const session = await api.startSession({ profileId: profile.id, metronomeBpm: 120, exerciseId: 'clinical-scale-rh' });
    expect(session.exerciseId).toBe('clinical-scale-rh');
    const clicks = Array.from({ length: 20 }, (_, i) => ({ timeMs: 1000.1234567 + i * 125.0000001, kind: i % 4 === 0 ? ('accent' as const) : ('beat' as const), countIn: i < 4, bpm: 120 }));
    await api.appendClicks({ sessionId: session.id, clicks: clicks.slice(0, 7) });
    await api.appendClicks({ sessionId: session.id, clicks: clicks.slice(7) });
    expect(await api.listClicks({ sessionId: session.id })).toEqual(clicks);
    await api.finishSession({ sessionId: session.id });
    const exported = JSON.parse((await api.exportSession({ sessionId: session.id, format: 'json' })).content) as { clicks: unknown[] };
    expect(exported.clicks).toHaveLength(20);
    await expect(api.appendClicks({ sessionId: 999, clicks })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('analyses the take as the exercise chosen in the picker', async () => {
    const [profile] = await api.listProfiles({});
    if (profile === undefined) throw new Error('no profile');
    const exercise = clinicalScale('left');
    const session = await api.startSession({ profileId: profile.id, exerciseId: exercise.id });
    const messages = messagesFromNotes(perform(exercise, { seed: 3 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));
    await api.appendMidi({ sessionId: session.id, messages });
    await api.finishSession({ sessionId: session.id });
    const analysis = await api.getSessionAnalysis({ sessionId: session.id });
    expect(analysis.analysis?.takes[0]?.exercise.id).toBe('clinical-scale-lh');
    await expect(api.startSession({ profileId: profile.id, exerciseId: 'no-such-exercise' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('keeps preferences in the database across a restart', async () => {
    await api.setPreference({ key: 'inputName', value: JSON.stringify('MIDIIN2 (Digital Piano)') });
    await api.setPreference({ key: 'tempo', value: '96' });
    await api.setPreference({ key: 'tempo', value: '100' });
    await api.setPreference({ key: 'gone', value: '1' });
    await api.setPreference({ key: 'gone', value: null });
    backend.close();
    backend = await openBackend({ dbPath });
    api = createApiClient((name, input) => backend.dispatch(name, input));
    expect(await api.getPreferences({})).toEqual({ inputName: '"MIDIIN2 (Digital Piano)"', tempo: '100' });
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
  });
});
