/**
 * Standard MIDI Files (SMF, formats 0/1/2) in and out of the raw message stream.
 *
 * Reading walks every chunk and every event itself, so that a broken file gets one specific
 * line ("truncated track 2 at byte 1234: ...") and every channel message of every track comes out
 * as it was written: unpaired note-offs, notes never released and running status included, which
 * are exactly what note assembly must see and count. Ticks become milliseconds through the tempo
 * map with ONE rounding: time(tick) = (sum of ticks x microseconds-per-quarter over the tempo
 * segments) / (ppq x 1000), an exact integer numerator while it stays below 2^53 (hundreds of
 * hours at usual resolutions).
 *
 * Writing puts every message on the file's tick grid: one tick = (60,000 / bpm) / ppq ms, 0.1 ms
 * with the defaults (120 bpm, ppq 5000). A timestamp on that grid (the float64 nearest to k ticks)
 * round-trips bit-exact; any other is rounded to the nearest tick, or rejected with
 * `{ exact: true }`.
 */
import { channelDataLength } from './decode';
import type { Note, RawMidiMessage } from './types';

/**
 * Everything readSmf / writeSmf refuse is an SmfError with a one-line message naming the problem.
 *
 * @example
 * try { readSmf(bytes); } catch (error) {
 *   if (error instanceof SmfError) console.error(error.message); // "truncated track 2 at byte 1234: ..."
 * }
 */
