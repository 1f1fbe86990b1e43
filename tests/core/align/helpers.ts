/** Small builders shared by the alignment tests. */
import type { Note } from '../../../core/midi/types';

/** A note with sensible defaults. */
export function note(pitch: number, onsetMs: number, durationMs = 100): Note {
  return { pitch, onsetMs, offsetMs: onsetMs + durationMs, velocity: 70, channel: 0, pedalAtOnset: false, unreleased: false };
}

/** Notes at a steady pulse. */
export function pulse(pitches: readonly number[], startMs: number, stepMs: number): Note[] {
  return pitches.map((pitch, i) => note(pitch, startMs + i * stepMs));
}
