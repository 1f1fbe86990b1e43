/**
 * Recognition: which exercises a free recording contains. The recording is cut at pauses; each
 * stretch is compared cheaply with every exercise of the catalogue (pitch classes, range, hands,
 * length), the closest few are aligned, and the one that explains the notes at the lowest cost
 * per note wins. Stretches that no exercise explains well stay free play.
 */
import { listExercises } from '../exercises/library';
import type { Exercise } from '../exercises/types';
import type { Note } from '../midi/types';
import { findAttempts } from './attempts';
import type { AttemptSearch } from './attempts';
import { DEFAULT_COSTS } from './costs';
import type { AlignCosts } from './costs';
import { catalogueIndex, playedFeatures, shortlist } from './features';
import type { PitchFeatures } from './features';
import { splitAtPauses } from './pauses';
import type { NoteRange, PauseOptions } from './pauses';
import { freePlayOf, joinHesitations, takesOfAttempts } from './recording';
import type { Segmentation, Take } from './types';
import { transposed, transpositionOf } from './transpose';
import { exerciseView, noteView } from './view';
import type { NoteView } from './view';

export interface RecognizeOptions extends PauseOptions {
  /** Exercises to choose from; default the whole catalogue except the clinical presets (same notes as a scale). */
  readonly catalogue?: readonly Exercise[];
  /** How many exercises are aligned per stretch after the cheap comparison. */
  readonly shortlist?: number;
  /** A stretch whose best alignment costs more than this per note is free play. */
  readonly maxCostPerNote?: number;
  /** Stretches with fewer notes are free play without trying. */
  readonly minNotes?: number;
  readonly costs?: Partial<AlignCosts>;
}

export const DEFAULT_SHORTLIST = 6;
export const DEFAULT_MAX_COST_PER_NOTE = 0.55;
export const DEFAULT_MIN_NOTES = 5;
/** Candidates whose feature dissimilarity exceeds the closest one's by more than this are not aligned. */
export const SHORTLIST_MARGIN = 2.5;
/** Bonus (in notes) for an exercise recognised in a neighbouring stretch. */
export const NEIGHBOUR_MARGIN = 1.5;

/** One recognised stretch, with the runner-up for diagnostics. */
export interface Recognition {
  readonly range: NoteRange;
  readonly exercise: Exercise | null;
  readonly costPerNote: number;
  readonly runnerUp: Exercise | null;
  readonly runnerUpCostPerNote: number;
}

/**
 * Segments a free recording (notes sorted by onset) into takes of recognised exercises and free
 * play.
 *
 * @example recognize(notes).takes.map((take) => take.exercise.id) // ['scale-d-major-both-2oct', ...]
 */
export function recognize(notes: readonly Note[], options: RecognizeOptions = {}): Segmentation {
  const costs: AlignCosts = { ...DEFAULT_COSTS, ...options.costs };
  const view = noteView(notes);
  const catalogue = options.catalogue ?? defaultCatalogue();
  const minNotes = options.minNotes ?? DEFAULT_MIN_NOTES;
  const phrases = splitAtPauses(notes, options);
  const pieces = phrases.flatMap((range) => limitLength(range, view, MAX_PHRASE_NOTES));
  const found = pieces.map((range) => recognizeRange(view, range, catalogue, costs, options));
  preferNeighbours(found, view, costs);
  const takes: Take[] = [];
  const inTake = new Uint8Array(notes.length);
  const pending: { item: Found; soft: boolean }[] = found.map((item) => ({ item, soft: false }));
  while (pending.length > 0) {
    const next = pending.shift();
    if (!next) break;
    const { item, soft } = next;
    const { range } = item;
    if (item.exercise === null || item.search === null) {
      // Nothing fits the whole stretch: maybe several exercises played with only short breaths
      // between them. Cut at smaller gaps once and try the pieces.
      if (!soft && range.end - range.start >= 2 * minNotes) {
        const pieces = splitAtPauses(notes.slice(range.start, range.end), SOFT_PAUSES).map((piece) => ({
          start: range.start + piece.start,
          end: range.start + piece.end,
        }));
        if (pieces.length > 1) {
          const softFound = pieces.map((piece) => recognizeRange(view, piece, catalogue, costs, options));
          preferNeighbours(softFound, view, costs);
          pending.push(...softFound.map((found) => ({ item: found, soft: true })));
        }
      }
      continue;
    }
    const transposition = transpositionOf(item.exercise);
    const made = takesOfAttempts(item.exercise, notes, view, item.search.attempts, range, costs, 4, inTake);
    takes.push(...(transposition === 0 ? made : made.map((take) => ({ ...take, transposition }))));
    // A stretch can hold a second exercise played without a pause: try what is left once more.
    for (const rest of leftovers(range, inTake, 2 * minNotes)) {
      if (rest.end - rest.start < range.end - range.start) {
        pending.push({ item: recognizeRange(view, rest, catalogue, costs, options), soft });
      }
    }
  }
  takes.sort((a, b) => a.startMs - b.startMs);
  return { takes: joinHesitations(takes, notes, view, costs), freePlay: freePlayOf(notes, inTake, phrases) };
}

