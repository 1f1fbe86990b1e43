/**
 * The kinds of rule-breaking that real Standard MIDI Files carry (see docs/midi.md, "Lenient
 * reading"), each in several variants: every event must come back as in the clean file, with a
 * warning naming the repair, and the file refused only when nothing can be read.
 */
import { describe, expect, it } from 'vitest';
import { notesFromMessages } from '../../../core/midi/notes';
import { readSmf } from '../../../core/midi/smf';
import type { RawMidiMessage } from '../../../core/midi/types';
import { chunk, header, tempo, track, trackName } from '../../fixtures/midi/smf-builder';

const plain = (messages: readonly RawMidiMessage[]) => messages.map((message) => [message.timeMs, ...Array.from(message.bytes)]);

/** A scale as [delta, ...bytes] events with explicit status bytes (the clean reference). */
function scaleEvents(count = 8, channel = 0): number[][] {
  const events: number[][] = [];
  for (let i = 0; i < count; i++) {
    events.push([i === 0 ? 0 : 20, 0x90 | channel, 60 + i, 70 + i]);
    events.push([220, 0x80 | channel, 60 + i, 64]);
  }
  return events;
}

/** The same events with running status wherever the status repeats (and `extra` events inserted). */
function withRunningStatus(events: readonly number[][], insertAt: number, extra: readonly number[][]): number[][] {
  const out: number[][] = [];
  let running = -1;
  events.forEach((event, index) => {
    if (index === insertAt) out.push(...extra);
    const [delta, status, ...data] = event as [number, number, ...number[]];
    if (status === running) out.push([delta, ...data]);
    else out.push(event.slice());
    running = status;
  });
  return out;
}

const TEMPO_TRACK = track([[0, ...trackName('tempo')], [0, ...tempo(400_000)]]);

describe('running status kept across meta and sysex events', () => {
  // Notes as note-on velocity 0 so that running status can run through the whole scale.
  const events = scaleEvents(8).map(([delta, status, pitch, velocity]) =>
    (status as number) >= 0x90 ? [delta as number, status as number, pitch as number, velocity as number] : [delta as number, 0x90, pitch as number, 0],
  );
  const clean = readSmf(Uint8Array.from([...header(1, 2, 480), ...TEMPO_TRACK, ...track(events)]));

  const interruptions: [string, number[][]][] = [
    ['a text event', [[0, 0xff, 0x01, 3, 0x61, 0x62, 0x63]]],
    ['a marker', [[0, 0xff, 0x06, 1, 0x41]]],
    ['a time signature', [[0, 0xff, 0x58, 4, 4, 2, 24, 8]]],
    ['a tempo restatement', [[0, ...tempo(400_000)]]],
    ['a sysex (F0)', [[0, 0xf0, 3, 0x7e, 0x7f, 0xf7]]],
    ['a sysex escape (F7)', [[0, 0xf7, 2, 0xf8, 0xfa]]],
    ['a meta then a sysex', [[0, 0xff, 0x01, 1, 0x41], [0, 0xf0, 1, 0xf7]]],
  ];
  for (const position of [1, 7, 15]) {
    it.each(interruptions)(`after %s before event ${position}`, (_name, extra) => {
      const file = readSmf(Uint8Array.from([...header(1, 2, 480), ...TEMPO_TRACK, ...track(withRunningStatus(events, position, extra))]));
      expect(plain(file.messages)).toEqual(plain(clean.messages));
      expect(file.warnings.join('; ')).toMatch(/track 2: running status carried across a meta or sysex event 1 time: kept in force/);
      expect(file.repairs).toBe(1);
    });
  }

  it('counts every place it was needed', () => {
    const many = withRunningStatus(events, 3, [[0, 0xff, 0x01, 1, 0x41]]);
    many.splice(9, 0, [0, 0xff, 0x06, 1, 0x42]);
    const file = readSmf(Uint8Array.from([...header(0, 1, 480), ...track(many)]));
    expect(notesFromMessages(file.messages).notes).toHaveLength(8);
    expect(file.warnings.join('; ')).toMatch(/running status carried across a meta or sysex event 2 times/);
  });

  it('does not warn when the status byte is restated after the meta event', () => {
    const file = readSmf(Uint8Array.from([...header(0, 1, 480), ...track([[0, 0x90, 60, 80], [0, 0xff, 0x01, 1, 0x41], [100, 0x90, 60, 0]])]));
    expect(file.warnings).toEqual([]);
    expect(file.repairs).toBe(0);
  });
});

