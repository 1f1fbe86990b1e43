import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleNotes, notesFromMessages } from '../../../core/midi/notes';
import type { MidiEvent } from '../../../core/midi/types';

const on = (timeMs: number, pitch: number, velocity = 80, channel = 0): MidiEvent => ({ kind: 'note-on', timeMs, channel, pitch, velocity });
const off = (timeMs: number, pitch: number, channel = 0): MidiEvent => ({ kind: 'note-off', timeMs, channel, pitch, velocity: 0 });
const pedal = (timeMs: number, down: boolean, channel = 0): MidiEvent => ({ kind: 'pedal', timeMs, channel, value: down ? 127 : 0, down });

describe('assembleNotes', () => {
  it('pairs note-on and note-off into a note', () => {
    const { notes, stats } = assembleNotes([on(0, 60, 90), off(250, 60)]);
    expect(notes).toEqual([{ pitch: 60, onsetMs: 0, offsetMs: 250, velocity: 90, channel: 0, pedalAtOnset: false, unreleased: false }]);
    expect(stats).toEqual({ events: 2, notes: 1, pedalEvents: 0, outOfOrder: 0, retriggers: 0, orphanNoteOffs: 0, unreleased: 0, invalidTime: 0 });
  });

  it('sorts notes by onset even when they close in another order', () => {
    const { notes } = assembleNotes([on(0, 60), on(10, 64), off(20, 64), on(30, 67), off(40, 67), off(50, 60)]);
    expect(notes.map((note) => [note.pitch, note.onsetMs, note.offsetMs])).toEqual([[60, 0, 50], [64, 10, 20], [67, 30, 40]]);
  });

  it('keeps chord notes with equal onsets in stream order', () => {
    const { notes } = assembleNotes([on(5, 67), on(5, 60), on(5, 64), off(9, 60), off(9, 64), off(9, 67)]);
    expect(notes.map((note) => note.pitch)).toEqual([67, 60, 64]);
  });

  it('keys notes by channel and pitch', () => {
    const { notes, stats } = assembleNotes([on(0, 60, 80, 0), on(1, 60, 70, 1), off(2, 60, 1), off(3, 60, 0)]);
    expect(notes.map((note) => [note.channel, note.offsetMs])).toEqual([[0, 3], [1, 2]]);
    expect(stats.retriggers).toBe(0);
  });

  it('records the pedal state at each onset, per channel', () => {
    const { notes, stats } = assembleNotes([
      on(0, 60), pedal(10, true), on(20, 62), off(25, 60), on(30, 64, 80, 1), pedal(40, false), on(50, 65),
      off(60, 62), off(60, 64, 1), off(60, 65),
    ]);
    expect(notes.map((note) => note.pedalAtOnset)).toEqual([false, true, false, false]);
    expect(stats.pedalEvents).toBe(2);
  });

  it('takes a pedal change at the same time as an onset in stream order', () => {
    expect(assembleNotes([pedal(10, true), on(10, 60), off(20, 60)]).notes[0]?.pedalAtOnset).toBe(true);
    expect(assembleNotes([on(10, 60), pedal(10, true), off(20, 60)]).notes[0]?.pedalAtOnset).toBe(false);
  });

  it('pairs note-offs first-in-first-out per key: overlapping note-ons on one key are counted', () => {
    const { notes, stats } = assembleNotes([on(0, 60, 50), on(100, 60, 70), off(180, 60), off(300, 60)]);
    expect(notes).toEqual([
      { pitch: 60, onsetMs: 0, offsetMs: 180, velocity: 50, channel: 0, pedalAtOnset: false, unreleased: false },
      { pitch: 60, onsetMs: 100, offsetMs: 300, velocity: 70, channel: 0, pedalAtOnset: false, unreleased: false },
    ]);
    expect(stats.retriggers).toBe(1);
    expect(stats.unreleased).toBe(0);
  });

  it('gives a note-off at the very time of a re-strike to the older note, and counts no repair', () => {
    // Notation exports: at each shared tick the new note-on is written before the old note-off.
    const { notes, stats } = assembleNotes([on(0, 64, 60), on(200, 64, 61), off(200, 64), on(400, 64, 62), off(400, 64), off(600, 64)]);
    expect(notes.map((note) => [note.onsetMs, note.offsetMs, note.velocity])).toEqual([[0, 200, 60], [200, 400, 61], [400, 600, 62]]);
    expect(stats).toMatchObject({ retriggers: 0, orphanNoteOffs: 0, unreleased: 0 });
  });

  it('keeps FIFO pairing separate per channel and leaves an unmatched note-on open to the end', () => {
    const { notes, stats } = assembleNotes([on(0, 60, 10, 0), on(10, 60, 20, 1), on(20, 60, 30, 0), off(30, 60, 1), off(40, 60, 0), off(50, 61, 0)]);
    expect(notes.map((note) => [note.channel, note.onsetMs, note.offsetMs, note.unreleased])).toEqual([
      [0, 0, 40, false],
      [1, 10, 30, false],
      [0, 20, 50, true],
    ]);
    expect(stats).toMatchObject({ retriggers: 1, orphanNoteOffs: 1, unreleased: 1 });
  });

  it('property: for any interleaving on one key, the durations are those of FIFO pairing', () => {
    // Reference: the k-th note-on (in time order) pairs with the k-th note-off at or after it.
    fc.assert(
      fc.property(
        fc.array(fc.record({ on: fc.boolean(), time: fc.integer({ min: 0, max: 40 }) }), { maxLength: 40 }),
        (steps) => {
          const sorted = steps.map((step, i) => ({ ...step, i })).sort((a, b) => a.time - b.time || a.i - b.i);
          const events = sorted.map((step) => (step.on ? on(step.time, 62) : off(step.time, 62)));
          const queue: number[] = [];
          const expected: number[] = [];
          let orphans = 0;
          for (const step of sorted) {
            if (step.on) queue.push(step.time);
            else if (queue.length > 0) expected.push(step.time - (queue.shift() as number));
            else orphans++;
          }
          const last = sorted.at(-1)?.time ?? 0;
          for (const onset of queue) expected.push(last - onset);
          const { notes, stats } = assembleNotes(events);
          const durations = notes.map((note) => note.offsetMs - note.onsetMs);
          expect(durations.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
          expect(stats.orphanNoteOffs).toBe(orphans);
          expect(stats.unreleased).toBe(queue.length);
        },
      ),
      { seed: 1111, numRuns: 500 },
    );
  });

  it('ignores and counts note-offs without a note-on', () => {
    const { notes, stats } = assembleNotes([off(0, 60), on(10, 60), off(20, 60), off(30, 60), off(40, 61)]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ onsetMs: 10, offsetMs: 20 });
    expect(stats.orphanNoteOffs).toBe(3);
  });

  it('closes notes never released at the last event time and flags them', () => {
    const { notes, stats } = assembleNotes([on(0, 60), on(10, 62), off(20, 62), pedal(500.25, false)]);
    expect(notes[0]).toMatchObject({ pitch: 60, offsetMs: 500.25, unreleased: true });
    expect(notes[1]).toMatchObject({ pitch: 62, unreleased: false });
    expect(stats.unreleased).toBe(1);
  });

  it('gives an unreleased last note offset == onset when it is the last event', () => {
    const { notes } = assembleNotes([on(0, 60), off(5, 60), on(7.5, 61)]);
    expect(notes[1]).toMatchObject({ onsetMs: 7.5, offsetMs: 7.5, unreleased: true });
  });

  it('sorts out-of-order timestamps stably and counts them', () => {
    const { notes, stats } = assembleNotes([on(0, 60), off(100, 60), on(50, 62), off(60, 62), on(100, 64), off(150, 64)]);
    expect(notes.map((note) => [note.pitch, note.onsetMs, note.offsetMs])).toEqual([[60, 0, 100], [62, 50, 60], [64, 100, 150]]);
    expect(stats.outOfOrder).toBe(1);
  });

  it('keeps stream order for equal times when sorting', () => {
    // off(100, 60) before on(100, 60) in the stream: a release then a new press, not a retrigger.
    const { notes, stats } = assembleNotes([on(200, 61), off(210, 61), on(0, 60), off(100, 60), on(100, 60), off(150, 60)]);
    expect(stats.outOfOrder).toBe(1);
    expect(stats.retriggers).toBe(0);
    expect(notes.map((note) => [note.pitch, note.onsetMs, note.offsetMs])).toEqual([[60, 0, 100], [60, 100, 150], [61, 200, 210]]);
  });

  it('drops and counts events with non-finite times', () => {
    const { notes, stats } = assembleNotes([on(0, 60), on(Number.NaN, 62), off(Number.POSITIVE_INFINITY, 60), off(10, 60)]);
    expect(notes).toEqual([expect.objectContaining({ pitch: 60, onsetMs: 0, offsetMs: 10 })]);
    expect(stats.invalidTime).toBe(2);
    expect(stats.events).toBe(2);
  });

  it('closes every note still down at a device gap there, flagged, and counts them per gap', () => {
    const { notes, stats, heldAtClose } = assembleNotes([on(0, 60), on(10, 64), off(20, 60), on(30, 67), off(200, 64), on(300, 72), off(400, 72)], [50, 250]);
    expect(notes.map((note) => [note.pitch, note.onsetMs, note.offsetMs, note.unreleased])).toEqual([
      [60, 0, 20, false],
      [64, 10, 50, true],
      [67, 30, 50, true],
      [72, 300, 400, false],
    ]);
    expect(heldAtClose).toEqual([2, 0]);
    expect(stats.orphanNoteOffs).toBe(1); // 64's note-off after the device came back
  });

  it('handles an empty stream', () => {
    expect(assembleNotes([])).toEqual({
      notes: [],
      heldAtClose: [],
      stats: { events: 0, notes: 0, pedalEvents: 0, outOfOrder: 0, retriggers: 0, orphanNoteOffs: 0, unreleased: 0, invalidTime: 0 },
    });
  });

  it('copies onset and offset times bit-exact', () => {
    const onset = 1234.5678901234;
    const offset = 0.1 + 0.2 + 1234.5678901234;
    const { notes } = assembleNotes([on(onset, 60), off(offset, 60)]);
    expect(Object.is(notes[0]?.onsetMs, onset)).toBe(true);
    expect(Object.is(notes[0]?.offsetMs, offset)).toBe(true);
  });
});

