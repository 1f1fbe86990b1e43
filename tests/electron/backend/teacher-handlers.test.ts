// The teacher API on a real store: students, bundle round trip through base64, compare against
// the baseline, read-only notes, delete with a typed confirmation.
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/backend/dispatch';
import { createHandlers } from '../../../electron/backend/handlers';
import { openStore } from '../../../electron/store/index';
import { studentStore } from '../bundle/helpers';
import { tempFolder } from '../store/helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('teacher API', () => {
  it('exports, imports, lists, compares, annotates and deletes through dispatch', async () => {
    const a = tempFolder();
    const b = tempFolder();
    cleanups.push(a.cleanup, b.cleanup);
    const { store: student, profileId } = await studentStore(a.db);
    cleanups.push(() => student.close());
    const studentApi = createDispatch(createHandlers(student).handlers, () => {});
    const preview = await studentApi('previewBundle', { profileId });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview).toMatchObject({ ok: true, value: { kind: 'full', sessions: 3, annotations: 3 } });
    const exported = await studentApi('exportBundle', { profileId });
    if (!exported.ok) throw new Error(exported.error.message);
    const { file } = exported.value as { file: { content: string; fileName: string } };
    expect(file.fileName).toMatch(/^Ana-log-\d{4}-\d\d-\d\d\.evenkeys$/);

    const teacher = await openStore({ path: b.db, dailyBackup: false });
    cleanups.push(() => teacher.close());
    const api = createDispatch(createHandlers(teacher).handlers, () => {});
    const imported = await api('importBundle', { content: file.content });
    expect(imported).toMatchObject({ ok: true, value: { createdProfile: true, sessionsAdded: 3, profile: { name: 'Ana', readOnly: true } } });
    expect(await api('importBundle', { content: Buffer.from('not a bundle').toString('base64') })).toMatchObject({
      ok: false, error: { code: 'invalid-input', message: 'not an Evenkeys bundle (neither a zip archive nor an encrypted bundle) (nothing was imported)' },
    });

    const students = await api('listStudents', {});
    if (!students.ok) throw new Error(students.error.message);
    const [ana] = students.value as Array<{ profile: { id: number }; readOnly: boolean; sessionCount: number; latest: Array<{ id: number; startedAt: string }>; alerts: unknown[] | null }>;
    // Three sessions are far from a baseline: no drift alert, and an empty list (not null) says drift was computed.
    expect(ana).toMatchObject({ readOnly: true, sessionCount: 3, alerts: [] });
    expect(ana?.latest.map((l) => l.startedAt.slice(0, 10))).toEqual(['2026-11-20', '2026-11-02', '2025-12-20']);

    const newest = ana?.latest[0]?.id ?? 0;
    const comparison = await api('compareSessions', { sessionId: newest, against: 'baseline' });
    expect(comparison).toMatchObject({ ok: true, value: { a: { label: 'Baseline (2 earlier sessions, same exercise and tempo)' }, b: { sessionId: newest } } });
    const oldest = ana?.latest[2]?.id ?? 0;
    const two = await api('compareSessions', { sessionId: newest, against: oldest });
    if (!two.ok) throw new Error(two.error.message);
    expect((two.value as { rows: unknown[] }).rows.length).toBeGreaterThanOrEqual(4);

    const notes = await api('listAnnotations', { sessionId: oldest });
    if (!notes.ok) throw new Error(notes.error.message);
    const theirs = (notes.value as Array<{ id: number; imported: boolean }>).find((n) => n.imported);
    expect(await api('updateAnnotation', { annotationId: theirs?.id ?? 0, text: 'mine now' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const mine = await api('addAnnotation', { sessionId: oldest, author: 'teacher', authorName: 'Ms Ito', target: 'take', takeIndex: 0, text: 'Good' });
    if (!mine.ok) throw new Error(mine.error.message);
    const id = (mine.value as { id: number }).id;
    expect(await api('updateAnnotation', { annotationId: id, text: 'Very good' })).toMatchObject({ ok: true, value: { text: 'Very good', authorName: 'Ms Ito', target: 'take' } });
    expect(await api('deleteAnnotation', { annotationId: id })).toEqual({ ok: true, value: { deleted: true } });

    const report = await api('getProgressReport', { profileId: ana?.profile.id ?? 0 });
    expect(report).toMatchObject({ ok: true, value: { profileName: 'Ana', summary: { sessions: 3 } } });
    expect(await api('deleteProfile', { profileId: ana?.profile.id ?? 0, confirmName: 'Ben' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await api('deleteProfile', { profileId: ana?.profile.id ?? 0, confirmName: 'ana' })).toMatchObject({ ok: true, value: { sessions: 3 } });
    expect(teacher.listProfiles()).toEqual([]);
  });
});
