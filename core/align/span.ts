/**
 * Banded alignment of one attempt: the expected notes of a span against the notes played for it,
 * Needleman-Wunsch style, with each match priced by pitch and by distance to the tempo grid.
 * Only cells whose played onset lies within a window around the expected note's predicted onset
 * are computed, so the work per expected note is bounded and the total grows linearly.
 */
import type { AlignCosts } from './costs';
import { countCells } from './work';

export interface SpanProblem {
  readonly expectedPitch: ArrayLike<number>;
  /** Grid step of each expected note (non-decreasing); equal steps may be played in either order. */
  readonly expectedStep: ArrayLike<number>;
  /** Predicted onset (ms) of each expected note. */
  readonly predictedMs: ArrayLike<number>;
  readonly playedPitch: ArrayLike<number>;
  /** Onsets (ms), non-decreasing. */
  readonly playedOnset: ArrayLike<number>;
  readonly sigmaMs: number;
  /** Half-width of the band around each predicted onset (ms). */
  readonly windowMs: number;
  readonly costs: AlignCosts;
  /**
   * Expected notes predicted before the first played note may go unplayed (missed). Off by
   * default: a take's first expected note then takes its first played note, which is what keeps
   * a run of identical pitches from sliding a step. A stretch after a stop inside a take starts
   * its span a few notes early (a restart may replay them) and needs it on.
   */
  readonly openStart?: boolean;
  /**
   * An upper bound the caller expects the alignment's cost to stay under (the cost of an
   * alignment it already has, priced the same way), or undefined. Only work is saved with it,
   * never a result changed: see alignSpan.
   */
  readonly costGuess?: number;
}

export interface SpanAlignment {
  /** For each expected note, the index of the played note matched to it, or -1 (missed). */
  readonly pairs: Int32Array;
  /** Played notes matched to nothing, ascending. */
  readonly extras: number[];
  readonly cost: number;
  /** Cells computed (for the linear-cost check). */
  readonly cells: number;
}

const DIAGONAL = 1;
const MISSED = 2;
const EXTRA = 3;
const SWAP = 4;

/**
 * Aligns one span. Every played note is either matched (possibly at a wrong pitch) or extra;
 * every expected note is either matched or missed. Two expected notes on the same step (both
 * hands) may match two played notes in either order.
 *
 * @example alignSpan(problem).pairs // Int32Array [0, 1, -1, 2, ...]
 */
export function alignSpan(problem: SpanProblem): SpanAlignment {
  // A path that ends at cost U never leaves the cells (i, j) with |i - j| and
  // |(m - i) - (n - j)| at most U / min(missed, extra): every step off the diagonal is a missed
  // or an extra note, and every other price is >= 0. So when an alignment kept to such a
  // diagonal strip of half-width W ends at cost <= W x min(missed, extra), every cell left out
  // lies on paths dearer than it, hence on no optimal path and on no tie: the strip's alignment
  // is the band's, cell for cell on its traceback. Otherwise the whole band is aligned.
  const guess = problem.costGuess;
  const perStep = Math.min(problem.costs.missed, problem.costs.extra);
  const { wrongNear, wrongFar, timingWeight, timingCap } = problem.costs;
  const nonNegative = wrongNear >= 0 && wrongFar >= 0 && timingWeight >= 0 && timingCap >= 0;
  if (guess !== undefined && Number.isFinite(guess) && guess >= 0 && perStep > 0 && nonNegative) {
    const halfWidth = Math.ceil(guess / perStep) + 1;
    const strip = alignBand(problem, halfWidth);
    if (strip !== null && strip.cost <= halfWidth * perStep) return strip;
  }
  const whole = alignBand(problem, Infinity);
  if (whole === null) throw new Error('unreachable: the whole band is always aligned');
  return whole;
}

