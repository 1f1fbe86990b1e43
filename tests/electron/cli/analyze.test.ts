import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/library';
import { readSmf, writeSmf } from '../../../core/midi/smf';
import { notesFromMessages } from '../../../core/midi/notes';
import { runCli } from '../../support/cli';
import { injectFaults } from '../../support/faults';
import { performRepetitions } from '../../support/performer';

const fixture = 'tests/fixtures/midi/c-major-2-octaves-rh.mid';

const run = runCli;

/**
 * A recording with a dystonia-like right-hand 4th finger (systematically late and weak: a
 * metric) and, in each take, one planted co-activation of a neighbouring key (an event).
 */
function writeRecording(): string {
  const exercise = getExercise('clinical-scale-rh');
  if (!exercise) throw new Error('clinical-scale-rh missing');
  const clean = performRepetitions(exercise, 3, {
    seed: 7,
    fingers: { 'right-4': { biasMs: 45, velocityMean: 45 } },
  });
  const { performance } = injectFaults(clean, { seed: 8, perTake: 1, types: ['co-activation'] });
  const grid = 0.1;
  const notes = performance.notes.map((note) => ({
    ...note,
    onsetMs: Math.round(note.onsetMs / grid) * grid,
    offsetMs: Math.round(note.offsetMs / grid) * grid,
  }));
  const path = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-')), 'clinical.mid');
  writeFileSync(path, writeSmf(notes));
  return path;
}

