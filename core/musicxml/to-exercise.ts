/**
 * A parsed score to an Evenkeys exercise: each staff becomes a hand, onsets become grid steps in
 * subdivision units, printed fingering marks become the notes' fingers.
 *
 * Hands: in a part with two staves (a piano part) the upper staff is the right hand and the lower
 * the left. A one-staff part is the right hand in treble (G) clef and the left hand in bass (F)
 * clef, unless `hand` is given (a score of one one-staff part is then that hand's). With `hand`
 * and a two-staff part, or several parts, only that hand's staff or parts are imported.
 *
 * Grid: one step is the finest subdivision of the quarter note that puts every onset on a whole
 * step (e.g. 4 for sixteenths, 6 for eighth triplets with sixteenths, 1 for plain quarters), and
 * the metronome beat is the quarter note. Every timing measure reads onsets against steps, so
 * mixed note values are timed correctly (docs/metrics.md, "Mixed note values").
 */
import { DEFAULT_BPM } from '../exercises/describe';
import { isCrossing } from '../exercises/sequence';
import type { Exercise, ExpectedNote, Finger, FingeringSource, Hand, HandsSpec } from '../exercises/types';
import { compare, lcm, sub } from './fraction';
import { MAX_IMPORT_NOTES, MAX_STEPS_PER_QUARTER, MusicXmlError } from './limits';
import type { Score, ScoreNote } from './parse';

/**
 * Hook for the fingering estimator (core/fingering, when it exists): given one hand's notes in
 * playing order (pitch, step) with the printed fingers (null where none), returns a finger for
 * every note, or null to leave the unmarked notes unfingered (measured per hand only). Notes it
 * fingers are marked 'estimated'.
 */
export type UnmarkedFingeringEstimator = (
  hand: Hand,
  notes: readonly { readonly pitch: number; readonly step: number; readonly finger: Finger | null }[],
) => readonly Finger[] | null;

export interface ImportOptions {
  /** Exercise id, used verbatim; default `imported-` + a slug of the title or file name. */
  readonly id?: string;
  /** The hand of one-staff parts (and the only staff imported from two-staff parts). */
  readonly hand?: Hand;
  /** Name shown when the score has no title (usually the file name). */
  readonly fallbackName?: string;
  /** Tempo when the score gives none (quarter notes per minute). */
  readonly defaultBpm?: number;
  /** See UnmarkedFingeringEstimator; absent: unmarked notes are measured per hand only. */
  readonly estimateUnmarked?: UnmarkedFingeringEstimator;
}

/** Placeholder finger of notes without a fingering (ExpectedNote.fingered === false). */
const UNKNOWN_FINGER: Finger = 1;

const MAJOR_BY_FIFTHS = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
const MINOR_BY_FIFTHS = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];

/**
 * The id an import gets without `--id`: `imported-` + the title in lower case, words joined by '-'.
 *
 * @example importedId('Czerny Op. 599 No. 12') // 'imported-czerny-op-599-no-12'
 */
export function importedId(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.(musicxml|mxl|xml)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `imported-${slug || 'score'}`;
}

/** Which hand a score note is played by, or null when it is not imported. */
function handOf(note: ScoreNote, score: Score, chosen: Hand | undefined): Hand | null {
  const part = score.parts[note.part];
  const staves = part?.staves ?? 1;
  if (staves >= 2) {
    const hand: Hand = note.staff >= 2 ? 'left' : 'right';
    return chosen === undefined || chosen === hand ? hand : null;
  }
  const byClef: Hand = part?.clefs.get(note.staff) === 'F' ? 'left' : 'right';
  if (chosen === undefined) return byClef;
  // One part on one staff: `hand` says who plays it. Several parts (e.g. the hands written as
  // two parts): `hand` picks that hand's parts, as it picks a staff of a piano part.
  if (score.parts.length === 1) return chosen;
  return byClef === chosen ? chosen : null;
}

/**
 * Builds the exercise. Throws MusicXmlError when the score has no notes, too many, or a rhythm
 * finer than MAX_STEPS_PER_QUARTER steps per quarter note.
 *
 * @example scoreToExercise(parseMusicXml(text), { id: 'czerny-599-12' }).notes.length
 */
