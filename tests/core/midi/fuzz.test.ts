/**
 * Property tests: random bytes through the decoder and the note assembler never throw, never make
 * NaN, always give offset >= onset, and their counters add up. Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecodeStats, decodeBytes, decodeMessages } from '../../../core/midi/decode';
import { assembleNotes } from '../../../core/midi/notes';
import type { MidiEvent, Note, RawMidiMessage } from '../../../core/midi/types';
import { seededRandom } from '../../fixtures/midi/smf-builder';

/** Messages that look like a real MIDI stream gone wrong: mostly valid, often not. */
function randomMessages(random: () => number, count: number, startMs: number): RawMidiMessage[] {
  const messages: RawMidiMessage[] = [];
  let timeMs = startMs;
  for (let i = 0; i < count; i++) {
    const roll = random();
    // Mostly forward in time, sometimes equal, sometimes backwards (out-of-order delivery).
    timeMs += roll < 0.05 ? -random() * 50 : roll < 0.15 ? 0 : random() * 20 + random() * 1e-9;
    const length = Math.floor(random() * 5);
    const bytes: number[] = [];
    for (let k = 0; k < length; k++) {
      const kind = random();
      if (k === 0 && kind < 0.7) bytes.push(0x80 + Math.floor(random() * 0x70)); // channel status
      else if (kind < 0.05) bytes.push(0xf0 + Math.floor(random() * 16)); // system / real-time
      else if (kind < 0.1) bytes.push(Math.floor(random() * 256));
      else bytes.push(random() < 0.6 ? 58 + Math.floor(random() * 8) : Math.floor(random() * 128)); // few keys: collisions
    }
    messages.push({ bytes, timeMs });
  }
  return messages;
}

function checkStream(messages: readonly RawMidiMessage[]): { notes: Note[]; events: MidiEvent[] } {
  const { events, stats: decodeStats } = decodeMessages(messages);
  const { notes, stats } = assembleNotes(events);
  const times = new Set(messages.map((message) => message.timeMs));

  expect(decodeStats.messages).toBe(messages.length);
  expect(decodeStats.events).toBe(events.length);
  for (const event of events) {
    expect(times.has(event.timeMs)).toBe(true); // copied, not computed
    expect(event.channel >= 0 && event.channel <= 15).toBe(true);
  }
  const noteOns = events.filter((event) => event.kind === 'note-on').length;
  const noteOffs = events.filter((event) => event.kind === 'note-off').length;
  const pedals = events.filter((event) => event.kind === 'pedal').length;
  let flagged = 0;
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i] as Note;
    for (const value of [note.pitch, note.onsetMs, note.offsetMs, note.velocity, note.channel]) {
      if (Number.isNaN(value)) throw new Error(`NaN in note ${JSON.stringify(note)}`);
    }
    if (!(note.offsetMs >= note.onsetMs)) throw new Error(`offset before onset: ${JSON.stringify(note)}`);
    if (i > 0 && note.onsetMs < (notes[i - 1] as Note).onsetMs) throw new Error('notes not sorted by onset');
    if (!times.has(note.onsetMs) || !times.has(note.offsetMs)) throw new Error('a note time was not an input time');
    if (note.velocity < 1 || note.velocity > 127) throw new Error(`velocity ${note.velocity}`);
    if (note.unreleased) flagged++;
  }
  expect(stats.events).toBe(events.length);
  expect(stats.notes).toBe(notes.length);
  expect(notes.length).toBe(noteOns); // every note-on opens exactly one note
  expect(stats.pedalEvents).toBe(pedals);
  expect(flagged).toBe(stats.unreleased); // FIFO pairing: only notes still down at the end are flagged
  expect(stats.retriggers).toBeLessThanOrEqual(noteOns);
  expect(noteOffs).toBe(notes.length - flagged + stats.orphanNoteOffs); // each note-off closes one note or is an orphan
  return { notes, events };
}

describe('decoder + assembler fuzz', () => {
  it('survives 200,000 seeded random messages', () => {
    const random = seededRandom(20261124);
    let total = 0;
    let notes = 0;
    let outOfOrder = 0;
    for (let stream = 0; stream < 100; stream++) {
      const messages = randomMessages(random, 2000, random() * 1e6);
      total += messages.length;
      const result = checkStream(messages);
      notes += result.notes.length;
      outOfOrder += assembleNotes(result.events).stats.outOfOrder;
    }
    expect(total).toBe(200_000);
    expect(notes).toBeGreaterThan(5000); // the generator really exercises assembly
    expect(outOfOrder).toBeGreaterThan(1000);
    console.log(`fuzz: ${total} messages -> ${notes} notes, ${outOfOrder} out-of-order events sorted`);
  });

  it('survives the same bytes as one stream (running status, interleaving)', () => {
    const random = seededRandom(99);
    const bytes: number[] = [];
    for (let i = 0; i < 100_000; i++) bytes.push(random() < 0.5 ? Math.floor(random() * 256) : Math.floor(random() * 128));
    const stats = createDecodeStats();
    const events = decodeBytes(bytes, 42.000000000001, undefined, [], stats);
    expect(events.every((event) => Object.is(event.timeMs, 42.000000000001))).toBe(true);
    expect(stats.events).toBe(events.length);
    expect(stats.malformed + stats.realTime + stats.sysex).toBeGreaterThan(0);
    const { notes } = assembleNotes(events);
    expect(notes.every((note) => note.offsetMs >= note.onsetMs)).toBe(true);
  });

  it('holds for arbitrary byte arrays and timestamps (fast-check)', () => {
    const message = fc.record({
      bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }),
      timeMs: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 300 }), (messages) => {
        checkStream(messages);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('drops NaN and infinite timestamps instead of producing NaN notes', () => {
    const messages: RawMidiMessage[] = [
      { bytes: [0x90, 60, 100], timeMs: Number.NaN },
      { bytes: [0x90, 61, 100], timeMs: 5 },
      { bytes: [0x80, 61, 0], timeMs: Number.POSITIVE_INFINITY },
    ];
    const { notes, stats } = assembleNotes(decodeMessages(messages).events);
    expect(notes).toEqual([expect.objectContaining({ pitch: 61, onsetMs: 5, offsetMs: 5, unreleased: true })]);
    expect(stats.invalidTime).toBe(2);
  });
});
