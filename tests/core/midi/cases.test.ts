/**
 * The MIDI input cases of issue 11 (tests/fixtures/midi-input, copied from shared/cases/midi-input),
 * each with the right result from their README, read and analysed end to end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../core/analysis/analyze';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { notesFromMessages } from '../../../core/midi/notes';
import { readSmf } from '../../../core/midi/smf';

const dir = join(import.meta.dirname, '../../fixtures/midi-input');
const read = (name: string) => readSmf(readFileSync(join(dir, name)));
const analyseFile = (name: string) => {
  const file = read(name);
  const analysis = analyze({ messages: file.messages, file: name, inputWarnings: file.warnings, includeNotes: true });
  analysisDocumentSchema.parse(analysis.document);
  return { file, analysis, document: analysis.document };
};

describe('midi-input cases', () => {
  const baseline = analyseFile('baseline-c-major-rh.mid');

  it('baseline: 15 notes, one take, unevenness ~4.6 ms, no events, no warnings', () => {
    const { document } = baseline;
    expect(document.source.notes).toBe(15);
    expect(document.takes).toHaveLength(1);
    expect(document.takes[0]?.exercise.id).toBe('scale-c-major-rh-1oct');
    expect(document.takes[0]?.unevennessMs).toBeCloseTo(4.6, 1);
    expect(document.takes[0]?.events).toEqual([]);
    expect(document.source.warnings).toEqual([]);
    expect(document.takes[0]?.warnings).toEqual([]);
  });

  it.each([
    ['running-status-after-meta.mid', /^track 1: running status carried across a meta or sysex event 1 time: kept in force/],
    ['running-status-after-sysex.mid', /^track 1: running status carried across a meta or sysex event 1 time: kept in force/],
  ])('%s reads like the baseline, with a warning that names the repair', (name, warning) => {
    const { file, document } = analyseFile(name);
    expect(file.repairs).toBe(1);
    expect(file.warnings.some((text) => warning.test(text))).toBe(true);
    expect(document.source.warnings?.some((text) => warning.test(text))).toBe(true);
    expect(notesFromMessages(file.messages).notes).toEqual(notesFromMessages(baseline.file.messages).notes);
    expect(document.takes).toEqual(baseline.document.takes);
  });

  it('repeated-note-restrike-before-release: 16 notes of ~203-212 ms, legato ~0 ms, no repairs', () => {
    const { file, document, analysis } = analyseFile('repeated-note-restrike-before-release.mid');
    const { notes, stats } = notesFromMessages(file.messages);
    expect(notes).toHaveLength(16);
    expect(notes.every((note) => note.pitch === 64)).toBe(true);
    for (const note of notes) {
      expect(note.offsetMs - note.onsetMs).toBeGreaterThanOrEqual(200); // README: "~203-212 ms"
      expect(note.offsetMs - note.onsetMs).toBeLessThanOrEqual(215);
    }
    expect(stats).toMatchObject({ retriggers: 0, orphanNoteOffs: 0, unreleased: 0, outOfOrder: 0 });
    expect(document.source).toMatchObject({ retriggers: 0, orphanNoteOffs: 0, unreleased: 0 });
    expect(document.takes[0]?.exercise.id).toBe('repeated-rh-3');
    // Legato: each note's release meets the next onset (a note-off at a re-strike is the older note's).
    for (const finger of document.takes[0]?.fingers ?? []) expect(Math.abs(finger.legatoOverlapMs.mean ?? Infinity)).toBeLessThan(1);
    const overlaps = analysis.takes[0]?.metrics.notes.flatMap((m) => (m.legatoOverlapMs === null ? [] : [m.legatoOverlapMs])) ?? [];
    expect(overlaps.length).toBeGreaterThanOrEqual(14);
    expect(overlaps.every((overlap) => Math.abs(overlap) < 1)).toBe(true);
  });

  it('track-length-too-long: every note read (stopped at End of Track, resynchronised on MTrk), with a warning', () => {
    const { file, document } = analyseFile('track-length-too-long.mid');
    expect(notesFromMessages(file.messages).notes).toEqual(notesFromMessages(baseline.file.messages).notes);
    expect(file.warnings.join('; ')).toMatch(/track 1: its chunk declares 15 bytes but End of Track comes at byte 33: stopped there and resynchronised on the next 'MTrk' at byte 33/);
    expect(document.takes).toEqual(baseline.document.takes);
  });

  it('timestamps-not-advancing: no timing metrics, no score, a clear warning; never "unevenness 0.0 ms"', () => {
    const { document } = analyseFile('timestamps-not-advancing.mid');
    const warning = 'The timestamps do not advance (all 15 notes at the same time), so timing cannot be measured.';
    expect(document.source.warnings).toContain(warning);
    for (const take of document.takes) {
      expect(take.unevennessMs).toBeNull();
      expect(take.bpm).toBeNull();
      expect(take.notesPerSecond).toBeNull();
      expect(take.hands.every((hand) => hand.ioiSdMs === null)).toBe(true);
      for (const finger of [...take.fingers, ...take.fingersByDirection]) {
        expect(finger.onsetDeviationMs).toEqual({ mean: null, sd: null });
        expect(finger.durationMs.mean).toBeNull();
        expect(finger.legatoOverlapMs.mean).toBeNull();
        expect(finger.velocity.mean).toBeGreaterThan(0); // velocity is still measured
      }
      expect(take.events.filter((event) => ['late', 'early', 'breakdown', 'stuck-key', 'co-activation', 'tremor'].includes(event.type))).toEqual([]);
      expect(take.warnings).toContain(warning);
    }
    expect(document.notes?.every((note) => note.deviationMs === null)).toBe(true);
    expect(document.repetitions).toEqual([]);
    expect(JSON.stringify(document)).not.toMatch(/"unevennessMs":0[,}]/);
  });

  it('format2-two-patterns: two takes one after the other, never laid on top of each other', () => {
    const { file, document } = analyseFile('format2-two-patterns.mid');
    const { notes, stats } = notesFromMessages(file.messages);
    expect(notes).toHaveLength(30);
    expect(stats.retriggers).toBe(0);
    expect(document.takes.map((take) => take.exercise.id)).toEqual(['scale-c-major-rh-1oct', 'scale-c-major-rh-1oct']);
    const [first, second] = document.takes;
    expect(second?.startMs).toBeGreaterThan(first?.endMs ?? Infinity);
    expect(document.takes.every((take) => take.extra === 0 && take.events.length === 0)).toBe(true);
    expect(document.source.warnings).toContain('format 2: played the 2 independent patterns one after another');
  });
});
