/**
 * The catalogue: every exercise Evenkeys knows, built once on first use and looked up by id.
 */
import { arpeggio, MAX_ARPEGGIO_OCTAVES } from './arpeggio';
import { chromatic, MAX_CHROMATIC_OCTAVES } from './chromatic';
import { clinicalScale } from './clinical';
import { repeatedNote, trill } from './finger-drills';
import { fiveFinger } from './five-finger';
import { hanonExercises } from './hanon';
import { MAJOR_KEYS, MINOR_KEYS } from './keys';
import { keysOf, MAX_CONTRARY_OCTAVES, MAX_SCALE_OCTAVES, scale, SCALE_MODES } from './scale';
import type { Exercise, Finger, Hand, HandsSpec } from './types';

const ONE_OR_TWO_HANDS: readonly HandsSpec[] = ['right', 'left', 'both'];
const HANDS: readonly Hand[] = ['right', 'left'];
const FINGERS: readonly Finger[] = [1, 2, 3, 4, 5];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function buildAll(): Exercise[] {
  const all: Exercise[] = [];
  for (const mode of SCALE_MODES) {
    for (const key of keysOf(mode)) {
      for (const octaves of range(1, MAX_SCALE_OCTAVES)) {
        for (const hands of ONE_OR_TWO_HANDS) all.push(scale({ key, mode, hands, octaves }));
      }
      for (const octaves of range(1, MAX_CONTRARY_OCTAVES)) {
        all.push(scale({ key, mode, hands: 'both', motion: 'contrary', octaves }));
      }
    }
  }
  const triads: ['major' | 'minor', readonly string[]][] = [['major', MAJOR_KEYS], ['minor', MINOR_KEYS]];
  for (const [mode, keys] of triads) {
    for (const key of keys) {
      for (const octaves of range(1, MAX_ARPEGGIO_OCTAVES)) {
        for (const hands of ONE_OR_TWO_HANDS) all.push(arpeggio({ key, mode, hands, octaves }));
      }
    }
  }
  for (const [mode, keys] of triads) {
    for (const key of keys) {
      for (const hands of ONE_OR_TWO_HANDS) all.push(fiveFinger({ key, mode, hands }));
    }
  }
  for (const octaves of range(1, MAX_CHROMATIC_OCTAVES)) {
    for (const hands of ONE_OR_TWO_HANDS) all.push(chromatic({ hands, octaves }));
  }
  for (const hand of HANDS) {
    for (const a of FINGERS) {
      for (const b of FINGERS) if (a < b) all.push(trill({ hand, fingers: [a, b] }));
    }
  }
  for (const hand of HANDS) {
    for (const finger of FINGERS) all.push(repeatedNote({ hand, finger }));
  }
  all.push(clinicalScale('right'), clinicalScale('left'));
  all.push(...hanonExercises());
  return all;
}

let cache: { list: readonly Exercise[]; byId: ReadonlyMap<string, Exercise> } | undefined;

function catalogue(): { list: readonly Exercise[]; byId: ReadonlyMap<string, Exercise> } {
  if (cache === undefined) {
    const list = buildAll();
    cache = { list, byId: new Map(list.map((exercise) => [exercise.id, exercise])) };
  }
  return cache;
}

/**
 * Every exercise (each key, octave count and hands variant), built once and shared: treat as
 * read-only.
 *
 * @example listExercises().length // see docs/exercises.md
 */
export function listExercises(): readonly Exercise[] {
  return catalogue().list;
}

/**
 * Every exercise id, in catalogue order.
 *
 * @example exerciseIds()[0] // 'scale-c-major-rh-1oct'
 */
export function exerciseIds(): string[] {
  return catalogue().list.map((exercise) => exercise.id);
}

/**
 * The exercise with this id; case-insensitive, and '#' may stand for 'sharp' ('scale-f#-major-rh-1oct').
 *
 * @example getExercise('scale-c-major-rh-2oct')?.notes.length // 29
 */
export function getExercise(id: string): Exercise | undefined {
  const normalised = id.trim().toLowerCase().replace(/#/g, 'sharp');
  return catalogue().byId.get(normalised);
}
