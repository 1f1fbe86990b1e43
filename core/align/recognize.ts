/**
 * Recognition: which exercises a free recording contains. The recording is cut at pauses; each
 * stretch is compared cheaply with every exercise of the catalogue (pitch classes, range, hands,
 * length), the closest few are aligned, and the one that explains the notes at the lowest cost
 * per note wins. Stretches that no exercise explains well stay free play.
 */
import { PIANO_BOTTOM, PIANO_TOP } from '../exercises/keys';
import { listExercises } from '../exercises/library';
import type { Exercise, Hand } from '../exercises/types';
import type { Note } from '../midi/types';
import { findAttempts } from './attempts';
import type { AttemptSearch } from './attempts';
import { DEFAULT_COSTS } from './costs';
import type { AlignCosts } from './costs';
import { embeddedIn, takeCredibility } from './credibility';
import { TOGETHER_MS, catalogueIndex, exerciseFeatures, octaveShift, playedFeatures, shortlist } from './features';
import type { PitchFeatures } from './features';
import { splitAtPauses } from './pauses';
import type { NoteRange, PauseOptions } from './pauses';
import { freePlayOf, joinHesitations, takesOfAttempts } from './recording';
import type { Segmentation, Take } from './types';
import { transposed, transpositionOf } from './transpose';
import { chooseHand, twinGroups } from './twins';
import { exerciseView, noteView } from './view';
import type { ExerciseView, NoteView } from './view';

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
  /**
   * The hand the player says played the one-hand exercises (analyze --hand, takes set-hand):
   * chosen among twins with confidence 1. Hands-together exercises are unaffected.
   */
  readonly hand?: Hand;
  /**
   * When the keyboard was away (unplugged or switched off; ms on the notes' clock, `endMs` null
   * when it never came back). The silence across such a gap is the device's, not a pause of the
   * pianist's: recognition does not cut a stretch there, so a take interrupted by the device stays
   * one take (its lost notes count as missed, and the analysis tells them apart).
   */
  readonly deviceGaps?: readonly { readonly startMs: number; readonly endMs: number | null }[];
  /**
   * The onsets carry no time (every message stamped alike: core/midi/clock.ts 'not-advancing'):
   * recognise from pitches and their order alone (the order stands in for time, the alignment has
   * no timing term). Simultaneity is not used to tell one hand from two, nor the pulse to judge
   * credibility. The takes' `bpm` is then the stand-in's, not the pianist's: leave timing out
   * (the analysis does). A coarse or jumping clock still carries time: not for those.
   */
  readonly untimed?: boolean;
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
  if (options.untimed !== true) return segment(notes, options);
  // Onsets without time: the notes' order is all there is, so it stands in for time (one note
  // per ORDER_STEP_MS; the aligner's bands and grid need some), the alignment has no timing
  // term, and the takes are handed back on the real notes and times.
  const ordered = notes.map((note, k) => ({ ...note, onsetMs: k * ORDER_STEP_MS, offsetMs: (k + 0.5) * ORDER_STEP_MS }));
  const found = segment(ordered, { ...options, costs: { ...options.costs, timingWeight: 0 } });
  return onRealNotes(found, notes);
}

// Spacing of the stand-in onsets of untimed notes (a moderate 4 notes/s).
const ORDER_STEP_MS = 250;

/** A segmentation made on stand-in onsets, moved back onto the real notes (same indices). */
function onRealNotes(found: Segmentation, notes: readonly Note[]): Segmentation {
  const span = (indices: readonly number[]): { startMs: number; endMs: number } => {
    let startMs = Infinity;
    let endMs = -Infinity;
    for (const k of indices) {
      startMs = Math.min(startMs, notes[k]?.onsetMs ?? Infinity);
      endMs = Math.max(endMs, notes[k]?.offsetMs ?? -Infinity);
    }
    return Number.isFinite(startMs) ? { startMs, endMs } : { startMs: 0, endMs: 0 };
  };
  const takes = found.takes.map((take): Take => {
    const matches = take.matches.map((match) => (match.noteIndex === null ? match : { ...match, note: notes[match.noteIndex] ?? match.note }));
    const indices = [...matches.flatMap((match) => (match.noteIndex === null ? [] : [match.noteIndex])), ...take.extraNoteIndices];
    return { ...take, matches, ...span(indices) };
  });
  const freePlay = found.freePlay.map((run) => ({ ...run, ...span(run.noteIndices) }));
  return { takes, freePlay };
}

