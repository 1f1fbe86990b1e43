/**
 * Raw MIDI bytes -> typed events. Web MIDI delivers one complete message per event, but raw logs,
 * fuzzers and odd devices do not, so the same rules also work over any byte array: running status,
 * several messages in one array, real-time bytes anywhere, sysex, truncated messages. Nothing here
 * throws, and a timestamp is copied, never computed: what goes in comes out bit-exact.
 */
import type { MidiEvent, RawMidiMessage } from './types';

/** CC64 value at or above which the sustain pedal counts as down (the MIDI convention). */
export const DEFAULT_PEDAL_THRESHOLD = 64;

/** Controller number of the sustain (damper) pedal. */
export const SUSTAIN_PEDAL_CONTROLLER = 64;

export interface DecodeOptions {
  /** CC64 values >= this are "pedal down". Default 64. */
  readonly pedalThreshold?: number;
}

/** What the decoder skipped, so callers can report it. Counters only ever grow. */
export interface DecodeStats {
  /** Messages (Web MIDI events / raw log entries) seen. */
  messages: number;
  /** Typed events produced. */
  events: number;
  /** Real-time bytes skipped (0xF8 clock, 0xFE active sensing, 0xF8..0xFF). */
  realTime: number;
  /** System exclusive messages skipped (0xF0 .. 0xF7). */
  sysex: number;
  /** System common messages skipped (0xF1..0xF6: MTC, song position, tune request...). */
  systemCommon: number;
  /** Truncated messages, stray data bytes without a status, stray 0xF7: skipped. */
  malformed: number;
}

/**
 * A fresh set of zeroed counters.
 *
 * @example
 * const stats = createDecodeStats();
 * decodeBytes([0xf8, 0x90, 60, 100], 0, undefined, [], stats); // stats.realTime === 1
 */
export function createDecodeStats(): DecodeStats {
  return { messages: 0, events: 0, realTime: 0, sysex: 0, systemCommon: 0, malformed: 0 };
}

/**
 * Number of data bytes that follow a channel status byte (0x80..0xEF): program change and channel
 * pressure take one, everything else two.
 *
 * @example
 * channelDataLength(0x90); // 2
 * channelDataLength(0xc0); // 1
 */
export function channelDataLength(status: number): 1 | 2 {
  const type = status & 0xf0;
  return type === 0xc0 || type === 0xd0 ? 1 : 2;
}

/** Data bytes after a system common status byte (0xF1..0xF6). */
function systemCommonDataLength(status: number): number {
  if (status === 0xf2) return 2;
  if (status === 0xf1 || status === 0xf3) return 1;
  return 0;
}

/**
 * Builds the typed event for one complete channel message. Exposed so other readers (SMF) decode
 * exactly like the live path.
 *
 * @example
 * channelEvent(0x90, 60, 0, 12.5, 64); // { kind: 'note-off', pitch: 60, velocity: 0, ... }
 */
export function channelEvent(status: number, data1: number, data2: number, timeMs: number, pedalThreshold: number): MidiEvent {
  const channel = status & 0x0f;
  switch (status & 0xf0) {
    case 0x90:
      // Velocity 0 is the running-status-friendly way devices send note-off.
      return data2 === 0
        ? { kind: 'note-off', timeMs, channel, pitch: data1, velocity: 0 }
        : { kind: 'note-on', timeMs, channel, pitch: data1, velocity: data2 };
    case 0x80:
      return { kind: 'note-off', timeMs, channel, pitch: data1, velocity: data2 };
    case 0xb0:
      return data1 === SUSTAIN_PEDAL_CONTROLLER
        ? { kind: 'pedal', timeMs, channel, value: data2, down: data2 >= pedalThreshold }
        : { kind: 'control-change', timeMs, channel, controller: data1, value: data2 };
    default:
      return { kind: 'other', timeMs, channel, status };
  }
}

/**
 * Decodes every channel message in a byte array, all stamped with `timeMs` (copied as is).
 * Handles running status, real-time bytes interleaved anywhere, sysex (skipped up to 0xF7 or the
 * next status byte), system common (skipped), and truncated messages (skipped, counted).
 * Running status does not carry over between calls: each call is one message or one log chunk.
 * Never throws. Events are appended to `out`, which is returned.
 *
 * @example
 * decodeBytes([0x90, 60, 100, 62, 90, 0xf8, 60, 0], 5.25);
 * // note-on 60, note-on 62 (running status), note-off 60; the clock byte is skipped
 */