export class SmfError extends Error {
  /** Byte offset in the file where the problem was found, when there is one. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'SmfError';
    this.offset = offset;
  }
}

/** A tempo change, with the time it takes effect. */
export interface SmfTempo {
  readonly ticks: number;
  readonly timeMs: number;
  readonly microsecondsPerQuarter: number;
  readonly bpm: number;
}

export interface SmfTrack {
  /** 0-based position of the MTrk chunk in the file. */
  readonly index: number;
  /** Sequence/track name meta event (0x03), '' if none. */
  readonly name: string;
  /** Channel messages in this track. */
  readonly messages: number;
  /** Channels (0..15) its channel messages use, ascending. */
  readonly channels: readonly number[];
  readonly endMs: number;
}

export interface SmfFile {
  readonly format: 0 | 1 | 2;
  /** Ticks per quarter note, or undefined for SMPTE time division. */
  readonly ppq: number | undefined;
  /** SMPTE division as frames/s and ticks/frame, when the file uses it (tempo is then ignored). */
  readonly smpte?: { readonly framesPerSecond: number; readonly ticksPerFrame: number };
  readonly tracks: readonly SmfTrack[];
  /** Tempo map, sorted by tick; the implicit 120 bpm at tick 0 is included when the file has none there. */
  readonly tempos: readonly SmfTempo[];
  /**
   * Every channel message (note-on/off, CC incl. CC64, program change, pitch bend...) of every
   * track, merged in time order (ties: track order, then file order), running status expanded,
   * bytes as written (a note-on with velocity 0 stays one).
   */
  readonly messages: RawMidiMessage[];
  /** Time of the end of the longest track (its End of Track event or last event). */
  readonly durationMs: number;
  /** Non-fatal oddities (missing End of Track, unknown chunks, trailing bytes, sysex skipped...). */
  readonly warnings: readonly string[];
  /**
   * How many of the warnings are repairs of a file that breaks the rules (running status kept
   * across meta/sysex, a chunk length that lies, a track count that is off, damage skipped):
   * 0 for a file read as written.
   */
  readonly repairs: number;
}

const DEFAULT_MICROSECONDS_PER_QUARTER = 500_000;

/**
 * Reads a Standard MIDI File (also inside a RIFF "RMID" wrapper). Throws SmfError, and only
 * SmfError, with a one-line message on anything that is not a valid SMF. Never hangs: every loop
 * advances through a bounded buffer.
 *
 * @example
 * const file = readSmf(new Uint8Array(await blob.arrayBuffer()));
 * const { notes } = notesFromMessages(file.messages);
 */
export function readSmf(input: Uint8Array | ArrayBuffer): SmfFile {
  try {
    return parse(input instanceof Uint8Array ? input : new Uint8Array(input));
  } catch (error) {
    if (error instanceof SmfError) throw error;
    // A bug of ours must still surface as a clear, typed error rather than a crash.
    throw new SmfError(`could not read the MIDI file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface PendingMessage {
  ticks: number;
  track: number;
  order: number;
  bytes: number[];
}

interface TempoChange {
  ticks: number;
  microsecondsPerQuarter: number;
  track: number;
  order: number;
}

function parse(whole: Uint8Array): SmfFile {
  const warnings: string[] = [];
  const bytes = unwrapRiff(whole, warnings);
  const base = bytes === whole ? 0 : bytes.byteOffset - whole.byteOffset;
  const at = (offset: number): number => base + offset;

  if (bytes.length === 0) throw new SmfError('not a Standard MIDI File: the file is empty');
  if (bytes.length < 4 || ascii(bytes, 0, 4) !== 'MThd') {
    throw new SmfError(`not a Standard MIDI File: missing MThd header (starts with ${hex(bytes, 0, 4)})`, at(0));
  }
  if (bytes.length < 14) throw new SmfError(`truncated MThd header: the file has only ${bytes.length} bytes`, at(bytes.length));
  const headerLength = u32(bytes, 4);
  if (headerLength < 6) throw new SmfError(`invalid MThd header: length ${headerLength} (expected 6)`, at(4));
  if (8 + headerLength > bytes.length) {
    throw new SmfError(`truncated MThd header: declares ${headerLength} bytes, only ${bytes.length - 8} remain`, at(bytes.length));
  }
  const format = u16(bytes, 8);
  const declaredTracks = u16(bytes, 10);
  const division = u16(bytes, 12);
  if (format > 2) throw new SmfError(`unsupported SMF format ${format} (expected 0, 1 or 2)`, at(8));
  let ppq: number | undefined;
  let smpte: { framesPerSecond: number; ticksPerFrame: number } | undefined;
  if (division & 0x8000) {
    const frames = 256 - (division >> 8);
    const ticksPerFrame = division & 0xff;
    if (![24, 25, 29, 30].includes(frames) || ticksPerFrame === 0) {
      throw new SmfError(`invalid SMPTE time division 0x${division.toString(16)} (${frames} frames/s, ${ticksPerFrame} ticks/frame)`, at(12));
    }
    smpte = { framesPerSecond: frames === 29 ? 30000 / 1001 : frames, ticksPerFrame };
  } else {
    if (division === 0) throw new SmfError('invalid MThd header: time division is 0 ticks per quarter note', at(12));
    ppq = division;
  }

  const pending: PendingMessage[] = [];
  const tempoChanges: TempoChange[] = [];
  const trackInfo: TrackInfo[] = [];
  const repairs = { count: 0 };
  let damaged: SmfError | undefined;
  let offset = 8 + headerLength;
  let order = 0;
  // Format 2 patterns are independent sequences: each starts where the one before it ended.
  let patternStartTicks = 0;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) {
      if (trackInfo.length < declaredTracks) {
        warnings.push(`the file ends inside a chunk header at byte ${at(offset)} (${bytes.length - offset} bytes ignored)`);
        repairs.count++;
      } else {
        warnings.push(`ignored ${bytes.length - offset} bytes after the last track`);
      }
      break;
    }
    const id = ascii(bytes, offset, 4);
    const length = u32(bytes, offset + 4);
    if (id !== 'MTrk') {
      if (isMisspeltMTrk(id)) {
        warnings.push(`chunk at byte ${at(offset)} reads '${printable(id)}': read it as the track chunk 'MTrk' it differs from in one byte`);
        repairs.count++;
      } else if (/^[\x20-\x7e]{4}$/.test(id) && offset + 8 + length <= bytes.length) {
        // The SMF spec tells readers to skip chunk types they do not know.
        warnings.push(`skipped unknown chunk '${id}' at byte ${at(offset)}`);
        offset += 8 + length;
        continue;
      } else {
        const next = findMTrk(bytes, offset + 1);
        if (next < 0) {
          if (trackInfo.length === 0) {
            throw new SmfError(
              `invalid chunk at byte ${at(offset)}: expected 'MTrk' for track 1, found bytes ${hex(bytes, offset, 4)}, and no track chunk follows`,
              at(offset),
            );
          }
          warnings.push(`ignored ${bytes.length - offset} bytes after the last track (no further 'MTrk' chunk)`);
          if (trackInfo.length < declaredTracks) repairs.count++;
          break;
        }
        warnings.push(`skipped ${next - offset} unreadable bytes at byte ${at(offset)}, up to the next 'MTrk' chunk at byte ${at(next)}`);
        repairs.count++;
        offset = next;
        continue;
      }
    }
    const trackNumber = trackInfo.length + 1;
    const info: TrackInfo = { name: '', messages: 0, channels: 0, endTicks: 0 };
    const result = readTrack({
      bytes, start: offset + 8, declaredEnd: offset + 8 + length, trackNumber, at, info, pending, tempoChanges, warnings, order, repairs,
      tickBase: format === 2 ? patternStartTicks : 0,
    });
    order = result.order;
    if (result.damage && !damaged) damaged = new SmfError(`track ${trackNumber}: ${result.damage.message}`, result.damage.offset);
    trackInfo.push(info);
    patternStartTicks = Math.max(patternStartTicks, info.endTicks);
    offset = result.next;
  }
  if (trackInfo.length === 0) {
    throw new SmfError(`truncated file: MThd declares ${declaredTracks} tracks, the file holds none`, at(offset));
  }
  if (trackInfo.length !== declaredTracks) {
    warnings.push(`MThd declares ${declaredTracks} tracks, the file holds ${trackInfo.length}: read the ${trackInfo.length} there are`);
    repairs.count++;
  }
  if (format === 0 && trackInfo.length > 1) {
    warnings.push(`format 0 holds one track, this file ${trackInfo.length}: merged them as format 1`);
    repairs.count++;
  }
  if (damaged && pending.length === 0) {
    // Nothing playable survived the damage: that file truly cannot be read.
    throw new SmfError(`no MIDI event could be read: ${damaged.message}`, damaged.offset);
  }
  if (format === 2 && trackInfo.length > 1) {
    warnings.push(`format 2: played the ${trackInfo.length} independent patterns one after another`);
  }

  const clock = tickClock(ppq, smpte, tempoChanges);
  // Tracks are read one after another: merge them by tick (ties: track, then file order).
  if (!isSortedByTicks(pending)) pending.sort((a, b) => a.ticks - b.ticks || a.track - b.track || a.order - b.order);
  const messages: RawMidiMessage[] = new Array<RawMidiMessage>(pending.length);
  for (let i = 0; i < pending.length; i++) {
    const message = pending[i] as PendingMessage;
    messages[i] = { bytes: message.bytes, timeMs: clock.toMs(message.ticks) };
  }
  const tracks = trackInfo.map((info, index): SmfTrack => ({
    index,
    name: info.name,
    messages: info.messages,
    channels: channelList(info.channels),
    endMs: clock.toMs(info.endTicks),
  }));
  const durationMs = tracks.reduce((longest, track) => Math.max(longest, track.endMs), 0);
  return {
    format: format as 0 | 1 | 2,
    ppq,
    ...(smpte ? { smpte } : {}),
    tracks,
    tempos: clock.tempos,
    messages,
    durationMs,
    warnings,
    repairs: repairs.count,
  };
}

interface TrackInfo {
  name: string;
  messages: number;
  channels: number;
  endTicks: number;
}

interface TrackInput {
  readonly bytes: Uint8Array;
  /** First byte after the chunk header. */
  readonly start: number;
  /** Where the chunk's declared length says it ends (may lie, may lie past the file). */
  readonly declaredEnd: number;
  readonly trackNumber: number;
  readonly at: (offset: number) => number;
  readonly info: TrackInfo;
  readonly pending: PendingMessage[];
  readonly tempoChanges: TempoChange[];
  readonly warnings: string[];
  readonly order: number;
  readonly repairs: { count: number };
  /** Ticks added to every event (format 2: where this pattern starts). */
  readonly tickBase: number;
}

/**
 * Walks one MTrk chunk to its End of Track, wherever that is. The declared chunk length is
 * trusted only when it agrees with the events: a length that runs past End of Track or past the
 * file is resynchronised on the next 'MTrk'; a length that stops before End of Track is read
 * through. Damage inside the track (a cut, a byte that cannot be what it stands for) keeps the
 * events before it, skips the rest of the track and is returned as `damage`.
 */
function readTrack(input: TrackInput): { next: number; order: number; damage?: SmfError } {
  const { bytes, start, declaredEnd, trackNumber, at, info, warnings, repairs } = input;
  const fileEnd = bytes.length;
  const cursor = { offset: start, ticks: input.tickBase, order: input.order, keptAcrossMeta: 0 };
  let endOfTrack: number | undefined;
  let damage: SmfError | undefined;
  try {
    endOfTrack = readEvents(input, cursor);
  } catch (error) {
    if (!(error instanceof SmfError)) throw error;
    damage = error;
  }
  info.endTicks = cursor.ticks;
  if (cursor.keptAcrossMeta > 0) {
    warnings.push(
      `track ${trackNumber}: running status carried across a meta or sysex event ${cursor.keptAcrossMeta} ${cursor.keptAcrossMeta === 1 ? 'time' : 'times'}: kept in force, as mido, music21, NAudio and @tonejs/midi do (the spec cancels it)`,
    );
    repairs.count++;
  }
  const length = declaredEnd - start;
  if (damage) {
    warnings.push(`track ${trackNumber}: ${damage.message}; kept the ${info.messages} channel messages before it and skipped the rest of the track`);
    repairs.count++;
    const resume = declaredEnd > cursor.offset && (isChunkStart(bytes, declaredEnd) || declaredEnd === fileEnd) ? declaredEnd : findMTrk(bytes, cursor.offset + 1);
    return { next: resume < 0 ? fileEnd : resume, order: cursor.order, damage };
  }
  if (endOfTrack === undefined) {
    // Stopped at the declared end (or the end of the file) without End of Track.
    warnings.push(`track ${trackNumber}: no End of Track event`);
    repairs.count++;
    if (cursor.offset > declaredEnd) {
      warnings.push(`track ${trackNumber}: its chunk declares ${length} bytes, its events run on to byte ${at(cursor.offset)}`);
      repairs.count++;
    }
    return { next: cursor.offset, order: cursor.order };
  }
  if (endOfTrack === declaredEnd) return { next: declaredEnd, order: cursor.order };
  if (endOfTrack > declaredEnd) {
    warnings.push(
      `track ${trackNumber}: its chunk declares ${length} bytes but End of Track comes ${endOfTrack - declaredEnd} bytes later, at byte ${at(endOfTrack)}: read through to it`,
    );
    repairs.count++;
    return { next: endOfTrack, order: cursor.order };
  }
  // End of Track before the declared end: trailing bytes inside the chunk, or a length that lies.
  const nextTrack = findMTrk(bytes, endOfTrack);
  if (declaredEnd <= fileEnd && (nextTrack < 0 || nextTrack >= declaredEnd)) {
    warnings.push(`track ${trackNumber}: ignored ${declaredEnd - endOfTrack} bytes after End of Track`);
    return { next: declaredEnd, order: cursor.order };
  }
  const where = nextTrack < 0 ? 'the end of the file' : `the next 'MTrk' at byte ${at(nextTrack)}`;
  warnings.push(
    `track ${trackNumber}: its chunk declares ${length} bytes but End of Track comes at byte ${at(endOfTrack)}: stopped there and resynchronised on ${where}`,
  );
  repairs.count++;
  return { next: nextTrack < 0 ? fileEnd : nextTrack, order: cursor.order };
}

/**
 * Reads events from cursor.offset; returns the offset just after End of Track, or undefined when
 * the track stopped without one (at its declared end followed by a chunk, or at the end of the
 * file). Throws SmfError at damage; cursor then points at the damaged event.
 */
function readEvents(
  input: TrackInput,
  cursor: { offset: number; ticks: number; order: number; keptAcrossMeta: number },
): number | undefined {
  const { bytes, declaredEnd, trackNumber, at, info, pending, tempoChanges } = input;
  const end = bytes.length;
  const track = trackNumber - 1;
  const truncated = (offset: number, what: string): SmfError =>
    new SmfError(`the file is cut short at byte ${at(end)}, inside ${what} at byte ${at(offset)}`, at(offset));
  let runningStatus = 0;
  let afterMetaOrSysex = false;
  let sysex = 0;
  try {
    for (;;) {
      const eventStart = cursor.offset;
      // The declared end, where the next chunk begins: a track without End of Track stops here.
      if (eventStart === end) return undefined;
      if (eventStart >= declaredEnd && isChunkStart(bytes, eventStart)) return undefined;
      let offset = eventStart;
      // Delta time: a variable-length quantity of at most 4 bytes.
      let delta = 0;
      let vlqBytes = 0;
      for (;;) {
        if (offset >= end) throw truncated(eventStart, 'a delta-time');
        const byte = bytes[offset++] as number;
        delta = delta * 128 + (byte & 0x7f);
        if (++vlqBytes > 4) throw new SmfError(`invalid delta-time at byte ${at(eventStart)} (longer than 4 bytes)`, at(eventStart));
        if (byte < 0x80) break;
      }
      if (offset >= end) throw truncated(eventStart, 'an event after its delta-time');
      const statusOffset = offset;
      let status = bytes[offset] as number;
      if (status < 0x80) {
        if (runningStatus === 0) {
          throw new SmfError(`data byte 0x${hex2(status)} with no status byte at byte ${at(offset)}`, at(offset));
        }
        // Strictly, meta and sysex events cancel running status; every common reader keeps it.
        if (afterMetaOrSysex) cursor.keptAcrossMeta++;
        status = runningStatus;
      } else {
        offset++;
      }
      afterMetaOrSysex = false;

      if (status === 0xff) {
        if (offset >= end) throw truncated(statusOffset, 'a meta event');
        const type = bytes[offset++] as number;
        const [length, next] = readVlq(bytes, offset, end, at, 'meta event length', truncated, statusOffset);
        offset = next;
        if (offset + length > end) throw truncated(statusOffset, `meta event 0x${hex2(type)} (${length} bytes)`);
        if (type === 0x51) {
          if (length !== 3) throw new SmfError(`set-tempo meta event at byte ${at(statusOffset)} has length ${length} (expected 3)`, at(statusOffset));
          const microsecondsPerQuarter = ((bytes[offset] as number) << 16) | ((bytes[offset + 1] as number) << 8) | (bytes[offset + 2] as number);
          if (microsecondsPerQuarter === 0) throw new SmfError(`set-tempo meta event at byte ${at(statusOffset)} has tempo 0`, at(statusOffset));
          tempoChanges.push({ ticks: cursor.ticks + delta, microsecondsPerQuarter, track, order: cursor.order++ });
        } else if (type === 0x03 && info.name === '') {
          info.name = latin1(bytes, offset, length);
        }
        cursor.ticks += delta;
        cursor.offset = offset + length;
        if (type === 0x2f) return cursor.offset;
        afterMetaOrSysex = true;
        continue;
      }
      if (status === 0xf0 || status === 0xf7) {
        const [length, next] = readVlq(bytes, offset, end, at, 'sysex length', truncated, statusOffset);
        offset = next;
        if (offset + length > end) throw truncated(statusOffset, `a sysex event (${length} bytes)`);
        cursor.ticks += delta;
        cursor.offset = offset + length;
        sysex++;
        afterMetaOrSysex = true;
        continue;
      }
      if (status > 0xf0) {
        throw new SmfError(`status byte 0x${hex2(status)} at byte ${at(statusOffset)} is not allowed in a MIDI file`, at(statusOffset));
      }
      runningStatus = status;
      const dataLength = channelDataLength(status);
      if (offset + dataLength > end) throw truncated(statusOffset, `a channel message (status 0x${hex2(status)})`);
      // Plain arrays: far cheaper than a typed array per message when a file holds millions.
      const message = dataLength === 2 ? [status, 0, 0] : [status, 0];
      for (let k = 1; k <= dataLength; k++) {
        const data = bytes[offset++] as number;
        if (data >= 0x80) {
          throw new SmfError(`byte 0x${hex2(data)} at byte ${at(offset - 1)} should be a data byte of the message with status 0x${hex2(status)}`, at(offset - 1));
        }
        message[k] = data;
      }
      cursor.ticks += delta;
      cursor.offset = offset;
      pending.push({ ticks: cursor.ticks, track, order: cursor.order++, bytes: message });
      info.messages++;
      info.channels |= 1 << (status & 0x0f);
    }
  } finally {
    if (sysex > 0) input.warnings.push(`track ${trackNumber}: skipped ${sysex} sysex event${sysex === 1 ? '' : 's'}`);
  }
}

/** 'MTrk' (or any printable chunk id) with a full chunk header at `offset`. */
function isChunkStart(bytes: Uint8Array, offset: number): boolean {
  if (offset + 8 > bytes.length) return false;
  const id = ascii(bytes, offset, 4);
  return id === 'MTrk' || /^[A-Za-z][A-Za-z0-9 ]{3}$/.test(id);
}

/** Offset of the next 'MTrk' at or after `from`, or -1. */
function findMTrk(bytes: Uint8Array, from: number): number {
  for (let i = Math.max(0, from); i + 8 <= bytes.length; i++) {
    if (bytes[i] === 0x4d && bytes[i + 1] === 0x54 && bytes[i + 2] === 0x72 && bytes[i + 3] === 0x6b) return i;
  }
  return -1;
}

/** One byte off 'MTrk' (a flipped bit in the chunk id): still the track chunk. */
function isMisspeltMTrk(id: string): boolean {
  if (id.length !== 4) return false;
  let differences = 0;
  for (let i = 0; i < 4; i++) if (id.charCodeAt(i) !== 'MTrk'.charCodeAt(i)) differences++;
  return differences === 1;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

function isSortedByTicks(pending: readonly PendingMessage[]): boolean {
  for (let i = 1; i < pending.length; i++) {
    if ((pending[i] as PendingMessage).ticks < (pending[i - 1] as PendingMessage).ticks) return false;
  }
  return true;
}

function readVlq(
  bytes: Uint8Array,
  offset: number,
  end: number,
  at: (offset: number) => number,
  what: string,
  truncated: (offset: number, what: string) => SmfError,
  eventOffset: number,
): [number, number] {
  let value = 0;
  for (let count = 1; count <= 4; count++) {
    if (offset >= end) throw truncated(eventOffset, `a ${what}`);
    const byte = bytes[offset++] as number;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, offset];
  }
  throw new SmfError(`invalid ${what} at byte ${at(offset - 4)} (longer than 4 bytes)`, at(offset - 4));
}

/** Tick -> ms through the tempo map, rounding once (see the module comment). */
function tickClock(
  ppq: number | undefined,
  smpte: { framesPerSecond: number; ticksPerFrame: number } | undefined,
  changes: TempoChange[],
): { toMs(ticks: number): number; tempos: SmfTempo[] } {
  if (ppq === undefined) {
    const frames = smpte?.framesPerSecond ?? 30;
    const perFrame = smpte?.ticksPerFrame ?? 1;
    // 29.97 drop-frame is 30000/1001 frames/s: keep the arithmetic in integers for exactness.
    const toMs = frames === 30000 / 1001
      ? (ticks: number) => (ticks * 1_001_000) / (30000 * perFrame)
      : (ticks: number) => (ticks * 1000) / (frames * perFrame);
    return { toMs, tempos: [] };
  }
  changes.sort((a, b) => a.ticks - b.ticks || a.track - b.track || a.order - b.order);
  const startTicks: number[] = [0];
  const tempo: number[] = [DEFAULT_MICROSECONDS_PER_QUARTER];
  const numerator: number[] = [0]; // sum of ticks x tempo before each segment: exact integers
  for (const change of changes) {
    const last = startTicks.length - 1;
    if (change.ticks === startTicks[last]) {
      tempo[last] = change.microsecondsPerQuarter; // the last change at a tick wins
      continue;
    }
    numerator.push((numerator[last] as number) + (change.ticks - (startTicks[last] as number)) * (tempo[last] as number));
    startTicks.push(change.ticks);
    tempo.push(change.microsecondsPerQuarter);
  }
  const denominator = ppq * 1000;
  const toMs = (ticks: number): number => {
    // Binary search for the last segment starting at or before `ticks`.
    let low = 0;
    let high = startTicks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((startTicks[mid] as number) <= ticks) low = mid;
      else high = mid - 1;
    }
    return ((numerator[low] as number) + (ticks - (startTicks[low] as number)) * (tempo[low] as number)) / denominator;
  };
  const tempos = startTicks.map((ticks, index): SmfTempo => ({
    ticks,
    timeMs: toMs(ticks),
    microsecondsPerQuarter: tempo[index] as number,
    bpm: 60_000_000 / (tempo[index] as number),
  }));
  return { toMs, tempos };
}

/** A RIFF "RMID" file carries a plain SMF in its 'data' chunk. */
function unwrapRiff(bytes: Uint8Array, warnings: string[]): Uint8Array {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'RMID') return bytes;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const length = u32le(bytes, offset + 4);
    if (id === 'data') {
      warnings.push('unwrapped a RIFF RMID container');
      return bytes.subarray(offset + 8, Math.min(bytes.length, offset + 8 + length));
    }
    offset += 8 + length + (length & 1);
  }
  throw new SmfError("not a Standard MIDI File: RIFF RMID container without a 'data' chunk");
}

export interface WriteSmfOptions {
  /** Tempo written to the file. Default 120. */
  readonly bpm?: number;
  /** Ticks per quarter note, 1..32767. Default 5000 (with 120 bpm: one tick = 0.1 ms). */
  readonly ppq?: number;
  /** Reject (SmfError) any time that is not exactly on the tick grid instead of rounding it. */
  readonly exact?: boolean;
  /** Name of the track holding the notes. Default 'Evenkeys'. */
  readonly trackName?: string;
}

/**
 * The tick grid a file written with these options has: ms per tick, and the tempo as written.
 *
 * @example
 * smfTickGrid(); // { tickMs: 0.1, ppq: 5000, microsecondsPerQuarter: 500000 }
 */
export function smfTickGrid(options?: WriteSmfOptions): { tickMs: number; ppq: number; microsecondsPerQuarter: number } {
  const bpm = options?.bpm ?? 120;
  const ppq = options?.ppq ?? 5000;
  if (!Number.isInteger(ppq) || ppq < 1 || ppq > 0x7fff) throw new SmfError(`cannot write ppq ${ppq}: must be an integer 1..32767`);
  if (!(bpm > 0) || !Number.isFinite(bpm)) throw new SmfError(`cannot write tempo ${bpm} bpm: must be a positive number`);
  const microsecondsPerQuarter = Math.round(60_000_000 / bpm);
  if (microsecondsPerQuarter < 1 || microsecondsPerQuarter > 0xffffff) {
    throw new SmfError(`cannot write tempo ${bpm} bpm: outside what a set-tempo event can hold`);
  }
  return { tickMs: microsecondsPerQuarter / (ppq * 1000), ppq, microsecondsPerQuarter };
}

/**
 * Whether `timeMs` survives a write/read round-trip bit-exact with these options: it must be the
 * float64 the reader computes for some whole tick.
 *
 * @example
 * isOnSmfGrid(1234.5); // true (0.1 ms grid)
 * isOnSmfGrid(1234.56); // false: it would be written as 1234.6
 */
export function isOnSmfGrid(timeMs: number, options?: WriteSmfOptions): boolean {
  const grid = smfTickGrid(options);
  if (!Number.isFinite(timeMs) || timeMs < 0) return false;
  const ticks = Math.round((timeMs * grid.ppq * 1000) / grid.microsecondsPerQuarter);
  return (ticks * grid.microsecondsPerQuarter) / (grid.ppq * 1000) === timeMs;
}

/**
 * Writes messages, or notes, as a format 1 SMF: track 1 holds the tempo, track 2 every channel
 * message (running status is not used, so bytes come back as they went in). Real-time, sysex and
 * malformed messages are not written. Notes become note-on / note-off (0x80, velocity 0) pairs,
 * plus CC64 events (127/0) placed just before an onset wherever `pedalAtOnset` changes, so the
 * assembled notes come back identical (except `unreleased`, which a written note-off clears).
 * Times must be >= 0; see the module comment for the grid rule.
 *
 * @example
 * const bytes = writeSmf(notes);             // 120 bpm, ppq 5000: 0.1 ms ticks
 * readSmf(bytes).messages;                    // the same messages, times bit-exact on the grid
 */
export function writeSmf(input: readonly RawMidiMessage[] | readonly Note[], options?: WriteSmfOptions): Uint8Array {
  const grid = smfTickGrid(options);
  const messages = isNoteList(input) ? messagesFromNotes(input) : input;
  const toTicks = (timeMs: number): number => {
    if (!Number.isFinite(timeMs) || timeMs < 0) throw new SmfError(`cannot write time ${timeMs} ms: SMF times start at 0`);
    const ticks = Math.round((timeMs * grid.ppq * 1000) / grid.microsecondsPerQuarter);
    if (options?.exact && (ticks * grid.microsecondsPerQuarter) / (grid.ppq * 1000) !== timeMs) {
      throw new SmfError(`cannot write time ${timeMs} ms exactly: not on the file's ${grid.tickMs} ms tick grid`);
    }
    return ticks;
  };

  const events: { ticks: number; order: number; bytes: number[] }[] = [];
  let sorted = true;
  for (const message of messages) {
    const ticks = toTicks(message.timeMs);
    for (const channelMessage of channelMessagesIn(message.bytes)) {
      const last = events[events.length - 1];
      if (last !== undefined && ticks < last.ticks) sorted = false;
      events.push({ ticks, order: events.length, bytes: channelMessage });
    }
  }
  if (!sorted) events.sort((a, b) => a.ticks - b.ticks || a.order - b.order);

  const tempoTrack: number[] = [
    0, 0xff, 0x51, 0x03, (grid.microsecondsPerQuarter >> 16) & 0xff, (grid.microsecondsPerQuarter >> 8) & 0xff, grid.microsecondsPerQuarter & 0xff,
    0, 0xff, 0x58, 0x04, 4, 2, 24, 8, // 4/4, for the benefit of notation software
    0, 0xff, 0x2f, 0x00,
  ];
  const name = Array.from(options?.trackName ?? 'Evenkeys', (char) => char.charCodeAt(0) & 0xff);
  const nameEvent = [0, 0xff, 0x03, ...vlqBytes(name.length), ...name];

  // Size the note track first, then write straight into one buffer (files can hold millions).
  let noteTrackLength = nameEvent.length + 4; // + End of Track
  let previous = 0;
  for (const event of events) {
    noteTrackLength += vlqLength(event.ticks - previous) + event.bytes.length;
    previous = event.ticks;
  }
  const out = new Uint8Array(14 + 8 + tempoTrack.length + 8 + noteTrackLength);
  let at = 0;
  const put = (byte: number) => {
    out[at++] = byte;
  };
  [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 2, (grid.ppq >> 8) & 0xff, grid.ppq & 0xff].forEach(put);
  putChunkHeader(put, tempoTrack.length);
  tempoTrack.forEach(put);
  putChunkHeader(put, noteTrackLength);
  nameEvent.forEach(put);
  previous = 0;
  for (const event of events) {
    at = writeVlq(out, at, event.ticks - previous);
    previous = event.ticks;
    for (let k = 0; k < event.bytes.length; k++) out[at++] = event.bytes[k] as number;
  }
  [0, 0xff, 0x2f, 0x00].forEach(put);
  return out;
}

function putChunkHeader(put: (byte: number) => void, length: number): void {
  [0x4d, 0x54, 0x72, 0x6b, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff].forEach(put);
}

/**
 * Notes -> raw messages: note-on at the onset, note-off (0x80, velocity 0) at the offset, and a
 * CC64 (127 down / 0 up) just before an onset whenever the note's pedalAtOnset differs from the
 * pedal state so far on its channel. At equal times, note-offs of notes that began earlier come
 * first, then each onset in order with its pedal change before it and, for a zero-length note,
 * its note-off right after it; so re-assembly gives the same notes.
 *
 * @example
 * messagesFromNotes([{ pitch: 60, onsetMs: 0, offsetMs: 100, velocity: 80, channel: 0, pedalAtOnset: true, unreleased: false }]);
 * // CC64 127 @0, note-on @0, note-off @100
 */
export function messagesFromNotes(notes: readonly Note[]): RawMidiMessage[] {
  const byOnset = notes.map((note, index) => ({ note, index })).sort((a, b) => a.note.onsetMs - b.note.onsetMs || a.index - b.index);
  const pedal = new Uint8Array(16);
  // rank 0: releases of notes that began earlier; rank 1: the onset group, in insertion order.
  const out: { timeMs: number; rank: number; order: number; bytes: number[] }[] = [];
  for (const { note } of byOnset) {
    const channel = note.channel & 0x0f;
    const pitch = note.pitch & 0x7f;
    const down = note.pedalAtOnset ? 1 : 0;
    if (pedal[channel] !== down) {
      pedal[channel] = down;
      out.push({ timeMs: note.onsetMs, rank: 1, order: out.length, bytes: [0xb0 | channel, 64, down ? 127 : 0] });
    }
    out.push({ timeMs: note.onsetMs, rank: 1, order: out.length, bytes: [0x90 | channel, pitch, note.velocity & 0x7f] });
    const rank = note.offsetMs === note.onsetMs ? 1 : 0;
    out.push({ timeMs: note.offsetMs, rank, order: out.length, bytes: [0x80 | channel, pitch, 0] });
  }
  out.sort((a, b) => a.timeMs - b.timeMs || a.rank - b.rank || a.order - b.order);
  return out.map(({ timeMs, bytes }) => ({ bytes, timeMs }));
}

function isNoteList(input: readonly RawMidiMessage[] | readonly Note[]): input is readonly Note[] {
  const first = input[0];
  return first !== undefined && 'onsetMs' in first;
}

/** The complete channel messages in a byte array (real-time, sysex, system common and broken ones dropped). */
function channelMessagesIn(bytes: ArrayLike<number>): number[][] {
  const status = bytes[0] ?? 0;
  if (status >= 0x80 && status < 0xf0 && (status & 0xff) === status) {
    // Fast path: one well-formed message, as Web MIDI delivers them.
    const data1 = bytes[1] ?? -1;
    const data2 = bytes[2] ?? -1;
    if (bytes.length === 3 && channelDataLength(status) === 2 && (data1 & 0x7f) === data1 && (data2 & 0x7f) === data2) {
      return [[status, data1, data2]];
    }
    if (bytes.length === 2 && channelDataLength(status) === 1 && (data1 & 0x7f) === data1) return [[status, data1]];
  }
  const found: number[][] = [];
  let current: number[] | undefined;
  let running = 0;
  let inSysex = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = (bytes[i] ?? 0) & 0xff;
    if (byte >= 0xf8) continue;
    if (byte >= 0x80) {
      inSysex = byte === 0xf0;
      running = byte < 0xf0 ? byte : 0;
      current = undefined;
      continue;
    }
    if (inSysex || running === 0) continue;
    current ??= [running];
    current.push(byte);
    if (current.length === channelDataLength(running) + 1) {
      found.push(current);
      current = undefined;
    }
  }
  return found;
}

