import { describe, expect, it } from 'vitest';
import { createDecodeStats, decodeBytes, decodeMessage, decodeMessages } from '../../../core/midi/decode';
import type { MidiEvent } from '../../../core/midi/types';

describe('decodeMessage: one Web MIDI message', () => {
  it('decodes note-on', () => {
    expect(decodeMessage([0x93, 60, 100], 10)).toEqual({ kind: 'note-on', timeMs: 10, channel: 3, pitch: 60, velocity: 100 });
  });

  it('decodes note-off with its release velocity', () => {
    expect(decodeMessage([0x80, 61, 40], 11)).toEqual({ kind: 'note-off', timeMs: 11, channel: 0, pitch: 61, velocity: 40 });
  });

  it('decodes note-on with velocity 0 as note-off', () => {
    expect(decodeMessage([0x9f, 62, 0], 12)).toEqual({ kind: 'note-off', timeMs: 12, channel: 15, pitch: 62, velocity: 0 });
  });

  it('decodes the sustain pedal with the default threshold 64', () => {
    expect(decodeMessage([0xb0, 64, 64], 1)).toEqual({ kind: 'pedal', timeMs: 1, channel: 0, value: 64, down: true });
    expect(decodeMessage([0xb0, 64, 63], 2)).toEqual({ kind: 'pedal', timeMs: 2, channel: 0, value: 63, down: false });
    expect(decodeMessage([0xb0, 64, 127], 3)).toMatchObject({ down: true });
    expect(decodeMessage([0xb0, 64, 0], 4)).toMatchObject({ down: false });
  });

  it('honours a configured pedal threshold', () => {
    expect(decodeMessage([0xb0, 64, 20], 1, { pedalThreshold: 10 })).toMatchObject({ kind: 'pedal', down: true });
    expect(decodeMessage([0xb0, 64, 100], 1, { pedalThreshold: 110 })).toMatchObject({ kind: 'pedal', down: false });
    expect(decodeBytes([0xb0, 64, 20], 1, { pedalThreshold: 10 })[0]).toMatchObject({ down: true });
  });

  it('decodes other control changes', () => {
    expect(decodeMessage([0xb2, 67, 127], 5)).toEqual({ kind: 'control-change', timeMs: 5, channel: 2, controller: 67, value: 127 });
  });

  it('decodes other channel messages as "other" with their status byte', () => {
    expect(decodeMessage([0xc1, 5], 6)).toEqual({ kind: 'other', timeMs: 6, channel: 1, status: 0xc1 });
    expect(decodeMessage([0xe0, 0, 64], 7)).toEqual({ kind: 'other', timeMs: 7, channel: 0, status: 0xe0 });
    expect(decodeMessage([0xd4, 33], 8)).toMatchObject({ kind: 'other', status: 0xd4 });
    expect(decodeMessage([0xa0, 60, 10], 9)).toMatchObject({ kind: 'other', status: 0xa0 });
  });

  it.each([
    ['clock', [0xf8]],
    ['active sensing', [0xfe]],
    ['start', [0xfa]],
    ['system reset', [0xff]],
    ['undefined real-time', [0xf9]],
    ['sysex', [0xf0, 0x7e, 0x7f, 0x06, 0x01, 0xf7]],
    ['song position', [0xf2, 1, 2]],
    ['tune request', [0xf6]],
    ['empty', []],
    ['truncated note-on', [0x90, 60]],
    ['status only', [0x90]],
    ['data bytes only', [60, 100]],
    ['status byte where data belongs', [0x90, 0x80, 100]],
    ['stray end of exclusive', [0xf7]],
  ])('skips %s without throwing', (_name, bytes) => {
    expect(decodeMessage(bytes, 1)).toBeUndefined();
  });

  it('never throws on values outside a byte', () => {
    expect(() => decodeMessage([0x90, 300, -1], 1)).not.toThrow();
    expect(() => decodeMessage([Number.NaN, 60.5, 1e9], 1)).not.toThrow();
    expect(decodeMessage([0x90, 60.5, 100], 1)).toMatchObject({ pitch: 60 });
  });

  it('copies timestamps bit-exact', () => {
    for (const time of [1234.5678901234, 0.1 + 0.2, -0, 5e-324, 1.7976931348623157e308, 987654321.0000001]) {
      expect(Object.is(decodeMessage([0x90, 60, 1], time)?.timeMs, time)).toBe(true);
      expect(Object.is(decodeBytes([0xf8, 0x90, 60, 1], time)[0]?.timeMs, time)).toBe(true);
    }
  });
});

