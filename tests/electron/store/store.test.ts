import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import type { Analyzer } from '../../../electron/store/types';
import { messagesFromNotes } from '../../../core/midi/smf';
import { getExercise } from '../../../core/exercises/library';
import { injectFaults } from '../../support/faults';
import { performRepetitions } from '../../support/performer';
import { handMadeAnalysis, randomMessages, tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function fresh(options: Parameters<typeof openStore>[0] = {}): Promise<Store> {
  const folder = tempFolder();
  const store = await openStore({ path: folder.db, ...options });
  cleanups.push(folder.cleanup, () => store.close());
  return store;
}

describe('profiles and devices', () => {
  it('creates profiles with unique, case-insensitive names', async () => {
    const store = await fresh();
    const ana = store.createProfile({ name: 'Ana', handSpanCm: 21.5 });
    expect(ana).toMatchObject({ name: 'Ana', handSpanCm: 21.5 });
    expect(store.ensureProfile('ana').id).toBe(ana.id);
    expect(() => store.createProfile({ name: 'ANA' })).toThrow(/already exists/);
    expect(() => store.createProfile({ name: '  ' })).toThrow(/needs a name/);
    store.ensureProfile('Ben');
    expect(store.listProfiles().map((p) => p.name)).toEqual(['Ana', 'Ben']);
  });

  it('records devices once and updates when they were last seen', async () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const store = await fresh({ now: () => new Date(clock) });
    const first = store.noteDeviceSeen({ name: 'P-125', manufacturer: 'Yamaha' });
    clock += 60_000;
    const again = store.noteDeviceSeen({ name: 'P-125', manufacturer: 'Yamaha' });
    expect(again.id).toBe(first.id);
    expect(again.lastSeenAt).toBe('2026-01-01T10:01:00.000Z');
    expect(store.listDevices()).toHaveLength(1);
  });
});

describe('recording', () => {
  it('saves every message with its exact float64 timestamp, bytes and port', async () => {
    const store = await fresh();
    const profile = store.ensureProfile('Ana');
    const writer = store.startRecording({ profileId: profile.id, device: { name: 'P-125' }, metronomeBpm: 92 });
    const messages = randomMessages(7, 300);
    messages.push({ bytes: [0x90, 60, 1], timeMs: Number.MIN_VALUE });
    messages.push({ bytes: [0xe0, 0, 64], timeMs: 2 ** 34 + 0.1 }); // 199 days: inside the 1-year event clock
    for (const message of messages) writer.push(message);
    const session = writer.close();
    expect(session.status).toBe('complete');
    expect(session.eventCount).toBe(messages.length);
    const stored = store.readRawEvents(session.id);
    expect(stored.map((e) => e.seq)).toEqual(messages.map((_, i) => i));
    for (const [i, event] of stored.entries()) {
      const original = messages[i];
      expect(Object.is(event.timeMs, original?.timeMs)).toBe(true);
      expect([...event.bytes]).toEqual(Array.from(original?.bytes ?? []));
      expect(event.port).toBe(original?.port);
    }
  });

  it('analyses the session on close and lists it with its summary', async () => {
    const analyze: Analyzer = ({ file }) => handMadeAnalysis(file);
    const store = await fresh({ analyze });
    const profile = store.ensureProfile('Ana');
    const writer = store.startRecording({ profileId: profile.id, startedAt: '2026-03-01T09:00:00Z', notes: 'warm-up' });
    for (const message of randomMessages(1, 20)) writer.push(message);
    const session = writer.close();
    expect(store.getAnalysis(session.id)).toEqual(handMadeAnalysis(`session ${session.id}`));
    expect(store.listSessions(profile.id)).toEqual([
      expect.objectContaining({ id: session.id, startedAt: '2026-03-01T09:00:00.000Z', status: 'complete', notes: 'warm-up', noteCount: 3, takes: 1, unevennessMs: 11.437, analysisError: null }),
    ]);
  });

  it('keeps the raw events and notes the error when the analyser throws', async () => {
    const store = await fresh({ analyze: () => { throw new Error('analyser bug'); } });
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    for (const message of randomMessages(2, 10)) writer.push(message);
    const session = writer.close();
    expect(store.countRawEvents(session.id)).toBe(21);
    expect(store.getAnalysis(session.id)).toBeUndefined();
    expect(store.analysisError(session.id)).toBe('analyser bug');
    expect(store.listSessions(session.profileId)[0]?.analysisError).toBe('analyser bug');
  });

  it('refuses non-finite timestamps at push, before they can poison a batch', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    expect(() => writer.push({ bytes: [0x90, 60, 1], timeMs: Number.NaN })).toThrow(/not a finite number/);
    writer.push({ bytes: [0x90, 60, 1], timeMs: 1 });
    expect(writer.close().eventCount).toBe(1);
    expect(() => writer.push({ bytes: [0x90, 60, 1], timeMs: 2 })).toThrow(/closed/);
  });

  it('keeps the session going across a device unplug, recording the gap', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    const messages = randomMessages(3, 10);
    messages.slice(0, 8).forEach((m) => writer.push(m));
    writer.deviceDisconnected('in-1', 2000.5);
    writer.deviceReconnected('in-1', 4500.25);
    messages.slice(8).forEach((m) => writer.push({ ...m, timeMs: m.timeMs + 5000 }));
    writer.deviceDisconnected('in-1', 9000.75);
    const session = writer.close();
    expect(session.status).toBe('complete');
    expect(store.countRawEvents(session.id)).toBe(messages.length);
    expect(store.listGaps(session.id)).toEqual([
      expect.objectContaining({ port: 'in-1', afterSeq: 7, disconnectedAtMs: 2000.5, reconnectedAtMs: 4500.25 }),
      expect.objectContaining({ port: 'in-1', afterSeq: messages.length - 1, disconnectedAtMs: 9000.75, reconnectedAtMs: null }),
    ]);
  });
});