describe('chunk lengths that lie', () => {
  const tracks = [
    [...TEMPO_TRACK],
    track([[0, ...trackName('right')], ...scaleEvents(8, 0)]),
    track([[0, ...trackName('left')], ...scaleEvents(6, 1)]),
  ];
  const build = (lengths: readonly (number | null)[], declared = tracks.length) => {
    const bytes = [...header(1, declared, 480)];
    tracks.forEach((chunkBytes, index) => {
      const copy = chunkBytes.slice();
      const length = lengths[index];
      if (length !== null && length !== undefined) copy.splice(4, 4, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
      bytes.push(...copy);
    });
    return Uint8Array.from(bytes);
  };
  const clean = readSmf(build([]));
  const bodyLength = (index: number) => (tracks[index] as number[]).length - 8;

  const cases: [string, (number | null)[]][] = [];
  for (const index of [0, 1, 2]) {
    const real = bodyLength(index);
    const lies: [string, number][] = [
      ['1 byte too long', real + 1],
      ['100 bytes too long', real + 100],
      ['far past the end of the file', 0x7fffffff],
      ['1 byte too short', real - 1],
      ['half its length', Math.floor(real / 2)],
      ['0 bytes', 0],
    ];
    for (const [what, length] of lies) {
      const lengths: (number | null)[] = [null, null, null];
      lengths[index] = length;
      cases.push([`track ${index + 1} declares ${what}`, lengths]);
    }
  }
  it.each(cases)('%s: every event read, with a warning', (_name, lengths) => {
    const file = readSmf(build(lengths));
    expect(plain(file.messages)).toEqual(plain(clean.messages));
    expect(file.tracks.map((t) => t.name)).toEqual(['tempo', 'right', 'left']);
    expect(file.warnings.join('; ')).toMatch(/declares \d+ bytes/);
    expect(file.repairs).toBeGreaterThan(0);
  });

  it.each([
    ['one more track than there is', 4],
    ['one track fewer than there are', 2],
    ['no tracks at all', 0],
  ])('a header that declares %s: reads the tracks that exist', (_name, declared) => {
    const file = readSmf(build([], declared));
    expect(plain(file.messages)).toEqual(plain(clean.messages));
    expect(file.warnings).toContain(`MThd declares ${declared} tracks, the file holds 3: read the 3 there are`);
  });

  it('reads a format 0 file that holds two tracks as format 1, with a warning', () => {
    const file = readSmf(Uint8Array.from([...header(0, 2, 480), ...(tracks[0] as number[]), ...(tracks[1] as number[])]));
    expect(notesFromMessages(file.messages).notes).toHaveLength(8);
    expect(file.warnings.join('; ')).toMatch(/format 0 holds one track, this file 2/);
  });

  it('reads a chunk id with one flipped bit as the track it is', () => {
    const bytes = build([]);
    const at = 14 + 8 + bodyLength(0) + 2;
    bytes[at] = (bytes[at] as number) ^ 0x20; // 'MTrk' of track 2 -> 'MTRk'
    const file = readSmf(bytes);
    expect(plain(file.messages)).toEqual(plain(clean.messages));
    expect(file.warnings.join('; ')).toMatch(/reads 'MTRk': read it as the track chunk 'MTrk'/);
  });

  it('skips unreadable bytes between tracks up to the next MTrk', () => {
    const bytes = Uint8Array.from([...header(1, 2, 480), ...(tracks[0] as number[]), 0, 1, 2, 0xff, ...(tracks[1] as number[])]);
    const file = readSmf(bytes);
    expect(notesFromMessages(file.messages).notes).toHaveLength(8);
    expect(file.warnings.join('; ')).toMatch(/skipped 4 unreadable bytes at byte \d+, up to the next 'MTrk'/);
  });
});

describe('damage inside a track: the events before it are kept', () => {
  const file = Uint8Array.from([
    ...header(1, 3, 480),
    ...TEMPO_TRACK,
    ...track([[0, ...trackName('right')], ...scaleEvents(8, 0)]),
    ...track([[0, ...trackName('left')], ...scaleEvents(6, 1)]),
  ]);

  it('a file cut short in its last track keeps every complete event', () => {
    const cut = file.slice(0, file.length - 30);
    const read = readSmf(cut);
    const { notes, stats } = notesFromMessages(read.messages);
    expect(notes.filter((note) => note.channel === 0)).toHaveLength(8);
    expect(notes.filter((note) => note.channel === 1).length).toBeGreaterThanOrEqual(3);
    expect(read.warnings.join('; ')).toMatch(/^.*track 3: the file is cut short at byte \d+, inside .*; kept the \d+ channel messages before it/);
    expect(stats.unreleased).toBeLessThanOrEqual(1);
  });

  it('a byte that cannot be what it stands for ends that track; later tracks are still read', () => {
    const damaged = file.slice();
    const secondTrack = 14 + TEMPO_TRACK.length;
    damaged[secondTrack + 8 + 4 + 'right'.length + 20] = 0xf4; // an undefined status byte mid-track
    const read = readSmf(damaged);
    const { notes } = notesFromMessages(read.messages);
    expect(notes.filter((note) => note.channel === 1)).toHaveLength(6);
    expect(notes.filter((note) => note.channel === 0).length).toBeLessThan(8);
    expect(read.warnings.join('; ')).toMatch(/track 2: .*; kept the \d+ channel messages before it and skipped the rest of the track/);
  });

  it('refuses with one line when no event at all can be read', () => {
    expect(() => readSmf(Uint8Array.from([...header(0, 1, 480), ...chunk('MTrk', [0, 0xf4, 0, 0xff, 0x2f, 0])]))).toThrow(
      /^no MIDI event could be read: track 1: status byte 0xf4 at byte 23 is not allowed in a MIDI file$/,
    );
  });
});

describe('format 2: independent patterns one after another', () => {
  const pattern = (pitch: number) => track([[0, 0x90, pitch, 80], [480, 0x80, pitch, 0]]);

  it('starts each pattern where the one before ended', () => {
    const file = readSmf(Uint8Array.from([...header(2, 3, 480), ...pattern(60), ...pattern(62), ...pattern(64)]));
    expect(plain(file.messages).map(([time, status]) => [time, status])).toEqual([[0, 0x90], [500, 0x80], [500, 0x90], [1000, 0x80], [1000, 0x90], [1500, 0x80]]);
    expect(file.durationMs).toBe(1500);
    expect(file.warnings).toContain('format 2: played the 3 independent patterns one after another');
  });

  it("keeps each pattern's own tempo, and the tempo in force when a pattern sets none", () => {
    const fast = track([[0, ...tempo(250_000)], [0, 0x90, 60, 80], [480, 0x80, 60, 0]]);
    const file = readSmf(Uint8Array.from([...header(2, 2, 480), ...fast, ...pattern(62)]));
    expect(file.messages.map((message) => message.timeMs)).toEqual([0, 250, 250, 500]);
  });

  it('never lays the patterns on top of each other', () => {
    const file = readSmf(Uint8Array.from([...header(2, 2, 480), ...track(scaleEvents(8)), ...track(scaleEvents(8))]));
    const { notes, stats } = notesFromMessages(file.messages);
    expect(notes).toHaveLength(16);
    expect(stats.retriggers).toBe(0);
    const firstEnd = Math.max(...notes.slice(0, 8).map((note) => note.offsetMs));
    expect(notes.slice(8).every((note) => note.onsetMs >= firstEnd)).toBe(true);
  });
});