const MAX_DELTA = 0x0fffffff;

function vlqLength(value: number): number {
  if (value > MAX_DELTA) throw new SmfError(`cannot write a delta of ${value} ticks: more than a delta-time can hold`);
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
}

function vlqBytes(value: number): number[] {
  const bytes = new Array<number>(vlqLength(value));
  writeVlq(bytes, 0, value);
  return bytes;
}

/** Writes `value` as a variable-length quantity at `at`; returns the offset after it. */
function writeVlq(out: { [index: number]: number }, at: number, value: number): number {
  const length = vlqLength(value);
  for (let k = length - 1; k >= 0; k--) {
    out[at + k] = ((value >>> (7 * (length - 1 - k))) & 0x7f) | (k === length - 1 ? 0 : 0x80);
  }
  return at + length;
}

function channelList(mask: number): number[] {
  const channels: number[] = [];
  for (let channel = 0; channel < 16; channel++) if (mask & (1 << channel)) channels.push(channel);
  return channels;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i < offset + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

const latin1 = ascii;

function hex(bytes: Uint8Array, offset: number, length: number): string {
  const shown: string[] = [];
  for (let i = offset; i < offset + length && i < bytes.length; i++) shown.push(hex2(bytes[i] as number));
  return shown.length > 0 ? shown.join(' ') : '(nothing)';
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

function u16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] as number) << 24) >>> 0) + (((bytes[offset + 1] as number) << 16) | ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number));
}

function u32le(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset + 3] as number) << 24) >>> 0) + (((bytes[offset + 2] as number) << 16) | ((bytes[offset + 1] as number) << 8) | (bytes[offset] as number));
}