/** The banded alignment, kept to the diagonal strip of `halfWidth` (null when that leaves no path). */
function alignBand(problem: SpanProblem, halfWidth: number): SpanAlignment | null {
  const { expectedPitch, expectedStep, predictedMs, playedPitch, playedOnset, sigmaMs, costs } = problem;
  const m = expectedPitch.length;
  const n = playedPitch.length;
  const banded = band(predictedMs, playedOnset, problem.windowMs, m, n, problem.openStart ?? false, halfWidth);
  if (banded === null) return null;
  const { lo, hi, offset, cells } = banded;
  countCells(cells);
  // Every cell of the band is written before it is read, so the buffers need no clearing.
  const cost = reserveCost(cells);
  const op = reserveOp(cells);
  const { missed, extra, wrongNear, wrongFar, timingWeight, timingCap } = costs;
  const inverseSigma = 1 / sigmaMs;

  for (let j = lo[0] ?? 0; j <= (hi[0] ?? 0); j += 1) {
    cost[j] = j * extra;
    op[j] = j > 0 ? EXTRA : 0;
  }
  // The hot loop: neighbours read straight from the band rows, the match cost inlined, the cell
  // to the left carried in a local.
  for (let i = 1; i <= m; i += 1) {
    const from = lo[i] ?? 0;
    const to = hi[i] ?? 0;
    const base = offset[i] ?? 0;
    const upFrom = lo[i - 1] ?? 0;
    const upTo = hi[i - 1] ?? -1;
    const upBase = offset[i - 1] ?? 0;
    const pitch = expectedPitch[i - 1] ?? 0;
    const predicted = predictedMs[i - 1] ?? 0;
    const sameStepAsPrevious = i >= 2 && expectedStep[i - 1] === expectedStep[i - 2];
    // Row i-2, for the swap of two notes on one step.
    const swapFrom = i >= 2 ? (lo[i - 2] ?? 0) : 0;
    const swapTo = i >= 2 ? (hi[i - 2] ?? -1) : -1;
    const swapBase = i >= 2 ? (offset[i - 2] ?? 0) : 0;
    const swapPitch = i >= 2 ? (expectedPitch[i - 2] ?? 0) : 0;
    const swapPredicted = i >= 2 ? (predictedMs[i - 2] ?? 0) : 0;
    let left = Infinity;
    for (let j = from; j <= to; j += 1) {
      let best = Infinity;
      let how = 0;
      if (j >= 1 && j - 1 >= upFrom && j - 1 <= upTo) {
        const played = playedPitch[j - 1] ?? 0;
        const distance = played > pitch ? played - pitch : pitch - played;
        const z = ((playedOnset[j - 1] ?? 0) - predicted) * inverseSigma;
        const timing = 0.5 * z * z;
        best =
          (cost[upBase + j - 1 - upFrom] ?? Infinity) +
          (distance === 0 ? 0 : distance <= 2 || distance === 12 ? wrongNear : wrongFar) +
          timingWeight * (timing < timingCap ? timing : timingCap);
        how = DIAGONAL;
      }
      if (j >= upFrom && j <= upTo) {
        const skipped = (cost[upBase + j - upFrom] ?? Infinity) + missed;
        if (skipped < best) {
          best = skipped;
          how = MISSED;
        }
      }
      if (j > from) {
        const asExtra = left + extra;
        if (asExtra < best) {
          best = asExtra;
          how = EXTRA;
        }
      }
      if (sameStepAsPrevious && j >= 2 && j - 2 >= swapFrom && j - 2 <= swapTo) {
        const before = cost[swapBase + j - 2 - swapFrom] ?? Infinity;
        if (before < Infinity) {
          // matchCost(i - 2, j - 1) + matchCost(i - 1, j - 2), as pitchCost + timingCost (costs.ts),
          // inlined: the same arithmetic.
          const playedLast = playedPitch[j - 1] ?? 0;
          const playedFirst = playedPitch[j - 2] ?? 0;
          const lastDistance = playedLast > swapPitch ? playedLast - swapPitch : swapPitch - playedLast;
          const firstDistance = playedFirst > pitch ? playedFirst - pitch : pitch - playedFirst;
          const zLast = ((playedOnset[j - 1] ?? 0) - swapPredicted) / sigmaMs;
          const zFirst = ((playedOnset[j - 2] ?? 0) - predicted) / sigmaMs;
          const first =
            (lastDistance === 0 ? 0 : lastDistance <= 2 || lastDistance === 12 ? wrongNear : wrongFar) +
            timingWeight * Math.min(0.5 * zLast * zLast, timingCap);
          const second =
            (firstDistance === 0 ? 0 : firstDistance <= 2 || firstDistance === 12 ? wrongNear : wrongFar) +
            timingWeight * Math.min(0.5 * zFirst * zFirst, timingCap);
          const swapped = before + first + second;
          if (swapped < best) {
            best = swapped;
            how = SWAP;
          }
        }
      }
      cost[base + j - from] = best;
      op[base + j - from] = how;
      left = best;
    }
  }

  const pairs = new Int32Array(m).fill(-1);
  const extras: number[] = [];
  let i = m;
  let j = n;
  const total = (hi[m] ?? -1) >= n && n >= (lo[m] ?? 0) ? (cost[(offset[m] ?? 0) + n - (lo[m] ?? 0)] ?? Infinity) : Infinity;
  while (i > 0 || j > 0) {
    const how = op[(offset[i] ?? 0) + j - (lo[i] ?? 0)];
    if (how === DIAGONAL) {
      pairs[i - 1] = j - 1;
      i -= 1;
      j -= 1;
    } else if (how === MISSED) {
      i -= 1;
    } else if (how === EXTRA) {
      extras.push(j - 1);
      j -= 1;
    } else if (how === SWAP) {
      pairs[i - 2] = j - 1;
      pairs[i - 1] = j - 2;
      i -= 2;
      j -= 2;
    } else {
      // Unreachable with a connected band; fall back to calling the rest extra/missed.
      for (let k = j - 1; k >= 0; k -= 1) extras.push(k);
      break;
    }
  }
  extras.reverse();
  return { pairs, extras, cost: total, cells };
}

