/**
 * `evenkeys exercises import|show|remove`, `evenkeys fingering`, and `analyze`/`record-file` with
 * imported exercises and own fingerings, run in-process on a temp database.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { hanon, getExercise, withFingering } from '../../../core/exercises';
import { exerciseToMusicXml } from '../../../core/musicxml';
import { messagesFromNotes, writeSmf } from '../../../core/midi/smf';
import { LATEST_SCHEMA_VERSION, openStore } from '../../../electron/store/index';
import { czernyMessages } from '../../support/czerny';
import { performRepetitions } from '../../support/performer';
import { tempFolder } from '../store/helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}

const BB = 'scale-bb-major-rh-1oct';
const BB_OWN = [4, 1, 2, 3, 1, 2, 3, 4, 3, 2, 1, 3, 2, 1, 4];

function setup() {
  const folder = tempFolder('evenkeys-ex15-');
  cleanups.push(folder.cleanup);
  const score = join(folder.dir, 'hanon21.musicxml');
  writeFileSync(score, exerciseToMusicXml({ ...hanon({ number: 21, hands: 'both' }), name: 'Hanon 21 (teacher)' }));
  const rhCapture = join(folder.dir, 'hanon21-rh.mid');
  writeFileSync(rhCapture, writeSmf(czernyMessages('hanon_21_rh.txt')));
  // A pianist who plays B-flat major from 4, with a late fourth finger.
  const bbOwn = withFingering(getExercise(BB)!, 'right', BB_OWN);
  const bbTake = join(folder.dir, 'bb.mid');
  writeFileSync(bbTake, writeSmf(messagesFromNotes(performRepetitions(bbOwn, 4, { seed: 7, fingers: { 'right-4': { biasMs: 25 } }, style: { jitterMs: 4 } }).notes)));
  return { ...folder, score, rhCapture, bbTake };
}

describe('exercises import / show / remove', () => {
  it('imports a MusicXML score, lists it with the library, shows it per hand; refusals store nothing', async () => {
    const { db, dir, score } = setup();
    const imported = await run('exercises', 'import', score, '--id', 'Teacher Hanon 21'.replace(/ /g, '_'), '--hand', 'right', '--db', db);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^Imported Teacher_Hanon_21: Hanon 21 \(teacher\) \(right hand 449 notes, all fingered\)/);

    const store = await openStore({ path: db, readOnly: true });
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.listImportedExercises().map((e) => [e.exercise.id, e.exercise.notes.length, e.sourceFile])).toEqual([['Teacher_Hanon_21', 449, 'hanon21.musicxml']]);
    store.close();

    const listed = await run('exercises', '--kind', 'imported', '--db', db);
    expect(listed.out).toMatch(/Teacher_Hanon_21\s+Hanon 21 \(teacher\)\s+449/);
    const all = await run('exercises', '--db', db, '--json');
    const ids = (JSON.parse(all.out) as { id: string }[]).map((e) => e.id);
    expect(ids).toContain('hanon-21-both');
    expect(ids.at(-1)).toBe('Teacher_Hanon_21');

    const shown = await run('exercises', 'show', 'Teacher_Hanon_21', '--db', db);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/Right hand, 449 notes \(printed fingering\):\n {2}fingers: 1,2,3,2,1,2,3,4,5,4,3,4,5,4,3,2,1/);
    expect(shown.out).not.toMatch(/Left hand/);

    // Refused, one line each, and nothing more stored.
    const cases: [string[], RegExp][] = [
      [['exercises', 'import', score, '--id', 'scale-c-major-rh-1oct', '--db', db], /'scale-c-major-rh-1oct' is a library exercise/],
      [['exercises', 'import', score, '--id', 'Teacher_Hanon_21', '--db', db], /was imported before/],
      [['exercises', 'import', score, '--hand', 'middle', '--db', db], /--hand must be right or left/],
      [['exercises', 'import', join(dir, 'missing.musicxml'), '--db', db], /no such file/],
    ];
    const entities = join(dir, 'lol.musicxml');
    writeFileSync(entities, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><score-partwise>&b;</score-partwise>');
    cases.push([['exercises', 'import', entities, '--db', db], /lol\.musicxml: the score declares its own entities/]);
    for (const [argv, message] of cases) {
      const refused = await run(...argv);
      expect(refused.code, argv.join(' ')).toBe(2);
      expect(refused.err).toMatch(message);
      expect(refused.err.trim().split('\n')).toHaveLength(1);
    }
    const fresh = join(dir, 'never.sqlite');
    expect((await run('exercises', 'import', entities, '--db', fresh)).code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
    const after = await openStore({ path: db, readOnly: true });
    expect(after.listImportedExercises()).toHaveLength(1);
    after.close();

    expect((await run('exercises', 'remove', 'Teacher_Hanon_21', '--db', db)).code).toBe(0);
    expect((await run('exercises', 'show', 'Teacher_Hanon_21', '--db', db)).err).toMatch(/unknown exercise 'Teacher_Hanon_21'/);
  });

  it('analyze FILE --exercise ID --db finds an imported exercise (real Hanon No. 21 capture)', async () => {
    const { db, score, rhCapture } = setup();
    expect((await run('exercises', 'import', score, '--id', 'h21-right', '--hand', 'right', '--db', db)).code).toBe(0);
    const result = await run('analyze', rhCapture, '--exercise', 'h21-right', '--db', db, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.out) as { takes: { exercise: { id: string }; matched: number; missed: number; wrong: number }[] };
    expect(doc.takes).toHaveLength(1);
    expect(doc.takes[0]).toMatchObject({ exercise: { id: 'h21-right' }, matched: 449, missed: 0, wrong: 0 });
    // Without the database the id is unknown.
    const without = await run('analyze', rhCapture, '--exercise', 'h21-right', '--db', join(setup().dir, 'none.sqlite'));
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/no Evenkeys database at/);
  });
});

describe('fingering set / show / clear and the analysis that uses it', () => {
  it('refuses a wrong count naming the count expected, then moves the late finger to 4 in analyze --profile', async () => {
    const { db, bbTake } = setup();
    const wrong = await run('fingering', 'set', BB, '--profile', 'Ana', '--hand', 'right', '--fingers', '4,1,2,3', '--db', db);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/has 15 right-hand notes, so the fingering needs 15 fingers \(got 4\)/);
    expect(existsSync(db)).toBe(false);
    const badFinger = await run('fingering', 'set', BB, '--profile', 'Ana', '--hand', 'right', '--fingers', '4,1,2,6', '--db', db);
    expect(badFinger.err).toMatch(/item 4 is '6'; fingers are 1 \(thumb\) to 5/);
    const set = await run('fingering', 'set', BB, '--profile', 'Ana', '--hand', 'right', '--fingers', BB_OWN.join(','), '--db', db);
    expect(set.code).toBe(0);
    expect(set.out).toMatch(/Ana's right-hand fingering of scale-bb-major-rh-1oct: 4,1,2,3,1,2,3,4,3,2,1,3,2,1,4 \(15 notes\)/);
    const shown = await run('fingering', 'show', BB, '--profile', 'Ana', '--db', db);
    expect(shown.out).toMatch(/right hand: own {3}4,1,2,3/);

    type Doc = { takes: { exercise: { fingering?: { right?: string; profile?: string } }; fingers: { hand: string; finger: number; count: number; onsetDeviationMs: { mean: number } }[] }[] };
    const lateness = (doc: Doc, finger: number): number => {
      const rows = doc.takes.flatMap((t) => t.fingers.filter((f) => f.hand === 'right' && f.finger === finger));
      return rows.reduce((s, r) => s + r.onsetDeviationMs.mean * r.count, 0) / rows.reduce((s, r) => s + r.count, 0);
    };
    const own = JSON.parse((await run('analyze', bbTake, '--exercise', BB, '--db', db, '--profile', 'Ana', '--json')).out) as Doc;
    const printed = JSON.parse((await run('analyze', bbTake, '--exercise', BB, '--db', db, '--json')).out) as Doc;
    expect(own.takes[0]?.exercise.fingering).toEqual({ right: 'own', profile: 'Ana' });
    expect(printed.takes[0]?.exercise.fingering).toBeUndefined();
    expect(lateness(own, 4) - lateness(own, 2)).toBeGreaterThan(15);
    expect(lateness(printed, 2) - lateness(printed, 1)).toBeGreaterThan(5);
    const text = await run('analyze', bbTake, '--exercise', BB, '--db', db, '--profile', 'Ana');
    expect(text.out).toMatch(/fingering: right hand: own \(Ana\)/);
    expect((await run('analyze', bbTake, '--db', db, '--profile', 'Nobody')).err).toMatch(/no profile 'Nobody'/);

    const cleared = await run('fingering', 'clear', BB, '--profile', 'Ana', '--hand', 'right', '--db', db);
    expect(cleared.out).toMatch(/printed fingering applies again/);
  });

  it('stored sessions use the pianist\'s fingering; earlier sessions are re-analysed with --reanalyse', async () => {
    const { db, bbTake } = setup();
    const recorded = await run('record-file', bbTake, '--profile', 'Ana', '--exercise', BB, '--db', db, '--json');
    expect(recorded.code).toBe(0);
    const sessionId = (JSON.parse(recorded.out) as { sessionId: number }).sessionId;
    const before = await openStore({ path: db, readOnly: true });
    expect(before.getAnalysis(sessionId)?.takes[0]?.exercise.fingering).toBeUndefined();
    before.close();

    const set = await run('fingering', 'set', BB, '--profile', 'Ana', '--hand', 'right', '--fingers', BB_OWN.join(' '), '--db', db, '--reanalyse');
    expect(set.out).toMatch(/Re-analysed 1 session\(s\) of Ana with it/);
    const after = await openStore({ path: db, readOnly: true });
    expect(after.getAnalysis(sessionId)?.takes[0]?.exercise.fingering).toEqual({ right: 'own', profile: 'Ana' });
    after.close();
    // analyze --session uses the session's own pianist's fingering.
    const session = await run('analyze', '--session', String(sessionId), '--db', db);
    expect(session.out).toMatch(/fingering: right hand: own \(Ana\)/);
  });

  it('record-file --exercise accepts an imported id', async () => {
    const { db, score, rhCapture } = setup();
    await run('exercises', 'import', score, '--id', 'h21', '--hand', 'right', '--db', db);
    const recorded = await run('record-file', rhCapture, '--profile', 'Ben', '--exercise', 'h21', '--db', db, '--json');
    expect(recorded.code).toBe(0);
    const store = await openStore({ path: db, readOnly: true });
    const take = store.getAnalysis((JSON.parse(recorded.out) as { sessionId: number }).sessionId)?.takes[0];
    expect(take).toMatchObject({ exercise: { id: 'h21' }, matched: 449 });
    store.close();
  });
});
