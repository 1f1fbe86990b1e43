// The compact drift input each analysis keeps (migration 009): the same drift as the documents
// give, a fallback to the document when the blob is missing or unreadable, and a clear refusal of
// anything that is not one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDrift } from '../../../core/drift/engine';
import { pointsOf } from '../../../core/drift/points';
import type { DriftResult, DriftSession } from '../../../core/drift/types';
import { poolTakes } from '../../../core/drift/pools';
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

/** The version 1 form of a version 2 blob: the same takes and observations, no pools (what analyses kept before pools). */
function versionOne(blob: Buffer): Buffer {
  const headerBytes = blob.readUInt32LE(4);
  const total = blob.readUInt32LE(8);
  const pooled = blob.readUInt32LE(12);
  const columns = 16 + 36 * total + 68 * pooled;
  expect(blob.length).toBe(columns + headerBytes);
  const { pools: _pools, ...header } = JSON.parse(blob.subarray(columns).toString('utf8')) as Record<string, unknown>;
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(16 + 36 * total + json.length);
  out.write('EKD1', 0);
  out.writeUInt32LE(json.length, 4);
  out.writeUInt32LE(total, 8);
  blob.copy(out, 16, 16, 16 + 32 * total);
  blob.copy(out, 16 + 32 * total, 16 + 32 * total + 64 * pooled, 16 + 36 * total + 64 * pooled);
  json.copy(out, 16 + 36 * total);
  return out;
}

