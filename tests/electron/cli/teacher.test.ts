/**
 * The teacher commands end to end on real files: export / import (and refusals that change
 * nothing), report --csv loaded into DuckDB, report --pdf through Chromium, take-midi, delete.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { readSmf } from '../../../core/midi/smf';
import { main } from '../../../electron/cli/main';
import { openStore } from '../../../electron/store/index';
import { studentStore } from '../bundle/helpers';
import { sha256, tempFolder } from '../store/helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function setup() {
  const f = tempFolder('evenkeys-teacher-cli-');
  cleanups.push(f.cleanup);
  const { store } = await studentStore(join(f.dir, 'ana.sqlite'));
  store.close();
  return { dir: f.dir, student: join(f.dir, 'ana.sqlite'), teacher: join(f.dir, 'teacher.sqlite') };
}

describe('evenkeys export / import', () => {
  it('exports, imports into a fresh database, and a second import adds nothing', async () => {
    const { dir, student, teacher } = await setup();
    const bundle = join(dir, 'ana.bundle.anything');
    const exported = await run(['export', '--profile', 'Ana', '--out', bundle, '--db', student]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/^Wrote .*: Ana, 3 sessions \(2025-12-20 to 2026-11-20\), [\d,]+ MIDI messages, 1 device gap, 0 metronome clicks, 3 annotations\.\nNot encrypted/);
    const first = await run(['import', bundle, '--db', teacher]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Created read-only profile 'Ana': 3 sessions added, [\d,]+ MIDI messages, 3 annotations added\.\n$/);
    const second = await run(['import', bundle, '--db', teacher, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ sessionsAdded: 0, sessionsAlreadyHere: 3, annotationsAdded: 0, rawEventsAdded: 0 });
    // `sessions` works on the imported profile.
    const sessions = await run(['sessions', '--profile', 'Ana', '--db', teacher, '--json']);
    expect(JSON.parse(sessions.stdout)).toHaveLength(3);
  });

  it('a bad bundle or a clash: exit 2, one line, database unchanged; --as and passphrases work', async () => {
    const { dir, student, teacher } = await setup();
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'correct horse battery staple\n');
    const sealed = join(dir, 'ana.sealed');
    expect((await run(['export', '--profile', 'Ana', '--out', sealed, '--passphrase-file', pass, '--db', student])).code).toBe(0);
    const local = await openStore({ path: teacher, dailyBackup: false });
    local.createProfile({ name: 'Ana' });
    local.close();
    const before = sha256(teacher);

    const garbage = join(dir, 'garbage.zip');
    writeFileSync(garbage, 'PK\u0003\u0004 definitely not a zip');
    for (const args of [['import', garbage], ['import', sealed], ['import', sealed, '--passphrase-file', pass]]) {
      const result = await run([...args, '--db', teacher]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
    expect((await run(['import', garbage, '--db', teacher])).stderr).toMatch(/^evenkeys import: .*garbage\.zip: the bundle is not a complete zip archive \(no central directory\) \(nothing was imported\)\n$/);
    expect((await run(['import', sealed, '--db', teacher])).stderr).toMatch(/encrypted: give its passphrase/);
    expect((await run(['import', sealed, '--passphrase-file', pass, '--db', teacher])).stderr).toMatch(/a profile named 'Ana' already exists here; import under another name with --as NAME/);
    expect(sha256(teacher)).toBe(before);

    const renamed = await run(['import', sealed, '--passphrase-file', pass, '--as', 'Ana (student)', '--db', teacher]);
    expect(renamed.stdout).toMatch(/^Created read-only profile 'Ana \(student\)': 3 sessions added/);
    // The same student again under another name: it goes into the profile they are already in,
    // and the unused --as is said, not silently dropped.
    const again = await run(['import', sealed, '--passphrase-file', pass, '--as', 'Someone else', '--db', teacher]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Into profile 'Ana \(student\)': 0 sessions added \(3 already here\)/);
    expect(again.stderr).toBe("evenkeys import: note: this bundle's pianist is already here as 'Ana (student)', so --as 'Someone else' was not used\n");
  });

  it('a refused bundle creates no database where there was none (the teacher names a new --db)', async () => {
    const { dir, student } = await setup();
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'correct horse battery staple\n');
    const sealed = join(dir, 'ana.sealed');
    expect((await run(['export', '--profile', 'Ana', '--out', sealed, '--passphrase-file', pass, '--db', student])).code).toBe(0);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, 'not the passphrase at all\n');
    for (const [i, args] of [['import', text], ['import', sealed], ['import', sealed, '--passphrase-file', wrong]].entries()) {
      const fresh = join(dir, `fresh-${i}.sqlite`);
      const result = await run([...args, '--db', fresh]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/\(nothing was imported\)\n$/);
      expect(existsSync(fresh), `${args.join(' ')} left ${fresh}`).toBe(false);
    }
    const fresh = join(dir, 'fresh.sqlite');
    expect((await run(['import', sealed, '--passphrase-file', pass, '--db', fresh])).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });

  it('works straight from bin/evenkeys.mjs (no build step): exit 2 and one line for a bad bundle', async () => {
    const { dir, teacher } = await setup();
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'hello');
    const result = spawnSync(process.execPath, ['bin/evenkeys.mjs', 'import', bad, '--db', teacher], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`evenkeys import: ${bad}: not an Evenkeys bundle (neither a zip archive nor an encrypted bundle) (nothing was imported)\n`);
  }, 30_000);
});

describe('evenkeys report / take-midi / delete', () => {
  it('report --csv writes takes and notes that load into DuckDB with typed columns', async () => {
    const { dir, student } = await setup();
    const out = join(dir, 'ana.csv');
    const result = await run(['report', '--profile', 'Ana', '--csv', out, '--from', '2026-01-01', '--db', student]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Wrote .*ana\.csv \(2 takes\) and .*ana\.notes\.csv \([\d,]+ notes\)\.\n$/);
    const header = readFileSync(out, 'utf8').split('\n')[0] ?? '';
    expect(header).toContain('unevenness_ms');
    expect(header).toContain('velocity_cv_pct_R4');

    const duck = await DuckDBInstance.create(':memory:');
    const db = await duck.connect();
    const takes = await db.runAndReadAll(`SELECT count(*)::INTEGER AS n, typeof(any_value(unevenness_ms)) AS t, typeof(any_value(session_started_at_utc)) AS d FROM read_csv_auto('${out}')`);
    expect(takes.getRowObjects()[0]).toEqual({ n: 2, t: 'DOUBLE', d: 'TIMESTAMP WITH TIME ZONE' });
    const joined = await db.runAndReadAll(
      `SELECT t.session_uid, count(*)::INTEGER AS notes, avg(n.velocity_midi) AS velocity
       FROM read_csv_auto('${out}') t JOIN read_csv_auto('${out.replace('.csv', '.notes.csv')}') n ON n.session_uid = t.session_uid AND n.take_index = t.take_index
       GROUP BY t.session_uid ORDER BY t.session_uid`,
    );
    const rows = joined.getRowObjects();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Number(row.notes)).toBeGreaterThan(20);
    db.closeSync();
  }, 30_000);

  it('report --pdf prints the template through Chromium; without a browser it says what to install', async () => {
    const { dir, student } = await setup();
    const out = join(dir, 'ana.pdf');
    const result = await run(['report', '--profile', 'Ana', '--pdf', out, '--db', student]);
    expect(result.stderr).toBe('');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const saved = process.env.EVENKEYS_CHROMIUM;
    process.env.EVENKEYS_CHROMIUM = join(dir, 'no-such-browser');
    try {
      const missing = await run(['report', '--profile', 'Ana', '--pdf', join(dir, 'x.pdf'), '--db', student]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe('evenkeys report: printing a PDF needs a Chromium-based browser: install Chromium (apt-get install chromium), Google Chrome or Microsoft Edge, or set EVENKEYS_CHROMIUM=/path/to/browser\n');
      expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.EVENKEYS_CHROMIUM;
      else process.env.EVENKEYS_CHROMIUM = saved;
    }
  }, 60_000);

  it('take-midi writes the take as an SMF starting at 0 with every note of the take', async () => {
    const { dir, student } = await setup();
    const store = await openStore({ path: student, readOnly: true });
    const take = store.getAnalysis(1)?.takes[0];
    const notesInTake = (store.getAnalysis(1)?.notes ?? []).filter((n) => n.take === 0).length;
    store.close();
    const out = join(dir, 'take.mid');
    expect((await run(['take-midi', '--session', '1', '--take', '1', '--out', out, '--db', student])).code).toBe(0);
    const smf = readSmf(readFileSync(out));
    const onsets = smf.messages.filter((m) => (m.bytes[0] ?? 0) >> 4 === 9 && (m.bytes[2] ?? 0) > 0);
    expect(take).toBeDefined();
    expect(onsets.length).toBe(notesInTake);
    expect(onsets[0]?.timeMs).toBeCloseTo(0, 3);
    expect((await run(['take-midi', '--session', '1', '--take', '9', '--out', out, '--db', student])).stderr).toMatch(/has no take 9/);
  });

  it('delete asks for --yes, keeps a backup for a session, and removes a profile everywhere', async () => {
    const { student } = await setup();
    const ask = await run(['delete', '--session', '3', '--db', student]);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/^This would delete session 3 of Ana .* Run again with --yes to delete it\.\n$/);
    const done = await run(['delete', '--session', '3', '--yes', '--db', student]);
    expect(done.stdout).toMatch(/^Deleted session 3 of Ana .*Backup: .*pre-delete\.sqlite\n$/);
    expect((await run(['delete', '--profile', 'Ana', '--db', student])).stderr).toMatch(/permanently delete the profile 'Ana' with 2 sessions/);
    expect((await run(['delete', '--profile', 'Ana', '--yes', '--db', student])).stdout).toBe("Deleted 'Ana': 2 sessions; removed from 2 backups.\n");
    expect((await run(['sessions', '--profile', 'Ana', '--db', student])).stderr).toMatch(/no profile named 'Ana'/);
  });
});