describe('decodeBytes: a byte stream', () => {
  const kinds = (events: MidiEvent[]) => events.map((event) => event.kind);

  it('follows running status', () => {
    const events = decodeBytes([0x90, 60, 100, 62, 90, 60, 0, 0xb0, 64, 127, 64, 0], 3);
    expect(kinds(events)).toEqual(['note-on', 'note-on', 'note-off', 'pedal', 'pedal']);
    expect(events[1]).toMatchObject({ pitch: 62, velocity: 90 });
    expect(events[4]).toMatchObject({ down: false });
  });

  it('follows running status for one-data-byte messages', () => {
    expect(decodeBytes([0xc0, 1, 2, 3], 0)).toHaveLength(3);
  });

  it('ignores real-time bytes interleaved anywhere, even inside a message', () => {
    const stats = createDecodeStats();
    const events = decodeBytes([0xf8, 0x90, 0xfe, 60, 0xf8, 100, 0xfa, 62, 0xfc, 80], 0, undefined, [], stats);
    expect(events).toEqual([
      { kind: 'note-on', timeMs: 0, channel: 0, pitch: 60, velocity: 100 },
      { kind: 'note-on', timeMs: 0, channel: 0, pitch: 62, velocity: 80 },
    ]);
    expect(stats.realTime).toBe(5);
    expect(stats.malformed).toBe(0);
  });

  it('skips sysex up to 0xF7 and cancels running status', () => {
    const stats = createDecodeStats();
    const events = decodeBytes([0x90, 60, 100, 0xf0, 1, 2, 3, 0xf7, 61, 100, 0x80, 60, 0], 0, undefined, [], stats);
    expect(kinds(events)).toEqual(['note-on', 'note-off']);
    expect(stats.sysex).toBe(1);
    expect(stats.malformed).toBe(1); // 61, 100 after the sysex had no status
  });

  it('ends an unterminated sysex at the next status byte', () => {
    const stats = createDecodeStats();
    const events = decodeBytes([0xf0, 1, 2, 0x90, 60, 100], 0, undefined, [], stats);
    expect(kinds(events)).toEqual(['note-on']);
    expect(stats.sysex).toBe(1);
  });

  it('skips system common messages with their data bytes', () => {
    const stats = createDecodeStats();
    const events = decodeBytes([0xf2, 0x10, 0x20, 0xf1, 0x05, 0xf3, 0x01, 0xf6, 0x90, 60, 100], 0, undefined, [], stats);
    expect(kinds(events)).toEqual(['note-on']);
    expect(stats.systemCommon).toBe(4);
    expect(stats.malformed).toBe(0);
  });

  it('counts a message cut short by the next status byte and decodes the next one', () => {
    const stats = createDecodeStats();
    const events = decodeBytes([0x90, 60, 0x80, 61, 0], 0, undefined, [], stats);
    expect(events).toEqual([{ kind: 'note-off', timeMs: 0, channel: 0, pitch: 61, velocity: 0 }]);
    expect(stats.malformed).toBe(1);
  });

  it('counts a message truncated by the end of the array', () => {
    const stats = createDecodeStats();
    expect(decodeBytes([0x90, 60, 100, 61], 0, undefined, [], stats)).toHaveLength(1);
    expect(stats.malformed).toBe(1);
  });

  it('counts each run of stray data bytes once', () => {
    const stats = createDecodeStats();
    expect(decodeBytes([1, 2, 3, 0x90, 60, 1], 0, undefined, [], stats)).toHaveLength(1);
    expect(stats.malformed).toBe(1);
  });
});

describe('decodeMessages', () => {
  it('decodes a capture in order and counts what it skipped', () => {
    const { events, stats } = decodeMessages([
      { bytes: [0x90, 60, 100], timeMs: 1 },
      { bytes: [0xfe], timeMs: 2 },
      { bytes: new Uint8Array([0xb0, 64, 127]), timeMs: 3 },
      { bytes: [0x90, 60], timeMs: 4 },
      { bytes: [0x80, 60, 0, 0x90, 62, 80], timeMs: 5 },
    ]);
    expect(events.map((event) => [event.kind, event.timeMs])).toEqual([
      ['note-on', 1], ['pedal', 3], ['note-off', 5], ['note-on', 5],
    ]);
    expect(stats).toEqual({ messages: 5, events: 4, realTime: 1, sysex: 0, systemCommon: 0, malformed: 1 });
  });

  it('does not carry running status from one message to the next', () => {
    const { events, stats } = decodeMessages([
      { bytes: [0x90, 60, 100], timeMs: 1 },
      { bytes: [62, 100], timeMs: 2 },
    ]);
    expect(events).toHaveLength(1);
    expect(stats.malformed).toBe(1);
  });
});
