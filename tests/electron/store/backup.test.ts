import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/index';
import { randomMessages, tempFolder } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const DAY = 24 * 60 * 60 * 1000;

describe('backups', () => {
  it('takes one daily backup per day on open and keeps only the last N', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    let clock = Date.parse('2026-01-01T08:00:00Z');
    const open = () => openStore({ path: folder.db, now: () => new Date(clock), backupsKept: 3 });

    const first = await open();
    const writer = first.startRecording({ profileId: first.ensureProfile('Ana').id });
    randomMessages(4, 100).forEach((m) => writer.push(m));
    writer.close();
    expect(first.openReport.backups).toEqual([]); // a brand-new database has nothing to protect yet
    first.close();

    const taken: string[] = [];
    for (let day = 1; day <= 5; day++) {
      clock = Date.parse('2026-01-01T08:00:00Z') + day * DAY;
      const store = await open();
      expect(store.openReport.backups).toHaveLength(1);
      taken.push(store.openReport.backups[0] ?? '');
      store.close();
      clock += 60 * 60 * 1000; // a second start the same day takes none
      const again = await open();
      expect(again.openReport.backups).toEqual([]);
      again.close();
    }
    const store = await open();
    cleanups.push(() => store.close());
    const kept = store.listBackups();
    expect(kept.map((b) => b.path)).toEqual(taken.slice(-3));
    expect(kept.map((b) => b.takenAt)).toEqual(['2026-01-04T08:00:00.000Z', '2026-01-05T08:00:00.000Z', '2026-01-06T08:00:00.000Z']);
    expect(kept.every((b) => b.reason === 'daily')).toBe(true);

    const copy = new Database(kept.at(-1)?.path ?? '', { readonly: true });
    cleanups.push(() => copy.close());
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 201 });
  });

  it('backs up on demand, rotating manual backups separately from daily ones', async () => {
    const folder = tempFolder();
    cleanups.push(folder.cleanup);
    let clock = Date.parse('2026-02-01T00:00:00Z');
    const store = await openStore({ path: folder.db, now: () => new Date(clock), backupsKept: 2 });
    cleanups.push(() => store.close());
    store.ensureProfile('Ana');
    expect(await store.backupIfDue()).toMatch(/\.daily\.sqlite$/);
    expect(await store.backupIfDue()).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      clock += 1000;
      await store.backupNow();
    }
    const backups = store.listBackups();
    expect(backups.map((b) => b.reason)).toEqual(['daily', 'manual', 'manual']);
  });
});
