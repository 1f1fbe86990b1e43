/**
 * Finding the attempts at an exercise in a stretch of playing: every repetition, every breakdown
 * and every restart. One pass of a "wrap-around" alignment: the path may leave the exercise at its
 * end (a repetition is done), break off in the middle (a breakdown), idle over notes that belong
 * to no attempt, and start again at the first note (or, at a price, at any note). Pitch only:
 * timing is refined per attempt afterwards. Work is (notes x exercise length): linear in the
 * number of notes for a given exercise.
 */
import type { AlignCosts } from './costs';
import type { NoteRange } from './pauses';
import type { ExerciseView, NoteView } from './view';
import { countCells } from './work';

/** One continuous attempt at the exercise. */
export interface Attempt {
  /** Expected notes covered, [from, to). */
  readonly from: number;
  readonly to: number;
  /** Played notes (indices into the note view), [start, end). */
  readonly start: number;
  readonly end: number;
  /** Pitch-only matches: expected index and played index, in expected order. */
  readonly expected: readonly number[];
  readonly played: readonly number[];
  /** The player left the attempt before its last note. */
  readonly brokenOff: boolean;
}

export interface AttemptSearch {
  readonly attempts: readonly Attempt[];
  /** Total cost of the best path over the range. */
  readonly cost: number;
  /** Played notes left outside every attempt. */
  readonly idle: readonly number[];
  readonly cells: number;
}

/**
 * Pauses inside the searched range that an attempt may carry on across (a stop inside a take),
 * at a price: without one a pause would be as free to cross as a note-to-note step, and the end
 * of one repetition could borrow the first note of the next.
 */
export interface StopPrice {
  /** Note indices (into the note view) that follow a pause, increasing. */
  readonly after: readonly number[];
  /** Added to every attempt that goes on across one of them. */
  readonly cost: number;
}

const NO_STOPS: StopPrice = { after: [], cost: 0 };

const DIAGONAL = 1;
const MISSED = 2;
const EXTRA = 3;
const SWAP = 4;
const START = 5;

const IDLE = 1;
const END = 2;
const BREAK = 3;

/**
 * Finds the attempts at `exercise` among the notes in `range`.
 *
 * Returns null as soon as every path costs more than `abandonAbove` (recognition uses this to
 * drop a candidate once it cannot beat the best one so far).
 *
 * @example findAttempts(exerciseView(ex), noteView(notes), { start: 0, end: notes.length }, DEFAULT_COSTS)?.attempts.length // 3 repetitions
 */
