/**
 * Faults of the input, not of the pianist (issue 11): clocks that cannot be trusted, and a
 * keyboard that went away mid-take. Each kind in several variants, on performed (human-like)
 * scales, through the whole analysis.
 */
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../core/analysis/analyze';
import type { DeviceGapSpan } from '../../../core/analysis/input-faults';
import { TIMING_EVENT_TYPES } from '../../../core/analysis/input-faults';
import type { AnalysisDocument } from '../../../core/api/analysis';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { getExercise } from '../../../core/exercises/library';
import { backwardJumps, clockFaults, clockGridStepMs } from '../../../core/midi/clock';
import { messagesFromNotes } from '../../../core/midi/smf';
import type { RawMidiMessage } from '../../../core/midi/types';
import { performRepetitions } from '../../support/performer';

const exercise = getExercise('scale-c-major-rh-2oct');
if (!exercise) throw new Error('scale-c-major-rh-2oct missing');

/** Two takes of a two-octave scale by a human-like performer, as raw messages (float times). */
function recording(seed = 3, startMs = 20_000.37): RawMidiMessage[] {
  const performance = performRepetitions(exercise as NonNullable<typeof exercise>, 2, { seed, startMs });
  return messagesFromNotes(performance.notes);
}

const analyse = (messages: readonly RawMidiMessage[], deviceGaps?: readonly DeviceGapSpan[]): AnalysisDocument => {
  const document = analyzeRecording({ messages, file: 'test', includeNotes: true, ...(deviceGaps ? { deviceGaps } : {}) });
  analysisDocumentSchema.parse(document);
  return document;
};

function expectNoTiming(document: AnalysisDocument): void {
  expect(document.takes.length).toBeGreaterThan(0);
  for (const take of document.takes) {
    expect(take.unevennessMs).toBeNull();
    expect(take.hands.every((hand) => hand.ioiSdMs === null)).toBe(true);
    for (const finger of [...take.fingers, ...take.fingersByDirection]) {
      expect(finger.onsetDeviationMs).toEqual({ mean: null, sd: null });
      expect(finger.velocity.mean).toBeGreaterThan(0);
    }
    expect(take.events.filter((event) => TIMING_EVENT_TYPES.has(event.type as never))).toEqual([]);
    expect(take.warnings?.length).toBeGreaterThan(0);
  }
  expect(document.notes?.every((note) => note.deviationMs === null)).toBe(true);
  expect(document.repetitions).toEqual([]);
}

function expectTiming(document: AnalysisDocument): void {
  expect(document.takes.length).toBe(2);
  for (const take of document.takes) {
    expect(take.unevennessMs).toBeGreaterThan(0);
    expect(take.warnings).toEqual([]);
  }
}

