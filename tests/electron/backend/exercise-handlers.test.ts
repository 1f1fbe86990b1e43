// The exercise and fingering operations through dispatch, on a temp store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import type { EvenkeysApi } from '../../../core/api/contract';
import { getExercise, hanon, withFingering } from '../../../core/exercises/index';
import { exerciseToMusicXml } from '../../../core/musicxml/index';
import { messagesFromNotes } from '../../../core/midi/smf';
import { openBackend } from '../../../electron/backend/backend';
import type { Backend } from '../../../electron/backend/backend';
import { performRepetitions } from '../../support/performer';

let backend: Backend;
let api: EvenkeysApi;

beforeAll(async () => {
  backend = await openBackend({ dbPath: join(mkdtempSync(join(tmpdir(), 'evenkeys-ex-handlers-')), 'e.sqlite'), appVersion: '9.9.9' });
  api = createApiClient((name, input) => backend.dispatch(name, input));
});
afterAll(() => backend.close());

const BB = 'scale-bb-major-rh-1oct';
const BB_OWN = [4, 1, 2, 3, 1, 2, 3, 4, 3, 2, 1, 3, 2, 1, 4];

describe('exercise API', () => {
  it('imports a score, lists it after the library, and refuses bad files as invalid input', async () => {
    const xml = exerciseToMusicXml({ ...hanon({ number: 3, hands: 'both' }), name: 'Hanon 3 from Mrs K' });
    const summary = await api.importExercise({ fileName: 'hanon3.musicxml', contentBase64: Buffer.from(xml).toString('base64') });
    expect(summary).toMatchObject({ id: 'imported-hanon-3-from-mrs-k', imported: true, hands: 'both', notes: 466, sourceFile: 'hanon3.musicxml' });
    const list = await api.listExercises({});
    expect(list.at(-1)?.id).toBe('imported-hanon-3-from-mrs-k');
    expect(list.find((e) => e.id === 'hanon-21-both')).toMatchObject({ imported: false, kind: 'hanon' });
    await expect(api.importExercise({ fileName: 'x.musicxml', contentBase64: Buffer.from('<score-partwise>').toString('base64') })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^x\.musicxml: malformed XML/),
    });
    await expect(api.importExercise({ fileName: 'hanon3.musicxml', contentBase64: Buffer.from(xml).toString('base64') })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/imported before/) });
    expect((await api.listExercises({})).length).toBe(list.length);
  });

  it('shows the fingering per hand before playing, with the profile\'s own fingering once set, and re-analyses a session with it', async () => {
    const ana = await api.createProfile({ name: 'Ana' });
    await expect(api.setFingering({ profileId: ana.id, exerciseId: BB, hand: 'right', fingers: [4, 1, 2] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/needs 15 fingers \(got 3\)/),
    });
    const printed = await api.getExercise({ exerciseId: BB, profileId: ana.id });
    expect(printed.parts[0]).toMatchObject({ hand: 'right', fingering: 'printed' });
    expect(printed.parts[0]?.notes.map((n) => n.finger).slice(0, 4)).toEqual([2, 1, 2, 3]);

    // A session recorded before the fingering was set.
    const session = await api.startSession({ profileId: ana.id });
    const own = withFingering(getExercise(BB)!, 'right', BB_OWN);
    const messages = messagesFromNotes(performRepetitions(own, 2, { seed: 3 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));
    await api.appendMidi({ sessionId: session.id, messages });
    await api.finishSession({ sessionId: session.id });
    expect((await api.getSessionAnalysis({ sessionId: session.id })).analysis?.takes[0]?.exercise.fingering).toBeUndefined();

    expect(await api.setFingering({ profileId: ana.id, exerciseId: BB, hand: 'right', fingers: BB_OWN })).toEqual({ exerciseId: BB, hand: 'right', fingers: BB_OWN });
    const mine = await api.getExercise({ exerciseId: BB, profileId: ana.id });
    expect(mine).toMatchObject({ profile: 'Ana', parts: [{ hand: 'right', fingering: 'own' }] });
    expect(mine.parts[0]?.notes.map((n) => n.finger)).toEqual(BB_OWN);
    expect(mine.parts[0]?.printed.slice(0, 4)).toEqual([2, 1, 2, 3]);
    expect(await api.listFingerings({ profileId: ana.id })).toEqual([{ exerciseId: BB, hand: 'right', fingers: BB_OWN }]);

    const again = await api.reanalyseSession({ sessionId: session.id });
    expect(again.analysis?.takes[0]?.exercise.fingering).toEqual({ right: 'own', profile: 'Ana' });
    expect(await api.clearFingering({ profileId: ana.id, exerciseId: BB, hand: 'right' })).toEqual({ removed: true });
    await expect(api.getExercise({ exerciseId: 'no-such-exercise' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