describe('derived data', () => {
  it('stores notes, finger metrics and events with evidence, and reads the same document back', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    const session = writer.close();
    const doc = handMadeAnalysis('lesson.mid');
    store.saveAnalysis(session.id, doc);
    expect(store.getAnalysis(session.id)).toEqual(doc);
    const { notes: _notes, ...withoutNotes } = doc;
    store.saveAnalysis(session.id, withoutNotes);
    expect(store.getAnalysis(session.id)).toEqual(withoutNotes);
    store.saveAnalysis(session.id, { ...doc, notes: [] });
    expect(store.getAnalysis(session.id)).toEqual({ ...doc, notes: [] });
  });

  it('reanalyse reproduces the stored results exactly and leaves annotations alone', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    for (const message of randomMessages(11, 400)) writer.push(message);
    const session = writer.close();
    const note = store.addAnnotation({ sessionId: session.id, takeIndex: 0, timeMs: 1500, author: 'teacher', text: 'Thumb under is late' });
    const before = store.getAnalysis(session.id);
    const dump = (): string => JSON.stringify(['analyses', 'takes', 'take_fingers', 'events', 'notes'].map((table) =>
      store.connection.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all().map((row) => (row as unknown[]).filter((value: unknown) => typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value)))));
    const rowsBefore = dump();
    expect(before?.source.notes).toBe(400);
    const again = store.reanalyse(session.id);
    expect(JSON.stringify(again)).toBe(JSON.stringify(before));
    expect(dump()).toBe(rowsBefore);
    expect(store.listAnnotations(session.id)).toEqual([note]);
  });

  it('reanalyse reproduces takes, finger metrics and events of a real performance exactly', async () => {
    const exercise = getExercise('scale-c-major-rh-2oct');
    if (!exercise) throw new Error('exercise missing from the library');
    const { performance } = injectFaults(performRepetitions(exercise, 3, { seed: 4 }), { seed: 5, perTake: 2, types: ['late', 'tremor'] });
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    messagesFromNotes(performance.notes).forEach((m) => writer.push(m));
    const session = writer.close();
    const count = (table: string): number => (store.connection.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const counts = ['takes', 'take_fingers', 'events', 'notes'].map(count);
    expect(counts.every((n) => n > 0), `derived rows ${counts.join(', ')}`).toBe(true);
    const dump = (): string => JSON.stringify(['analyses', 'takes', 'take_fingers', 'events', 'notes'].map((table) =>
      store.connection.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all().map((row) => (row as unknown[]).filter((value: unknown) => typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value)))));
    const before = store.getAnalysis(session.id);
    const rowsBefore = dump();
    expect(before?.takes.length).toBe(3);
    const again = store.reanalyse(session.id);
    expect(JSON.stringify(again)).toBe(JSON.stringify(before));
    expect(JSON.stringify(store.getAnalysis(session.id))).toBe(JSON.stringify(before));
    expect(dump()).toBe(rowsBefore);
    expect(['takes', 'take_fingers', 'events', 'notes'].map(count)).toEqual(counts);
  });

  it('reanalyse replaces derived rows computed by an older analyser', async () => {
    let version = 1;
    const analyze: Analyzer = ({ file }) => {
      const doc = handMadeAnalysis(file);
      return version === 1 ? doc : { ...doc, takes: [] };
    };
    const store = await fresh({ analyze });
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    writer.push({ bytes: [0x90, 60, 1], timeMs: 1 });
    const session = writer.close();
    expect(store.listSessions(session.profileId)[0]?.takes).toBe(1);
    version = 2;
    store.reanalyse(session.id);
    expect(store.listSessions(session.profileId)[0]).toMatchObject({ takes: 0, unevennessMs: null });
    expect(store.connection.prepare('SELECT count(*) AS n FROM take_fingers').get()).toEqual({ n: 0 });
    expect(store.connection.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('recomputes a stored document that no longer fits the current schema', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    randomMessages(6, 30).forEach((m) => writer.push(m));
    const session = writer.close();
    const current = JSON.stringify(store.getAnalysis(session.id));
    store.connection.prepare('UPDATE analyses SET document_json = ? WHERE session_id = ?').run('{"schema":"evenkeys.analysis/1","source":{}}', session.id);
    expect(JSON.stringify(store.getAnalysis(session.id))).toBe(current);
  });

  it('raw events are append-only', async () => {
    const store = await fresh();
    const writer = store.startRecording({ profileId: store.ensureProfile('Ana').id });
    writer.push({ bytes: [0x90, 60, 1], timeMs: 1 });
    writer.close();
    expect(() => store.connection.prepare('UPDATE raw_events SET time_ms = 2').run()).toThrow(/append-only/);
  });
});

