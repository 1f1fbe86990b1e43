/**
 * The MIDI vocabulary shared by every layer: raw messages as they arrive, the decoded event
 * stream, and assembled notes. Times are milliseconds as float64 on the source's own clock
 * (Web MIDI's MIDIMessageEvent.timeStamp, or SMF ticks converted through the tempo map); no
 * layer ever rounds or re-stamps them.
 */

/** One MIDI message exactly as received: its bytes and the event's own timestamp. */
export interface RawMidiMessage {
  readonly bytes: ArrayLike<number>;
  /** The event's own timestamp in ms (never the time a handler ran). */
  readonly timeMs: number;
  /** Input port id or name, when known. */
  readonly port?: string;
}

export interface NoteOnEvent {
  readonly kind: 'note-on';
  readonly timeMs: number;
  readonly channel: number;
  readonly pitch: number;
  /** 1..127; a note-on with velocity 0 is decoded as a note-off. */
  readonly velocity: number;
}

export interface NoteOffEvent {
  readonly kind: 'note-off';
  readonly timeMs: number;
  readonly channel: number;
  readonly pitch: number;
  /** Release velocity (0 when it came as note-on velocity 0). */
  readonly velocity: number;
}

/** Sustain pedal, control change 64. */
export interface PedalEvent {
  readonly kind: 'pedal';
  readonly timeMs: number;
  readonly channel: number;
  readonly value: number;
  /** value >= the pedal threshold (64 by default). */
  readonly down: boolean;
}

export interface ControlChangeEvent {
  readonly kind: 'control-change';
  readonly timeMs: number;
  readonly channel: number;
  readonly controller: number;
  readonly value: number;
}

/** Channel messages that matter neither for notes nor pedal (program change, pitch bend, ...). */
export interface OtherChannelEvent {
  readonly kind: 'other';
  readonly timeMs: number;
  readonly channel: number;
  readonly status: number;
}

export type MidiEvent = NoteOnEvent | NoteOffEvent | PedalEvent | ControlChangeEvent | OtherChannelEvent;

/** One assembled note: a key press from note-on to note-off. */
export interface Note {
  readonly pitch: number;
  readonly onsetMs: number;
  /** Always >= onsetMs. */
  readonly offsetMs: number;
  /** On-velocity 1..127. */
  readonly velocity: number;
  readonly channel: number;
  /** Sustain pedal down at the onset. */
  readonly pedalAtOnset: boolean;
  /** Never released: closed at the end of the stream (or where the device went away). */
  readonly unreleased: boolean;
}

/** What note assembly saw and repaired, so callers can report it instead of hiding it. */
export interface AssemblyStats {
  readonly events: number;
  readonly notes: number;
  readonly pedalEvents: number;
  /** Events whose timestamp was earlier than the previous one (the stream was sorted). */
  readonly outOfOrder: number;
  /**
   * Note-ons for a key whose older note was still down after the new onset (note-offs are paired
   * first-in-first-out per key, so the notes overlap). A re-strike whose old note-off comes at the
   * same instant is not counted.
   */
  readonly retriggers: number;
  /** Note-offs with no matching note-on (ignored). */
  readonly orphanNoteOffs: number;
  /** Notes still down at the end of the stream (closed there and flagged). */
  readonly unreleased: number;
  /** Events dropped because their timestamp was NaN or infinite (cannot be placed in time). */
  readonly invalidTime?: number;
}
