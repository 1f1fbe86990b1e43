/**
 * MIDI capture with webmidi.js v3: enable Web MIDI (no SysEx), list inputs, follow hot-plugs,
 * and listen to one input by name. Every message keeps the event's OWN timestamp
 * (e.timestamp: Chromium's receive time, same clock as performance.now()); the handler never
 * reads the clock itself, so batching or a busy main thread cannot move a note in time.
 */
import { WebMidi } from 'webmidi';
import type { Input, MessageEvent } from 'webmidi';
import type { RawMidiWire } from '../../core/api/schemas';

export interface MidiInputInfo {
  readonly id: string;
  readonly name: string;
  readonly manufacturer: string;
}

export type MidiAvailability =
  | { readonly state: 'ready' }
  | { readonly state: 'unsupported'; readonly message: string }
  | { readonly state: 'denied'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

/**
 * Enables Web MIDI once; later calls reuse it.
 *
 * @example const availability = await enableMidi(); if (availability.state === 'ready') listInputs();
 */
export async function enableMidi(): Promise<MidiAvailability> {
  if (WebMidi.enabled) return { state: 'ready' };
  if (typeof navigator.requestMIDIAccess !== 'function') {
    return { state: 'unsupported', message: 'This browser has no Web MIDI. Use Chrome, Edge or Opera, or the Evenkeys desktop app.' };
  }
  try {
    await WebMidi.enable({ sysex: false });
    return { state: 'ready' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = error instanceof Error ? error.name : '';
    if (name === 'SecurityError' || name === 'NotAllowedError' || /permission|denied|not allowed/i.test(message)) {
      return { state: 'denied', message: 'Access to MIDI devices was refused.' };
    }
    return { state: 'failed', message: `MIDI could not start: ${message}` };
  }
}

/** The inputs currently connected. */
export function listInputs(): MidiInputInfo[] {
  if (!WebMidi.enabled) return [];
  return WebMidi.inputs.map((input) => ({ id: input.id, name: input.name, manufacturer: input.manufacturer }));
}

export interface PortChange {
  readonly kind: 'connected' | 'disconnected';
  readonly name: string;
  /** The statechange event's own timestamp (event clock). */
  readonly timeMs: number;
}

/**
 * Calls back on every input plugged in or out. Returns the unsubscribe function.
 */
export function onInputsChanged(callback: (change: PortChange) => void): () => void {
  const handler = (kind: PortChange['kind']) => (event: { port?: { type?: string; name?: string }; timestamp: number }) => {
    if (event.port?.type !== 'input') return;
    callback({ kind, name: event.port.name ?? '', timeMs: event.timestamp });
  };
  const connected = handler('connected');
  const disconnected = handler('disconnected');
  WebMidi.addListener('connected', connected);
  WebMidi.addListener('disconnected', disconnected);
  return () => {
    WebMidi.removeListener('connected', connected);
    WebMidi.removeListener('disconnected', disconnected);
  };
}

/**
 * Listens to every message of the input with this name (ports can change id after a replug, so
 * the name is what identifies the keyboard). Returns the stop function, or undefined when no
 * such input is connected.
 *
 * @example const stop = listenToInput('Digital Piano', (message) => batcher.push(message));
 */
export function listenToInput(name: string, onMessage: (message: RawMidiWire) => void): (() => void) | undefined {
  const input: Input | undefined = WebMidi.enabled ? findInputByExactName(WebMidi.inputs, name) : undefined;
  if (input === undefined) return undefined;
  const listener = (event: MessageEvent) => {
    // e.timestamp is the event's own receive time; never performance.now() here.
    onMessage({ bytes: Array.from(event.message.rawData), timeMs: event.timestamp, port: input.name });
  };
  input.addListener('midimessage', listener);
  return () => input.removeListener('midimessage', listener);
}

/**
 * The input whose name is exactly `name`. Not webmidi.js's getInputByName: it matches
 * substrings, so with `MIDIIN2 (Digital Piano)` listed before `Digital Piano` it returns the
 * wrong port (one that sends nothing) and the take captures nothing.
 *
 * @example findInputByExactName([{ name: 'MIDIIN2 (Digital Piano)' }, { name: 'Digital Piano' }], 'Digital Piano') // => the second
 */
export function findInputByExactName<T extends { readonly name: string }>(inputs: readonly T[], name: string): T | undefined {
  return inputs.find((input) => input.name === name);
}

/**
 * @example isNoteOn([0x90, 60, 80]) // => true
 * @example isNoteOn([0x90, 60, 0]) // => false (velocity 0 is a note-off)
 */
export function isNoteOn(bytes: readonly number[]): boolean {
  const status = bytes[0] ?? 0;
  return (status & 0xf0) === 0x90 && (bytes[2] ?? 0) > 0;
}