// Smaller gaps tried when a stretch cut at real pauses fits no exercise as a whole.
const SOFT_PAUSES: PauseOptions = { minPauseMs: 300, pauseFactor: 1.8 };

type Found = Recognition & { readonly search: AttemptSearch | null };

/**
 * Players repeat what they just played. Each stretch's exercise gets a bonus of about one wrong
 * note for every neighbouring stretch (just before, just after) recognised as the same
 * exercise; a neighbour's exercise that then explains the stretch better wins. Without this a
 * short arpeggio with one wrong third reads as the other mode.
 */
function preferNeighbours(found: Found[], view: NoteView, costs: AlignCosts): void {
  const firstPass = found.map((item) => item.exercise);
  found.forEach((item, k) => {
    if (item.exercise === null || item.search === null) return;
    const neighbours = [firstPass[k - 1] ?? null, firstPass[k + 1] ?? null];
    const support = (exercise: Exercise): number => neighbours.filter((n) => n === exercise).length * NEIGHBOUR_MARGIN;
    const count = item.range.end - item.range.start;
    const ownCost = item.costPerNote * count;
    let bestScore = ownCost - support(item.exercise);
    let winner: Found = item;
    for (const neighbour of neighbours) {
      if (neighbour === null || neighbour === item.exercise || neighbour === winner.exercise) continue;
      const limit = bestScore + support(neighbour);
      const search = findAttempts(exerciseView(neighbour), view, item.range, costs, limit);
      if (search === null) continue;
      const score = search.cost - support(neighbour);
      if (score < bestScore) {
        bestScore = score;
        winner = {
          ...item,
          exercise: neighbour,
          costPerNote: search.cost / count,
          runnerUp: item.exercise,
          runnerUpCostPerNote: item.costPerNote,
          search,
        };
      }
    }
    found[k] = winner;
  });
}

/**
 * The best exercise for one stretch of notes, or null when none explains it well enough.
 *
 * @example recognizeRange(noteView(notes), { start: 0, end: 29 }, listExercises(), DEFAULT_COSTS).exercise?.id
 */
export function recognizeRange(
  view: NoteView,
  range: NoteRange,
  catalogue: readonly Exercise[],
  costs: AlignCosts,
  options: RecognizeOptions = {},
): Recognition & { readonly search: AttemptSearch | null } {
  const count = range.end - range.start;
  const none = { range, exercise: null, costPerNote: Infinity, runnerUp: null, runnerUpCostPerNote: Infinity, search: null };
  if (count < (options.minNotes ?? DEFAULT_MIN_NOTES)) return none;
  const played = playedFeatures(view, range);
  const maxCost = options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE;
  let found = bestOf(view, range, played, catalogue, costs, options, 0);
  // Not in the catalogue's register? Try the same exercises an octave or two away, unless the
  // register fits well already: the register is what tells a right-hand scale from the same
  // notes played by the left hand, so a moved exercise must do clearly better to win.
  if (found.best === null || found.best.score > WELL_EXPLAINED * count) {
    for (const shift of OCTAVE_SHIFTS) {
      const moved = bestOf(view, range, played, catalogue, costs, options, shift);
      const margin = found.best !== null && transpositionOf(found.best.exercise) === 0 ? REGISTER_MARGIN * count : 0;
      if (moved.best !== null && (found.best === null || moved.best.score + margin < found.best.score)) found = moved;
    }
  }
  const { best, second } = found;
  if (best === null || best.cost > maxCost) {
    return { ...none, runnerUp: best?.exercise ?? null, runnerUpCostPerNote: best?.cost ?? Infinity };
  }
  return {
    range,
    exercise: best.exercise,
    costPerNote: best.cost,
    runnerUp: second?.exercise ?? null,
    runnerUpCostPerNote: second?.cost ?? Infinity,
    search: best.search,
  };
}

