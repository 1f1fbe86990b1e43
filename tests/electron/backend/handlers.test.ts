// The API implemented on the real store (a temp SQLite file), exercised through dispatch exactly
// as both transports call it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import type { EvenkeysApi } from '../../../core/api/contract';
import { getExercise } from '../../../core/exercises/index';
import { messagesFromNotes, readSmf } from '../../../core/midi/smf';
import { openBackend } from '../../../electron/backend/backend';
import { RECORDING_ALIVE_MS } from '../../../electron/backend/handlers';
import type { Backend } from '../../../electron/backend/backend';
import { perform } from '../../support/performer';

let backend: Backend;
let api: EvenkeysApi;

beforeAll(async () => {
  backend = await openBackend({ dbPath: join(mkdtempSync(join(tmpdir(), 'evenkeys-handlers-')), 'e.sqlite'), appVersion: '9.9.9' });
  // The same client the renderer uses, over an in-process transport.
  api = createApiClient((name, input) => backend.dispatch(name, input));
});
afterAll(() => backend.close());

function scaleMessages(seed: number, startMs: number) {
  const exercise = getExercise('scale-c-major-rh-2oct');
  if (exercise === undefined) throw new Error('missing exercise');
  return messagesFromNotes(perform(exercise, { seed, startMs }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs, port: 'Piano' }));
}