export function scoreToExercise(score: Score, options: ImportOptions = {}): Exercise {
  const placed = score.notes
    .map((note) => ({ note, hand: handOf(note, score, options.hand) }))
    .filter((entry): entry is { note: ScoreNote; hand: Hand } => entry.hand !== null);
  if (placed.length === 0) throw new MusicXmlError(options.hand ? `the score has no ${options.hand}-hand notes` : 'the score has no notes to play');
  if (placed.length > MAX_IMPORT_NOTES) throw new MusicXmlError(`the score has ${placed.length} notes; an exercise may have at most ${MAX_IMPORT_NOTES} (import a passage)`);
  const first = placed.reduce((earliest, entry) => (compare(entry.note.onset, earliest) < 0 ? entry.note.onset : earliest), placed[0]!.note.onset);
  let subdivision = 1;
  for (const { note } of placed) {
    subdivision = lcm(subdivision, sub(note.onset, first).den);
    if (subdivision > MAX_STEPS_PER_QUARTER) {
      throw new MusicXmlError(`the rhythm is finer than 1/${MAX_STEPS_PER_QUARTER} of a quarter note (an onset at ${describeFraction(sub(note.onset, first))} quarters); simplify the passage`);
    }
  }
  const stepOf = (note: ScoreNote): number => {
    const offset = sub(note.onset, first);
    return (offset.num * subdivision) / offset.den;
  };
  const handOrder = (hand: Hand): number => (hand === 'left' ? 0 : 1);
  const rows = placed
    .map(({ note, hand }) => ({ pitch: note.pitch, hand, step: stepOf(note), finger: note.finger }))
    .sort((a, b) => a.step - b.step || handOrder(a.hand) - handOrder(b.hand) || a.pitch - b.pitch);
  // Two voices striking the same key at once is one key-down on a keyboard.
  const unique = rows.filter((row, i) => {
    const previous = rows[i - 1];
    return previous === undefined || previous.step !== row.step || previous.hand !== row.hand || previous.pitch !== row.pitch;
  });
  const hands: Hand[] = (['left', 'right'] as const).filter((hand) => unique.some((row) => row.hand === hand));
  const sources: { right?: FingeringSource; left?: FingeringSource } = {};
  const notes: Omit<ExpectedNote, 'index'>[] = [];
  for (const hand of hands) {
    const line = unique.filter((row) => row.hand === hand);
    const printed = line.map((row) => (row.finger === null ? null : (row.finger as Finger)));
    const estimated = printed.some((finger) => finger === null) && options.estimateUnmarked ? options.estimateUnmarked(hand, line.map((row, i) => ({ pitch: row.pitch, step: row.step, finger: printed[i] ?? null }))) : null;
    const fingers = printed.map((finger, i) => finger ?? estimated?.[i] ?? null);
    const marked = printed.filter((finger) => finger !== null).length;
    sources[hand] = estimated !== null ? 'estimated' : marked === line.length ? 'printed' : marked === 0 ? 'none' : 'printed';
    line.forEach((row, position) => {
      const finger = fingers[position] ?? null;
      const previous = position > 0 ? line[position - 1] : undefined;
      const previousFinger = position > 0 ? (fingers[position - 1] ?? null) : null;
      notes.push({
        pitch: row.pitch,
        hand,
        finger: finger ?? UNKNOWN_FINGER,
        // One run per hand: a score has no single direction (per-direction tables are for scales).
        direction: 'up',
        position,
        run: 0,
        step: row.step,
        crossing:
          previous !== undefined && finger !== null && previousFinger !== null && previous.step < row.step
            ? isCrossing(hand, { pitch: previous.pitch, finger: previousFinger }, { pitch: row.pitch, finger })
            : false,
        ...(finger === null ? { fingered: false as const } : {}),
      });
    });
  }
  notes.sort((a, b) => a.step - b.step || handOrder(a.hand) - handOrder(b.hand) || a.position - b.position);
  const pitches = notes.map((note) => note.pitch);
  const lowest = Math.min(...pitches);
  const highest = Math.max(...pitches);
  const handsSpec: HandsSpec = hands.length === 2 ? 'both' : (hands[0] ?? 'right');
  const title = score.title || options.fallbackName || 'Imported score';
  return {
    id: options.id ?? importedId(title),
    kind: 'imported',
    key: keyName(score.key),
    mode: score.key === null ? '' : score.key.mode,
    hands: handsSpec,
    motion: 'parallel',
    octaves: Math.floor((highest - lowest) / 12),
    name: title,
    subdivision,
    bpm: score.tempo ?? options.defaultBpm ?? DEFAULT_BPM,
    notes: notes.map((note, index) => ({ index, ...note })),
    fingering: sources,
  };
}

function keyName(key: Score['key']): string {
  if (key === null) return '';
  const table = key.mode === 'minor' ? MINOR_BY_FIFTHS : MAJOR_BY_FIFTHS;
  return table[Math.max(-7, Math.min(7, Math.round(key.fifths))) + 7] ?? '';
}

function describeFraction(value: { num: number; den: number }): string {
  return value.den === 1 ? String(value.num) : `${value.num}/${value.den}`;
}
