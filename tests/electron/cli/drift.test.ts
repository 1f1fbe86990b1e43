// `evenkeys drift` and the store's drift: a seeded pianist whose right ring finger drifts late,
// recorded through the real pipeline (raw MIDI -> store -> analysis -> drift).
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { driftDocumentSchema } from '../../../core/api/drift';
import { runCli } from '../../support/cli';
import { openStore } from '../../../electron/store/index';
import { seedDriftHistory } from '../../support/drift-seed';
import { tempFolder } from '../store/helpers';

const run = runCli;

const folder = tempFolder('evenkeys-drift-');
afterAll(() => folder.cleanup());

beforeAll(async () => {
  const store = await openStore({ path: folder.db, dailyBackup: false });
  seedDriftHistory(store, { profile: 'Ana', sessions: 26, seed: 3, drift: { hand: 'right', finger: 4, from: 12, msPerSession: 2.5 } });
  seedDriftHistory(store, { profile: 'Ben', sessions: 6, seed: 4 });
  store.close();
}, 120_000);

describe('evenkeys drift', () => {
  it('prints an evenkeys.drift/1 document naming the right ring finger', async () => {
    const { code, stdout, stderr } = await run('drift', '--profile', 'Ana', '--db', folder.db, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = driftDocumentSchema.parse(JSON.parse(stdout));
    expect(doc.schema).toBe('evenkeys.drift/1');
    const active = doc.alerts.filter((a) => a.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    const timing = active.find((a) => a.metric === 'onset-mean');
    expect(timing).toMatchObject({ hand: 'right', finger: 4, unit: 'ms', exercise: 'scale:C:major:right:parallel' });
    expect(timing?.magnitude).toBeGreaterThan(timing?.mdc ?? Infinity);
    expect(timing?.since && timing.since <= timing.detectedAt).toBe(true);
    expect(timing?.message).toContain('right ring finger (R4)');
    for (const alert of doc.alerts) expect(alert.message).not.toMatch(/diagnos|dystonia/i);
    expect(doc.series.find((s) => s.metric === 'onset-mean')?.baseline.progress).toBe('10 of 10 sessions');
  });

  it('gives each fingerprint both profiles by position, with fingers, matching its correlation and RMS difference', async () => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    try {
      const doc = store.drift(store.findProfileByName('Ana')?.id ?? 0);
      const fp = doc.fingerprints.find((f) => f.exerciseId === 'clinical-scale-rh' && f.hand === 'right');
      expect(fp?.exerciseName).toMatch(/^Clinical scale test: C major, right hand/);
      const rows = fp?.byPosition ?? [];
      expect(rows).toHaveLength(fp?.positions ?? -1);
      expect(rows.map((r) => r.position)).toEqual([...rows.map((r) => r.position)].sort((a, b) => a - b));
      // The clinical scale's printed fingering: 1 2 3 1 2 3 4 1 ... up, 4 3 2 1 ... down.
      expect(rows.slice(0, 7).map((r) => r.finger)).toEqual([1, 2, 3, 1, 2, 3, 4]);
      const rms = Math.sqrt(rows.reduce((sum, r) => sum + (r.recentMs - r.baselineMs) ** 2, 0) / rows.length);
      expect(rms).toBeCloseTo(fp?.rmsDifferenceMs ?? NaN, 9);
      // R4 drifted late by ~25-37 ms over the recent sessions: its positions moved most.
      const shift = (finger: number) => {
        const own = rows.filter((r) => r.finger === finger);
        return own.reduce((sum, r) => sum + r.recentMs - r.baselineMs, 0) / own.length;
      };
      expect(shift(4)).toBeGreaterThan(15);
      for (const finger of [1, 2, 3]) expect(shift(4) - shift(finger)).toBeGreaterThan(15);
      expect(fp?.changed).toBe(true);
      // A pianist without a complete baseline has no comparison yet, and says so by an empty profile.
      const ben = store.drift(store.findProfileByName('Ben')?.id ?? 0).fingerprints[0];
      expect(ben).toMatchObject({ correlation: null, byPosition: [] });
    } finally {
      store.close();
    }
  });

  it('says how far the baseline is for a new pianist', async () => {
    const { code, stdout } = await run('drift', '--profile', 'Ben', '--db', folder.db);
    expect(code).toBe(0);
    expect(stdout).toContain('6 of 10 sessions');
    expect(stdout).toContain('No active alerts');
  });

  it('groups the per-finger table by exercise, tempo and keyboard: two keyboards never read as the same row twice', async () => {
    const two = tempFolder('evenkeys-drift-two-');
    try {
      const store = await openStore({ path: two.db, dailyBackup: false });
      seedDriftHistory(store, { profile: 'Cleo', sessions: 10, seed: 5, device: 'Stage Piano', repetitions: 1 });
      seedDriftHistory(store, { profile: 'Cleo', sessions: 10, seed: 6, device: 'Home Piano', repetitions: 1, startDate: '2026-10-01T17:00:00Z' });
      store.close();
      const { code, stdout } = await run('drift', '--profile', 'Cleo', '--db', two.db);
      expect(code).toBe(0);
      const lines = stdout.split('\n');
      const start = lines.indexOf('Mean onset deviation per finger (latest session vs baseline, ms):');
      expect(start).toBeGreaterThan(0);
      const groups = lines.slice(start + 1).filter((l) => /^ {2}\S.*:$/.test(l));
      expect(groups).toHaveLength(2);
      expect(groups[0]).toMatch(/^ {2}Clinical scale test: C major, right hand, legato sixteenths at 120 bpm, 10 times, [78]\.\d notes\/s, Home Piano:$/);
      expect(groups[1]).toMatch(/^ {2}Clinical scale test: C major, right hand, legato sixteenths at 120 bpm, 10 times, [78]\.\d notes\/s, Stage Piano:$/);
      // Under each heading, one row per finger and direction, and no row repeated.
      const rows = lines.slice(start + 1).filter((l) => /^ {4}R\d/.test(l));
      expect(rows.length).toBeGreaterThanOrEqual(18);
      expect(lines[start + 2]).toMatch(/^ {4}finger +dir +baseline +MDC +latest +EWMA +limits$/);
      // The baselines say which keyboard each is.
      expect(stdout).toMatch(/Home Piano +complete \(10 sessions\)/);
      expect(stdout).toMatch(/Stage Piano +complete \(10 sessions\)/);
    } finally {
      two.cleanup();
    }
  }, 120_000);

  it('exits 2 with one line for an unknown profile', async () => {
    const { code, stdout, stderr } = await run('drift', '--profile', 'Nobody', '--db', folder.db);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/no profile named 'Nobody' \(profiles: Ana, Ben\)/);
  });

  it('keeps what the pianist did with an alert, and a new baseline from here resolves it', async () => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    try {
      const profile = store.findProfileByName('Ana');
      const doc = store.drift(profile?.id ?? 0);
      const alert = doc.alerts.find((a) => a.metric === 'onset-mean' && a.status === 'active');
      expect(alert?.user).toBeNull();
      store.setAlertState(profile?.id ?? 0, { alertKey: alert?.key ?? '', state: 'seen' });
      expect(store.drift(profile?.id ?? 0).alerts.find((a) => a.key === alert?.key)?.user?.state).toBe('seen');
      store.setAlertState(profile?.id ?? 0, { alertKey: alert?.key ?? '', state: 'dismissed', reason: 'new-baseline' });
      const after = store.drift(profile?.id ?? 0).alerts.find((a) => a.key === alert?.key);
      expect(after?.user).toMatchObject({ state: 'dismissed', reason: 'new-baseline' });
      expect(after?.status).toBe('resolved');
      expect(() => store.setAlertState(profile?.id ?? 0, { alertKey: 'nope', state: 'seen' })).toThrow(/No drift alert/);
    } finally {
      store.close();
    }
  });

  it('an incremental update after a new session equals a full recompute', async () => {
    const store = await openStore({ path: folder.db, dailyBackup: false });
    const profile = store.findProfileByName('Ben');
    store.drift(profile?.id ?? 0);
    seedDriftHistory(store, { profile: 'Ben', sessions: 2, seed: 5, startDate: '2027-01-01T10:00:00Z' });
    const incremental = store.drift(profile?.id ?? 0);
    store.close();
    const fresh = await openStore({ path: folder.db, dailyBackup: false });
    try {
      expect(fresh.drift(profile?.id ?? 0)).toEqual({ ...incremental, practice: fresh.drift(profile?.id ?? 0).practice });
      expect(incremental.sessions).toBe(8);
    } finally {
      fresh.close();
    }
  });
});