describe('notesFromMessages', () => {
  it('decodes and assembles raw messages, timestamps bit-exact', () => {
    const times = [1234.5678901234, 1234.6678901234, 1500.0000000001, 1600.3333333333333];
    const { notes, stats, decode } = notesFromMessages([
      { bytes: [0xb0, 64, 100], timeMs: times[0] as number },
      { bytes: [0xf8], timeMs: 1300 },
      { bytes: [0x90, 60, 77], timeMs: times[1] as number },
      { bytes: [0x90, 60, 0], timeMs: times[2] as number },
      { bytes: [0x90, 64, 60], timeMs: times[3] as number },
    ]);
    expect(notes).toHaveLength(2);
    expect(Object.is(notes[0]?.onsetMs, times[1])).toBe(true);
    expect(Object.is(notes[0]?.offsetMs, times[2])).toBe(true);
    expect(Object.is(notes[1]?.offsetMs, times[3])).toBe(true);
    expect(notes[0]).toMatchObject({ velocity: 77, pedalAtOnset: true, unreleased: false });
    expect(notes[1]).toMatchObject({ unreleased: true });
    expect(stats).toMatchObject({ events: 4, notes: 2, pedalEvents: 1, unreleased: 1 });
    expect(decode.realTime).toBe(1);
  });

  it('applies the pedal threshold option', () => {
    const messages = [{ bytes: [0xb0, 64, 30], timeMs: 0 }, { bytes: [0x90, 60, 1], timeMs: 1 }, { bytes: [0x80, 60, 1], timeMs: 2 }];
    expect(notesFromMessages(messages).notes[0]?.pedalAtOnset).toBe(false);
    expect(notesFromMessages(messages, { pedalThreshold: 20 }).notes[0]?.pedalAtOnset).toBe(true);
  });
});
