// setTakeHand (issue 12) through the same client the renderer uses: the hand of an uncertain
// one-hand take is corrected, the session reanalysed, and the answer is the new analysis.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import type { EvenkeysApi } from '../../../core/api/contract';
import { getExercise } from '../../../core/exercises/index';
import { messagesFromNotes } from '../../../core/midi/smf';
import { openBackend } from '../../../electron/backend/backend';
import type { Backend } from '../../../electron/backend/backend';
import { perform } from '../../support/performer';

let backend: Backend;
let api: EvenkeysApi;

beforeAll(async () => {
  backend = await openBackend({ dbPath: join(mkdtempSync(join(tmpdir(), 'evenkeys-set-hand-')), 'e.sqlite'), appVersion: '9.9.9' });
  api = createApiClient((name, input) => backend.dispatch(name, input));
});
afterAll(() => backend.close());

describe('setTakeHand', () => {
  it('corrects the hand of an uncertain take and answers with the reanalysed session', async () => {
    const profile = await api.createProfile({ name: 'Ana' });
    const session = await api.startSession({ profileId: profile.id });
    const exercise = getExercise('scale-g-major-rh-1oct');
    if (!exercise) throw new Error('missing exercise');
    const messages = messagesFromNotes(perform(exercise, { seed: 4, startMs: 500 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));
    await api.appendMidi({ sessionId: session.id, messages });
    await api.finishSession({ sessionId: session.id });
    const before = await api.getSessionAnalysis({ sessionId: session.id });
    expect(before.analysis?.takes[0]?.exercise.id).toBe('scale-g-major-rh-1oct');
    expect(before.analysis?.takes[0]?.handUncertain).toBe(true);

    const after = await api.setTakeHand({ sessionId: session.id, takeIndex: 0, hand: 'left' });
    expect(after.analysis?.takes[0]?.exercise.id).toBe('scale-g-major-lh-1oct');
    expect(after.analysis?.takes[0]?.handUncertain).toBe(false);
    expect(after.takes[0]?.hands).toBe('left');
    expect(await api.getSessionAnalysis({ sessionId: session.id })).toEqual(after);

    await expect(api.setTakeHand({ sessionId: session.id, takeIndex: 5, hand: 'left' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.setTakeHand({ sessionId: 999, takeIndex: 0, hand: 'left' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
