/**
 * Typed events -> notes (key down to key up), repairing what real streams get wrong and counting
 * every repair in AssemblyStats. A key is (channel, pitch). Times are copied, never computed.
 */
import { decodeMessages } from './decode';
import type { DecodeOptions, DecodeStats } from './decode';
import type { AssemblyStats, MidiEvent, Note, RawMidiMessage } from './types';

const KEYS = 16 * 128;

/**
 * Assembles notes from a decoded event stream.
 * - Out-of-order timestamps: the stream is stably sorted by time first (counted).
 * - Note-offs close notes first-in-first-out per key: a note-off closes the OLDEST open note of
 *   its (channel, pitch), as @tonejs/midi and most sequencers pair them. So a re-strike written
 *   before the old note's note-off at the same instant (note-on, note-off at one tick, common in
 *   notation exports) gives two whole notes, not a 0 ms note; that is not a repair. A note-on for
 *   a key whose older note is still down later than the new onset (two note-ons, then two
 *   note-offs) is counted in `retriggers`; the notes overlap, each closed by its own note-off.
 * - A note-off with no open note on that key: ignored, counted.
 * - A note never released: closed at the time of the stream's last event, flagged, counted.
 * - `closeAtMs` (device gaps: the keyboard was unplugged or switched off at each of these times):
 *   every note still down at such a time is closed there and flagged `unreleased`, since its
 *   note-off was lost with the device; counted per time in `heldAtClose`. A note-off that comes
 *   after the device is back, for a note so closed, is an orphan.
 * A key is (channel, pitch). Notes come out sorted by onset (ties in stream order), and
 * `offsetMs >= onsetMs` always. Events with a non-finite time cannot be placed in time: they are
 * dropped and counted (`invalidTime`).
 *
 * @example
 * const { notes } = assembleNotes([
 *   { kind: 'note-on', timeMs: 0, channel: 0, pitch: 60, velocity: 80 },
 *   { kind: 'note-off', timeMs: 250, channel: 0, pitch: 60, velocity: 0 },
 * ]);
 * // [{ pitch: 60, onsetMs: 0, offsetMs: 250, velocity: 80, channel: 0, pedalAtOnset: false, unreleased: false }]
 */
export function assembleNotes(
  events: readonly MidiEvent[],
  closeAtMs: readonly number[] = [],
): { notes: Note[]; stats: AssemblyStats; heldAtClose: number[] } {
  const { ordered, outOfOrder, invalidTime } = inTimeOrder(events);
  const cuts = closeAtMs.map((timeMs, index) => ({ timeMs, index })).filter((cut) => Number.isFinite(cut.timeMs)).sort((a, b) => a.timeMs - b.timeMs);
  const heldAtClose = closeAtMs.map(() => 0);
  let nextCut = 0;

  // Open notes of each key form a FIFO queue linked through their output slots: first open
  // slot per key, last open slot per key, and the next open slot of the same key per slot.
  const head = new Int32Array(KEYS).fill(-1);
  const tail = new Int32Array(KEYS).fill(-1);
  // One slot per note-on at most: typed arrays sized once, no allocation per event.
  const capacity = ordered.length;
  const nextOpen = new Int32Array(capacity);
  const onsets = new Float64Array(capacity);
  const velocities = new Float64Array(capacity);
  const pedals = new Uint8Array(capacity);
  const pedalDown = new Uint8Array(16);
  // Output slots are reserved at onset so the result is in onset order without a final sort.
  const slots: (Note | undefined)[] = [];
  let retriggers = 0;
  let orphanNoteOffs = 0;
  let pedalEvents = 0;
  let unreleased = 0;
  let lastTimeMs = 0;

  const close = (key: number, slot: number, offsetMs: number, isUnreleased: boolean): void => {
    slots[slot] = {
      pitch: key & 0x7f,
      onsetMs: onsets[slot] as number,
      offsetMs,
      velocity: velocities[slot] as number,
      channel: key >> 7,
      pedalAtOnset: pedals[slot] === 1,
      unreleased: isUnreleased,
    };
  };

  const closeAll = (timeMs: number): number => {
    let closed = 0;
    for (let key = 0; key < KEYS; key++) {
      for (let slot = head[key] as number; slot >= 0; slot = nextOpen[slot] as number) {
        close(key, slot, Math.max(timeMs, onsets[slot] as number), true);
        closed++;
      }
      head[key] = -1;
      tail[key] = -1;
    }
    return closed;
  };

  for (let i = 0; i < ordered.length; i++) {
    const event = ordered[i] as MidiEvent;
    while (nextCut < cuts.length && event.timeMs > (cuts[nextCut] as { timeMs: number }).timeMs) {
      const cut = cuts[nextCut++] as { timeMs: number; index: number };
      heldAtClose[cut.index] = closeAll(cut.timeMs);
    }
    lastTimeMs = event.timeMs;
    if (event.kind === 'note-on') {
      const channel = event.channel & 0x0f;
      const key = (channel << 7) | (event.pitch & 0x7f);
      const slot = slots.push(undefined) - 1;
      onsets[slot] = event.timeMs;
      velocities[slot] = event.velocity;
      pedals[slot] = pedalDown[channel] as number;
      nextOpen[slot] = -1;
      const last = tail[key] as number;
      if (last >= 0) nextOpen[last] = slot;
      else head[key] = slot;
      tail[key] = slot;
    } else if (event.kind === 'note-off') {
      const key = ((event.channel & 0x0f) << 7) | (event.pitch & 0x7f);
      const slot = head[key] as number;
      if (slot < 0) {
        orphanNoteOffs++;
        continue;
      }
      const next = nextOpen[slot] as number;
      // A newer note on this key began before this release: two note-ons overlapped on one key.
      if (next >= 0 && (onsets[next] as number) < event.timeMs) retriggers++;
      close(key, slot, event.timeMs, false);
      head[key] = next;
      if (next < 0) tail[key] = -1;
    } else if (event.kind === 'pedal') {
      pedalEvents++;
      pedalDown[event.channel & 0x0f] = event.down ? 1 : 0;
    }
  }

  // A device gap after the last event still closes what was down at its time.
  if (nextCut < cuts.length) {
    const cut = cuts[nextCut] as { timeMs: number; index: number };
    heldAtClose[cut.index] = closeAll(cut.timeMs);
  }
  for (let key = 0; key < KEYS; key++) {
    for (let slot = head[key] as number; slot >= 0; slot = nextOpen[slot] as number) {
      close(key, slot, lastTimeMs, true);
      unreleased++;
    }
  }

  const notes = slots as Note[]; // every reserved slot was filled: released or at the end
  return {
    notes,
    heldAtClose,
    stats: {
      events: ordered.length,
      notes: notes.length,
      pedalEvents,
      outOfOrder,
      retriggers,
      orphanNoteOffs,
      unreleased,
      invalidTime,
    },
  };
}