export function findAttempts(
  exercise: ExerciseView,
  notes: NoteView,
  range: NoteRange,
  costs: AlignCosts,
  abandonAbove = Infinity,
  stops: StopPrice = NO_STOPS,
): AttemptSearch | null {
  const expectedPitch = exercise.pitch;
  const m = expectedPitch.length;
  const length = range.end - range.start;
  const width = m + 1;
  const ops = scratch((length + 1) * width);
  const work = workspace(width, length);
  const { idleOp, breakFrom } = work;
  let [previous2, previous, current] = work.columns;
  previous2.fill(Infinity);
  previous.fill(Infinity);
  current.fill(Infinity);
  const { missed, extra, idle, wrongNear, wrongFar, breakOff, startInside } = costs;
  const sameStep = sameStepRows(exercise);
  const price = pitchPrices(wrongNear, wrongFar);
  const pitchOf = notes.pitch;
  const table = newMatchTable(width);

  // A lower bound of what the notes after each column still cost (see restCosts): a candidate
  // that cannot get under `abandonAbove` is dropped before or early in the sweep, not at its end.
  const rest = Number.isFinite(abandonAbove) && stops.cost >= 0 ? restCosts(exercise, notes, range, costs) : null;
  if (rest !== null && (rest[0] ?? 0) > abandonAbove + BOUND_SLACK) return null;
  let idleCost = 0;
  let nextStop = 0;
  while (nextStop < stops.after.length && (stops.after[nextStop] ?? 0) <= range.start) nextStop += 1;
  startAll(current, ops, 0, m, idleCost, startInside, missed);
  // The restarts of a column (every row inside the exercise capped at the price of starting
  // there) are applied lazily, by the next column's first pass as it reads each row: one sweep
  // per column fewer. `pendingStart` is that price for the previous column (Infinity: none).
  let pendingStart = Infinity;
  // The cheapest state of the previous column (its restarts and missed notes only add to it): a
  // swap of two notes goes from two columns back straight to this one, past the column between.
  let previousFloor = 0;
  for (let j = 1; j <= length; j += 1) {
    const recycled = previous2;
    previous2 = previous;
    previous = current;
    current = recycled;
    const row = j * width;
    const previousRow = row - width;
    if (stops.after[nextStop] === range.start + j - 1) {
      nextStop += 1;
      // Settle the restarts before the price is added, so they are decided exactly as without it.
      applyStarts(previous, ops, previousRow, m, pendingStart);
      pendingStart = Infinity;
      // Every state inside an attempt that consumes this note goes on across the pause; an
      // attempt that starts right here does not (row 0 of the previous column), but a swap that
      // takes the last note before the pause and this one does (row 0 two columns back).
      for (let i = 1; i <= m; i += 1) previous[i] = (previous[i] ?? Infinity) + stops.cost;
      for (let i = 0; i <= m; i += 1) previous2[i] = (previous2[i] ?? Infinity) + stops.cost;
    }
    const played = pitchOf[range.start + j - 1] ?? 0;
    const playedBefore = j >= 2 ? (pitchOf[range.start + j - 2] ?? 0) : 0;
    // Pitch prices of this column's note against every row, and of the note before it.
    const here = matchRow(played, expectedPitch, width, price, wrongFar);
    const hereBefore = j >= 2 ? matchRow(playedBefore, expectedPitch, width, price, wrongFar) : 0;
    current[0] = Infinity;
    ops[row] = 0;
    // One sweep down the column: every move that consumes the played note, then a missed note
    // from the row above (already final), and the cheapest place to break off. The previous
    // column's restarts are settled row by row just before they are read.
    let cheapest = Infinity;
    let breakBest = Infinity;
    let breakRow = 0;
    let left = previous[0] ?? Infinity;
    let above = Infinity;
    for (let i = 1; i <= m; i += 1) {
      let up = previous[i] ?? Infinity;
      if (i < m && pendingStart < up) {
        up = pendingStart;
        previous[i] = up;
        ops[previousRow + i] = START;
      }
      let best = left + (table[here + i] ?? wrongFar);
      let how = DIAGONAL;
      const asExtra = up + extra;
      if (asExtra < best) {
        best = asExtra;
        how = EXTRA;
      }
      if (j >= 2 && sameStep[i] === 1) {
        const swapped =
          (previous2[i - 2] ?? Infinity) + (table[here + i - 1] ?? wrongFar) + (table[hereBefore + i] ?? wrongFar);
        if (swapped < best) {
          best = swapped;
          how = SWAP;
        }
      }
      if (best < cheapest) cheapest = best;
      const skipped = above + missed;
      if (skipped < best) {
        best = skipped;
        how = MISSED;
      }
      current[i] = best;
      ops[row + i] = how;
      if (i < m && best < breakBest) {
        breakBest = best;
        breakRow = i;
      }
      left = up;
      above = best;
    }
    idleCost += idle;
    idleOp[j] = IDLE;
    if ((current[m] ?? Infinity) <= idleCost) {
      idleCost = current[m] ?? Infinity;
      idleOp[j] = END;
    }
    if (breakBest + breakOff < idleCost) {
      idleCost = breakBest + breakOff;
      idleOp[j] = BREAK;
      breakFrom[j] = breakRow;
    }
    // Pass 3: new attempts (the restarts inside the exercise settled lazily, see above).
    pendingStart = startFrom(current, ops, row, m, idleCost, startInside, missed);
    // Costs only grow along the path: once the cheapest state is too dear, so is the end.
    // (Missed notes and starts only add to values already counted in `cheapest` or idle.) A path
    // may also leave the previous column by a swap (two notes at once) and skip this one: it too
    // must be too dear, with one more note still to come.
    const floor = cheapest < idleCost ? cheapest : idleCost;
    const slack = rest === null ? 0 : BOUND_SLACK;
    if (
      floor + (rest === null ? 0 : (rest[j] ?? 0)) > abandonAbove + slack &&
      previousFloor + (rest === null ? 0 : (rest[j - 1] ?? 0)) > abandonAbove + slack
    ) {
      countCells(j * width);
      return null;
    }
    previousFloor = floor;
  }
  applyStarts(current, ops, length * width, m, pendingStart);
  countCells(length * width);
  // A recording that stops inside an attempt has paid breakOff there, as a breakdown would.
  if (idleCost > abandonAbove) return null;
  return { ...trace(ops, idleOp, breakFrom, width, m, length, range.start), cost: idleCost, cells: length * width };
}

