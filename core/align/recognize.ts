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
import { splitAtPauses } from './pauses';
import type { NoteRange, PauseOptions } from './pauses';
import { freePlayOf, joinHesitations, takesOfAttempts } from './recording';
import type { Segmentation, Take } from './types';
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
    takes.push(...takesOfAttempts(item.exercise, notes, view, item.search.attempts, range, costs, 4, inTake));
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
  const ranked = shortlist(played, catalogueIndex(catalogue), options.shortlist ?? DEFAULT_SHORTLIST, SHORTLIST_MARGIN);
  const limit = (options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE) * count;
  let best: { exercise: Exercise; cost: number; search: AttemptSearch } | null = null;
  let second: { exercise: Exercise; cost: number } | null = null;
  for (const { exercise } of ranked) {
    const search = findAttempts(exerciseView(exercise), view, range, costs, Math.min(limit, (best?.cost ?? Infinity) * count));
    if (search === null) continue;
    const cost = search.cost / count;
    if (best === null || cost < best.cost) {
      second = best;
      best = { exercise, cost, search };
    } else if (second === null || cost < second.cost) {
      second = { exercise, cost };
    }
  }
  if (best === null || best.cost > (options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE)) {
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

// Playing without pauses for minutes would make one huge stretch, and every exercise found in it
// another pass over what is left; cutting long stretches keeps the work linear.
const MAX_PHRASE_NOTES = 2048;

/**
 * Cuts a stretch longer than `maxNotes` at its longest onset gap, again and again.
 *
 * @example limitLength({ start: 0, end: 5000 }, view, 2048).length // 3 or more
 */
function limitLength(range: NoteRange, view: NoteView, maxNotes: number): NoteRange[] {
  if (range.end - range.start <= maxNotes) return [range];
  let cut = range.start + ((range.end - range.start) >> 1);
  let widest = -Infinity;
  for (let k = range.start + 1; k < range.end; k += 1) {
    const gap = (view.onset[k] ?? 0) - (view.onset[k - 1] ?? 0);
    if (gap > widest) {
      widest = gap;
      cut = k;
    }
  }
  return [
    ...limitLength({ start: range.start, end: cut }, view, maxNotes),
    ...limitLength({ start: cut, end: range.end }, view, maxNotes),
  ];
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
