/**
 * Warm-up recordings as pianists really play them (issue 12): Hanon's scales in all keys, each
 * followed by its closing cadence chords, and a complete take followed by a false start and a
 * restart. Built with the synthetic performer; the truth says which notes are which.
 */
import { getExercise } from '../../core/exercises/library';
import { MAJOR_KEYS, MINOR_KEYS } from '../../core/exercises/keys';
import type { Exercise } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';
import { corrupt, perform } from './performer';
import type { Corruption } from './performer';
import { createRandom } from './random';

/** A stretch of the recording and what it really is. */
export interface WarmupPart {
  /** The exercise played, or null for chords / free play. */
  readonly exercise: Exercise | null;
  /** 'complete' take, 'false-start' (the first notes only), or 'chords'. */
  readonly role: 'complete' | 'false-start' | 'chords';
  readonly startMs: number;
  readonly endMs: number;
}

export interface WarmupRecording {
  readonly notes: readonly Note[];
  readonly parts: readonly WarmupPart[];
}

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

function note(pitch: number, onsetMs: number, offsetMs: number, velocity: number): Note {
  return { pitch, onsetMs, offsetMs, velocity, channel: 0, pedalAtOnset: false, unreleased: false };
}

/**
 * The closing cadence of Hanon's scales (I-IV-V-I, block chords in both hands, the left hand's
 * root in the bass), starting at `startMs`, one chord per `beatMs`.
 *
 * @example cadence(9, 'minor', 10000, 600).length // 4 chords x 5 notes
 */
export function cadence(tonicPc: number, quality: 'major' | 'minor', startMs: number, beatMs: number, seed = 1): Note[] {
  const random = createRandom(seed);
  const third = quality === 'major' ? 4 : 3;
  const root = 60 + tonicPc;
  // Triads above the tonic, subdominant and dominant (the dominant always major), each held a beat.
  const chords = [
    [root, root + third, root + 7],
    [root + 5, root + 5 + third, root + 12],
    [root + 7, root + 11, root + 14],
    [root, root + third, root + 7],
  ];
  const bass = [root - 24, root - 19, root - 17, root - 24];
  const notes: Note[] = [];
  chords.forEach((chord, k) => {
    const at = startMs + k * beatMs * (k === 3 ? 1.2 : 1);
    const hold = k === 3 ? beatMs * 2 : beatMs * 0.9;
    for (const pitch of [bass[k] ?? root - 24, ...chord]) {
      const onset = at + random.normal(0, 8);
      notes.push(note(pitch, onset, onset + hold, Math.round(70 + random.normal(0, 6))));
    }
  });
  return notes.sort((a, b) => a.onsetMs - b.onsetMs);
}

function lastOffset(notes: readonly Note[]): number {
  return notes.reduce((end, n) => Math.max(end, n.offsetMs), 0);
}

export interface HanonOptions {
  readonly seed: number;
  /** Metronome tempo of the scales (bpm, sixteenths), default 96 (6.4 notes/s). */
  readonly bpm?: number;
  readonly mistakes?: Omit<Corruption, 'seed'>;
  /** Keys to play (default all 12 of each mode). */
  readonly keys?: number;
}

/**
 * Hanon's scales in all keys, as in "The Virtuoso Pianist" No. 39: every major key followed by
 * its relative minor in harmonic and melodic form, 4 octaves hands together, each scale followed
 * (after a short breath, 300-600 ms) by its cadence chords, then a pause of 1.5-3 s.
 *
 * @example hanonScales({ seed: 1 }).parts.filter((p) => p.role === 'complete').length // 36
 */
