/**
 * The keys Evenkeys offers, their spelling (through tonal) and where on the keyboard they sit.
 */
import { Interval, Note, Scale } from 'tonal';

/** Major keys by the circle of fifths; enharmonic keys use the usual teaching names. */
export const MAJOR_KEYS: readonly string[] = ['C', 'G', 'D', 'A', 'E', 'B', 'F#', 'Db', 'Ab', 'Eb', 'Bb', 'F'];

/** Minor keys by the circle of fifths (Eb minor rather than D# minor). */
export const MINOR_KEYS: readonly string[] = ['A', 'E', 'B', 'F#', 'C#', 'G#', 'Eb', 'Bb', 'F', 'C', 'G', 'D'];

/** Highest key of an 88-key piano (C8). */
export const PIANO_TOP = 108;
/** Lowest key of an 88-key piano (A0). */
export const PIANO_BOTTOM = 21;

/**
 * MIDI pitch of the right hand's starting tonic for a run of `octaves` octaves: in 60-71 (C4-B4),
 * an octave lower when the top would pass C8 (4-octave exercises start in 48-59).
 *
 * @example rightHandTonic('B', 4) // 59
 */
export function rightHandTonic(tonic: string, octaves: number): number {
  const chroma = Note.chroma(tonic);
  if (chroma === undefined || Number.isNaN(chroma)) throw new RangeError(`unknown tonic '${tonic}'`);
  let pitch = 60 + chroma;
  while (pitch + 12 * octaves > PIANO_TOP) pitch -= 12;
  return pitch;
}

// Scale.get parses names on every call; the catalogue asks for the same few dozen scales often.
const semitoneCache = new Map<string, readonly number[]>();

/**
 * Semitone offsets of a scale's degrees from its tonic, via tonal.
 *
 * @example scaleSemitones('A', 'harmonic minor') // [0, 2, 3, 5, 7, 8, 11]
 */
export function scaleSemitones(tonic: string, mode: string): readonly number[] {
  const name = `${tonic} ${mode}`;
  let semitones = semitoneCache.get(name);
  if (semitones === undefined) {
    const scale = Scale.get(name);
    if (scale.empty) throw new RangeError(`unknown scale '${name}'`);
    semitones = scale.intervals.map((interval) => Interval.semitones(interval) ?? 0);
    semitoneCache.set(name, semitones);
  }
  return semitones;
}

/**
 * Ascending MIDI pitches from `bottom` through `octaves` octaves of a scale given as semitone
 * offsets per octave (top tonic included).
 *
 * @example ascendingPitches(60, [0, 4, 7], 1) // [60, 64, 67, 72]
 */
export function ascendingPitches(bottom: number, semitones: readonly number[], octaves: number): number[] {
  const pitches: number[] = [];
  for (let octave = 0; octave < octaves; octave++) {
    for (const offset of semitones) pitches.push(bottom + 12 * octave + offset);
  }
  pitches.push(bottom + 12 * octaves);
  return pitches;
}

/**
 * True for the black keys (C#, D#, F#, G#, A#).
 *
 * @example isBlackKey(61) // true
 */
export function isBlackKey(pitch: number): boolean {
  return [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);
}

/**
 * The tonic as it appears in exercise ids: lower case, '#' written 'sharp' (ids travel through
 * shells and URLs, where '#' is awkward).
 *
 * @example keyToken('F#') // 'fsharp'
 */
export function keyToken(tonic: string): string {
  return tonic.toLowerCase().replace(/#/g, 'sharp');
}
