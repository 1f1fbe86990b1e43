/**
 * One take as a Standard MIDI File, so a teacher can listen to exactly what was measured: the raw
 * messages from the take's first onset to its end, plus the note-offs of keys still held then,
 * and the sustain pedal state at the start. Times start at 0 (the take's start).
 */
import { writeSmf } from '../../core/midi/smf';
import type { Store } from '../store/index';
import { StoreError } from '../store/index';

/**
 * @example takeSmf(store, 7, 0) // => SMF bytes of the first take of session 7
 */
export function takeSmf(store: Store, sessionId: number, takeIndex: number): Uint8Array {
  const doc = store.getAnalysis(sessionId);
  const take = doc?.takes[takeIndex];
  if (!take) throw new StoreError('not-found', `Session ${sessionId} has no take ${takeIndex + 1} (it has ${doc?.takes.length ?? 0}).`);
  const raw = store.readRawEvents(sessionId);
  const held = new Set<string>();
  let pedal: Uint8Array | undefined;
  const out: Array<{ bytes: Uint8Array; timeMs: number }> = [];
  for (const m of raw) {
    const status = m.bytes[0] ?? 0;
    const kind = status & 0xf0;
    const key = `${status & 0x0f}:${m.bytes[1] ?? 0}`;
    const noteOn = kind === 0x90 && (m.bytes[2] ?? 0) > 0;
    const noteOff = kind === 0x80 || (kind === 0x90 && (m.bytes[2] ?? 0) === 0);
    if (m.timeMs < take.startMs) {
      if (kind === 0xb0 && m.bytes[1] === 64) pedal = m.bytes;
      continue;
    }
    if (m.timeMs <= take.endMs) {
      if (noteOn) held.add(key);
      if (noteOff) held.delete(key);
      out.push({ bytes: m.bytes, timeMs: m.timeMs - take.startMs });
    } else if (noteOff && held.has(key)) {
      held.delete(key);
      out.push({ bytes: m.bytes, timeMs: m.timeMs - take.startMs });
    } else if (kind === 0xb0 && m.bytes[1] === 64 && held.size > 0) {
      out.push({ bytes: m.bytes, timeMs: m.timeMs - take.startMs });
    }
  }
  if (pedal && (pedal[2] ?? 0) >= 64) out.unshift({ bytes: pedal, timeMs: 0 });
  return writeSmf(out, { trackName: `${take.exercise.name}, take ${takeIndex + 1}` });
}