// Rounding room for the bound: the path adds the same prices in another order, so a tie must
// not look like a loss.
const BOUND_SLACK = 1e-9;

// Reused per search, like the columns.
let restBuffer = new Float64Array(0);

/**
 * rest[j]: a lower bound of the cost of played notes j+1..length of the range, whatever the path.
 * Exact: a search abandoned on it would have ended above the limit anyway. Two parts:
 * - A played pitch the exercise never has ("foreign") costs at least the cheapest way to consume
 *   a note (wrong note, extra, idle; a swap prices both notes as wrong).
 * - Two successive played notes that both cost nothing are matched, at their pitches, to
 *   expected notes that follow each other in one attempt (next note; with swaps of a step's two
 *   notes, where the exercise has such steps, one back or two or three on) or end one attempt and start the next (the last notes,
 *   then the first ones). Any other pair of pitches (a "break") is paid for: by one of its two
 *   notes (the foreign-note price) or by a move between them (missed note, break-off, start
 *   inside). A run of k breaks in a row costs at least the cheapest cover of a path of k edges.
 * Missed notes, starts, break-offs and stops only add to this.
 */
function restCosts(exercise: ExerciseView, notes: NoteView, range: NoteRange, costs: AlignCosts): Float64Array {
  const length = range.end - range.start;
  if (restBuffer.length < length + 1) restBuffer = new Float64Array(Math.max(length + 1, 2 * restBuffer.length));
  const rest = restBuffer;
  const { has, pairs } = pitchTables(exercise);
  const note = Math.max(0, Math.min(costs.idle, costs.extra, costs.wrongNear, costs.wrongFar));
  const move = Math.max(0, Math.min(costs.missed, costs.breakOff, costs.startInside));
  const pitch = notes.pitch;
  let foreign = 0;
  // Breaks in runs already closed (cost of their covers), and the length of the run that goes on
  // from the current note.
  let closed = 0;
  let open = 0;
  let after = -1;
  rest[length] = 0;
  for (let j = length; j >= 1; j -= 1) {
    const here = pitch[range.start + j - 1] ?? -1;
    const known = here >= 0 && here <= 127 && has[here] === 1;
    if (!known) foreign += note;
    if (after >= 0 && known) {
      const code = (here << 7) | after;
      if ((pairs[code >> 3] ?? 0) & (1 << (code & 7))) {
        closed += cover(open, note, move);
        open = 0;
      } else open += 1;
    } else {
      closed += cover(open, note, move);
      open = 0;
    }
    after = known ? here : -1;
    rest[j - 1] = foreign + closed + cover(open, note, move);
  }
  return rest;
}

