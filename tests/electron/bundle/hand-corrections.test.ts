/**
 * The pianist's hand corrections travel in bundles (version 2): a teacher's copy of a session
 * whose take the student corrected to the left hand is analysed with that correction (and the
 * history it gives the later sessions), so both see the same take hands and per-finger figures.
 * A bundle without corrections stays version 1; re-imports add nothing; a newer bundle's
 * corrections win by take; bad corrections refuse the whole import and change nothing.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { getExercise } from '../../../core/exercises/library';
import type { Exercise } from '../../../core/exercises/types';
import { messagesFromNotes } from '../../../core/midi/smf';
import { BundleError, decodeBundle, encodeBundle, exportBundle, importBundle } from '../../../electron/bundle/index';
import type { BundleContent } from '../../../electron/bundle/index';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { perform } from '../../support/performer';
import { sha256, tempFolder } from '../store/helpers';
import { takeFingerRows } from './helpers';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

// A right-hand G major scale where the catalogue puts it: note for note the left-hand one an
// octave up, so from the notes alone it is "right hand, 75 %", flagged; the pianist says "left".
const ambiguous = messagesFromNotes(perform(exercise('scale-g-major-rh-1oct'), { seed: 11 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A store on a fresh file whose clock moves 1 s per reading (corrections get distinct times). */
async function fresh(startMs = Date.UTC(2026, 2, 20, 12)): Promise<{ store: Store; path: string; reopen: () => Promise<Store> }> {
  const folder = tempFolder('evenkeys-bundle-hands-');
  let clock = startMs;
  const options = { path: folder.db, dailyBackup: false, now: () => new Date((clock += 1_000)) };
  const opened: Store[] = [];
  cleanups.push(() => {
    for (const store of opened) tryClose(store);
    folder.cleanup();
  });
  const store = await openStore(options);
  opened.push(store);
  return {
    store,
    path: folder.db,
    reopen: async () => {
      const again = await openStore(options);
      opened.push(again);
      return again;
    },
  };
}

function tryClose(store: Store): void {
  try {
    store.close();
  } catch {
    // already closed
  }
}

/** Ana: four days of the ambiguous scale; the first three corrected to the left hand. */
async function student(): Promise<{ store: Store; profileId: number; ids: number[] }> {
  const { store } = await fresh();
  const profileId = store.ensureProfile('Ana').id;
  const day = (n: number): number =>
    store.importRecording({ profileId, startedAt: new Date(Date.UTC(2026, 2, n, 9)), durationMs: 20_000, messages: ambiguous, sourceFile: `day ${n}.mid` }).id;
  const ids = [day(1), day(2), day(3), day(10)];
  for (const id of ids.slice(0, 3)) store.setTakeHand(id, 0, 'left');
  return { store, profileId, ids };
}

/** What the student and the teacher must agree on, per session (by uid, no local row ids). */
function analysedRows(db: BetterSqlite3.Database, profileId: number) {
  const sessions = db.prepare('SELECT id, uid FROM sessions WHERE profile_id = ? ORDER BY started_at, uid').all(profileId) as { id: number; uid: string }[];
  return sessions.map(({ id, uid }) => ({
    uid,
    corrections: db.prepare('SELECT start_ms, end_ms, hand, corrected_at FROM take_hand_corrections WHERE session_id = ? ORDER BY start_ms, end_ms').all(id),
    takes: db
      .prepare(
        `SELECT take_index, exercise_id, hands, start_ms, end_ms, matched, missed, wrong, unevenness_ms, confidence, hand_confidence, hand_uncertain, hand_source
         FROM takes WHERE session_id = ? ORDER BY take_index`,
      )
      .all(id),
    fingers: takeFingerRows(db, id),
    events: db.prepare('SELECT position, type, time_ms, hand, finger, severity, detail FROM events WHERE session_id = ? ORDER BY time_ms, position').all(id),
  }));
}

const firstTake = (store: Store, sessionId: number) => store.getAnalysis(sessionId)?.takes[0];