export function decodeBytes(
  bytes: ArrayLike<number>,
  timeMs: number,
  options?: DecodeOptions,
  out: MidiEvent[] = [],
  stats?: DecodeStats,
): MidiEvent[] {
  const threshold = options?.pedalThreshold ?? DEFAULT_PEDAL_THRESHOLD;
  const length = bytes.length;
  let runningStatus = 0; // 0 = none
  let needed = 0; // data bytes a message with the running status takes
  let data1 = 0;
  let have = 0; // data bytes collected for the message in progress
  let fresh = false; // a status byte arrived and no message completed with it yet
  let inSysex = false;
  let skipCommon = 0; // data bytes of a system common message still to skip
  let strayData = false; // inside a run of data bytes with no status (counted once per run)

  for (let i = 0; i < length; i++) {
    const byte = (bytes[i] ?? 0) & 0xff;
    if (byte >= 0xf8) {
      // Real-time bytes may appear anywhere, even inside other messages, and change nothing.
      if (stats) stats.realTime++;
      continue;
    }
    if (byte >= 0x80) {
      if (inSysex) {
        // 0xF7 ends a sysex normally; any other status byte ends it too (and then counts).
        inSysex = false;
        if (byte === 0xf7) continue;
      } else if (byte === 0xf7) {
        if (stats) stats.malformed++; // end of exclusive without a start
        runningStatus = 0;
        fresh = false;
        have = 0;
        continue;
      }
      if ((fresh || have > 0 || skipCommon > 0) && stats) stats.malformed++; // cut short
      have = 0;
      skipCommon = 0;
      strayData = false;
      fresh = false;
      if (byte === 0xf0) {
        inSysex = true;
        runningStatus = 0;
        if (stats) stats.sysex++;
      } else if (byte > 0xf0) {
        // System common: skipped with its data bytes; it cancels running status.
        runningStatus = 0;
        skipCommon = systemCommonDataLength(byte);
        if (stats) stats.systemCommon++;
      } else {
        runningStatus = byte;
        needed = channelDataLength(byte);
        fresh = true;
      }
      continue;
    }
    // A data byte.
    if (inSysex) continue;
    if (skipCommon > 0) {
      skipCommon--;
      continue;
    }
    if (runningStatus === 0) {
      if (!strayData) {
        strayData = true;
        if (stats) stats.malformed++;
      }
      continue;
    }
    if (have === 0 && needed === 2) {
      data1 = byte;
      have = 1;
      continue;
    }
    out.push(
      have === 0
        ? channelEvent(runningStatus, byte, 0, timeMs, threshold)
        : channelEvent(runningStatus, data1, byte, timeMs, threshold),
    );
    have = 0;
    fresh = false;
    if (stats) stats.events++;
  }
  // The array ended mid-message, or inside a sysex that was never terminated.
  if ((fresh || have > 0 || skipCommon > 0 || inSysex) && stats) stats.malformed++;
  return out;
}

const scratch: MidiEvent[] = [];

/**
 * Decodes one Web MIDI message (one complete message per event, as Web MIDI delivers) into at
 * most one event: `undefined` for real-time bytes, sysex, system common and malformed input.
 * If the array unexpectedly holds several messages, the first channel message wins; use
 * {@link decodeBytes} to get them all. Never throws; `timeMs` is copied as is.
 *
 * @example
 * decodeMessage([0x90, 60, 100], 1234.5678901234); // { kind: 'note-on', timeMs: 1234.5678901234, ... }
 * decodeMessage([0xfe], 10); // undefined (active sensing)
 */
export function decodeMessage(bytes: ArrayLike<number>, timeMs: number, options?: DecodeOptions): MidiEvent | undefined {
  const single = decodeWellFormed(bytes, timeMs, options?.pedalThreshold ?? DEFAULT_PEDAL_THRESHOLD);
  if (single) return single;
  scratch.length = 0;
  decodeBytes(bytes, timeMs, options, scratch);
  const first = scratch[0];
  scratch.length = 0;
  return first;
}

/**
 * Fast path: the one well-formed channel message every Web MIDI event carries (status byte,
 * exactly its data bytes, all in range). Anything else returns undefined for the slow path.
 *
 * @example decodeWellFormed([0x80, 60, 0], 5, 64) // { kind: 'note-off', timeMs: 5, ... }
 */
function decodeWellFormed(bytes: ArrayLike<number>, timeMs: number, pedalThreshold: number): MidiEvent | undefined {
  const status = bytes[0] ?? 0;
  if (status < 0x80 || status >= 0xf0 || (status & 0xff) !== status) return undefined;
  const needed = channelDataLength(status);
  if (bytes.length !== needed + 1) return undefined;
  const data1 = bytes[1] ?? 0x80;
  const data2 = needed === 2 ? (bytes[2] ?? 0x80) : 0;
  if ((data1 & 0x7f) !== data1 || (data2 & 0x7f) !== data2) return undefined;
  return channelEvent(status, data1, data2, timeMs, pedalThreshold);
}

/**
 * Decodes a list of raw messages (a Web MIDI capture or a raw log) into one event stream, in input
 * order. Each message is decoded on its own (no running status across messages), so a corrupt
 * message cannot damage its neighbours.
 *
 * @example
 * const { events, stats } = decodeMessages([{ bytes: [0x90, 60, 100], timeMs: 0 }, { bytes: [0xf8], timeMs: 1 }]);
 * // events.length === 1, stats.realTime === 1
 */
export function decodeMessages(
  messages: readonly RawMidiMessage[],
  options?: DecodeOptions,
): { events: MidiEvent[]; stats: DecodeStats } {
  const stats = createDecodeStats();
  const events: MidiEvent[] = [];
  const threshold = options?.pedalThreshold ?? DEFAULT_PEDAL_THRESHOLD;
  for (let m = 0; m < messages.length; m++) {
    const message = messages[m];
    if (message === undefined) continue;
    stats.messages++;
    const single = decodeWellFormed(message.bytes, message.timeMs, threshold);
    if (single) {
      events.push(single);
      stats.events++;
      continue;
    }
    decodeBytes(message.bytes, message.timeMs, options, events, stats);
  }
  return { events, stats };
}
