import { Midi } from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { notesFromMessages } from '../../../core/midi/notes';
import { isOnSmfGrid, messagesFromNotes, readSmf, SmfError, smfTickGrid, writeSmf } from '../../../core/midi/smf';
import type { Note, RawMidiMessage } from '../../../core/midi/types';
import { chunk, header, seededRandom, smf, tempo, track, twoHandsWithTempoChange } from '../../fixtures/midi/smf-builder';

const bytesOf = (messages: readonly RawMidiMessage[]) => messages.map((message) => Array.from(message.bytes));

function expectSmfError(file: Uint8Array | ArrayBuffer, pattern: RegExp): void {
  let caught: unknown;
  try {
    readSmf(file);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SmfError);
  expect((caught as SmfError).message).toMatch(pattern);
  expect((caught as SmfError).message).not.toContain('\n');
}

/** Random messages on the 0.1 ms grid, times ascending, as a keyboard would send them. */
function randomPerformance(seed: number, count: number): RawMidiMessage[] {
  const random = seededRandom(seed);
  const messages: RawMidiMessage[] = [];
  let tenths = Math.floor(random() * 100_000);
  const down = new Set<number>();
  for (let i = 0; i < count; i++) {
    tenths += Math.floor(random() * 2000);
    const timeMs = tenths / 10; // the float64 nearest k/10: on the default grid by construction
    const pitch = 36 + Math.floor(random() * 48);
    const roll = random();
    if (roll < 0.08) messages.push({ bytes: [0xb0, 64, Math.floor(random() * 128)], timeMs });
    else if (roll < 0.1) messages.push({ bytes: [0xb0, 1 + Math.floor(random() * 60), Math.floor(random() * 128)], timeMs });
    else if (roll < 0.11) messages.push({ bytes: [0xc0, Math.floor(random() * 128)], timeMs });
    else if (down.has(pitch)) {
      down.delete(pitch);
      messages.push({ bytes: random() < 0.5 ? [0x90, pitch, 0] : [0x80, pitch, Math.floor(random() * 128)], timeMs });
    } else {
      down.add(pitch);
      messages.push({ bytes: [0x90, pitch, 1 + Math.floor(random() * 127)], timeMs });
    }
  }
  return messages;
}

