/**
 * Free-play estimation throughput: fingering (one hand, second-order Viterbi with max-marginals)
 * and hand separation (beam search, 12-note look-ahead) on 30,000 pianist-like notes (melodic
 * lines with leaps, about one note in five in a chord). One warm-up pass, then the best of three
 * measured passes (performance.now() and process.cpuUsage()). Prints numbers, asserts nothing. Target: 30,000 notes of
 * fingering in < 500 ms (issue 14).
 */
import { estimateFingering } from '../core/fingering/fingers';
import { separateHands } from '../core/fingering/hands';
import type { Note } from '../core/midi/types';

export const title = 'Free-play hands and fingering';

const NOTES = 30_000;

function freePlay(count: number, low: number, high: number, seed: number): Note[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const notes: Note[] = [];
  let pitch = Math.round((low + high) / 2);
  let timeMs = 0;
  while (notes.length < count) {
    timeMs += 80 + random() * 220;
    const chord = random() < 0.2 ? 1 + Math.floor(random() * 3) : 0;
    pitch = Math.min(high, Math.max(low, pitch + Math.round((random() - 0.5) * 10)));
    for (let k = 0; k <= chord && notes.length < count; k++) {
      const p = Math.min(high, pitch + k * 3 + Math.floor(random() * 2));
      notes.push({ pitch: p, onsetMs: timeMs + k * 3, offsetMs: timeMs + 150, velocity: 64, channel: 0, pedalAtOnset: false, unreleased: false });
    }
  }
  return notes;
}

/** Best of three wall-clock and CPU (user + system) times in ms, after a warm-up. */
function best(run: () => void): { wall: number; cpu: number } {
  run();
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    run();
    const used = process.cpuUsage(usage);
    wall = Math.min(wall, performance.now() - start);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export async function run(): Promise<Record<string, number>> {
  const oneHand = freePlay(NOTES, 55, 84, 7);
  const fingeringMs = best(() => estimateFingering(oneHand, 'right'));
  const right = freePlay(NOTES / 2, 60, 84, 11);
  const left = freePlay(NOTES / 2, 36, 62, 13).map((note) => ({ ...note, onsetMs: note.onsetMs + 37 }));
  const both = [...right, ...left].sort((a, b) => a.onsetMs - b.onsetMs);
  const handsMs = best(() => separateHands(both));
  // CPU time is reported next to wall time: on a shared, loaded machine the wall clock also
  // counts the time other processes held the core.
  return {
    fingeringNotes: NOTES,
    fingeringMs: fingeringMs.wall,
    fingeringCpuMs: fingeringMs.cpu,
    fingeringNotesPerSec: (NOTES / fingeringMs.wall) * 1000,
    handSeparationMs: handsMs.wall,
    handSeparationCpuMs: handsMs.cpu,
    handSeparationNotesPerSec: (both.length / handsMs.wall) * 1000,
  };
}