describe('interrupted sessions', () => {
  it('closes a session left recording on the next open, marks it interrupted and analyses what was saved', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    const first = await openStore({ path: folder.db });
    const writer = first.startRecording({ profileId: first.ensureProfile('Ana').id });
    const messages = randomMessages(5, 50);
    messages.forEach((m) => writer.push(m));
    expect(writer.flush()).toBe(true);
    const lastWriteAt = first.getSession(writer.sessionId).lastWriteAt;
    writer.push({ bytes: [0xb0, 64, 0], timeMs: 1e6 }); // pending when the store closes
    first.close(); // the writer never closed its session: as after a crash, it stays 'recording'
    expect(writer.closed).toBe(true);
    const second = await openStore({ path: folder.db });
    cleanups.push(() => second.close());
    expect(second.openReport.recoveredSessions).toEqual([writer.sessionId]);
    const session = second.getSession(writer.sessionId);
    expect(session.status).toBe('interrupted');
    expect(session.endedAt ?? '').toBe(second.getSession(session.id).lastWriteAt);
    expect((session.endedAt ?? '') >= (lastWriteAt ?? '~')).toBe(true);
    expect(session.eventCount).toBe(messages.length + 1);
    expect(second.getAnalysis(session.id)?.source.notes).toBe(50);
  });

  it('leaves alone a session another live process is recording', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    const first = await openStore({ path: folder.db });
    const writer = first.startRecording({ profileId: first.ensureProfile('Ana').id });
    // Pretend the writer is the parent process (alive, not us).
    first.connection.prepare('UPDATE sessions SET writer_pid = ? WHERE id = ?').run(process.ppid, writer.sessionId);
    const second = await openStore({ path: folder.db });
    cleanups.push(() => second.close(), () => first.close());
    expect(second.openReport.recoveredSessions).toEqual([]);
    expect(second.getSession(writer.sessionId).status).toBe('recording');
  });
});