/**
 * The events in time order: the input itself when already sorted (the common case, no copy),
 * otherwise a stable sort. `outOfOrder` counts events earlier than the event before them.
 */
function inTimeOrder(events: readonly MidiEvent[]): {
  ordered: readonly MidiEvent[];
  outOfOrder: number;
  invalidTime: number;
} {
  let outOfOrder = 0;
  let invalidTime = 0;
  let previous = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const time = (events[i] as MidiEvent).timeMs;
    if (!Number.isFinite(time)) {
      invalidTime++;
      continue;
    }
    if (time < previous) outOfOrder++;
    previous = time;
  }
  if (outOfOrder === 0 && invalidTime === 0) return { ordered: events, outOfOrder, invalidTime };

  const kept = invalidTime === 0 ? events.slice() : events.filter((event) => Number.isFinite(event.timeMs));
  if (outOfOrder > 0) sortByTimeStable(kept);
  return { ordered: kept, outOfOrder, invalidTime };
}

/**
 * Stable sort by time. Live streams are nearly sorted (a few late messages), where insertion sort
 * is linear; past a budget of moves it hands over to Array.prototype.sort (stable since ES2019),
 * so a reversed or random stream stays O(n log n). Both only move an event past strictly later
 * ones, so equal times keep stream order.
 */
function sortByTimeStable(events: MidiEvent[]): void {
  let budget = 4 * events.length + 64;
  for (let i = 1; i < events.length; i++) {
    const event = events[i] as MidiEvent;
    let j = i - 1;
    while (j >= 0 && (events[j] as MidiEvent).timeMs > event.timeMs) {
      events[j + 1] = events[j] as MidiEvent;
      j--;
      if (--budget < 0) {
        events[j + 1] = event;
        events.sort(byTime);
        return;
      }
    }
    events[j + 1] = event;
  }
}

function byTime(a: MidiEvent, b: MidiEvent): number {
  return a.timeMs - b.timeMs;
}

/**
 * Raw messages straight to notes: decode (see decodeMessages) then assemble (see assembleNotes).
 *
 * @example
 * const { notes, stats } = notesFromMessages([
 *   { bytes: [0xb0, 64, 127], timeMs: 0 },
 *   { bytes: [0x90, 60, 90], timeMs: 10 },
 *   { bytes: [0x90, 60, 0], timeMs: 300 },
 * ]);
 * // notes[0].pedalAtOnset === true, stats.pedalEvents === 1
 */
export function notesFromMessages(
  messages: readonly RawMidiMessage[],
  options?: DecodeOptions,
  closeAtMs?: readonly number[],
): { notes: Note[]; stats: AssemblyStats; decode: DecodeStats; heldAtClose: number[] } {
  const { events, stats: decode } = decodeMessages(messages, options);
  const { notes, stats, heldAtClose } = assembleNotes(events, closeAtMs);
  return { notes, stats, decode, heldAtClose };
}