/** Cheapest cover of a path of `edges` breaks: a note (price `note`) covers its two, a move (`move`) its one. */
function cover(edges: number, note: number, move: number): number {
  if (edges === 0) return 0;
  if (2 * move <= note) return edges * move;
  return Math.floor(edges / 2) * note + (edges % 2) * Math.min(note, move);
}

interface PitchTables {
  /** 1 at every MIDI pitch the exercise has. */
  readonly has: Uint8Array;
  /** Bit (a << 7 | b): pitch b may follow pitch a at no cost (see restCosts). */
  readonly pairs: Uint8Array;
}

const tables = new WeakMap<ExerciseView, PitchTables>();

function pitchTables(exercise: ExerciseView): PitchTables {
  const cached = tables.get(exercise);
  if (cached) return cached;
  const expected = exercise.pitch;
  const m = expected.length;
  const has = new Uint8Array(128);
  const pairs = new Uint8Array((128 * 128) >> 3);
  const allow = (a: number, b: number): void => {
    const from = expected[a] ?? -1;
    const to = expected[b] ?? -1;
    if (a < 0 || b < 0 || a >= m || b >= m || from < 0 || from > 127 || to < 0 || to > 127) return;
    const code = (from << 7) | to;
    pairs[code >> 3] = (pairs[code >> 3] ?? 0) | (1 << (code & 7));
  };
  const step = exercise.step;
  const together = (a: number, b: number): boolean => a >= 0 && b < m && step[a] === step[b];
  for (let a = 0; a < m; a += 1) {
    const pitch = expected[a] ?? -1;
    if (pitch >= 0 && pitch <= 127) has[pitch] = 1;
    // Expected notes that can follow one another in one attempt at no cost: the next one, and
    // with a swap of two notes on one step (played in either order; the aligner swaps only
    // those) one back (inside the swap), two on (into a swap, or out of one) and three on (out of
    // one swap into the next). Allowing only the swaps the exercise has (none with one hand)
    // keeps the bound tight: with one hand a missed note is a break, and is counted.
    allow(a, a + 1);
    if (together(a - 1, a)) allow(a, a - 1);
    if (together(a + 1, a + 2) || together(a, a + 1)) allow(a, a + 2);
    if (together(a, a + 1) && together(a + 2, a + 3)) allow(a, a + 3);
  }
  for (const last of [m - 1, m - 2]) for (const first of [0, 1]) allow(last, first);
  const made = { has, pairs };
  tables.set(exercise, made);
  return made;
}

let prices = new Float64Array(0);

/**
 * Pitch part of a match by distance in semitones (0-127), as costs.ts pitchCost: a lookup in
 * the inner loop instead of three comparisons. Reused while the prices stay the same.
 */
function pitchPrices(wrongNear: number, wrongFar: number): Float64Array {
  if (prices.length === 128 && prices[1] === wrongNear && prices[3] === wrongFar) return prices;
  prices = new Float64Array(128);
  for (let distance = 1; distance < 128; distance += 1) prices[distance] = distance <= 2 || distance === 12 ? wrongNear : wrongFar;
  return prices;
}

// Per search: row i of a played pitch's block holds the pitch price of reading that pitch as
// expected note i-1 (the prices above, by semitone distance). A block is filled the first time
// its pitch is played in the search (matchStamp says which search filled it): the inner loop then
// reads one number instead of a distance and a lookup.
let matchBuffer = new Float64Array(0);
const matchStamp = new Int32Array(128);
let matchGeneration = 0;
// Pitches outside MIDI's range (never from a keyboard) take turns in two spare blocks, refilled
// each time (a column reads two blocks: its note's and the one before).
let matchSpare = 0;

/** Starts a search's blocks: returns the table (130 blocks of `width`). */
function newMatchTable(width: number): Float64Array {
  if (matchBuffer.length < 130 * width) matchBuffer = new Float64Array(Math.max(130 * width, 2 * matchBuffer.length));
  matchGeneration += 1;
  return matchBuffer;
}

