/**
 * Reads a MIDI file from disk for a CLI command; every failure (missing file, a directory, not a
 * Standard MIDI File) becomes a one-line CliUsageError.
 */
import { readFileSync, statSync } from 'node:fs';
import type { SmfFile } from '../../core/midi/smf';
import { readSmf, SmfError } from '../../core/midi/smf';
import { CliUsageError } from './command';

/**
 * @example readMidiFile('warmup.mid').messages.length // 2412
 */
export function readMidiFile(path: string): SmfFile {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) throw new CliUsageError(`${path}: is a directory, not a MIDI file`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new CliUsageError(`${path}: ${reason}`);
  }
  try {
    return readSmf(bytes);
  } catch (error) {
    if (error instanceof SmfError) throw new CliUsageError(`${path}: ${error.message}`);
    throw error;
  }
}