function segment(notes: readonly Note[], options: RecognizeOptions): Segmentation {
  const costs: AlignCosts = { ...DEFAULT_COSTS, ...options.costs };
  const view = noteView(notes);
  const catalogue = options.catalogue ?? defaultCatalogue();
  const minNotes = options.minNotes ?? DEFAULT_MIN_NOTES;
  // Pauses, and shorter breaths that are long for the tempo (a false start, then the restart).
  const cut = unionOfCuts(splitAtPauses(notes, { pauseFactor: PAUSE_FACTOR, ...options }), splitAtPauses(notes, BREATHS));
  const phrases = joinAcrossDeviceGaps(cut, view, options.deviceGaps ?? []);
  const pieces = phrases.flatMap((range) => limitLength(range, view, MAX_PHRASE_NOTES));
  const found = pieces.map((range) => recognizeRange(view, range, catalogue, costs, options));
  preferNeighbours(found, view, costs);
  const takes: Take[] = [];
  const inTake = new Uint8Array(notes.length);
  const scratch = new Uint8Array(notes.length);
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
    // The aligned exercise stands for its twins (same pitches, other hand): the hand is chosen
    // from the other cues, and the take holds that twin's fingering.
    const choice = chooseTwin(item.exercise, catalogue, options.hand);
    scratch.fill(0, range.start, range.end);
    const made = takesOfAttempts(choice.exercise, notes, view, item.search.attempts, range, costs, 4, scratch);
    for (const take of made) {
      const credibility = takeCredibility(take, { embedded: false, untimed: options.untimed === true });
      if (!credibility.credible) continue;
      takes.push({
        ...take,
        ...(choice.shift === 0 ? {} : { transposition: choice.shift }),
        confidence: credibility.confidence,
        handConfidence: choice.handConfidence,
        handUncertain: choice.handUncertain,
      });
      markTake(take, inTake);
    }
    // A stretch can hold a second exercise played without a pause: try what is left once more.
    for (const rest of leftovers(range, inTake, 2 * minNotes)) {
      if (rest.end - rest.start < range.end - range.start) {
        pending.push({ item: recognizeRange(view, rest, catalogue, costs, options), soft });
      }
    }
  }
  takes.sort((a, b) => a.startMs - b.startMs);
  const joined = joinHesitations(takes, notes, view, costs);
  const kept = dropEmbedded(dropStrayFragments(joined, inTake), view, inTake, options.untimed === true);
  return { takes: kept, freePlay: freePlayOf(notes, inTake, phrases) };
}

// A pause between exercises is at least 3.5 times the neighbouring intervals (not the forced
// aligner's 2.5): at 2-3 notes/s two missed notes in a row leave a gap of 3 intervals, over a
// second, which must not cut a take in two.
const PAUSE_FACTOR = 3.5;
// A gap of at least 600 ms and 4 times the neighbouring intervals also separates phrases: the
// 0.65 s between a false start and its restart at 7 notes/s (issue 12).
const BREATHS: PauseOptions = { minPauseMs: 600, pauseFactor: 4 };

function unionOfCuts(a: readonly NoteRange[], b: readonly NoteRange[]): NoteRange[] {
  const cuts = new Set<number>();
  for (const range of [...a, ...b]) cuts.add(range.start);
  const end = a[a.length - 1]?.end ?? 0;
  const sorted = [...cuts].sort((x, y) => x - y);
  return sorted.map((start, k) => ({ start, end: sorted[k + 1] ?? end }));
}

