/**
 * Hand-built Standard MIDI File bytes for tests that need what writeSmf never writes: absurd
 * delta times, extreme tempos, arbitrary corruption.
 */

/** A variable-length quantity (up to 0x0FFFFFFF). @example vlq(0x80) // => [0x81, 0x00] */
export function vlq(value: number): number[] {
  const bytes = [value & 0x7f];
  let rest = value >>> 7;
  while (rest > 0) {
    bytes.unshift((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  return bytes;
}

/**
 * A format-0 SMF: `ppq` ticks per quarter, an optional tempo (µs per quarter) at tick 0, then
 * events as [delta ticks, ...bytes].
 *
 * @example smfBytes(480, 500_000, [[0, 0x90, 60, 80], [480, 0x80, 60, 0]])
 */
export function smfBytes(ppq: number, tempoUs: number | null, events: ReadonlyArray<readonly number[]>): Uint8Array {
  const track: number[] = [];
  if (tempoUs !== null) track.push(0, 0xff, 0x51, 0x03, (tempoUs >> 16) & 0xff, (tempoUs >> 8) & 0xff, tempoUs & 0xff);
  for (const [delta, ...bytes] of events) track.push(...vlq(delta ?? 0), ...bytes);
  track.push(0, 0xff, 0x2f, 0x00);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (ppq >> 8) & 0xff, ppq & 0xff];
  const length = track.length;
  return Uint8Array.from([...header, 0x4d, 0x54, 0x72, 0x6b, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff, ...track]);
}

/** A short C-major run, 8 notes at 120 bpm (ppq 480), then `tail` appended as raw events. */
export function scaleSmf(tail: ReadonlyArray<readonly number[]> = [], tempoUs: number | null = 500_000, ppq = 480): Uint8Array {
  const events: number[][] = [];
  for (const pitch of [60, 62, 64, 65, 67, 69, 71, 72]) {
    events.push([events.length === 0 ? 0 : 20, 0x90, pitch, 80], [100, 0x80, pitch, 0]);
  }
  return smfBytes(ppq, tempoUs, [...events, ...tail]);
}
