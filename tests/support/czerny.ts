/**
 * Reads the czerny-hanon21 captures (`seconds pitch velocity` per line, velocity 0 = note-off)
 * into raw MIDI messages on channel 1, timestamps in ms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawMidiMessage } from '../../core/midi/types';

export const CZERNY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'czerny-hanon21');

/**
 * @example czernyMessages('hanon_21_rh.txt').length // 900 (450 note-ons, 450 note-offs)
 */
export function czernyMessages(file: string): RawMidiMessage[] {
  const text = readFileSync(join(CZERNY_DIR, file), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      const [seconds, pitch, velocity] = line.trim().split(/\s+/).map(Number);
      if (seconds === undefined || pitch === undefined || velocity === undefined || [seconds, pitch, velocity].some((v) => !Number.isFinite(v))) {
        throw new Error(`${file} line ${i + 1}: expected 'seconds pitch velocity', got '${line}'`);
      }
      return { bytes: velocity > 0 ? [0x90, pitch, velocity] : [0x80, pitch, 0], timeMs: seconds * 1000 };
    });
}

/** The printed score: `pitch duration_64ths` per line. */
export function czernyScore(): { pitch: number; duration64: number }[] {
  return readFileSync(join(CZERNY_DIR, 'score_hanon_21_rh.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const [pitch, duration64] = line.trim().split(/\s+/).map(Number);
      return { pitch: pitch ?? 0, duration64: duration64 ?? 0 };
    });
}
