/**
 * The full analysis of 100,000-note unbroken inputs of several shapes (no pause, equal gaps,
 * one pitch, chords, jittered legato) must finish without a stack overflow: no recursion in the
 * analysis may grow with the input. Prints one line per shape (notes, takes, seconds).
 *
 * Usage: npx tsx scripts/validate-long-input.ts [--notes N]
 */
import { analyzeRecording } from '../core/analysis/analyze';
import type { RawMidiMessage } from '../core/midi/types';
import { longInput } from '../tests/support/long-input';
import type { LongInputShape } from '../tests/support/long-input';

const SHAPES: readonly LongInputShape[] = ['scale-no-pause', 'equal-gaps', 'one-pitch', 'chords', 'jittered-legato'];
const at = process.argv.indexOf('--notes');
const count = at >= 0 ? Number(process.argv[at + 1]) : 100_000;
let failures = 0;
for (const shape of SHAPES) {
  const messages: RawMidiMessage[] = [];
  for (const note of longInput(shape, count, 7)) {
    messages.push({ bytes: [0x90, note.pitch, note.velocity], timeMs: note.onsetMs });
    messages.push({ bytes: [0x80, note.pitch, 0], timeMs: note.offsetMs });
  }
  messages.sort((a, b) => a.timeMs - b.timeMs);
  const started = performance.now();
  try {
    const doc = analyzeRecording({ messages, file: shape });
    console.log(`${shape.padEnd(16)} ${count} notes: ok, ${doc.takes.length} takes, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures += 1;
    console.log(`${shape.padEnd(16)} ${count} notes: FAILED ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