describe('API handlers on the store', () => {
  it('creates and lists profiles, refusing duplicates', async () => {
    const ana = await api.createProfile({ name: 'Ana', handSpanCm: 20 });
    expect(ana).toMatchObject({ name: 'Ana', handSpanCm: 20 });
    await expect(api.createProfile({ name: 'Ana' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await api.listProfiles({})).map((p) => p.name)).toEqual(['Ana']);
  });

  it('records a session in batches, keeps every timestamp, and analyses it on finish', async () => {
    const [ana] = await api.listProfiles({});
    if (ana === undefined) throw new Error('no profile');
    const device = await api.upsertDevice({ name: 'Piano', manufacturer: 'Acme' });
    expect((await api.upsertDevice({ name: 'Piano', manufacturer: 'Acme' })).id).toBe(device.id);
    const session = await api.startSession({ profileId: ana.id, deviceId: device.id, metronomeBpm: 96 });
    expect(session).toMatchObject({ status: 'recording', deviceId: device.id, metronomeBpm: 96, appVersion: '9.9.9' });

    const messages = scaleMessages(3, 1234.5678901234);
    for (let i = 0; i < messages.length; i += 7) {
      expect(await api.appendMidi({ sessionId: session.id, messages: messages.slice(i, i + 7) })).toEqual({ accepted: messages.slice(i, i + 7).length, savedThrough: Math.min(i + 7, messages.length) });
    }
    await api.reportDeviceGap({ sessionId: session.id, state: 'disconnected', timeMs: 99_000.25, port: 'Piano' });
    await api.reportDeviceGap({ sessionId: session.id, state: 'reconnected', timeMs: 99_500.75, port: 'Piano' });
    const finished = await api.finishSession({ sessionId: session.id });
    expect(finished.status).toBe('complete');
    expect(finished.eventCount).toBe(messages.length);
    // A retried stop answers with the finished session instead of failing.
    expect((await api.finishSession({ sessionId: session.id })).status).toBe('complete');
    await expect(api.appendMidi({ sessionId: session.id, messages: messages.slice(0, 1) })).rejects.toMatchObject({ code: 'conflict' });

    const raw = backend.store.readRawEvents(session.id);
    expect(raw.map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
    raw.forEach((e, i) => expect(Object.is(e.timeMs, messages[i]?.timeMs)).toBe(true));
    expect(backend.store.listGaps(session.id)).toMatchObject([{ disconnectedAtMs: 99_000.25, reconnectedAtMs: 99_500.75, port: 'Piano' }]);

    const analysis = await api.getSessionAnalysis({ sessionId: session.id });
    expect(analysis.analysis?.source.notes).toBe(messages.length / 2);
    expect(analysis.session.noteCount).toBe(messages.length / 2);
    expect(analysis.takes.length).toBe(analysis.analysis?.takes.length);

    const listed = await api.listSessions({ profileId: ana.id });
    expect(listed.map((s) => s.id)).toEqual([session.id]);
    expect(listed[0]).toMatchObject({ profileId: ana.id, deviceId: device.id, status: 'complete' });
    expect(await api.getSession({ sessionId: session.id })).toEqual(listed[0]);
    const history = await api.getHistory({ profileId: ana.id });
    expect(history).toEqual([{ sessionId: session.id, startedAt: session.startedAt, status: 'complete', takeCount: listed[0]?.takeCount, unevennessMs: listed[0]?.unevennessMs, exercises: listed[0]?.exercises }]);
  });

  it('adds and lists annotations', async () => {
    const [ana] = await api.listProfiles({});
    const [session] = await api.listSessions({ profileId: ana?.id ?? -1 });
    if (session === undefined) throw new Error('no session');
    const note = await api.addAnnotation({ sessionId: session.id, text: 'Fourth finger felt heavy', timeMs: 1500 });
    expect(note).toMatchObject({ sessionId: session.id, author: 'pianist', timeMs: 1500, takeIndex: null });
    await api.addAnnotation({ sessionId: session.id, author: 'teacher', text: 'Good evenness' });
    expect((await api.listAnnotations({ sessionId: session.id })).map((a) => a.text).sort()).toEqual(['Fourth finger felt heavy', 'Good evenness']);
    await expect(api.addAnnotation({ sessionId: 999, text: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('exports a session as JSON and as a Standard MIDI File', async () => {
    const [ana] = await api.listProfiles({});
    const [session] = await api.listSessions({ profileId: ana?.id ?? -1 });
    if (session === undefined) throw new Error('no session');
    const json = await api.exportSession({ sessionId: session.id, format: 'json' });
    expect(json).toMatchObject({ encoding: 'utf8', mimeType: 'application/json' });
    const doc = JSON.parse(json.content) as { schema: string; rawEvents: Array<{ timeMs: number }> };
    expect(doc.schema).toBe('evenkeys.session-export/1');
    expect(doc.rawEvents.map((e) => e.timeMs)).toEqual(backend.store.readRawEvents(session.id).map((e) => e.timeMs));

    const smf = await api.exportSession({ sessionId: session.id, format: 'smf' });
    expect(smf).toMatchObject({ encoding: 'base64', mimeType: 'audio/midi' });
    expect(smf.fileName).toMatch(/\.mid$/);
    const file = readSmf(new Uint8Array(Buffer.from(smf.content, 'base64')));
    expect(file.messages.length).toBe(session.eventCount);
    expect(file.messages[0]?.timeMs).toBe(0);
  });

  it('answers not-found for unknown ids and invalid-input for bad shapes', async () => {
    await expect(api.getSession({ sessionId: 424242 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.listSessions({ profileId: 424242 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.startSession({ profileId: 424242 })).rejects.toMatchObject({ code: 'not-found' });
    expect(await backend.dispatch('startSession', { profileId: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('a page that goes away mid-recording hands over its last batch and ends the session as interrupted', async () => {
    const profile = await api.createProfile({ name: 'Page closer' });
    const session = await api.startSession({ profileId: profile.id });
    const messages = scaleMessages(11, 500.125);
    await api.appendMidi({ sessionId: session.id, messages: messages.slice(0, 20) });
    // pagehide: what the page still held goes with the stop, in one request.
    const ended = await api.finishSession({ sessionId: session.id, status: 'interrupted', messages: messages.slice(20) });
    expect(ended).toMatchObject({ status: 'interrupted', eventCount: messages.length });
    expect(backend.store.readRawEvents(session.id).map((e) => e.timeMs)).toEqual(messages.map((m) => m.timeMs));
    // Messages after the end are refused, never silently dropped.
    await expect(api.finishSession({ sessionId: session.id, messages: messages.slice(0, 1) })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('starting a new session closes one the same pianist left open (a reloaded page, gone quiet) as interrupted', async () => {
    let clock = new Date('2026-11-20T10:00:00.000Z');
    const host = await openBackend({ dbPath: join(mkdtempSync(join(tmpdir(), 'evenkeys-handlers-reload-')), 'e.sqlite'), now: () => clock });
    const api = createApiClient((name, input) => host.dispatch(name, input));
    const profile = await api.createProfile({ name: 'Reloader' });
    const other = await api.createProfile({ name: 'Someone else' });
    const orphan = await api.startSession({ profileId: profile.id });
    const othersLive = await api.startSession({ profileId: other.id });
    await api.appendMidi({ sessionId: orphan.id, messages: scaleMessages(12, 0).slice(0, 8) });
    // The page stopped sending (no batch, no heartbeat) for longer than a live page ever does.
    clock = new Date(clock.getTime() + RECORDING_ALIVE_MS + 1);
    await api.appendMidi({ sessionId: othersLive.id, messages: [] });
    const next = await api.startSession({ profileId: profile.id });
    expect(next.status).toBe('recording');
    expect(await api.getSession({ sessionId: orphan.id })).toMatchObject({ status: 'interrupted', eventCount: 8 });
    expect((await api.getSession({ sessionId: othersLive.id })).status).toBe('recording');
    await api.finishSession({ sessionId: next.id });
    await api.finishSession({ sessionId: othersLive.id });
    host.close();
  });

  it('an interrupted session ends at its last saved MIDI, not when the app finally closes', async () => {
    let clock = new Date('2026-11-20T10:00:00.000Z');
    const dbPath = join(mkdtempSync(join(tmpdir(), 'evenkeys-handlers-end-')), 'e.sqlite');
    const host = await openBackend({ dbPath, now: () => clock });
    const client = createApiClient((name, input) => host.dispatch(name, input));
    const profile = await client.createProfile({ name: 'Late quitter' });
    const session = await client.startSession({ profileId: profile.id });
    clock = new Date('2026-11-20T10:03:00.000Z');
    await client.appendMidi({ sessionId: session.id, messages: scaleMessages(13, 0).slice(0, 10) });
    // Let the writer's 25 ms timer save the batch (stamped 10:03) before the clock moves on.
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    expect(host.store.getSession(session.id).lastWriteAt).toBe('2026-11-20T10:03:00.000Z');
    clock = new Date('2026-11-20T18:00:00.000Z'); // the tab was closed hours ago; the host stops now
    host.close();
    const again = await openBackend({ dbPath });
    try {
      expect(again.store.getSession(session.id)).toMatchObject({ status: 'interrupted', endedAt: '2026-11-20T10:03:00.000Z' });
    } finally {
      again.close();
    }
  });

  it('tells the page while recording that MIDI cannot be saved (disk full, read-only), and saves it once it can', async () => {
    const profile = await api.createProfile({ name: 'Full disk' });
    const session = await api.startSession({ profileId: profile.id });
    const messages = scaleMessages(14, 0);
    backend.store.connection.pragma('query_only = ON');
    try {
      // Acknowledged only when durable: nothing is saved, so the page must keep all 10.
      expect(await api.appendMidi({ sessionId: session.id, messages: messages.slice(0, 10) })).toMatchObject({ accepted: 10, savedThrough: 0, notSaved: { pending: 10 } });
      await new Promise((resolveWait) => setTimeout(resolveWait, 100)); // a few 25 ms flush attempts
      const answer = await api.appendMidi({ sessionId: session.id, messages: messages.slice(10, 20) });
      expect(answer.accepted).toBe(10);
      expect(answer.notSaved?.pending).toBe(20);
      expect(answer.notSaved?.message).toMatch(/read-only|cannot be written|not writable/i);
    } finally {
      backend.store.connection.pragma('query_only = OFF');
    }
    const ended = await api.finishSession({ sessionId: session.id });
    expect(ended.eventCount).toBe(20);
    expect(backend.store.readRawEvents(session.id).map((e) => e.timeMs)).toEqual(messages.slice(0, 20).map((m) => m.timeMs));
  });

  it('ends live recordings as interrupted when the backend closes', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'evenkeys-handlers-close-')), 'e.sqlite');
    const first = await openBackend({ dbPath });
    const client = createApiClient((name, input) => first.dispatch(name, input));
    const profile = await client.createProfile({ name: 'Ben' });
    const session = await client.startSession({ profileId: profile.id });
    await client.appendMidi({ sessionId: session.id, messages: scaleMessages(5, 0).slice(0, 10) });
    first.close();
    const second = await openBackend({ dbPath });
    try {
      expect(second.store.getSession(session.id)).toMatchObject({ status: 'interrupted', eventCount: 10 });
    } finally {
      second.close();
    }
  });
});
