// The compact drift input each analysis keeps (migration 009): the same drift as the documents
// give, a fallback to the document when the blob is missing or unreadable, and a clear refusal of
// anything that is not one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDrift } from '../../../core/drift/engine';
import { pointsOf } from '../../../core/drift/points';
import type { DriftResult, DriftSession } from '../../../core/drift/types';
import { decodeDriftInput, encodeDriftInput } from '../../../electron/store/drift-input';
import { openStore } from '../../../electron/store/index';
import { simulatePianist } from '../../support/longitudinal';
import { seedDriftHistory } from '../../support/drift-seed';
import { tempFolder } from './helpers';

const plain = (result: DriftResult) => ({ ...result, series: result.series.map((s) => ({ ...s, points: pointsOf(s.points) })) });

describe('drift input blobs', () => {
  it('decode to sessions that give exactly the drift of the originals', () => {
    const { sessions } = simulatePianist({ seed: 21, sessions: 80, onset: { hand: 'right', finger: 3, kind: 'bias', fromSession: 35, perSession: 0.9 } });
    // Optional fields and repetitions must survive too.
    const varied: DriftSession[] = sessions.map((s, i) => ({
      ...s,
      takes: s.takes.map((t, k) => ({ ...t, confidence: k === 0 && i % 7 === 0 ? 0.5 : 0.93, handUncertain: i % 11 === 0 && k === 1, deviceInterrupted: i % 13 === 0 && k === 0 })),
      repetitions: [{ exerciseId: s.takes[0]?.exercise.id ?? '', positions: [{ hand: 'right', direction: 'up', position: 0, irregularityMs: 3 + (i % 5) }, { hand: 'right', direction: 'up', position: 1, irregularityMs: 4 }] }],
    }));
    const decoded = varied.map((s) => decodeDriftInput(encodeDriftInput(s), s));
    expect(decoded.every((s) => s !== null)).toBe(true);
    expect(plain(computeDrift(decoded as DriftSession[]))).toEqual(plain(computeDrift(varied)));
    expect(decoded[0]?.repetitions).toEqual(varied[0]?.repetitions);
    expect(decoded[0]?.minutes).toBe(varied[0]?.minutes);
  });

  it('decode into views at any byte offset (SQLite buffers need not be aligned)', () => {
    const session = simulatePianist({ seed: 3, sessions: 1 }).sessions[0] as DriftSession;
    const blob = encodeDriftInput(session);
    const shifted = Buffer.alloc(blob.length + 3);
    blob.copy(shifted, 3);
    expect(plain(computeDrift([decodeDriftInput(shifted.subarray(3), session) as DriftSession]))).toEqual(plain(computeDrift([session])));
  });

  it('refuse what is not a drift input', () => {
    const session = simulatePianist({ seed: 3, sessions: 1 }).sessions[0] as DriftSession;
    const blob = encodeDriftInput(session);
    expect(decodeDriftInput(Buffer.from('not a blob at all'), session)).toBeNull();
    expect(decodeDriftInput(blob.subarray(0, blob.length - 1), session)).toBeNull();
    const wrongMagic = Buffer.from(blob);
    wrongMagic.write('XXXX', 0);
    expect(decodeDriftInput(wrongMagic, session)).toBeNull();
    const badJson = Buffer.from(blob);
    badJson[badJson.length - 1] = 0x7b; // '{' where the header's closing brace was
    expect(decodeDriftInput(badJson, session)).toBeNull();
  });
});

describe('the store', () => {
  const folder = tempFolder('evenkeys-drift-input-');
  afterAll(() => folder.cleanup());
  let profileId = 0;
  beforeAll(async () => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    profileId = seedDriftHistory(store, { profile: 'Ana', sessions: 14, seed: 9, drift: { hand: 'right', finger: 4, from: 10, msPerSession: 4 } }).profileId;
    store.close();
  }, 120_000);

  const driftOf = async (change?: (db: Awaited<ReturnType<typeof openStore>>['connection']) => void) => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    try {
      change?.(store.connection);
      return { doc: store.drift(profileId), inputs: store.connection.prepare('SELECT count(*) AS n FROM analyses WHERE drift_input IS NOT NULL').get() as { n: number } };
    } finally {
      store.close();
    }
  };

  it('keeps a drift input with every analysis, and drift from it equals drift from the documents', async () => {
    const fromInputs = await driftOf();
    expect(fromInputs.inputs.n).toBe(14);
    expect(fromInputs.doc.series.length).toBeGreaterThan(10);
    // As before migration 009: no inputs, every document read; they are written back on the way.
    const fromDocuments = await driftOf((db) => db.prepare('UPDATE analyses SET drift_input = NULL').run());
    expect(fromDocuments.doc).toEqual(fromInputs.doc);
    expect((await driftOf()).inputs.n).toBe(14);
  });

  it("gives each series' latest point only when asked, and every point of the series asked for", async () => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    try {
      const full = store.drift(profileId);
      const latest = store.drift(profileId, { points: 'latest' });
      expect(latest.series.map((s) => s.key)).toEqual(full.series.map((s) => s.key));
      for (const [i, s] of latest.series.entries()) {
        const all = full.series[i];
        expect(s.points).toEqual(all?.points.slice(-1));
        expect(s.pointCount).toBe(all?.points.length);
        expect(s.exercises).toEqual([...new Set(all?.points.flatMap((p) => p.exercises))].sort());
        expect({ ...s, points: [] }).toEqual({ ...all, points: [] });
      }
      expect({ ...latest, series: [] }).toEqual({ ...full, series: [] });
      const keys = [full.series[0]?.key ?? '', full.series.at(-1)?.key ?? '', 'no such series'];
      const fetched = store.driftPoints(profileId, keys);
      expect(fetched.map((f) => f.key)).toEqual(full.series.filter((s) => keys.includes(s.key)).map((s) => s.key));
      for (const f of fetched) expect(f.points).toEqual(full.series.find((s) => s.key === f.key)?.points);
    } finally {
      store.close();
    }
  });

  it('falls back to the document when a stored input is unreadable', async () => {
    const before = await driftOf();
    const after = await driftOf((db) => db.prepare("UPDATE analyses SET drift_input = X'00010203'").run());
    expect(after.doc).toEqual(before.doc);
  });
});