/**
 * Joins neighbouring phrases whose silence between them (last onset of one to first onset of the
 * next) overlaps a device gap: that silence was the keyboard's. Should two exercises meet there,
 * the joined stretch fits neither as a whole and is cut again at smaller gaps (SOFT_PAUSES), as
 * any stretch is.
 */
function joinAcrossDeviceGaps(
  phrases: readonly NoteRange[],
  view: NoteView,
  gaps: readonly { readonly startMs: number; readonly endMs: number | null }[],
): NoteRange[] {
  if (gaps.length === 0) return [...phrases];
  const joined: NoteRange[] = [];
  for (const phrase of phrases) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && previous.end === phrase.start && phrase.start > 0) {
      const before = view.onset[phrase.start - 1] ?? 0;
      const after = view.onset[phrase.start] ?? 0;
      if (gaps.some((gap) => gap.startMs <= after && (gap.endMs ?? Infinity) >= before)) {
        joined[joined.length - 1] = { start: previous.start, end: phrase.end };
        continue;
      }
    }
    joined.push(phrase);
  }
  return joined;
}

/**
 * Takes inside free playing (a figure of a piece) must be complete, clean exercises
 * (credibility's embedded rules); the others become free play. Twice, because a dropped take's
 * notes are free play around its neighbours.
 */
function dropEmbedded(takes: readonly Take[], view: NoteView, inTake: Uint8Array, untimed: boolean): Take[] {
  let kept = [...takes];
  for (let pass = 0; pass < 2; pass += 1) {
    const judged = kept.map((take) => {
      if (!embeddedIn(take, view.onset, inTake)) return { take, keep: true };
      const credibility = takeCredibility(take, { embedded: true, untimed });
      return { take: { ...take, confidence: credibility.confidence }, keep: credibility.credible };
    });
    for (const { take, keep } of judged) if (!keep) markTake(take, inTake, 0);
    const next = judged.filter((entry) => entry.keep).map((entry) => entry.take);
    if (next.length === kept.length) return next;
    kept = next;
  }
  return kept;
}

/** Marks the notes a take holds (matched, wrong or extra). */
function markTake(take: Take, inTake: Uint8Array, value = 1): void {
  for (const match of take.matches) if (match.noteIndex !== null) inTake[match.noteIndex] = value;
  for (const index of take.extraNoteIndices) inTake[index] = value;
}

// A broken-off or restarted piece of an exercise is an attempt at it only next to a complete
// take of the same exercise (the restart, or the run it broke away from) within this time.
// Otherwise it is a fragment of something else (a figure of a piece): free play.
const FRAGMENT_NEIGHBOUR_MS = 5000;

function dropStrayFragments(takes: readonly Take[], inTake: Uint8Array): Take[] {
  const complete = (take: Take): boolean => take.span === undefined || (take.span.from === 0 && take.span.to === take.exercise.notes.length);
  const kept = takes.filter((take, k) => {
    if (complete(take)) return true;
    for (const other of [takes[k - 1], takes[k + 1]]) {
      if (other === undefined || other.exercise.id !== take.exercise.id || !complete(other)) continue;
      const gap = other.startMs >= take.endMs ? other.startMs - take.endMs : take.startMs - other.endMs;
      if (gap <= FRAGMENT_NEIGHBOUR_MS) return true;
    }
    return false;
  });
  const keptSet = new Set(kept);
  for (const take of takes) if (!keptSet.has(take)) markTake(take, inTake, 0);
  return kept;
}