describe('evenkeys analyze', () => {
  it('prints exactly one schema-valid JSON document with --json, the warnings only on stderr', async () => {
    const { code, stdout, stderr } = await run('analyze', fixture, '--json');
    expect(code).toBe(0);
    // This fixture is machine-written: every onset on a 125 ms grid, no human timing in it.
    const warning = 'Every note falls on a 125 ms grid (a coarse or quantised clock), too coarse to measure timing.';
    expect(stderr).toBe(`evenkeys analyze: ${fixture}: ${warning}\n`);
    expect(JSON.parse(stdout).source.warnings).toEqual([warning]);
    const document = analysisDocumentSchema.parse(JSON.parse(stdout));
    expect(document.source).toMatchObject({ file: fixture, notes: 29, pedalEvents: 2 });
    expect(document.notes).toBeUndefined();
    expect(document.takes.map((take) => take.exercise.id)).toEqual(['scale-c-major-rh-2oct']);
  });

  it('--notes lists the assembled notes with their exact timestamps and fingers', async () => {
    const { stdout } = await run('analyze', fixture, '--json', '--notes');
    const document = analysisDocumentSchema.parse(JSON.parse(stdout));
    const { notes } = notesFromMessages(readSmf(execFileSync('cat', [fixture])).messages);
    expect(document.notes?.map((note) => note.timeMs)).toEqual(notes.map((note) => note.onsetMs));
    expect(document.notes?.every((note, i) => Object.is(note.timeMs, notes[i]?.onsetMs))).toBe(true);
    expect(document.notes?.slice(0, 8).map((note) => note.finger)).toEqual([1, 2, 3, 1, 2, 3, 4, 1]);
    expect(document.notes?.every((note) => note.take === 0 && note.hand === 'right')).toBe(true);
  });

  it('finds a late, weak finger in a recorded clinical scale test', async () => {
    const path = writeRecording();
    const { code, stdout } = await run('analyze', path, '--json');
    expect(code).toBe(0);
    const document = analysisDocumentSchema.parse(JSON.parse(stdout));
    expect(document.takes).toHaveLength(3);
    for (const take of document.takes) {
      expect(take.exercise).toMatchObject({ key: 'C', mode: 'major', hands: 'right', octaves: 2 });
      expect(take.matched).toBe(29);
      expect(take.missed).toBe(0);
      expect(take.notesPerSecond).toBeCloseTo(8, 0);
      const ring = take.fingers.find((finger) => finger.hand === 'right' && finger.finger === 4);
      const others = take.fingers.filter((finger) => finger.finger !== 4);
      expect(ring?.onsetDeviationMs.mean).toBeGreaterThan(25);
      expect(Math.max(...others.map((finger) => finger.onsetDeviationMs.mean ?? Number.NaN))).toBeLessThan(10);
      expect(ring?.velocity.mean).toBeLessThan(55);
      expect(take.unevennessMs).toBeGreaterThan(take.hands.length > 0 ? 10 : 0);
    }
    const events = document.takes.flatMap((take) => take.events);
    expect(events.filter((event) => event.type === 'co-activation')).toHaveLength(3);
    // Three repetitions: the late 4th finger is systematic, so it shows as irregularity.
    expect(document.repetitions).toHaveLength(1);
    const [repetitions] = document.repetitions;
    expect(repetitions).toMatchObject({ exerciseId: 'scale-c-major-rh-2oct', takes: 3 });
    const ringPositions = repetitions?.positions.filter((position) => position.finger === 4) ?? [];
    expect(ringPositions.length).toBe(4);
    expect(Math.min(...ringPositions.map((position) => position.irregularityMs))).toBeGreaterThan(20);
  });

  it('prints a per-finger table and the events for people', async () => {
    const { code, stdout } = await run('analyze', writeRecording());
    expect(code).toBe(0);
    expect(stdout).toMatch(/Take 1: C major scale, right hand, 2 octaves/);
    expect(stdout).toMatch(/hand\s+finger\s+n\s+mean dev ms\s+SD ms\s+vel mean\s+vel SD/);
    expect(stdout).toMatch(/RH\s+4\s+\d+\s+\+\d\d\.\d/);
    expect(stdout).toMatch(/Events \(\d+\):/);
    expect(stdout).toMatch(/co-activation\s+RH \d/);
  });

  it('forces an exercise with --exercise ID', async () => {
    const { stdout } = await run('analyze', fixture, '--json', '--exercise', 'scale-c-major-rh-1oct');
    const document = analysisDocumentSchema.parse(JSON.parse(stdout));
    expect(document.takes[0]?.exercise.id).toBe('scale-c-major-rh-1oct');
  });

  it.each([
    [[], /usage/],
    [['analyze'], /expected one MIDI file/],
    [['analyze', fixture, '--bogus'], /bogus/],
    [['analyze', 'missing.mid'], /missing\.mid: no such file/],
    [['analyze', 'package.json'], /not a Standard MIDI File/],
    [['analyze', 'tests'], /is a directory/],
    [['analyze', fixture, '--exercise', 'scale-h-major'], /unknown exercise 'scale-h-major'/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with one line for bad input: %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect(code).toBe(2);
    const text = argv.length === 0 ? stdout : stderr;
    expect(text).toMatch(message);
    if (argv.length > 0) {
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('runs as a real process: JSON on stdout, exit 2 and one stderr line on error', () => {
    const ok = spawnSync(process.execPath, ['bin/evenkeys.mjs', 'analyze', fixture, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(analysisDocumentSchema.parse(JSON.parse(ok.stdout)).source.notes).toBe(29);
    const bad = spawnSync(process.execPath, ['bin/evenkeys.mjs', 'analyze', 'missing.mid'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual(['evenkeys analyze: missing.mid: no such file']);
  });
});

describe('evenkeys exercises', () => {
  it('lists every exercise id, and filters by kind', async () => {
    const all = await run('exercises', '--json');
    const ids = (JSON.parse(all.stdout) as { id: string }[]).map((exercise) => exercise.id);
    expect(ids).toContain('clinical-scale-rh');
    expect(ids).toContain('scale-c-major-rh-2oct');
    const trills = await run('exercises', '--kind', 'trill');
    expect(trills.stdout).toMatch(/trill-rh-3-4/);
    expect(trills.stdout).not.toMatch(/scale-c-major/);
    expect((await run('exercises', '--kind', 'waltz')).code).toBe(2);
  });
});

describe('evenkeys analyze --session', () => {
  it('analyses a stored session from its raw log, identical to analysing the file', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-db-')), 'e.sqlite');
    const recorded = await run('record-file', fixture, '--profile', 'Ana', '--db', db);
    expect(recorded.code).toBe(0);
    const fromStore = await run('analyze', '--session', '1', '--db', db, '--json', '--notes');
    const fromFile = await run('analyze', fixture, '--json', '--notes');
    const stored = analysisDocumentSchema.parse(JSON.parse(fromStore.stdout));
    const direct = analysisDocumentSchema.parse(JSON.parse(fromFile.stdout));
    expect(stored.source.file).toBe('session 1');
    expect({ ...stored, source: { ...stored.source, file: '' } }).toEqual({ ...direct, source: { ...direct.source, file: '' } });
    const missing = await run('analyze', '--session', '9', '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no session 9/);
    expect((await run('analyze', fixture, '--session', '1', '--db', db)).code).toBe(2);
  });
});

describe('evenkeys analyze --session, read-only and with the recorded exercise', () => {
  it('uses the exercise the session was recorded for, and never writes to the database', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'evenkeys-cli-db-')), 'e.sqlite');
    expect((await run('record-file', fixture, '--profile', 'Ana', '--exercise', 'scale-c-major-rh-1oct', '--db', db)).code).toBe(0);
    const before = execFileSync('sha256sum', [db], { encoding: 'utf8' });
    const { code, stdout } = await run('analyze', '--session', '1', '--db', db, '--json');
    expect(code).toBe(0);
    const document = analysisDocumentSchema.parse(JSON.parse(stdout));
    expect(document.takes[0]?.exercise.id).toBe('scale-c-major-rh-1oct');
    expect(execFileSync('sha256sum', [db], { encoding: 'utf8' })).toBe(before);
    const forced = analysisDocumentSchema.parse(JSON.parse((await run('analyze', '--session', '1', '--db', db, '--json', '--exercise', 'auto')).stdout));
    expect(forced.takes[0]?.exercise.id).toBe('scale-c-major-rh-2oct');
  });
});
