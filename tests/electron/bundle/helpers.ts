/** A student's database with real takes, events, a device gap and notes, for the bundle tests. */
import type BetterSqlite3 from 'better-sqlite3';
import { readSmf } from '../../../core/midi/smf';
import type { RawMidiMessage } from '../../../core/midi/types';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { cMajorScaleTwoOctaves } from '../../fixtures/midi/fixture-files';

/**
 * The C major fixture with one late note and one weak one (so the analyser finds events), shifted
 * by `shiftMs`, and a few ms of human timing jitter: the fixture itself is quantised to a 125 ms
 * grid, which the analysis rightly refuses to time (a coarse clock).
 */
export function scaleTake(seed: number, shiftMs = 0): RawMidiMessage[] {
  const { messages } = readSmf(cMajorScaleTwoOctaves());
  let noteOn = 0;
  let state = (seed + 1) * 2_654_435_761;
  const jitterMs = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (state / 2_147_483_648 - 0.5) * 6;
  };
  return messages
    .map((m) => {
    const bytes = Array.from(m.bytes);
    let timeMs = m.timeMs + shiftMs + seed * 0.001 + jitterMs();
    if (bytes[0] === 0x90) {
      noteOn += 1;
      if (noteOn === 9 + (seed % 5)) timeMs += 38; // late onset
      if (noteOn === 20) bytes[2] = 18; // weak fourth finger
    }
    return { bytes, timeMs, port: 'Digital Piano' };
  })
    // In arrival order, as a device delivers them (a late note-on arrives after what followed it).
    .sort((a, b) => a.timeMs - b.timeMs);
}

export const STUDENT_DATES = ['2025-12-20T17:00:00.000Z', '2026-11-02T17:00:00.000Z', '2026-11-20T17:00:00.000Z'];

/** Records one session through the real writer (raw log first, analysed on close). */
export function recordTake(store: Store, profileId: number, startedAt: string, messages: readonly RawMidiMessage[], gap = false): number {
  const writer = store.startRecording({ profileId, startedAt, device: { name: 'Digital Piano', manufacturer: 'Roland' }, notes: 'Scales, warm-up' });
  messages.forEach((m, i) => {
    writer.push(m);
    if (gap && i === 10) {
      writer.deviceDisconnected('Digital Piano', m.timeMs + 1);
      writer.deviceReconnected('Digital Piano', m.timeMs + 2.5);
    }
  });
  const last = messages.at(-1)?.timeMs ?? 0;
  return writer.close('complete', new Date(Date.parse(startedAt) + last)).id;
}

/** Ana's database: three sessions (one last year), a gap, and three kinds of notes. */
export async function studentStore(path: string): Promise<{ store: Store; profileId: number; sessionIds: number[] }> {
  const store = await openStore({ path, dailyBackup: false });
  const ana = store.createProfile({ name: 'Ana', handSpanCm: 20.5 });
  const sessionIds = STUDENT_DATES.map((date, i) => recordTake(store, ana.id, date, scaleTake(i, i * 0.3333), i === 1));
  const first = sessionIds[0] ?? 0;
  const doc = store.getAnalysis(first);
  const event = doc?.takes[0]?.events[0];
  store.addAnnotation({ sessionId: first, author: 'pianist', authorName: 'Ana', text: 'Felt tired today' });
  store.addAnnotation({ sessionId: first, target: 'take', takeIndex: 0, author: 'pianist', authorName: 'Ana', text: 'Thumb under again' });
  if (event) store.addAnnotation({ sessionId: first, target: 'event', takeIndex: 0, timeMs: event.timeMs, eventType: event.type, author: 'pianist', authorName: 'Ana', text: 'That one hurt a bit' });
  return { store, profileId: ana.id, sessionIds };
}

/**
 * A session's per-finger rows (take_fingers) by take index and position, without local row ids:
 * what two databases' analyses of the same session must agree on.
 *
 * @example expect(takeFingerRows(teacher, 3)).toEqual(takeFingerRows(student, 7))
 */
export function takeFingerRows(db: BetterSqlite3.Database, sessionId: number): unknown[] {
  return db
    .prepare(
      `SELECT t.take_index, f.position, f.hand, f.finger, f.count, f.onset_deviation_mean_ms, f.onset_deviation_sd_ms, f.velocity_mean, f.velocity_sd,
              f.velocity_cv, f.duration_mean_ms, f.legato_overlap_mean_ms
       FROM take_fingers f JOIN takes t ON t.id = f.take_id WHERE t.session_id = ? ORDER BY t.take_index, f.position`,
    )
    .all(sessionId);
}