describe('readSmf', () => {
  it('reads every track, merges them in time order, and applies the tempo map', () => {
    const file = readSmf(twoHandsWithTempoChange());
    expect(file.format).toBe(1);
    expect(file.ppq).toBe(480);
    expect(file.tracks.map((t) => [t.name, t.messages, t.channels])).toEqual([['tempo', 0, []], ['right', 4, [0]], ['left', 7, [1]]]);
    expect(file.tempos).toEqual([
      { ticks: 0, timeMs: 0, microsecondsPerQuarter: 500_000, bpm: 120 },
      { ticks: 960, timeMs: 1000, microsecondsPerQuarter: 250_000, bpm: 240 },
    ]);
    expect(file.messages.map((m) => m.timeMs)).toEqual([0, 0, 0, 500, 500, 500, 1250, 1250, 1250, 1500, 1500]);
    expect(bytesOf(file.messages)).toEqual([
      [0x90, 72, 100], [0xb1, 64, 127], [0x91, 48, 70],
      [0x80, 72, 64], [0x91, 48, 0], [0x91, 52, 60],
      [0x90, 76, 90], [0x91, 52, 0], [0xb1, 64, 0],
      [0x80, 76, 0], [0x91, 55, 50],
    ]);
    expect(file.durationMs).toBe(1500);
    expect(file.warnings).toEqual([]);
  });

  it('keeps channel and CC64 pedal through to the notes', () => {
    const { notes, stats } = notesFromMessages(readSmf(twoHandsWithTempoChange()).messages);
    expect(notes.map((n) => [n.pitch, n.channel, n.onsetMs, n.offsetMs, n.velocity, n.pedalAtOnset, n.unreleased])).toEqual([
      [72, 0, 0, 500, 100, false, false],
      [48, 1, 0, 500, 70, true, false],
      [52, 1, 500, 1250, 60, true, false],
      [76, 0, 1250, 1500, 90, false, false],
      [55, 1, 1500, 1500, 50, false, true],
    ]);
    expect(stats.pedalEvents).toBe(2);
    expect(stats.unreleased).toBe(1);
  });

  it('agrees with @tonejs/midi on a multi-track file with tempo changes written by it', () => {
    const midi = new Midi();
    midi.header.tempos = [{ ticks: 0, bpm: 100 }, { ticks: 1920, bpm: 150 }, { ticks: 3840, bpm: 75 }];
    midi.header.update();
    const right = midi.addTrack();
    const left = midi.addTrack();
    left.channel = 1;
    const random = seededRandom(7);
    for (let i = 0; i < 60; i++) {
      right.addNote({ midi: 60 + (i % 12), ticks: i * 120, durationTicks: 100, velocity: (1 + Math.floor(random() * 126)) / 127 });
      left.addNote({ midi: 48 + (i % 7), ticks: i * 120 + 30, durationTicks: 200, velocity: (1 + Math.floor(random() * 126)) / 127 });
    }
    left.addCC({ number: 64, ticks: 500, value: 1 });
    const bytes = midi.toArray();

    const reference = new Midi(bytes);
    const expected = reference.tracks
      .flatMap((t) => t.notes.map((n) => ({ pitch: n.midi, channel: t.channel, onsetMs: n.time * 1000, offsetMs: (n.time + n.duration) * 1000, velocity: Math.round(n.velocity * 127) })))
      .sort((a, b) => a.onsetMs - b.onsetMs || a.channel - b.channel);
    const file = readSmf(bytes);
    const notes = notesFromMessages(file.messages).notes.slice().sort((a, b) => a.onsetMs - b.onsetMs || a.channel - b.channel);
    expect(notes).toHaveLength(120);
    notes.forEach((note, index) => {
      const want = expected[index];
      expect(note).toMatchObject({ pitch: want?.pitch, channel: want?.channel, velocity: want?.velocity });
      expect(note.onsetMs).toBeCloseTo(want?.onsetMs ?? Number.NaN, 6);
      expect(note.offsetMs).toBeCloseTo(want?.offsetMs ?? Number.NaN, 6);
    });
    expect(file.tempos.map((t) => t.bpm)).toEqual([100, 150, 75]);
    expect(notes.filter((note) => note.pedalAtOnset).every((note) => note.channel === 1)).toBe(true);
  });

  it('reads format 0 with running status across note-on/note-off and meta events', () => {
    const file = readSmf(smf(0, 96, [track([[0, 0x90, 60, 90], [96, 60, 0], [0, 0xff, 0x01, 1, 0x41], [0, 0x90, 62, 80], [96, 62, 0]])]));
    expect(bytesOf(file.messages)).toEqual([[0x90, 60, 90], [0x90, 60, 0], [0x90, 62, 80], [0x90, 62, 0]]);
    expect(file.messages.map((m) => m.timeMs)).toEqual([0, 500, 500, 1000]);
  });

  it('converts SMPTE time division', () => {
    // 25 frames/s x 40 ticks/frame = 1000 ticks/s: one tick per ms.
    const division = ((256 - 25) << 8) | 40;
    const file = readSmf(smf(0, division, [track([[0, 0x90, 60, 90], [1234, 0x80, 60, 0]])]));
    expect(file.ppq).toBeUndefined();
    expect(file.smpte).toEqual({ framesPerSecond: 25, ticksPerFrame: 40 });
    expect(file.messages.map((m) => m.timeMs)).toEqual([0, 1234]);
  });

  it('skips sysex and unknown chunks with a warning, and reads RIFF RMID files', () => {
    const inner = [...header(1, 1, 480), ...chunk('XFIH', [1, 2, 3]), ...track([[0, 0xf0, 3, 1, 2, 0xf7], [10, 0x90, 60, 1]])];
    const plain = readSmf(Uint8Array.from(inner));
    expect(plain.messages).toHaveLength(1);
    expect(plain.warnings.join('; ')).toMatch(/unknown chunk 'XFIH'.*sysex/);
    const dataChunk = [0x64, 0x61, 0x74, 0x61, inner.length & 0xff, (inner.length >> 8) & 0xff, 0, 0, ...inner];
    const riffBody = [0x52, 0x4d, 0x49, 0x44, ...dataChunk];
    const riff = Uint8Array.from([0x52, 0x49, 0x46, 0x46, riffBody.length & 0xff, riffBody.length >> 8, 0, 0, ...riffBody]);
    expect(readSmf(riff.buffer).messages).toHaveLength(1);
  });

  it('warns about, but accepts, a track with no End of Track', () => {
    const file = readSmf(smf(0, 480, [track([[0, 0x90, 60, 90]], { endOfTrack: false })]));
    expect(file.messages).toHaveLength(1);
    expect(file.warnings).toEqual(['track 1: no End of Track event']);
  });

  describe('rejects what is not a valid SMF with one clear line', () => {
    const good = twoHandsWithTempoChange();
    const withByte = (offset: number, value: number) => {
      const copy = good.slice();
      copy[offset] = value;
      return copy;
    };
    it.each([
      ['empty', new Uint8Array(0), /^not a Standard MIDI File: the file is empty$/],
      ['text', new TextEncoder().encode('hello world, not midi'), /^not a Standard MIDI File: missing MThd header \(starts with 68 65 6c 6c\)$/],
      ['PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /missing MThd header/],
      ['only MThd', Uint8Array.from([0x4d, 0x54, 0x68, 0x64]), /^truncated MThd header: the file has only 4 bytes$/],
      ['header length 4', withByte(7, 4), /^invalid MThd header: length 4 \(expected 6\)$/],
      ['format 3', withByte(9, 3), /^unsupported SMF format 3 \(expected 0, 1 or 2\)$/],
      ['division 0', Uint8Array.from([...header(0, 1, 0), ...track([])]), /time division is 0 ticks per quarter note/],
      ['no track chunk at all', Uint8Array.from([...header(1, 1, 480), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), /^invalid chunk at byte 14: expected 'MTrk' for track 1, found bytes 00 01 02 03, and no track chunk follows$/],
      ['data byte without status', smf(0, 480, [track([[0, 60, 100]])]), /^no MIDI event could be read: track 1: data byte 0x3c with no status byte at byte 23$/],
      ['status where data belongs', smf(0, 480, [track([[0, 0x90, 60, 0x90]])]), /^no MIDI event could be read: track 1: byte 0x90 at byte 25 should be a data byte of the message with status 0x90$/],
      ['event cut by the end of the file', smf(0, 480, [track([[0, 0x90, 60]], { endOfTrack: false })]), /^no MIDI event could be read: track 1: the file is cut short at byte 25, inside a channel message \(status 0x90\) at byte 23$/],
      ['5-byte delta', Uint8Array.from([...header(0, 1, 480), ...chunk('MTrk', [0x80, 0x80, 0x80, 0x80, 0x00, 0x90, 60, 1])]), /^no MIDI event could be read: track 1: invalid delta-time at byte 22 \(longer than 4 bytes\)$/],
      ['bad tempo length', smf(0, 480, [track([[0, 0xff, 0x51, 2, 7, 0xa1]])]), /^no MIDI event could be read: track 1: set-tempo meta event at byte 23 has length 2 \(expected 3\)$/],
      ['tempo 0', smf(0, 480, [track([[0, ...tempo(0)]])]), /set-tempo meta event at byte 23 has tempo 0/],
      ['real-time byte in a track', smf(0, 480, [track([[0, 0xf8]])]), /^no MIDI event could be read: track 1: status byte 0xf8 at byte 23 is not allowed in a MIDI file$/],
      ['meta longer than the file', smf(0, 480, [track([[0, 0xff, 0x01, 50, 0x41]], { endOfTrack: false })]), /^no MIDI event could be read: track 1: the file is cut short at byte 27, inside meta event 0x01 \(50 bytes\) at byte 23$/],
    ])('%s', (_name, file, pattern) => {
      expectSmfError(file, pattern);
    });
  });
});

describe('writeSmf / readSmf round-trip', () => {
  it('gives back identical messages, times bit-exact, for times on the 0.1 ms grid', () => {
    const messages = randomPerformance(1, 5000);
    const file = readSmf(writeSmf(messages));
    expect(file.messages).toHaveLength(messages.length);
    expect(bytesOf(file.messages)).toEqual(bytesOf(messages));
    const mismatches = file.messages.filter((message, i) => !Object.is(message.timeMs, messages[i]?.timeMs));
    expect(mismatches).toEqual([]);
    expect(file.tempos).toEqual([{ ticks: 0, timeMs: 0, microsecondsPerQuarter: 500_000, bpm: 120 }]);
    expect(file.ppq).toBe(5000);
  });

  it('gives back identical notes, including pedal at onset and every stat', () => {
    const original = notesFromMessages(randomPerformance(2, 20_000));
    const again = notesFromMessages(readSmf(writeSmf(randomPerformance(2, 20_000))).messages);
    expect(again.notes).toEqual(original.notes);
    expect(again.stats).toEqual(original.stats);
    expect(original.stats.pedalEvents).toBeGreaterThan(1000);
    expect(original.notes.some((note) => note.pedalAtOnset)).toBe(true);
  });

  it('writes notes so that they assemble back identical (unreleased aside)', () => {
    const { notes } = notesFromMessages(randomPerformance(3, 10_000));
    const written = readSmf(writeSmf(notes));
    const back = notesFromMessages(written.messages).notes;
    expect(back).toEqual(notes.map((note) => ({ ...note, unreleased: false })));
    expect(notes.some((note) => note.unreleased)).toBe(true);
    expect(notes.some((note) => note.pedalAtOnset)).toBe(true);
  });

  it('keeps zero-length notes and retriggers', () => {
    const notes: Note[] = [
      { pitch: 60, onsetMs: 10, offsetMs: 10, velocity: 50, channel: 0, pedalAtOnset: false, unreleased: false },
      { pitch: 60, onsetMs: 10, offsetMs: 20.5, velocity: 60, channel: 0, pedalAtOnset: true, unreleased: true },
      { pitch: 60, onsetMs: 20.5, offsetMs: 30, velocity: 70, channel: 2, pedalAtOnset: false, unreleased: false },
      { pitch: 60, onsetMs: 20.5, offsetMs: 40.1, velocity: 70, channel: 0, pedalAtOnset: true, unreleased: false },
    ];
    const back = notesFromMessages(readSmf(writeSmf(notes)).messages).notes;
    expect(back).toEqual(notes.map((note) => ({ ...note, unreleased: false })));
  });

  it.each([
    [{ bpm: 60, ppq: 1000 }, 1, [0, 1, 2, 999_999, 123_456]],
    [{ bpm: 240, ppq: 25_000 }, 0.01, [0, 0.01, 1234.56, 99_999.99, 0.07]],
    [{ bpm: 120, ppq: 4096 }, 500 / 4096, [0, 500 / 4096, (12_345 * 500) / 4096]],
  ])('round-trips grid values bit-exact with %o (tick %f ms)', (options, tickMs, values) => {
    expect(smfTickGrid(options).tickMs).toBe(tickMs);
    values.sort((a, b) => a - b);
    const messages = values.map((timeMs, i): RawMidiMessage => ({ bytes: [0x90, 60 + i, 1], timeMs }));
    for (const value of values) expect(isOnSmfGrid(value, options)).toBe(true);
    const back = readSmf(writeSmf(messages, { ...options, exact: true })).messages;
    expect(back.map((m) => m.timeMs).every((time, i) => Object.is(time, values[i]))).toBe(true);
  });

  it('rounds off-grid times to the nearest tick, or refuses them with exact: true', () => {
    expect(isOnSmfGrid(1234.56)).toBe(false);
    expect(isOnSmfGrid(0.1 + 0.2)).toBe(false); // 0.30000000000000004 is not the float64 nearest 3 ticks
    const messages: RawMidiMessage[] = [{ bytes: [0x90, 60, 1], timeMs: 1234.56 }];
    expect(readSmf(writeSmf(messages)).messages[0]?.timeMs).toBe(1234.6);
    expect(() => writeSmf(messages, { exact: true })).toThrow(/^cannot write time 1234\.56 ms exactly: not on the file's 0\.1 ms tick grid$/);
    expect(() => writeSmf([{ bytes: [0x90, 60, 1], timeMs: -1 }])).toThrow(SmfError);
    expect(() => writeSmf([], { ppq: 40_000 })).toThrow(/ppq 40000/);
  });

  it('drops real-time, sysex and broken messages and splits multi-message arrays', () => {
    const back = readSmf(writeSmf([
      { bytes: [0xf8], timeMs: 0 },
      { bytes: [0xf0, 1, 2, 0xf7], timeMs: 1 },
      { bytes: [0x90, 60], timeMs: 2 },
      { bytes: [0x90, 60, 10, 61, 11, 0xfe, 0xc0, 5], timeMs: 3 },
    ])).messages;
    expect(bytesOf(back)).toEqual([[0x90, 60, 10], [0x90, 61, 11], [0xc0, 5]]);
  });

  it('is read by @tonejs/midi as the same notes, tempo and pedal', () => {
    const { notes } = notesFromMessages(randomPerformance(4, 2000));
    const bytes = writeSmf(notes);
    const midi = new Midi(bytes);
    expect(midi.header.ppq).toBe(5000);
    expect(midi.header.tempos.map((t) => t.bpm)).toEqual([120]);
    const theirs = midi.tracks.flatMap((t) => t.notes.map((n) => [n.midi, n.ticks, n.ticks + n.durationTicks, Math.round(n.velocity * 127)]));
    const ours = notes.map((n) => [n.pitch, Math.round(n.onsetMs * 10), Math.round(n.offsetMs * 10), n.velocity]);
    const key = (row: number[]) => row.join(',');
    expect(theirs.map(key).sort()).toEqual(ours.map(key).sort());
    expect(midi.tracks.some((t) => (t.controlChanges[64]?.length ?? 0) > 0)).toBe(true);
  });
});

describe('messagesFromNotes', () => {
  it('puts a pedal change just before the onset that needs it', () => {
    const note = (onsetMs: number, pedalAtOnset: boolean): Note => ({ pitch: 60, onsetMs, offsetMs: onsetMs + 5, velocity: 70, channel: 0, pedalAtOnset, unreleased: false });
    const messages = messagesFromNotes([note(0, true), note(10, true), note(20, false)]);
    expect(messages.map((m) => [m.timeMs, ...Array.from(m.bytes)])).toEqual([
      [0, 0xb0, 64, 127], [0, 0x90, 60, 70], [5, 0x80, 60, 0],
      [10, 0x90, 60, 70], [15, 0x80, 60, 0],
      [20, 0xb0, 64, 0], [20, 0x90, 60, 70], [25, 0x80, 60, 0],
    ]);
  });
});