/** The blob with its JSON header changed. */
function withHeader(blob: Buffer, change: (header: { pools: { takes: number[]; slots: number }[] }) => void): Buffer {
  const total = blob.readUInt32LE(8);
  const pooled = blob.readUInt32LE(12);
  const columns = 16 + 36 * total + 68 * pooled;
  const header = JSON.parse(blob.subarray(columns).toString('utf8')) as { pools: { takes: number[]; slots: number }[] };
  change(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.concat([blob.subarray(0, columns), json]);
  out.writeUInt32LE(json.length, 4);
  return out;
}

describe('pooled takes in drift input blobs', () => {
  const { sessions } = simulatePianist({ seed: 22, sessions: 40, onset: { hand: 'left', finger: 2, kind: 'velocity', fromSession: 20, perSession: -1.5 } });

  it('are kept with each session and give exactly the drift of the originals', () => {
    const decoded = sessions.map((s) => decodeDriftInput(encodeDriftInput(s), s) as DriftSession);
    expect(decoded.every((s) => (s.pools?.length ?? 0) > 0)).toBe(true);
    expect(plain(computeDrift(decoded))).toEqual(plain(computeDrift(sessions)));
  });

  it('are absent from version 1 blobs, which still give the same drift', () => {
    const decoded = sessions.map((s) => decodeDriftInput(versionOne(encodeDriftInput(s)), s) as DriftSession);
    expect(decoded.every((s) => s !== null && s.pools?.length === 0)).toBe(true);
    expect(plain(computeDrift(decoded))).toEqual(plain(computeDrift(sessions)));
  });

  it('make a blob unreadable when they do not add up', () => {
    const session = sessions[0] as DriftSession;
    const blob = encodeDriftInput(session);
    expect(decodeDriftInput(blob, session)).not.toBeNull();
    const broken = [
      withHeader(blob, (h) => { (h.pools[0] as { takes: number[] }).takes = [0, session.takes.length + 2]; }),
      withHeader(blob, (h) => { (h.pools[0] as { takes: number[] }).takes = [1, 0]; }),
      withHeader(blob, (h) => { (h.pools[0] as { slots: number }).slots += 1; }),
      withHeader(blob, (h) => { h.pools.pop(); }),
    ];
    for (const b of broken) expect(decodeDriftInput(b, session)).toBeNull();
    // A slot named twice in one pool, and two slots out of the first take's order.
    const total = blob.readUInt32LE(8);
    const pooled = blob.readUInt32LE(12);
    const slots = 16 + 36 * total + 64 * pooled;
    const twice = Buffer.from(blob);
    twice.writeInt32LE(twice.readInt32LE(slots), slots + 4);
    expect(decodeDriftInput(twice, session)).toBeNull();
    const swapped = Buffer.from(blob);
    swapped.writeInt32LE(blob.readInt32LE(slots + 4), slots);
    swapped.writeInt32LE(blob.readInt32LE(slots), slots + 4);
    expect(decodeDriftInput(swapped, session)).toBeNull();
    // A pool of one take (poolTakes never makes one).
    expect(decodeDriftInput(withHeader(blob, (h) => { (h.pools[0] as { takes: number[] }).takes = [0]; }), session)).toBeNull();
  });

  it('make a blob unreadable, not an error, when its header has the wrong shape', () => {
    const session = sessions[1] as DriftSession;
    const blob = encodeDriftInput(session);
    const header = (json: string) => {
      const total = blob.readUInt32LE(8);
      const columns = 16 + 36 * total + 68 * blob.readUInt32LE(12);
      const out = Buffer.concat([blob.subarray(0, columns), Buffer.from(json, 'utf8')]);
      out.writeUInt32LE(Buffer.byteLength(json), 4);
      return out;
    };
    const original = JSON.parse(blob.subarray(16 + 36 * blob.readUInt32LE(8) + 68 * blob.readUInt32LE(12)).toString('utf8')) as Record<string, unknown>;
    for (const json of ['null', '5', '{}', JSON.stringify({ ...original, takes: [null] }), JSON.stringify({ ...original, takes: 3 }), JSON.stringify({ ...original, pools: 5 }),
      JSON.stringify({ ...original, pools: {} }), JSON.stringify({ ...original, pools: [null] }), JSON.stringify({ ...original, repetitions: 'x' })]) {
      expect(() => decodeDriftInput(header(json), session)).not.toThrow();
      expect(decodeDriftInput(header(json), session)).toBeNull();
    }
    expect(decodeDriftInput(header(JSON.stringify(original)), session)).not.toBeNull();
  });

  it("hold exactly the sums poolTakes makes of the blob's own takes", () => {
    for (const session of sessions.slice(0, 10)) {
      const decoded = decodeDriftInput(encodeDriftInput(session), session) as DriftSession;
      const again = poolTakes(decoded.takes);
      expect(decoded.pools?.map((p) => ({ takes: p.takes, slots: [...p.slots], sums: [...p.sums] }))).toEqual(again.map((p) => ({ takes: p.takes, slots: [...p.slots], sums: [...p.sums] })));
    }
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

  it('reads version 1 inputs (before pooled takes) and brings them up to date', async () => {
    const before = await driftOf();
    const magics = async () => {
      const store = await openStore({ path: folder.db, dailyBackup: false });
      try {
        return (store.connection.prepare('SELECT drift_input FROM analyses').all() as { drift_input: Buffer }[]).map((r) => r.drift_input.subarray(0, 4).toString());
      } finally {
        store.close();
      }
    };
    const after = await driftOf((db) => {
      for (const row of db.prepare('SELECT session_id, drift_input FROM analyses').all() as { session_id: number; drift_input: Buffer }[]) {
        db.prepare('UPDATE analyses SET drift_input = ? WHERE session_id = ?').run(versionOne(row.drift_input), row.session_id);
      }
      expect(new Set((db.prepare('SELECT drift_input FROM analyses').all() as { drift_input: Buffer }[]).map((r) => r.drift_input.subarray(0, 4).toString()))).toEqual(new Set(['EKD1']));
    });
    expect(after.doc).toEqual(before.doc);
    expect(new Set(await magics())).toEqual(new Set(['EKD2']));
    expect((await driftOf()).doc).toEqual(before.doc);
  });

  it('falls back to the document when a stored input is unreadable', async () => {
    const before = await driftOf();
    const after = await driftOf((db) => db.prepare("UPDATE analyses SET drift_input = X'00010203'").run());
    expect(after.doc).toEqual(before.doc);
  });
});