/** The twin of `aligned` (a representative, possibly moved by octaves) the player meant. */
function chooseTwin(aligned: Exercise, catalogue: readonly Exercise[], hand: Hand | undefined): { exercise: Exercise; shift: number; handConfidence: number; handUncertain: boolean } {
  const shift = transpositionOf(aligned);
  const representative = shift === 0 ? aligned : (originals.get(aligned) ?? aligned);
  const members = twinGroups(catalogue).membersOf.get(representative) ?? [representative];
  const choice = chooseHand(members, representative, shift, hand);
  const exercise = transposed(choice.exercise, choice.shift) ?? aligned;
  return { exercise, shift: choice.shift, handConfidence: choice.handConfidence, handUncertain: choice.handUncertain };
}

// Moved copy -> the catalogue exercise it was made from.
const originals = new WeakMap<Exercise, Exercise>();

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
  const played = playedFeatures(view, range, options.untimed !== true);
  const maxCost = options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE;
  const found = bestOf(view, range, played, twinGroups(catalogue).representatives, costs, options);
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

// Per note: an alignment this good at the nearest octave position needs no other.
const WELL_EXPLAINED = 0.25;
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

/**
 * Shortlists the catalogue (one exercise per twin group) and aligns the shortlist, each
 * exercise moved by whole octaves to where the notes were played (`octaveShift`); when the
 * played range sits between two octave positions (an octave count other than the exercise's),
 * both are tried. The lowest score wins, ties to the higher-ranked candidate; of near-tied
 * candidates the one the playing follows most closely is aligned first (less work, same winner).
 */
function bestOf(
  view: NoteView,
  range: NoteRange,
  played: PitchFeatures,
  catalogue: readonly Exercise[],
  costs: AlignCosts,
  options: RecognizeOptions,
): Candidates {
  const count = range.end - range.start;
  const ranked = shortlist(played, catalogueIndex(catalogue), options.shortlist ?? DEFAULT_SHORTLIST, SHORTLIST_MARGIN);
  const limit = (options.maxCostPerNote ?? DEFAULT_MAX_COST_PER_NOTE) * count;
  const tries = ranked.map((entry, rank) => {
    const features = exerciseFeatures(entry.exercise);
    const shift = octaveShift(played.lowest, played.highest, features.lowest, features.highest);
    const middle = (played.lowest - features.lowest + (played.highest - features.highest)) / 2;
    const shifts = Math.abs(middle - shift) > 3 ? [shift, middle > shift ? shift + 12 : shift - 12] : [shift];
    return { entry, rank, features, shifts };
  });
  // The candidate aligned first sets the limit the others are dropped at, and is aligned in full
  // itself: worth getting right. Among candidates the shortlist cannot tell apart (Hanon Nos. 7,
  // 14 and 18 have the same keys, range and interval classes) the one whose runs of three pitches
  // the playing follows most goes first. Only work changes: the winner is the lowest score, ties
  // to the higher-ranked candidate, whatever the order (a candidate dropped at the limit scores
  // above the best so far). Not with two octave positions to try: there the second is tried only
  // when the first was dropped or explained little, which depends on the limit, so on the order.
  const first = tries[0];
  if (first !== undefined && tries.every((item) => item.shifts.length === 1)) {
    let pick = 0;
    let pickShare = -1;
    tries.forEach((item, k) => {
      if (item.entry.score > first.entry.score + NEAR_TIE) return;
      const exercise = transposed(item.entry.exercise, item.shifts[0] ?? 0);
      if (exercise === null) return;
      const share = trigramShare(exerciseView(exercise), view, range);
      if (share > pickShare) {
        pickShare = share;
        pick = k;
      }
    });
    if (pick > 0) tries.unshift(...tries.splice(pick, 1));
  }
  let best: (Scored & { readonly rank: number }) | null = null;
  let second: Scored | null = null;
  for (const { entry, rank, features, shifts } of tries) {
    let explained = false;
    for (const tried of shifts) {
      // The other octave position only when the nearest one leaves much unexplained.
      if (explained) break;
      const exercise = transposed(entry.exercise, tried);
      if (exercise === null || !onPiano(features.lowest + tried, features.highest + tried)) continue;
      if (tried !== 0) originals.set(exercise, entry.exercise);
      const search = findAttempts(exerciseView(exercise), view, range, costs, Math.min(limit, best?.score ?? Infinity));
      if (search === null) continue;
      let unreached = 0;
      for (const attempt of search.attempts) unreached += exercise.notes.length - (attempt.to - attempt.from);
      const scored = { exercise, cost: search.cost / count, score: search.cost + UNREACHED * unreached, search, rank };
      explained = scored.score <= WELL_EXPLAINED * count;
      if (best === null || scored.score < best.score || (scored.score === best.score && rank < best.rank)) {
        second = best;
        best = scored;
      } else if (second === null || scored.score < second.score) {
        second = scored;
      }
    }
  }
  return { best, second };
}