function refusal(action: () => unknown): BundleError {
  try {
    action();
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('the import was not refused');
}

describe('hand corrections in bundles', () => {
  it("round trip: the teacher's copy has the student's corrections, take hands, history and per-finger figures", async () => {
    const ana = await student();
    expect(firstTake(ana.store, ana.ids[0] ?? 0)).toMatchObject({ exercise: { id: 'scale-g-major-lh-1oct', hands: 'left' }, handSource: 'corrected' });
    // Day 10 is left by the history of the three corrected days (still flagged: against the register).
    expect(firstTake(ana.store, ana.ids[3] ?? 0)).toMatchObject({ exercise: { hands: 'left' }, handUncertain: true, handSource: 'history' });

    const { bytes, summary } = exportBundle(ana.store, ana.profileId);
    expect(summary).toMatchObject({ sessions: 4, handCorrections: 3, version: 2 });
    const content = decodeBundle(bytes);
    expect(content.manifest.version).toBe(2);
    expect(content.sessions.map((s) => s.handCorrections?.map((c) => c.hand))).toEqual([['left'], ['left'], ['left'], []]);
    const stored = ana.store.listHandCorrections(ana.ids[0] ?? 0)[0];
    expect(content.sessions[0]?.handCorrections?.[0]).toMatchObject({ startMs: stored?.startMs, endMs: stored?.endMs, hand: 'left', correctedAt: expect.stringMatching(/^2026-03-20T/) });

    const teacher = await fresh(Date.UTC(2026, 2, 25));
    const report = importBundle(teacher.store, bytes, { as: 'Ana (student)' });
    expect(report).toMatchObject({ sessionsAdded: 4, handCorrectionsAdded: 3, handCorrectionsReplaced: 0, handCorrectionsAlreadyHere: 0 });
    const original = analysedRows(ana.store.connection, ana.profileId);
    const copy = analysedRows(teacher.store.connection, report.profile.id);
    expect(original.flatMap((s) => s.fingers).length).toBeGreaterThan(0);
    expect(copy).toEqual(original);
    const [, , , later] = report.newSessionIds;
    expect(teacher.store.handPrior(later ?? 0)).toEqual(ana.store.handPrior(ana.ids[3] ?? 0));
    expect(firstTake(teacher.store, later ?? 0)).toEqual(firstTake(ana.store, ana.ids[3] ?? 0));

    // Without the corrections (what a version-1 bundle of the same log gives), the copy differs:
    // the corrected takes stay the register's flagged right hand.
    const bare: BundleContent = {
      ...content,
      manifest: { ...content.manifest, version: 1 },
      sessions: content.sessions.map(({ handCorrections: _drop, ...session }) => session),
    };
    const other = await fresh();
    const plain = importBundle(other.store, encodeBundle(bare));
    expect(firstTake(other.store, plain.newSessionIds[0] ?? 0)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: true, handSource: 'notes' });
    expect(analysedRows(other.store.connection, plain.profile.id)).not.toEqual(original);
  });

  it('a log without corrections is written as version 1, exactly the files an older Evenkeys reads, and imports', async () => {
    const { store } = await fresh();
    const profileId = store.ensureProfile('Ben').id;
    store.importRecording({ profileId, startedAt: new Date(Date.UTC(2026, 2, 1, 9)), durationMs: 20_000, messages: ambiguous, sourceFile: 'ben.mid' });
    const { bytes, summary } = exportBundle(store, profileId);
    expect(summary).toMatchObject({ version: 1, handCorrections: 0 });
    const files = unzipSync(bytes);
    expect(JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())).version).toBe(1);
    expect(strFromU8(files['README.txt'] ?? new Uint8Array())).toContain('evenkeys.bundle version 1');
    const sessionFile = Object.keys(files).find((name) => name.startsWith('sessions/')) ?? '';
    // The session keys of issue 13's version 1 (its strict schema refuses any other).
    expect(Object.keys(JSON.parse(strFromU8(files[sessionFile] ?? new Uint8Array()))).sort()).toEqual(
      ['appVersion', 'device', 'endedAt', 'exerciseId', 'gaps', 'metronomeBpm', 'notes', 'rawEvents', 'sourceFile', 'startedAt', 'status', 'uid'].concat(
        'clicks' in (decodeBundle(bytes).sessions[0] ?? {}) ? ['clicks'] : [],
      ).sort(),
    );
    // Annotations-only replies never carry sessions: always version 1.
    expect(exportBundle(store, profileId, { annotationsOnly: true }).summary.version).toBe(1);

    const teacher = await fresh();
    const report = importBundle(teacher.store, bytes);
    expect(report).toMatchObject({ sessionsAdded: 1, handCorrectionsAdded: 0 });
    expect(teacher.store.listHandCorrections(report.newSessionIds[0] ?? 0)).toEqual([]);
    expect(analysedRows(teacher.store.connection, report.profile.id)).toEqual(analysedRows(store.connection, profileId));
  });

  it('re-importing adds nothing; a newer bundle ends with the newer corrections; an older one imported after it changes nothing', async () => {
    const ana = await student();
    const firstBundle = exportBundle(ana.store, ana.profileId).bytes;
    const teacher = await fresh(Date.UTC(2026, 2, 25));
    const first = importBundle(teacher.store, firstBundle);
    const afterFirst = analysedRows(teacher.store.connection, first.profile.id);

    const again = importBundle(teacher.store, firstBundle);
    expect(again).toMatchObject({ sessionsAdded: 0, sessionsAlreadyHere: 4, handCorrectionsAdded: 0, handCorrectionsReplaced: 0, handCorrectionsAlreadyHere: 3 });
    expect(again.correctedSessionIds).toEqual([]);
    expect(analysedRows(teacher.store.connection, first.profile.id)).toEqual(afterFirst);

    // The student changes her mind about day 2 (right after all) and plays day 11.
    ana.store.setTakeHand(ana.ids[1] ?? 0, 0, 'right');
    ana.store.importRecording({ profileId: ana.profileId, startedAt: new Date(Date.UTC(2026, 2, 11, 9)), durationMs: 20_000, messages: ambiguous, sourceFile: 'day 11.mid' });
    const newer = importBundle(teacher.store, exportBundle(ana.store, ana.profileId).bytes);
    expect(newer).toMatchObject({ sessionsAdded: 1, handCorrectionsAdded: 1, handCorrectionsReplaced: 1, handCorrectionsAlreadyHere: 2 });
    expect(newer.correctedSessionIds).toHaveLength(1);
    const studentNow = analysedRows(ana.store.connection, ana.profileId);
    expect(studentNow[1]?.corrections).toMatchObject([{ hand: 'right' }]);
    // Day 2's take and the history of days 10 and 11 follow, as on the student's machine.
    expect(analysedRows(teacher.store.connection, first.profile.id)).toEqual(studentNow);

    // The first bundle again (its day-2 correction is older than the one here): nothing changes.
    const stale = importBundle(teacher.store, firstBundle);
    expect(stale).toMatchObject({ handCorrectionsAdded: 0, handCorrectionsReplaced: 0, handCorrectionsAlreadyHere: 3 });
    expect(analysedRows(teacher.store.connection, first.profile.id)).toEqual(studentNow);
  });

  it('bad corrections refuse the whole import in one line, and the database is byte-identical', async () => {
    const ana = await student();
    const good = decodeBundle(exportBundle(ana.store, ana.profileId).bytes);
    const session = good.sessions[0];
    const correction = session?.handCorrections?.[0];
    if (!session || !correction) throw new Error('the fixture has no correction');
    const times = session.rawEvents.map((e) => e.timeMs);
    const lastMs = Math.max(...times);

    // The teacher already has the student's first two days (the merge path for sessions here too).
    const teacher = await fresh(Date.UTC(2026, 2, 25));
    importBundle(teacher.store, exportBundle(ana.store, ana.profileId, { to: '2026-03-02T12:00:00.000Z' }).bytes);
    const local = teacher.store.ensureProfile('Local');
    const localSession = teacher.store.importRecording({ profileId: local.id, startedAt: new Date(Date.UTC(2026, 1, 1)), durationMs: 1_000, messages: ambiguous.slice(0, 4), sourceFile: 'local.mid' }).id;
    teacher.store.close();
    const before = sha256(teacher.path);
    const store = await teacher.reopen();

    type Edit = (c: BundleContent & { sessions: Record<string, unknown>[] }) => void;
    const fix = (c: { sessions: Record<string, unknown>[] }, value: unknown, field: string) => {
      const s = c.sessions[0] as { handCorrections: Record<string, unknown>[] };
      (s.handCorrections[0] as Record<string, unknown>)[field] = value;
    };
    const cases: [string, Edit, RegExp][] = [
      ['a bad hand', (c) => fix(c, 'both', 'hand'), /sessions\/[0-9a-f]{32}\.json at handCorrections\.0\.hand: /],
      ['a hand as a number', (c) => fix(c, 1, 'hand'), /at handCorrections\.0\.hand/],
      ['end before start', (c) => fix(c, correction.startMs - 1, 'endMs'), /the hand correction of [0-9.]+-[0-9.]+ ms ends before it starts/],
      ['a start as text', (c) => fix(c, String(correction.startMs), 'startMs'), /at handCorrections\.0\.startMs: .*number/i],
      ['an end of null', (c) => fix(c, null, 'endMs'), /at handCorrections\.0\.endMs/],
      ['a date that is not one', (c) => fix(c, '2026-02-30T00:00:00.000Z', 'correctedAt'), /at handCorrections\.0\.correctedAt: is not a real date/],
      ['an unknown field', (c) => fix(c, 1, 'takeIndex'), /at handCorrections\.0: /],
      ['after the session', (c) => fix(c, lastMs + 1, 'endMs'), /is outside the session \(its MIDI log runs/],
      ['before the session', (c) => fix(c, Math.min(...times) - 1, 'startMs'), /is outside the session/],
      ['overlapping corrections', (c) => {
        const s = c.sessions[0] as { handCorrections: unknown[] };
        s.handCorrections.push({ ...correction, startMs: correction.startMs + 1, hand: 'right' });
      }, /two hand corrections of overlapping takes/],
      ['the same take twice', (c) => {
        const s = c.sessions[0] as { handCorrections: unknown[] };
        s.handCorrections.push({ ...correction });
      }, /two hand corrections of overlapping takes/],
      ['corrections in a version-1 bundle', (c) => ((c.manifest as { version: number }).version = 1), /hand corrections in a version 1 bundle \(they need version 2\)/],
      ['a version-2 session without them', (c) => delete c.sessions[3]?.handCorrections, /a version 2 session must carry handCorrections/],
      ['version 3', (c) => ((c.manifest as { version: number }).version = 3), /bundle version 3 is not one this Evenkeys reads \(it reads versions 1 and 2\); update Evenkeys/],
      // Valid corrections, then a session that belongs to another profile here: the corrections
      // merged before the conflict are rolled back with everything else.
      ['a conflict after the corrections', (c) => {
        const uid = (store.connection.prepare('SELECT uid FROM sessions WHERE id = ?').get(localSession) as { uid: string }).uid;
        const last = c.sessions[3] as { uid: string };
        const listed = c.manifest.sessions[3] as { uid: string };
        last.uid = uid;
        listed.uid = uid;
      }, /is already here under another profile/],
    ];
    for (const [name, edit, message] of cases) {
      const bad = structuredClone(good) as BundleContent & { sessions: Record<string, unknown>[] };
      edit(bad);
      const error = refusal(() => importBundle(store, encodeBundle(bad)));
      expect(error.message, name).toMatch(message);
      expect(error.message.includes('\n'), name).toBe(false);
    }
    store.close();
    expect(sha256(teacher.path)).toBe(before);
  });
});
