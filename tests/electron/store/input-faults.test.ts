/**
 * Issue 11 through the store: a live session whose keyboard went away mid-take is analysed with
 * its device gaps, and a take whose clock cannot be trusted is stored with null timing (never a
 * false 0) and never averaged into the session's unevenness.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getExercise } from '../../../core/exercises/library';
import { messagesFromNotes } from '../../../core/midi/smf';
import { openStore } from '../../../electron/store/index';
import { performRepetitions } from '../../support/performer';
import { tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const exercise = getExercise('scale-c-major-rh-2oct');
if (!exercise) throw new Error('scale-c-major-rh-2oct missing');

async function freshStore() {
  const folder = tempFolder();
  cleanups.push(folder.cleanup);
  const store = await openStore({ path: folder.db });
  cleanups.push(() => store.close());
  return { store, profile: store.createProfile({ name: 'Ana' }) };
}

describe('store analysis with input faults', () => {
  it('passes the device gaps to the analysis: the held note closed, the take marked, no breakdown', async () => {
    const { store, profile } = await freshStore();
    const notes = performRepetitions(exercise, 1, { seed: 4, startMs: 3000 }).notes;
    const held = notes[10] as (typeof notes)[number];
    const back = notes[16] as (typeof notes)[number];
    const gap = { startMs: held.onsetMs + 50, endMs: back.onsetMs - 10 };
    const messages = messagesFromNotes(notes).filter((m) => m.timeMs <= gap.startMs || m.timeMs >= gap.endMs);
    const writer = store.startRecording({ profileId: profile.id });
    for (const message of messages.filter((m) => m.timeMs <= gap.startMs)) writer.push({ ...message, port: 'Piano' });
    writer.deviceDisconnected('Piano', gap.startMs);
    writer.deviceReconnected('Piano', gap.endMs);
    for (const message of messages.filter((m) => m.timeMs > gap.startMs)) writer.push({ ...message, port: 'Piano' });
    const session = writer.close();
    const analysis = store.getAnalysis(session.id);
    expect(analysis?.source.deviceGaps).toEqual([{ ...gap, heldNotes: 1 }]);
    expect(analysis?.takes.some((take) => take.interruptedByDevice === true)).toBe(true);
    expect(analysis?.takes.flatMap((take) => take.events).filter((event) => event.type === 'breakdown')).toEqual([]);
    expect(analysis?.notes?.find((note) => note.timeMs === held.onsetMs)?.durationMs).toBeCloseTo(50, 6);
    // Reanalysing gives the same document: the gaps are read from the store every time.
    expect(store.reanalyse(session.id)).toEqual(analysis);
  });

  it('stores a take without trustworthy timing with null figures and leaves it out of the unevenness', async () => {
    const { store, profile } = await freshStore();
    const notes = performRepetitions(exercise, 1, { seed: 5, startMs: 3000 }).notes;
    const writer = store.startRecording({ profileId: profile.id });
    // A device that never sets the timestamp.
    for (const message of messagesFromNotes(notes)) writer.push({ ...message, timeMs: 0 });
    const session = writer.close();
    const analysis = store.getAnalysis(session.id);
    expect(analysis?.takes.length).toBeGreaterThan(0);
    expect(analysis?.takes.every((take) => take.unevennessMs === null && take.bpm === null)).toBe(true);
    expect(analysis?.source.warnings?.[0]).toMatch(/^The timestamps do not advance/);
    const row = store.connection.prepare('SELECT bpm, unevenness_ms FROM takes WHERE session_id = ?').get(session.id);
    expect(row).toEqual({ bpm: null, unevenness_ms: null });
    const fingers = store.connection.prepare('SELECT onset_deviation_mean_ms, onset_deviation_sd_ms, velocity_mean FROM take_fingers').all() as { velocity_mean: number }[];
    expect(fingers.length).toBeGreaterThan(0);
    expect(fingers.every((f) => (f as Record<string, unknown>).onset_deviation_mean_ms === null && f.velocity_mean > 0)).toBe(true);
    expect(store.listSessions(profile.id).find((s) => s.id === session.id)?.unevennessMs).toBeNull();
  });
});