describe('coarse or quantised clocks', () => {
  const clean = recording();

  it('a fine clock is measured (float, 0.1 ms, 1 ms and 4 ms steps)', () => {
    expectTiming(analyse(clean));
    for (const step of [0.1, 1, 4]) {
      const document = analyse(clean.map((m) => ({ ...m, timeMs: Math.round(m.timeMs / step) * step })));
      expectTiming(document);
      expect(document.source.warnings).toEqual([]);
    }
  });

  it.each([5, 8, 10, 16.666666666666668, 20, 50, 100])('a %s ms clock gives no timing, with the grid named', (step) => {
    // Floor, as a clock that ticks every `step` ms does; an offset origin, as performance.now() has.
    const origin = 1234.5;
    const messages = clean.map((m) => ({ ...m, timeMs: origin + Math.floor((m.timeMs - origin) / step) * step }));
    const document = analyse(messages);
    expectNoTiming(document);
    const named = step === 16.666666666666668 ? '16.7' : String(step);
    expect(document.source.warnings).toContain(`Every note falls on a ${named} ms grid (a coarse or quantised clock), too coarse to measure timing.`);
  });

  it('bursts (messages delivered in batches that share one timestamp) on a coarse clock', () => {
    // A driver that hands over everything every 30 ms, stamped with the batch time.
    const messages = clean.map((m) => ({ ...m, timeMs: Math.ceil(m.timeMs / 30) * 30 }));
    expectNoTiming(analyse(messages));
    expect(clockGridStepMs(messages.map((m) => m.timeMs))).toBe(30);
  });

  it('a file quantised by notation software (every onset on the sixteenth grid) has no human timing', () => {
    const perfect = performRepetitions(exercise, 1, { seed: 1, startMs: 1000 }).notes;
    const sixteenth = 60_000 / exercise.bpm / exercise.subdivision;
    const quantised = perfect.map((note) => {
      const onsetMs = Math.round(note.onsetMs / sixteenth) * sixteenth;
      return { ...note, onsetMs, offsetMs: onsetMs + sixteenth * 0.9 };
    });
    const document = analyse(messagesFromNotes(quantised));
    expect(document.takes[0]?.unevennessMs).toBeNull();
    expect(document.source.warnings?.[0]).toMatch(/grid \(a coarse or quantised clock\)/);
  });

  it('needs enough intervals before it believes in a grid', () => {
    expect(clockGridStepMs([0, 100, 200])).toBeNull();
    expect(clockGridStepMs([0, 100, 200, 300, 400, 500, 600, 700, 800])).toBe(100);
    expect(clockGridStepMs([0, 101.3, 208.9, 311.2, 420, 523.7, 630.1, 741.4, 850.2])).toBeLessThan(5);
  });
});

describe('timestamps that do not advance', () => {
  const clean = recording();
  it.each([
    ['all at 0', () => 0],
    ['all at one arbitrary time', () => 98_765.4],
    ['two batches', (m: RawMidiMessage) => (m.timeMs < 25_000 ? 5000 : 9000)],
  ])('%s: no timing, no tempo, a plain sentence', (_name, time) => {
    const document = analyse(clean.map((m) => ({ ...m, timeMs: time(m) })));
    expect(document.source.warnings?.[0]).toMatch(/^The timestamps (do not|barely) advance/);
    for (const take of document.takes) {
      expect(take.bpm).toBeNull();
      expect(take.unevennessMs).toBeNull();
    }
    if (document.takes.length > 0) expectNoTiming(document);
  });
});

describe('a clock that jumps backwards', () => {
  it('mid-take: the takes it touches get no timing; the jump is named', () => {
    const clean = recording();
    const cut = Math.floor(clean.length / 4); // inside the first take
    const messages = clean.map((m, i) => (i >= cut ? { ...m, timeMs: m.timeMs - 3000 } : m));
    expect(backwardJumps(messages)).toHaveLength(1);
    const document = analyse(messages);
    expect(document.source.warnings?.some((text) => /^The clock jumped back 3000 ms/.test(text) || /^The clock jumped back \d+(\.\d)? ms/.test(text))).toBe(true);
    for (const take of document.takes.filter((t) => t.startMs <= (clean[cut - 1]?.timeMs ?? 0))) {
      expect(take.unevennessMs).toBeNull();
      expect(take.warnings?.some((text) => text.startsWith('The clock jumped back'))).toBe(true);
    }
  });

  it('small reorderings (merged ports, a few ms) are sorted, not reported', () => {
    const clean = recording();
    const messages = clean.map((m, i) => (i % 10 === 5 ? { ...m, timeMs: m.timeMs + 3 } : m));
    expect(backwardJumps(messages)).toEqual([]);
    expect(clockFaults([], messages)).toEqual([]);
    expectTiming(analyse(messages));
  });
});