const OCTAVE_SHIFTS = [12, -12, 24, -24];
// Per note: a score this low needs no other register; a moved exercise must beat the catalogue
// register's score by this much.
const WELL_EXPLAINED = 0.25;
const REGISTER_MARGIN = 0.1;
// Per expected note an attempt never reached. Ranks a candidate that explains the playing as
// whole repetitions above one that explains it as a fragment (a restart inside a longer
// exercise plus a break-off costs only 7, however much of the exercise was left out).
const UNREACHED = 0.3;

interface Scored {
  readonly exercise: Exercise;
  /** Alignment cost per note. */
  readonly cost: number;
  /** Alignment cost plus the unreached penalty (total, for ranking). */
  readonly score: number;
  readonly search: AttemptSearch;
}

interface Candidates {
  readonly best: Scored | null;
  readonly second: Scored | null;
}

/** Shortlists the catalogue moved by `shift` semitones and aligns the shortlist. */
function bestOf(
  view: NoteView,
  range: NoteRange,
  played: PitchFeatures,
  catalogue: readonly Exercise[],
  costs: AlignCosts,
  options: RecognizeOptions,
  shift: number,
): Candidates {
  const count = range.end - range.start;
  const compared = shift === 0 ? played : { ...played, lowest: played.lowest - shift, highest: played.highest - shift };
  const ranked = shortlist(compared, catalogueIndex(catalogue), options.shortlist ?? DEFAULT_SHORTLIST, SHORTLIST_MARGIN);
  const limit = (options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE) * count;
  let best: Scored | null = null;
  let second: Scored | null = null;
  for (const entry of ranked) {
    const exercise = transposed(entry.exercise, shift);
    if (exercise === null) continue;
    const search = findAttempts(exerciseView(exercise), view, range, costs, Math.min(limit, best?.score ?? Infinity));
    if (search === null) continue;
    let unreached = 0;
    for (const attempt of search.attempts) unreached += exercise.notes.length - (attempt.to - attempt.from);
    const scored = { exercise, cost: search.cost / count, score: search.cost + UNREACHED * unreached, search };
    if (best === null || scored.score < best.score) {
      second = best;
      best = scored;
    } else if (second === null || scored.score < second.score) {
      second = scored;
    }
  }
  return { best, second };
}

// Playing without pauses for minutes would make one huge stretch, and every exercise found in it
// another pass over what is left; cutting long stretches keeps the work linear.
const MAX_PHRASE_NOTES = 2048;

/**
 * Cuts a stretch longer than `maxNotes` into pieces of at most `maxNotes` notes, each time at its
 * longest onset gap; among equally long gaps (a quantised scale has nothing else) the one nearest
 * the middle, so the pieces halve and the work is O(n log n). Iterative with an explicit stack:
 * the depth of the call stack never grows with the input (an 18-minute quantised scale, 8,640
 * notes with every gap tied, used to recurse once per note and overflow the stack).
 *
 * @example limitLength({ start: 0, end: 5000 }, view, 2048).length // 3 or more
 */
export function limitLength(range: NoteRange, view: NoteView, maxNotes: number): NoteRange[] {
  const pieces: NoteRange[] = [];
  // Ranges still to cut, the next one on top; pushed right half first so pieces come out in order.
  const todo: NoteRange[] = [range];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    const { start, end } = next;
    if (end - start <= Math.max(1, maxNotes)) {
      pieces.push(next);
      continue;
    }
    const middle = (start + end) / 2;
    let cut = start + ((end - start) >> 1);
    let widest = -Infinity;
    for (let k = start + 1; k < end; k += 1) {
      const gap = (view.onset[k] ?? 0) - (view.onset[k - 1] ?? 0);
      if (gap > widest || (gap === widest && Math.abs(k - middle) < Math.abs(cut - middle))) {
        widest = gap;
        cut = k;
      }
    }
    todo.push({ start: cut, end }, { start, end: cut });
  }
  return pieces;
}

let defaults: readonly Exercise[] | undefined;

function defaultCatalogue(): readonly Exercise[] {
  defaults ??= listExercises().filter((exercise) => exercise.kind !== 'clinical-scale');
  return defaults;
}

/** Runs of at least `minNotes` notes inside `range` that no take holds. */
function leftovers(range: NoteRange, inTake: Uint8Array, minNotes: number): NoteRange[] {
  const runs: NoteRange[] = [];
  let start = -1;
  for (let k = range.start; k <= range.end; k += 1) {
    const free = k < range.end && inTake[k] !== 1;
    if (free && start < 0) start = k;
    if (!free && start >= 0) {
      if (k - start >= minNotes) runs.push({ start, end: k });
      start = -1;
    }
  }
  return runs;
}
