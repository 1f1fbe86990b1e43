/**
 * Bundles end to end on real stores: export, import into a fresh database, and the same metrics,
 * events, notes and annotations come out; a second import adds nothing; a teacher's notes travel
 * back in an annotations-only bundle without duplicates.
 */
import { readFileSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, decodeBundle, exportBundle, importBundle } from '../../../electron/bundle/index';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { sha256, tempFolder } from '../store/helpers';
import { studentStore, takeFingerRows } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});
const CHEAP = { N: 1024, r: 8, p: 1 };

function folder() {
  const f = tempFolder('evenkeys-bundle-');
  cleanups.push(f.cleanup);
  return f;
}

/** Every derived and human row of a profile, keyed by session uid, without local row ids. */
function profileRows(db: BetterSqlite3.Database, profileId: number) {
  const sessions = db.prepare('SELECT id, uid, started_at, ended_at, status, notes, event_count, metronome_bpm FROM sessions WHERE profile_id = ? ORDER BY uid').all(profileId) as Array<{ id: number; uid: string }>;
  return sessions.map(({ id, ...session }) => ({
    session,
    raw: db.prepare('SELECT seq, time_ms, port, hex(bytes) AS bytes FROM raw_events WHERE session_id = ? ORDER BY seq').all(id),
    gaps: db.prepare('SELECT port, after_seq, disconnected_at_ms, reconnected_at_ms FROM device_gaps WHERE session_id = ? ORDER BY id').all(id),
    takes: db.prepare('SELECT take_index, exercise_id, start_ms, end_ms, bpm, matched, missed, extra, unevenness_ms FROM takes WHERE session_id = ? ORDER BY take_index').all(id),
    fingers: takeFingerRows(db, id),
    events: db.prepare('SELECT position, type, time_ms, hand, finger, severity, detail, evidence_json FROM events WHERE session_id = ? ORDER BY time_ms, position').all(id),
    notes: db.prepare('SELECT * FROM notes WHERE session_id = ? ORDER BY position').all(id).map((n) => ({ ...(n as object), session_id: 0 })),
    annotations: db
      .prepare('SELECT uid, target, take_index, time_ms, event_type, author, author_name, text, created_at, updated_at FROM annotations WHERE session_id = ? ORDER BY uid')
      .all(id),
  }));
}

async function teacherStore(path: string): Promise<Store> {
  return openStore({ path, dailyBackup: false });
}

