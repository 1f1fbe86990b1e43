/**
 * MIDI decode + note assembly throughput on 1,000,000 realistic messages (note-on/off pairs from
 * a pianist-like stream, about 5% CC64 pedal changes), plus SMF write/read of the same stream.
 * One warm-up pass, then the best of three measured passes (performance.now()). Prints numbers, asserts nothing.
 */
import { decodeMessages } from '../core/midi/decode';
import { assembleNotes } from '../core/midi/notes';
import { readSmf, writeSmf } from '../core/midi/smf';
import type { MidiEvent, Note, RawMidiMessage } from '../core/midi/types';

export const title = 'MIDI decode + note assembly';

const MESSAGES = 1_000_000;

function performance1M(): RawMidiMessage[] {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const messages: RawMidiMessage[] = [];
  const pending: { timeMs: number; pitch: number }[] = [];
  let timeMs = 1000.1;
  let pedal = false;
  while (messages.length < MESSAGES) {
    timeMs += 60 + random() * 80; // ~8-16 notes/s
    // Release notes whose time has come (legato overlap ~20 ms).
    while (pending.length > 0 && (pending[0]?.timeMs ?? Infinity) <= timeMs) {
      const done = pending.shift();
      if (done) messages.push({ bytes: new Uint8Array([0x90, done.pitch, 0]), timeMs: done.timeMs });
    }
    if (random() < 0.1) {
      pedal = !pedal;
      messages.push({ bytes: new Uint8Array([0xb0, 64, pedal ? 127 : 0]), timeMs });
    }
    const pitch = 48 + Math.floor(random() * 36);
    messages.push({ bytes: new Uint8Array([0x90, pitch, 30 + Math.floor(random() * 90)]), timeMs });
    pending.push({ timeMs: timeMs + 80 + random() * 60, pitch });
    pending.sort((a, b) => a.timeMs - b.timeMs);
  }
  messages.length = MESSAGES;
  return messages;
}

export async function run(): Promise<Record<string, number | string>> {
  const messages = performance1M();

  // Warm-up: let the JIT see the hot loops once.
  assembleNotes(decodeMessages(messages).events);

  // The machine is shared and noisy: take the best of three measured passes.
  let decodeBest = Infinity;
  let assembleBest = Infinity;
  let events: MidiEvent[] = [];
  let notes: Note[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    events = decodeMessages(messages).events;
    const t1 = performance.now();
    notes = assembleNotes(events).notes;
    const t2 = performance.now();
    decodeBest = Math.min(decodeBest, t1 - t0);
    assembleBest = Math.min(assembleBest, t2 - t1);
  }

  // The same stream with 1% of messages delivered 10 ms late: assembly must sort first.
  const late = messages.map((message, index) => (index % 100 === 50 ? { ...message, timeMs: message.timeMs - 10 } : message));
  const lateEvents = decodeMessages(late).events;
  const t2b = performance.now();
  const lateResult = assembleNotes(lateEvents);
  const t2c = performance.now();

  const smf = writeSmf(messages);
  const t3 = performance.now();
  const writeMs = t3 - t2c;
  const file = readSmf(smf);
  const t4 = performance.now();

  const seconds = (decodeBest + assembleBest) / 1000;
  return {
    messages: messages.length,
    events: events.length,
    notes: notes.length,
    decodeMs: round(decodeBest),
    assembleMs: round(assembleBest),
    decodeAssembleMs: round(decodeBest + assembleBest),
    eventsPerSec: events.length / seconds,
    notesPerSec: notes.length / seconds,
    messagesPerSec: messages.length / seconds,
    assembleOutOfOrderMs: round(t2c - t2b),
    outOfOrderEvents: lateResult.stats.outOfOrder,
    smfWriteMs: round(writeMs),
    smfReadMs: round(t4 - t3),
    smfBytes: smf.length,
    smfReadMessagesPerSec: file.messages.length / ((t4 - t3) / 1000),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