// The band's tables are the aligner's largest allocations, made for every pass over every take;
// reusing them keeps the garbage collector out of the hot path. Single-threaded, not re-entrant.
let costBuffer = new Float64Array(1024);
let opBuffer = new Uint8Array(1024);
let rowBuffer = new Int32Array(3 * 64);

function reserveCost(size: number): Float64Array {
  if (costBuffer.length < size) costBuffer = new Float64Array(Math.max(size, 2 * costBuffer.length));
  return costBuffer;
}

function reserveOp(size: number): Uint8Array {
  if (opBuffer.length < size) opBuffer = new Uint8Array(Math.max(size, 2 * opBuffer.length));
  return opBuffer;
}

/** Three row arrays of `size` entries each, carved from one reused buffer. */
function reserveRows(size: number): [Int32Array, Int32Array, Int32Array] {
  if (rowBuffer.length < 3 * size) rowBuffer = new Int32Array(Math.max(3 * size, 2 * rowBuffer.length));
  return [rowBuffer.subarray(0, size), rowBuffer.subarray(size, 2 * size), rowBuffer.subarray(2 * size, 3 * size)];
}

/**
 * Per row i (i expected notes consumed), the columns j (played notes consumed) worth computing:
 * those where played note j-1 is within the window of expected note i-1's predicted onset,
 * widened so that every row connects to the next and the last row reaches the end.
 */
function band(
  predictedMs: ArrayLike<number>,
  onsets: ArrayLike<number>,
  windowMs: number,
  m: number,
  n: number,
  openStart: boolean,
  halfWidth = Infinity,
): { lo: Int32Array; hi: Int32Array; offset: Int32Array; cells: number } | null {
  const [lo, hi, offset] = reserveRows(m + 2);
  let before = 0;
  // Predicted onsets mostly grow a note or two per row: search from the last row's answers.
  let firstHint = 0;
  let lastHint = 0;
  for (let i = 1; i <= m; i += 1) {
    const predicted = predictedMs[i - 1] ?? 0;
    const first = lowerBoundNear(onsets, predicted - windowMs, firstHint);
    const last = lowerBoundNear(onsets, predicted + windowMs + 1e-9, lastHint);
    firstHint = first;
    lastHint = last;
    lo[i] = openStart && first === 0 ? 0 : 1 + first;
    hi[i] = last;
    // Notes before the first expected note's window are extra; with an open start so may be
    // any note up to its window's end (a restart's replayed notes just before the run goes on).
    if (i === 1) before = openStart ? (hi[1] ?? 0) : first;
  }
  lo[0] = 0;
  hi[0] = m >= 1 ? Math.max(0, Math.min(n, before)) : n;
  for (let i = 1; i <= m; i += 1) {
    let from = Math.max(lo[i] ?? 0, lo[i - 1] ?? 0);
    from = Math.min(from, (hi[i - 1] ?? 0) + 1, n);
    lo[i] = from;
    hi[i] = Math.min(n, Math.max(hi[i] ?? 0, hi[i - 1] ?? 0, from));
  }
  hi[m] = n;
  if (Number.isFinite(halfWidth)) {
    // Keep to the strip around both the start's diagonal and the end's (see alignSpan).
    if (Math.abs(n - m) > halfWidth) return null;
    for (let i = 0; i <= m; i += 1) {
      const from = Math.max(lo[i] ?? 0, i - halfWidth, i + n - m - halfWidth);
      const to = Math.min(hi[i] ?? 0, i + halfWidth, i + n - m + halfWidth);
      if (from > to) return null;
      lo[i] = from;
      hi[i] = to;
    }
  }
  offset[0] = 0;
  for (let i = 0; i <= m; i += 1) offset[i + 1] = (offset[i] ?? 0) + (hi[i] ?? 0) - (lo[i] ?? 0) + 1;
  return { lo, hi, offset, cells: offset[m + 1] ?? 0 };
}

/**
 * First index whose value is >= target (values non-decreasing), searched outwards from `hint`
 * (galloping, then bisection): the same answer as a plain bisection, found in a few steps when
 * it lies near the hint.
 */
function lowerBoundNear(values: ArrayLike<number>, target: number, hint: number): number {
  const n = values.length;
  const start = Math.min(Math.max(hint, 0), n);
  let low: number;
  let high: number;
  let step = 1;
  if (start < n && (values[start] ?? 0) < target) {
    // The answer lies after the hint.
    low = start + 1;
    high = start + 1;
    while (high < n && (values[high] ?? 0) < target) {
      low = high + 1;
      step *= 2;
      high = start + step;
    }
    if (high > n) high = n;
  } else {
    // The answer is the hint or before it.
    high = start;
    low = start - 1;
    while (low >= 0 && (values[low] ?? 0) >= target) {
      high = low;
      step *= 2;
      low = start - step;
    }
    low = low < 0 ? 0 : low + 1;
    if (low > high) low = high;
  }
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] ?? 0) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