describe('device gaps', () => {
  const performance = performRepetitions(exercise, 1, { seed: 9, startMs: 5000 });
  const notes = performance.notes;
  const messages = messagesFromNotes(notes);
  const k = 12;
  const before = notes[k] as (typeof notes)[number];
  const after = notes[k + 6] as (typeof notes)[number];
  const withGap = (startMs: number, endMs: number | null) => messages.filter((m) => m.timeMs <= startMs || (endMs !== null && m.timeMs >= endMs));

  it('without a held note: no breakdown charged to a finger, the take marked, the gap reported', () => {
    // Unplugged after note k was released; the notes played while it was away never arrived.
    const gap = { startMs: before.offsetMs + 5, endMs: after.onsetMs - 5 };
    const input = messagesFromNotes(notes.filter((note) => note.onsetMs <= before.onsetMs || note.onsetMs >= after.onsetMs));
    const blind = analyse(input);
    // Without the gap the stop is (wrongly) charged to a finger: this test can fail.
    expect(blind.takes.flatMap((take) => take.events).filter((event) => event.type === 'breakdown').length).toBeGreaterThan(0);
    const document = analyse(input, [gap]);
    const events = document.takes.flatMap((take) => take.events);
    expect(events.filter((event) => event.type === 'breakdown')).toEqual([]);
    expect(events.filter((event) => event.type === 'missed-note' && event.timeMs >= gap.startMs && event.timeMs <= gap.endMs)).toEqual([]);
    expect(document.source.deviceGaps).toEqual([{ ...gap, heldNotes: 0 }]);
    expect(document.source.warnings?.some((text) => /^The keyboard was away for \d+\.\d s from 5?\d+\.\d s/.test(text))).toBe(true);
    const interrupted = document.takes.filter((take) => take.interruptedByDevice);
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.every((take) => take.warnings?.some((text) => text.includes('not the pianist')))).toBe(true);
    // Notes due while the keyboard was away are not counted as missed.
    expect(document.takes.reduce((sum, take) => sum + take.missed, 0)).toBeLessThan(blind.takes.reduce((sum, take) => sum + take.missed, 0) + 1);
  });

  it('with a held note: it is closed at the disconnect and flagged; its late note-off is an orphan', () => {
    const gap = { startMs: before.onsetMs + 40, endMs: after.onsetMs - 5 };
    // The note-off of the held note is lost with the device; the pianist lets go while it is away.
    const input = withGap(gap.startMs, gap.endMs);
    const document = analyse(input, [gap]);
    expect(document.source.deviceGaps).toEqual([{ ...gap, heldNotes: 1 }]);
    const held = document.notes?.find((note) => note.timeMs === before.onsetMs);
    expect(held?.durationMs).toBeCloseTo(40, 6);
    expect(document.takes.flatMap((take) => take.events).filter((event) => event.type === 'breakdown' || event.type === 'stuck-key')).toEqual([]);
    // Without the gap the held note would run on to the end of the recording.
    const blind = analyse(input);
    expect(blind.notes?.find((note) => note.timeMs === before.onsetMs)?.durationMs).toBeGreaterThan(1000);
  });

  it('a device that never came back: the note held then is closed at the disconnect, the take broke off by the device', () => {
    const gap = { startMs: before.onsetMs + 30, endMs: null };
    const document = analyse(withGap(gap.startMs, null), [gap]);
    expect(document.source.deviceGaps).toEqual([{ ...gap, heldNotes: 1 }]);
    expect(document.takes.flatMap((take) => take.events).filter((event) => event.type === 'breakdown')).toEqual([]);
    expect(document.takes.every((take) => take.interruptedByDevice === true)).toBe(true);
    expect(document.source.warnings?.some((text) => text.includes('did not come back'))).toBe(true);
  });

  it('ignores gaps that cannot be placed in time', () => {
    const document = analyse(messages, [{ startMs: Number.NaN, endMs: 5 }, { startMs: 10, endMs: 2 }]);
    expect(document.source.deviceGaps).toBeUndefined();
    expect(document.takes.every((take) => take.interruptedByDevice === undefined)).toBe(true);
  });
});