// Shortlist scores (dissimilarity, about one per clear disagreement) this close to the closest
// one's count as a tie for the order of alignment. Measured on the bench session: 0.05 and 0.1
// save the same work (6.31 M -> 5.59 M DP cells), 0.2 less (6.11 M), 0.5 costs more than the
// shortlist's own order (6.47 M).
const NEAR_TIE = 0.05;

// Per exercise (as aligned, moved by octaves): its runs of three successive steps, each step by
// its lowest pitch (both hands on a step are one step: the order they are played in says nothing).
const trigramSets = new WeakMap<ExerciseView, Set<number>>();

function trigram(a: number, b: number, c: number): number {
  // Pitches outside 0-127 (never from a keyboard) only blur the count: this orders work.
  return ((a & 127) << 14) | ((b & 127) << 7) | (c & 127);
}

function exerciseTrigrams(exercise: ExerciseView): Set<number> {
  const cached = trigramSets.get(exercise);
  if (cached !== undefined) return cached;
  const { pitch, step } = exercise;
  const lowest: number[] = [];
  for (let i = 0; i < pitch.length; i += 1) {
    const here = pitch[i] ?? 0;
    if (i > 0 && step[i] === step[i - 1]) lowest[lowest.length - 1] = Math.min(lowest[lowest.length - 1] ?? here, here);
    else lowest.push(here);
  }
  const set = new Set<number>();
  for (let i = 2; i < lowest.length; i += 1) set.add(trigram(lowest[i - 2] ?? 0, lowest[i - 1] ?? 0, lowest[i] ?? 0));
  trigramSets.set(exercise, set);
  return set;
}

/**
 * Share (0-1) of the played runs of three successive onset groups (notes chained less than
 * TOGETHER_MS apart, as the shortlist's melodic shape; each group by its lowest pitch) in `range`
 * that the exercise also has: a
 * melodic pattern in order, where the shortlist's features count intervals regardless of order.
 * O(notes); used only to choose which near-tied candidate is aligned first.
 */
function trigramShare(exercise: ExerciseView, notes: NoteView, range: NoteRange): number {
  const set = exerciseTrigrams(exercise);
  let hits = 0;
  let total = 0;
  // The last two groups' lowest pitches (-1: none yet), and the group being gathered.
  let before = -1;
  let last = -1;
  let lowest = -1;
  let previousMs = -Infinity;
  const close = (): void => {
    if (lowest < 0) return;
    if (before >= 0) {
      total += 1;
      if (set.has(trigram(before, last, lowest))) hits += 1;
    }
    before = last;
    last = lowest;
  };
  for (let j = range.start; j < range.end; j += 1) {
    const onset = notes.onset[j] ?? 0;
    const pitch = notes.pitch[j] ?? 0;
    const together = onset - previousMs < TOGETHER_MS;
    previousMs = onset;
    if (together) {
      lowest = Math.min(lowest, pitch);
      continue;
    }
    close();
    lowest = pitch;
  }
  close();
  return total === 0 ? 0 : hits / total;
}

function onPiano(lowest: number, highest: number): boolean {
  return lowest >= PIANO_BOTTOM && highest <= PIANO_TOP;
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
