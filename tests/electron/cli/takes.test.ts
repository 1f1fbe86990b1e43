/**
 * `evenkeys takes set-hand` and `analyze --hand` (issue 12): a single line cannot always be told
 * apart by pitch, so the pianist says which hand played, and the session is reanalysed with it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/library';
import { writeSmf } from '../../../core/midi/smf';
import { perform } from '../../support/performer';
import { runCli } from '../../support/cli';
import { openStore } from '../../../electron/store/index';

const fixture = 'tests/fixtures/midi/c-major-2-octaves-rh.mid';

const run = runCli;

describe('evenkeys takes set-hand', () => {
  it('marks a one-hand take "(hand uncertain)", corrects it, and keeps the correction through reanalysis', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-hands-')), 'e.sqlite');
    expect((await run('record-file', fixture, '--profile', 'Ana', '--db', db)).code).toBe(0);
    const before = await run('analyze', '--session', '1', '--db', db);
    expect(before.stdout).toMatch(/Take 1: C major scale, right hand, 2 octaves \(scale-c-major-rh-2oct\) \(hand uncertain\)/);
    expect(before.stdout).toMatch(/takes set-hand --session ID --take 1 --hand left/);

    const set = await run('takes', 'set-hand', '--session', '1', '--take', '1', '--hand', 'left', '--db', db);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/take 1: C major scale, left hand, 2 octaves \(scale-c-major-lh-2oct\)/);

    const after = analysisDocumentSchema.parse(JSON.parse((await run('analyze', '--session', '1', '--db', db, '--json')).stdout));
    const take = after.takes[0];
    expect(take?.exercise.id).toBe('scale-c-major-lh-2oct');
    expect(take?.handUncertain).toBe(false);
    expect(take?.handConfidence).toBe(1);
    // Left-hand fingering now: C major LH ascending starts on 5.
    expect(take?.fingers.every((f) => f.hand === 'left')).toBe(true);

    // The stored analysis says the same after a reanalysis from the raw log.
    const store = await openStore({ path: db });
    try {
      expect(store.reanalyse(1)?.takes[0]?.exercise.id).toBe('scale-c-major-lh-2oct');
      expect(store.listHandCorrections(1)).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('refuses bad arguments with one line and exit 2', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-hands-')), 'e.sqlite');
    expect((await run('record-file', fixture, '--profile', 'Ana', '--db', db)).code).toBe(0);
    for (const argv of [
      ['takes', 'set-hand', '--session', '1', '--take', '1', '--hand', 'both', '--db', db],
      ['takes', 'set-hand', '--session', '1', '--take', '9', '--hand', 'left', '--db', db],
      ['takes', 'set-hand', '--session', 'x', '--take', '1', '--hand', 'left', '--db', db],
      ['takes', 'flip', '--db', db],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('names a missing or hands-together take by the number the pianist typed (from 1), not its 0-based index', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-hands-')), 'e.sqlite');
    expect((await run('record-file', fixture, '--profile', 'Ana', '--db', db)).code).toBe(0);
    const missing = await run('takes', 'set-hand', '--session', '1', '--take', '9', '--hand', 'left', '--db', db);
    expect(missing.stderr).toBe('evenkeys takes: Session 1 has no take 9 (it has 1).\n');
    const bothFile = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-hands-')), 'both.mid');
    const exercise = getExercise('scale-c-major-both-1oct');
    if (exercise === undefined) throw new Error('missing exercise');
    writeFileSync(bothFile, writeSmf(perform(exercise, { seed: 4 }).notes));
    expect((await run('record-file', bothFile, '--profile', 'Ana', '--exercise', 'scale-c-major-both-1oct', '--db', db)).code).toBe(0);
    const both = await run('takes', 'set-hand', '--session', '2', '--take', '1', '--hand', 'left', '--db', db);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('evenkeys takes: Take 1 of session 2 is played hands together.\n');
  });
});

describe('a corrected hand travels in a bundle', () => {
  it("export, then import on the teacher's side: the teacher's copy is analysed with the pianist's correction", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evenkeys-cli-hands-'));
    const db = join(dir, 'ana.sqlite');
    const teacher = join(dir, 'teacher.sqlite');
    const bundle = join(dir, 'ana.bundle');
    expect((await run('record-file', fixture, '--profile', 'Ana', '--db', db)).code).toBe(0);
    expect((await run('takes', 'set-hand', '--session', '1', '--take', '1', '--hand', 'left', '--db', db)).code).toBe(0);
    const exported = await run('export', '--profile', 'Ana', '--out', bundle, '--db', db);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/, 1 hand correction \(bundle version 2: an Evenkeys too old to read it says so\)\./);
    const imported = await run('import', bundle, '--db', teacher);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/1 hand correction applied\.\n$/);
    const copy = analysisDocumentSchema.parse(JSON.parse((await run('analyze', '--session', '1', '--db', teacher, '--json')).stdout));
    expect(copy.takes[0]).toMatchObject({ exercise: { id: 'scale-c-major-lh-2oct' }, handSource: 'corrected', handUncertain: false });
    const again = JSON.parse((await run('import', bundle, '--db', teacher, '--json')).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ sessionsAdded: 0, handCorrectionsAdded: 0, handCorrectionsAlreadyHere: 1 });
    expect(again).not.toHaveProperty('correctedSessionIds');
  });
});

describe('evenkeys analyze --hand', () => {
  it('states the hand up front: no flag, the given hand', async () => {
    const left = analysisDocumentSchema.parse(JSON.parse((await run('analyze', fixture, '--hand', 'left', '--json')).stdout));
    expect(left.takes[0]?.exercise.id).toBe('scale-c-major-lh-2oct');
    expect(left.takes[0]?.handUncertain).toBe(false);
    const right = analysisDocumentSchema.parse(JSON.parse((await run('analyze', fixture, '--hand', 'right', '--json')).stdout));
    expect(right.takes[0]?.exercise.id).toBe('scale-c-major-rh-2oct');
    expect((await run('analyze', fixture, '--hand', 'middle')).code).toBe(2);
    const conflict = await run('analyze', fixture, '--hand', 'left', '--exercise', 'scale-c-major-rh-2oct');
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/right hand, not the left hand/);
  });
});
