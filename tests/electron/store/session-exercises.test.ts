// The session list's per-exercise figures (issue 9): a session's takes are grouped by exercise and
// tempo band, never averaged over unlike takes.
import { afterEach, describe, expect, it } from 'vitest';
import type { AnalysisDocument } from '../../../core/api/analysis';
import { TEMPO_BAND_HALF_WIDTH } from '../../../core/drift/tempo';
import { openStore } from '../../../electron/store/index';
import { groupSessionTakes } from '../../../electron/store/session-exercises';
import type { TakeLine } from '../../../electron/store/session-exercises';
import { createHandlers } from '../../../electron/backend/handlers';
import { main } from '../../../electron/cli/main';
import { handMadeAnalysis, randomMessages, tempFolder } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const take = (takeIndex: number, exerciseId: string, notesPerSecond: number | null, unevennessMs: number | null): TakeLine => ({
  sessionId: 1, takeIndex, exerciseId, exerciseName: exerciseId.toUpperCase(), hands: 'right', bpm: notesPerSecond === null ? null : notesPerSecond * 15, notesPerSecond, unevennessMs,
});

describe('groupSessionTakes', () => {
  it('keeps unlike exercises apart and pools like takes', () => {
    const lines = groupSessionTakes([take(0, 'scale', 8, 10), take(1, 'mozart', 5, 40), take(2, 'scale', 8.2, 12), take(3, 'scale', 7.9, null)]);
    expect(lines).toEqual([
      { exerciseId: 'scale', exerciseName: 'SCALE', hands: 'right', notesPerSecond: 8, bpm: 120, takes: 3, unevennessMs: 11 },
      { exerciseId: 'mozart', exerciseName: 'MOZART', hands: 'right', notesPerSecond: 5, bpm: 75, takes: 1, unevennessMs: 40 },
    ]);
  });

  it('splits an exercise at the tempo band edge defined in core/drift', () => {
    const inside = 8 * (1 + TEMPO_BAND_HALF_WIDTH * 0.99);
    const outside = 8 * (1 + TEMPO_BAND_HALF_WIDTH * 1.01);
    expect(groupSessionTakes([take(0, 'scale', 8, 10), take(1, 'scale', inside, 12)]).map((l) => l.takes)).toEqual([2]);
    const split = groupSessionTakes([take(0, 'scale', 8, 10), take(1, 'scale', outside, 20)]);
    expect(split.map((l) => [l.takes, l.unevennessMs])).toEqual([[1, 10], [1, 20]]);
  });

  it('keeps takes without a tempo on their own line, in the order first played', () => {
    const lines = groupSessionTakes([take(2, 'scale', 8, 10), take(0, 'scale', null, null), take(1, 'scale', null, 30)]);
    expect(lines.map((l) => [l.notesPerSecond, l.takes, l.unevennessMs])).toEqual([[null, 2, 30], [8, 1, 10]]);
  });

  it('has no lines without takes', () => {
    expect(groupSessionTakes([])).toEqual([]);
  });
});

function mixedSession(file: string): AnalysisDocument {
  const base = handMadeAnalysis(file);
  const scale = base.takes[0];
  if (!scale) throw new Error('fixture has no take');
  const mozart = { ...scale, exercise: { ...scale.exercise, id: 'mozart-k545', kind: 'piece', name: 'Mozart K. 545, bars 1-4' }, notesPerSecond: 5, bpm: 75, unevennessMs: 41 };
  const fast = { ...scale, notesPerSecond: 9, bpm: 135, unevennessMs: 15 };
  return { ...base, takes: [scale, mozart, { ...scale, unevennessMs: 13.563 }, fast] } as AnalysisDocument;
}

describe('the session list through the store and the API', () => {
  it('lists per-exercise figures beside the session', async () => {
    const folder = tempFolder();
    const store = await openStore({ path: folder.db, analyze: ({ file }) => mixedSession(file) });
    cleanups.push(folder.cleanup, () => store.close());
    const profile = store.ensureProfile('Ana');
    const writer = store.startRecording({ profileId: profile.id, startedAt: '2026-03-01T09:00:00Z' });
    for (const message of randomMessages(3, 20)) writer.push(message);
    const session = writer.close();

    const [listed] = store.listSessions(profile.id);
    expect(listed?.takes).toBe(4);
    expect(listed?.exercises.map((e) => [e.exerciseId, e.notesPerSecond, e.takes, Number(e.unevennessMs?.toFixed(3))])).toEqual([
      ['scale-c-major-rh-2oct', 6.2, 2, 12.5],
      ['mozart-k545', 5, 1, 41],
      ['scale-c-major-rh-2oct', 9, 1, 15],
    ]);

    const { handlers } = createHandlers(store);
    const [summary] = await handlers.listSessions({ profileId: profile.id });
    expect(summary?.exercises).toEqual(listed?.exercises);
    expect((await handlers.getSession({ sessionId: session.id })).exercises).toEqual(listed?.exercises);
    const [point] = await handlers.getHistory({ profileId: profile.id });
    expect(point?.exercises).toEqual(listed?.exercises);
    store.close();

    const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    expect(await main(['sessions', '--profile', 'Ana', '--db', folder.db, '--json'], io)).toBe(0);
    expect((JSON.parse(io.out) as { exercises: unknown }[])[0]?.exercises).toEqual(listed?.exercises);
    io.out = '';
    expect(await main(['sessions', '--profile', 'Ana', '--db', folder.db], io)).toBe(0);
    expect(io.out).toContain('scale-c-major-rh-2oct 6.2/s x2 12.5; mozart-k545 5.0/s x1 41.0; scale-c-major-rh-2oct 9.0/s x1 15.0');
  });

  it('lists a session without takes with no exercise lines', async () => {
    const folder = tempFolder();
    const store = await openStore({ path: folder.db, analyze: ({ file }) => ({ ...handMadeAnalysis(file), takes: [] }) });
    cleanups.push(folder.cleanup, () => store.close());
    const profile = store.ensureProfile('Ana');
    const writer = store.startRecording({ profileId: profile.id });
    for (const message of randomMessages(4, 10)) writer.push(message);
    writer.close();
    expect(store.listSessions(profile.id)[0]).toMatchObject({ takes: 0, unevennessMs: null, exercises: [] });
  });
});