/** Offset of the block of `pitch` in the current search's table, filled on first use. */
function matchRow(pitch: number, expectedPitch: Int16Array, width: number, price: Float64Array, wrongFar: number): number {
  let slot = pitch;
  if (pitch >= 0 && pitch <= 127) {
    if (matchStamp[pitch] === matchGeneration) return pitch * width;
    matchStamp[pitch] = matchGeneration;
  } else {
    matchSpare ^= 1;
    slot = 128 + matchSpare;
  }
  const table = matchBuffer;
  const offset = slot * width;
  for (let i = 1; i < width; i += 1) {
    const expected = expectedPitch[i - 1] ?? 0;
    table[offset + i] = price[expected > pitch ? expected - pitch : pitch - expected] ?? wrongFar;
  }
  return offset;
}

// Back-pointers are the one large allocation; reusing one buffer keeps the collector quiet.
let buffer = new Uint8Array(0);

// Every cell of the table is written before the trace reads it (row 0 by startAll, the others
// by the first pass and the restarts), so the buffer needs no clearing.
function scratch(size: number): Uint8Array {
  if (buffer.length < size) buffer = new Uint8Array(Math.max(size, 2 * buffer.length));
  return buffer.subarray(0, size);
}

// The columns and per-note records, reused too (recognition runs thousands of short searches).
let columnBuffers: [Float64Array, Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
let idleOpBuffer = new Uint8Array(0);
let breakFromBuffer = new Int32Array(0);

function workspace(
  width: number,
  length: number,
): { columns: [Float64Array, Float64Array, Float64Array]; idleOp: Uint8Array; breakFrom: Int32Array } {
  if (columnBuffers[0].length < width) {
    const size = Math.max(width, 2 * columnBuffers[0].length);
    columnBuffers = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  }
  if (idleOpBuffer.length < length + 1) {
    idleOpBuffer = new Uint8Array(Math.max(length + 1, 2 * idleOpBuffer.length));
    breakFromBuffer = new Int32Array(idleOpBuffer.length);
  }
  return {
    columns: [columnBuffers[0].subarray(0, width), columnBuffers[1].subarray(0, width), columnBuffers[2].subarray(0, width)],
    idleOp: idleOpBuffer,
    breakFrom: breakFromBuffer,
  };
}

const sameSteps = new WeakMap<ExerciseView, Uint8Array>();

/** 1 at row i when expected notes i-2 and i-1 share a grid step (a swap may end there); cached. */
function sameStepRows(exercise: ExerciseView): Uint8Array {
  const cached = sameSteps.get(exercise);
  if (cached) return cached;
  const { step } = exercise;
  const m = step.length;
  const rows = new Uint8Array(m + 1);
  for (let i = 2; i <= m; i += 1) rows[i] = step[i - 1] === step[i - 2] ? 1 : 0;
  sameSteps.set(exercise, rows);
  return rows;
}

/** The restarts of one column: every row inside the exercise dearer than `price` starts there. */
function applyStarts(column: Float64Array, ops: Uint8Array, row: number, m: number, price: number): void {
  for (let p = 1; p < m; p += 1) {
    if (price < (column[p] ?? Infinity)) {
      column[p] = price;
      ops[row + p] = START;
    }
  }
}

/** Lets a new attempt begin from the idle state at this column: free at the first note, priced elsewhere. */
function startAll(
  column: Float64Array,
  ops: Uint8Array,
  row: number,
  m: number,
  idleCost: number,
  startInside: number,
  missed: number,
): void {
  if (idleCost < (column[0] ?? Infinity)) {
    column[0] = idleCost;
    ops[row] = START;
  }
  applyStarts(column, ops, row, m, idleCost + startInside);
  deletions(column, ops, row, m, missed);
}

/**
 * The restarts of a column whose missed-note sweep is done, except the cap of the rows inside
 * the exercise at the price of starting there, which is returned for the caller to apply (the
 * next column's first pass does, as it reads each row). After the starts only the chain of missed
 * notes from the first note can still lower anything (every other row is already at or under the
 * price of starting there), so the sweep stops at the first row it does not lower; it reads each
 * row as capped.
 */
function startFrom(
  column: Float64Array,
  ops: Uint8Array,
  row: number,
  m: number,
  idleCost: number,
  startInside: number,
  missed: number,
): number {
  if (idleCost < (column[0] ?? Infinity)) {
    column[0] = idleCost;
    ops[row] = START;
  }
  const inside = idleCost + startInside;
  for (let i = 1; i < m; i += 1) {
    const skipped = (column[i - 1] ?? Infinity) + missed;
    const own = column[i] ?? Infinity;
    if (!(skipped < (inside < own ? inside : own))) break;
    column[i] = skipped;
    ops[row + i] = MISSED;
  }
  if (m >= 1) {
    const before = column[m - 1] ?? Infinity;
    const last = (m - 1 >= 1 && inside < before ? inside : before) + missed;
    if (last < (column[m] ?? Infinity)) {
      column[m] = last;
      ops[row + m] = MISSED;
    }
  }
  return inside;
}

function deletions(column: Float64Array, ops: Uint8Array, row: number, m: number, missed: number): void {
  for (let i = 1; i <= m; i += 1) {
    const skipped = (column[i - 1] ?? Infinity) + missed;
    if (skipped < (column[i] ?? Infinity)) {
      column[i] = skipped;
      ops[row + i] = MISSED;
    }
  }
}

function trace(
  ops: Uint8Array,
  idleOp: Uint8Array,
  breakFrom: Int32Array,
  width: number,
  m: number,
  length: number,
  offset: number,
): { attempts: Attempt[]; idle: number[] } {
  const attempts: Attempt[] = [];
  const idle: number[] = [];
  let j = length;
  let i = -1;
  let to = 0;
  let brokenOff = false;
  let expected: number[] = [];
  let played: number[] = [];
  let low = Infinity;
  let high = -Infinity;
  const touch = (index: number): void => {
    if (index < low) low = index;
    if (index > high) high = index;
  };
  for (let guard = 0; guard < 4 * (length + 1) * width + 8; guard += 1) {
    if (i < 0) {
      if (j === 0) break;
      const how = idleOp[j];
      if (how === END || how === BREAK) {
        i = how === END ? m : (breakFrom[j] ?? 0);
        to = i;
        brokenOff = how === BREAK;
        expected = [];
        played = [];
        low = Infinity;
        high = -Infinity;
      } else {
        idle.push(offset + j - 1);
        j -= 1;
      }
      continue;
    }
    const how = ops[j * width + i];
    if (how === DIAGONAL) {
      expected.push(i - 1);
      played.push(offset + j - 1);
      touch(j - 1);
      i -= 1;
      j -= 1;
    } else if (how === MISSED) {
      i -= 1;
    } else if (how === EXTRA) {
      touch(j - 1);
      j -= 1;
    } else if (how === SWAP) {
      expected.push(i - 1, i - 2);
      played.push(offset + j - 2, offset + j - 1);
      touch(j - 1);
      touch(j - 2);
      i -= 2;
      j -= 2;
    } else {
      // START (or the column-0 origin): the attempt began at expected note i.
      if (played.length > 0) {
        expected.reverse();
        played.reverse();
        attempts.push({ from: i, to, start: offset + low, end: offset + high + 1, expected, played, brokenOff });
      } else if (high >= low) {
        for (let k = high; k >= low; k -= 1) idle.push(offset + k);
      }
      i = -1;
    }
  }
  attempts.reverse();
  idle.reverse();
  return { attempts, idle };
}