describe('student bundles', () => {
  it('round trip: a fresh database gets identical raw log, metrics, events and annotations; a second import adds nothing', async () => {
    const a = folder();
    const b = folder();
    const { store: student, profileId } = await studentStore(a.db);
    cleanups.push(() => student.close());
    const { bytes, summary } = exportBundle(student, profileId);
    expect(summary).toMatchObject({ kind: 'full', profileName: 'Ana', sessions: 3, annotations: 3, deviceGaps: 1 });

    const teacher = await teacherStore(b.db);
    cleanups.push(() => teacher.close());
    const report = importBundle(teacher, bytes);
    expect(report).toMatchObject({ createdProfile: true, sessionsAdded: 3, sessionsAlreadyHere: 0, annotationsAdded: 3 });
    expect(report.profile).toMatchObject({ name: 'Ana', readOnly: true, handSpanCm: 20.5 });

    const original = profileRows(student.connection, profileId);
    const copy = profileRows(teacher.connection, report.profile.id);
    expect(original.flatMap((s) => s.takes).length).toBeGreaterThan(0);
    expect(original.flatMap((s) => s.events).length).toBeGreaterThan(0);
    expect(copy).toEqual(original);

    const again = importBundle(teacher, bytes);
    expect(again).toMatchObject({ createdProfile: false, sessionsAdded: 0, sessionsAlreadyHere: 3, annotationsAdded: 0, annotationsAlreadyHere: 3, rawEventsAdded: 0 });
    expect(profileRows(teacher.connection, report.profile.id)).toEqual(original);
  });

  it('a newer bundle of the same student adds only the new session; a teacher reply merges back without duplicates', async () => {
    const a = folder();
    const b = folder();
    const { store: student, profileId, sessionIds } = await studentStore(a.db);
    cleanups.push(() => student.close());
    const teacher = await teacherStore(b.db);
    cleanups.push(() => teacher.close());
    // The first bundle covers the first two sessions only.
    const early = exportBundle(student, profileId, { to: '2026-11-10T00:00:00.000Z' });
    expect(early.summary.sessions).toBe(2);
    const first = importBundle(teacher, early.bytes);
    const later = importBundle(teacher, exportBundle(student, profileId).bytes);
    expect(later).toMatchObject({ sessionsAdded: 1, sessionsAlreadyHere: 2, annotationsAdded: 0, annotationsAlreadyHere: 3 });
    expect(later.profile.id).toBe(first.profile.id);

    // The teacher annotates an imported session; the student's notes are read-only for her.
    const teacherSessions = teacher.listSessions(first.profile.id);
    const reviewed = teacherSessions[0]?.id ?? 0;
    const note = teacher.addAnnotation({ sessionId: reviewed, author: 'teacher', authorName: 'Ms Ito', text: 'Lovely evenness in the right hand' });
    const studentsOwn = teacher.listAnnotations(reviewed).find((n) => n.imported);
    expect(() => teacher.updateAnnotation(studentsOwn?.id ?? 0, 'changed')).toThrow(/read-only/);
    expect(() => teacher.deleteAnnotation(studentsOwn?.id ?? 0)).toThrow(/read-only/);
    teacher.updateAnnotation(note.id, 'Lovely evenness in the right hand; watch the thumb');
    expect(() => teacher.startRecording({ profileId: first.profile.id })).toThrow(/read-only/);

    const reply = exportBundle(teacher, first.profile.id, { annotationsOnly: true, passphrase: 'a long passphrase', scrypt: CHEAP });
    expect(reply.summary).toMatchObject({ kind: 'annotations', sessions: 0, annotations: 4 });
    expect(() => importBundle(student, reply.bytes)).toThrow(/encrypted/);
    expect(() => importBundle(student, reply.bytes, { passphrase: 'wrong passphrase' })).toThrow(/wrong passphrase/);
    const back = importBundle(student, reply.bytes, { passphrase: 'a long passphrase' });
    expect(back).toMatchObject({ createdProfile: false, sessionsAdded: 0, annotationsAdded: 1, annotationsAlreadyHere: 3 });
    expect(back.profile.id).toBe(profileId);
    const arrived = student.listAnnotations(sessionIds[0] ?? 0).find((n) => n.authorName === 'Ms Ito');
    expect(arrived).toMatchObject({ author: 'teacher', imported: true, text: 'Lovely evenness in the right hand; watch the thumb' });
    expect(importBundle(student, reply.bytes, { passphrase: 'a long passphrase' })).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 0, annotationsAlreadyHere: 4 });

    // An edit on the teacher's side travels as an update, never a duplicate.
    teacher.updateAnnotation(note.id, 'Edited: thumb under is now even');
    const edited = importBundle(student, exportBundle(teacher, first.profile.id, { annotationsOnly: true }).bytes);
    expect(edited).toMatchObject({ annotationsAdded: 0, annotationsUpdated: 1 });
    expect(student.listAnnotations(sessionIds[0] ?? 0).filter((n) => n.authorName === 'Ms Ito').map((n) => n.text)).toEqual(['Edited: thumb under is now even']);
  });

  it('a name clash with a local profile is refused in one line, changes nothing, and --as imports it under another name', async () => {
    const a = folder();
    const b = folder();
    const { store: student, profileId } = await studentStore(a.db);
    cleanups.push(() => student.close());
    const { bytes } = exportBundle(student, profileId);
    const other = await teacherStore(b.db);
    other.createProfile({ name: 'ana' });
    other.close();
    const before = sha256(b.db);
    const teacher = await teacherStore(b.db);
    cleanups.push(() => teacher.close());
    let error: unknown;
    try {
      importBundle(teacher, bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).message).toBe("a profile named 'ana' already exists here; import under another name with --as NAME");
    teacher.close();
    expect(sha256(b.db)).toBe(before);
    const again = await teacherStore(b.db);
    cleanups.push(() => again.close());
    expect(importBundle(again, bytes, { as: 'Ana (student)' }).profile).toMatchObject({ name: 'Ana (student)', readOnly: true });
  });

  it('bundles are recognised by content: the manifest says what they are, whatever the file is called', async () => {
    const a = folder();
    const { store, profileId } = await studentStore(a.db);
    cleanups.push(() => store.close());
    const { bytes } = exportBundle(store, profileId);
    const content = decodeBundle(bytes);
    expect(content.manifest).toMatchObject({ format: 'evenkeys.bundle', version: 1, kind: 'full' });
    expect(content.sessions.map((s) => s.rawEvents.length)).toEqual(content.manifest.sessions.map((s) => s.rawEvents));
    expect(() => decodeBundle(readFileSync(a.db))).toThrow(/not an Evenkeys bundle/);
  });

  it('deleting a profile removes it here and inside every backup; deleting a session keeps a backup first', async () => {
    const a = folder();
    const { store, profileId, sessionIds } = await studentStore(a.db);
    cleanups.push(() => store.close());
    const ben = store.createProfile({ name: 'Ben' });
    await store.backupNow('manual');
    const { backup } = await store.deleteSession(sessionIds[2] ?? 0);
    expect(backup).toMatch(/pre-delete\.sqlite$/);
    expect(store.listSessions(profileId)).toHaveLength(2);
    const result = await store.deleteProfile(profileId);
    expect(result).toEqual({ sessions: 2, backupsScrubbed: 2 });
    expect(store.findProfileByName('Ana')).toBeUndefined();
    expect(store.getProfile(ben.id).name).toBe('Ben');
    const raw = store.connection.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number };
    expect(raw.n).toBe(0);
    for (const file of store.listBackups()) {
      const copy = await openStore({ path: file.path, readOnly: true, integrityCheck: 'full' });
      expect(copy.findProfileByName('Ana')).toBeUndefined();
      expect(copy.findProfileByName('Ben')).toBeDefined();
      copy.close();
      // The bytes are gone too, not just unlinked rows.
      expect(readFileSync(file.path).includes(Buffer.from('Felt tired today'))).toBe(false);
    }
  });
});