export function hanonScales(options: HanonOptions): WarmupRecording {
  const random = createRandom(options.seed);
  const notes: Note[] = [];
  const parts: WarmupPart[] = [];
  let startMs = 1000;
  const count = options.keys ?? 12;
  for (let k = 0; k < count; k += 1) {
    const major = MAJOR_KEYS[k] ?? 'C';
    // Relative minor: a minor third below, by pitch class, spelled as the library offers it.
    const minorIndex = MINOR_KEYS.findIndex((key) => (pitchClass(key) + 3) % 12 === pitchClass(major));
    const minor = MINOR_KEYS[minorIndex] ?? 'A';
    const token = (key: string): string => key.toLowerCase().replace('#', 'sharp');
    const ids = [`scale-${token(major)}-major-both-4oct`, `scale-${token(minor)}-harmonic-minor-both-4oct`, `scale-${token(minor)}-melodic-minor-both-4oct`];
    for (const id of ids) {
      const scale = exercise(id);
      let played = perform(scale, { seed: random.int(1, 1e9), bpm: options.bpm ?? 96, startMs, tempoDrift: random.next() * 0.06 - 0.03 });
      if (options.mistakes) played = corrupt(played, { seed: random.int(1, 1e9), ...options.mistakes });
      const scaleEnd = lastOffset(played.notes);
      parts.push({ exercise: scale, role: 'complete', startMs, endMs: scaleEnd });
      notes.push(...played.notes);
      const chordStart = scaleEnd + 300 + random.next() * 300;
      const chords = cadence(pitchClass(scale.key), scale.mode === 'major' ? 'major' : 'minor', chordStart, 600, random.int(1, 1e9));
      parts.push({ exercise: null, role: 'chords', startMs: chordStart, endMs: lastOffset(chords) });
      notes.push(...chords);
      startMs = lastOffset(chords) + 1500 + random.next() * 1500;
    }
  }
  return { notes: notes.sort((a, b) => a.onsetMs - b.onsetMs), parts };
}

/**
 * The false-start case: a complete 4-octave A major scale hands together, a 0.9 s pause, a false
 * start of F# melodic minor (its first `falseNotes` notes, both hands), 0.65 s, and the complete
 * F# melodic minor scale.
 *
 * @example falseStart({ seed: 1 }).parts.map((p) => p.role) // ['complete', 'false-start', 'complete']
 */
export function falseStart(options: { seed: number; bpm?: number; falseNotes?: number; first?: string; second?: string }): WarmupRecording {
  const random = createRandom(options.seed);
  const bpm = options.bpm ?? 108;
  const first = exercise(options.first ?? 'scale-a-major-both-4oct');
  const second = exercise(options.second ?? 'scale-fsharp-melodic-minor-both-4oct');
  const a = perform(first, { seed: random.int(1, 1e9), bpm, startMs: 1000 });
  const aEnd = lastOffset(a.notes);
  const lastOnset = Math.max(...a.notes.map((n) => n.onsetMs));
  const falseAt = lastOnset + 900;
  const attempt = perform(second, { seed: random.int(1, 1e9), bpm, startMs: falseAt });
  const falseNotes = attempt.notes.slice(0, options.falseNotes ?? 5);
  const falseEnd = Math.max(...falseNotes.map((n) => n.onsetMs));
  const restartAt = falseEnd + 650;
  const b = perform(second, { seed: random.int(1, 1e9), bpm, startMs: restartAt });
  const parts: WarmupPart[] = [
    { exercise: first, role: 'complete', startMs: 1000, endMs: aEnd },
    { exercise: second, role: 'false-start', startMs: falseAt, endMs: lastOffset(falseNotes) },
    { exercise: second, role: 'complete', startMs: restartAt, endMs: lastOffset(b.notes) },
  ];
  return { notes: [...a.notes, ...falseNotes, ...b.notes].sort((x, y) => x.onsetMs - y.onsetMs), parts };
}

function pitchClass(key: string): number {
  const letters: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
  const base = letters[key[0]?.toUpperCase() ?? 'C'] ?? 0;
  const accidental = key.slice(1) === '#' ? 1 : key.slice(1) === 'b' ? -1 : 0;
  return (base + accidental + 12) % 12;
}
