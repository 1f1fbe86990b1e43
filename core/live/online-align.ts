/**
 * Online alignment for the live view: each note-on, as it arrives, is matched to the next note
 * the chosen exercise expects (per hand, a cursor into that hand's sequence) and given a timing
 * deviation against a running least-squares line of onset over grid step, the online form of the
 * line the analysis fits per run (van Vugt, Jabusch & Altenmüller 2012: the line removes tempo
 * drift, what is left is unevenness). Per hand x finger, running mean and SD (Welford 1962) of
 * deviation and velocity are kept, so every note costs O(1): nothing is re-run per note.
 *
 * The live figures are a preview. The report's figures come from the full analysis of the raw
 * log (core/analysis), which sees the whole take (both directions, stops, repairs).
 */
import type { Exercise, ExpectedNote, Finger, Hand } from '../exercises/types';
import { stepMs as gridStepMs } from '../exercises/timing';

/** How many expected notes a played note may skip ahead (skipped ones count as missed). */
export const LIVE_LOOKAHEAD = 2;
/**
 * How many already-passed expected notes a played note is compared with before it is called
 * wrong. A slip onto the next key (E played for D in C D E F) matches E ahead, so the cursor moves
 * one past the player; the E the player then plays must be heard as a repeat of a passed note
 * (extra), or every following note would be one position off and counted wrong.
 */
export const LIVE_LOOKBEHIND = 2;
/** A wrong note is charged to a hand's next expected note when within this many semitones. */
export const WRONG_NOTE_SEMITONES = 2;
/** How many recent notes the strip keeps. */
export const LIVE_RECENT = 48;
/** A deviation beyond max(this, LIVE_OUTLIER_SDS x the hand's running SD) flashes as an event. */
export const LIVE_OUTLIER_MIN_MS = 30;
export const LIVE_OUTLIER_SDS = 3.5;
/** A velocity this many SDs below its finger's running mean (n >= 5) flashes as a drop. */
export const LIVE_VELOCITY_DROP_SDS = 3;
/** A silence of this many grid steps beyond the expected interval starts a new line (a stop). */
export const LIVE_STOP_STEPS = 4;

export interface LiveNoteOn {
  /** Onset on the MIDI event clock, ms. */
  readonly timeMs: number;
  readonly pitch: number;
  /** MIDI velocity 1-127. */
  readonly velocity: number;
}

export type LiveRole = 'matched' | 'wrong' | 'extra';

export interface LiveNoteResult {
  readonly timeMs: number;
  readonly pitch: number;
  readonly velocity: number;
  readonly role: LiveRole;
  /** The expected note it was matched to (wrong: the one it replaced), null for extra notes. */
  readonly expected: ExpectedNote | null;
  readonly hand: Hand | null;
  readonly finger: Finger | null;
  /** Onset minus the running line, ms (positive = late); null for wrong/extra notes. */
  readonly deviationMs: number | null;
  /** 0-based repetition of the exercise this note belongs to. */
  readonly repetition: number;
  /** Expected notes skipped to reach this one (now counted as missed). */
  readonly skipped: number;
  /** An event the live view flashes (provisional; the report's events come from the analysis). */
  readonly event: LiveEvent | null;
}

export interface LiveEvent {
  readonly type: 'late' | 'early' | 'velocity-drop' | 'wrong-note' | 'missed';
  readonly hand: Hand | null;
  readonly finger: Finger | null;
  readonly timeMs: number;
  readonly detail: string;
}

/** Running figures for one hand x finger. */
export interface LiveFingerFigures {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly count: number;
  /** Mean onset deviation, ms. */
  readonly deviationMeanMs: number;
  /** SD of onset deviation, ms; null below 3 notes (as in the analysis document). */
  readonly deviationSdMs: number | null;
  readonly velocityMean: number;
  readonly velocitySd: number | null;
}

interface Running {
  n: number;
  mean: number;
  m2: number;
}

interface FingerAccumulator {
  readonly hand: Hand;
  readonly finger: Finger;
  readonly deviation: Running;
  readonly velocity: Running;
}

interface LineAccumulator {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
  /** Last matched onset and its step, to notice stops. */
  lastStep: number;
  lastTimeMs: number;
}

/** The live alignment's state: plain data, mutated in place by liveNoteOn for O(1) per note. */
export interface LiveAlignment {
  readonly exercise: Exercise;
  readonly bpm: number;
  readonly stepMs: number;
  /** Per hand: that hand's expected notes in playing order. */
  readonly sequences: ReadonlyMap<Hand, readonly ExpectedNote[]>;
  readonly cursors: Map<Hand, number>;
  /** Per hand: how many notes its last exact match skipped (> 0: the cursor may be ahead of the player). */
  readonly lastSkips: Map<Hand, number>;
  /** Hands whose last note was taken as a key struck twice (the next same pitch is not taken so again). */
  readonly repeated: Set<Hand>;
  repetition: number;
  readonly fingers: Map<string, FingerAccumulator>;
  readonly handDeviation: Map<Hand, Running>;
  line: LineAccumulator;
  readonly recent: LiveNoteResult[];
  matched: number;
  wrong: number;
  extra: number;
  missed: number;
  /** Bumped on every note, so a view can tell that something changed. */
  version: number;
}

/**
 * A fresh live alignment for an exercise at a tempo (default: its suggested tempo).
 *
 * @example const live = createLiveAlignment(getExercise('clinical-scale-rh')!, 120);
 */
export function createLiveAlignment(exercise: Exercise, bpm: number = exercise.bpm): LiveAlignment {
  if (!(bpm > 0) || !Number.isFinite(bpm)) throw new RangeError(`tempo must be a positive number of bpm, got ${bpm}`);
  const sequences = new Map<Hand, ExpectedNote[]>();
  for (const note of exercise.notes) {
    const list = sequences.get(note.hand) ?? [];
    list.push(note);
    sequences.set(note.hand, list);
  }
  for (const list of sequences.values()) list.sort((a, b) => a.position - b.position);
  return {
    exercise,
    bpm,
    stepMs: gridStepMs(exercise, bpm),
    sequences,
    cursors: new Map([...sequences.keys()].map((hand) => [hand, 0])),
    lastSkips: new Map(),
    repeated: new Set(),
    repetition: 0,
    fingers: new Map(),
    handDeviation: new Map(),
    line: emptyLine(),
    recent: [],
    matched: 0,
    wrong: 0,
    extra: 0,
    missed: 0,
    version: 0,
  };
}

/**
 * The notes each hand is expected to play next (one per hand, at most two), for the keyboard.
 *
 * @example nextExpected(createLiveAlignment(clinicalScale('right')))[0] // => { pitch: 60, hand: 'right', finger: 1, ... }
 */
export function nextExpected(live: LiveAlignment): ExpectedNote[] {
  const next: ExpectedNote[] = [];
  // A repetition just ended: the next note is the first of the next one.
  const restart = allDone(live);
  for (const [hand, sequence] of live.sequences) {
    const note = sequence[restart ? 0 : (live.cursors.get(hand) ?? 0)];
    if (note !== undefined) next.push(note);
  }
  return next.sort((a, b) => a.step - b.step);
}

/**
 * Matches one note-on and updates the running figures. O(1): a fixed look-ahead per hand and
 * running sums, whatever the length of the take.
 *
 * @example liveNoteOn(live, { timeMs: 1000, pitch: 60, velocity: 72 }).role // => 'matched'
 */
export function liveNoteOn(live: LiveAlignment, note: LiveNoteOn): LiveNoteResult {
  if (allDone(live)) startRepetition(live);
  const match = findMatch(live, note.pitch);
  if (match !== null && 'repeat' in match) live.repeated.add(match.hand);
  else if (match !== null) live.repeated.delete(match.hand);
  let result: LiveNoteResult;
  if (match === null || 'repeat' in match) {
    live.extra += 1;
    result = { ...base(live, note), role: 'extra', expected: null, hand: null, finger: null, deviationMs: null, skipped: 0, event: null };
  } else {
    const { hand, offset, exact } = match;
    const sequence = live.sequences.get(hand) ?? [];
    const cursor = live.cursors.get(hand) ?? 0;
    const expected = sequence[cursor + offset];
    if (expected === undefined) throw new Error('live alignment: cursor past the end of the sequence');
    live.cursors.set(hand, cursor + offset + 1);
    live.lastSkips.set(hand, exact ? offset : 0);
    live.missed += offset;
    if (!exact) {
      live.wrong += 1;
      const event: LiveEvent = { type: 'wrong-note', hand, finger: expected.finger, timeMs: note.timeMs, detail: `played ${note.pitch} for ${expected.pitch}` };
      result = { ...base(live, note), role: 'wrong', expected, hand, finger: expected.finger, deviationMs: null, skipped: offset, event };
    } else {
      live.matched += 1;
      const deviationMs = addToLine(live, expected.step, note.timeMs);
      const acc = fingerAccumulator(live, hand, expected.finger);
      const velocityEvent = velocityDrop(acc, note, hand, expected.finger);
      push(acc.deviation, deviationMs);
      push(acc.velocity, note.velocity);
      const handRun = live.handDeviation.get(hand) ?? { n: 0, mean: 0, m2: 0 };
      const timingEvent = outlier(handRun, deviationMs, note.timeMs, hand, expected.finger);
      push(handRun, deviationMs);
      live.handDeviation.set(hand, handRun);
      const missedEvent: LiveEvent | null =
        offset > 0 ? { type: 'missed', hand, finger: sequence[cursor]?.finger ?? null, timeMs: note.timeMs, detail: `${offset} expected ${offset === 1 ? 'note' : 'notes'} skipped` } : null;
      result = {
        ...base(live, note),
        role: 'matched',
        expected,
        hand,
        finger: expected.finger,
        deviationMs,
        skipped: offset,
        event: timingEvent ?? velocityEvent ?? missedEvent,
      };
    }
  }
  live.recent.push(result);
  if (live.recent.length > LIVE_RECENT) live.recent.shift();
  live.version += 1;
  return result;
}

/**
 * The running per-finger figures, hands left then right, fingers 1-5, only fingers played.
 *
 * @example liveFingers(live).find((f) => f.finger === 4)?.deviationMeanMs // => 19.6
 */
export function liveFingers(live: LiveAlignment): LiveFingerFigures[] {
  return [...live.fingers.values()]
    .sort((a, b) => (a.hand === b.hand ? a.finger - b.finger : a.hand === 'left' ? -1 : 1))
    .map((f) => ({
      hand: f.hand,
      finger: f.finger,
      count: f.deviation.n,
      deviationMeanMs: f.deviation.mean,
      deviationSdMs: sdOf(f.deviation),
      velocityMean: f.velocity.mean,
      velocitySd: sdOf(f.velocity),
    }));
}

function base(live: LiveAlignment, note: LiveNoteOn) {
  return { timeMs: note.timeMs, pitch: note.pitch, velocity: note.velocity, repetition: live.repetition };
}

function allDone(live: LiveAlignment): boolean {
  for (const [hand, sequence] of live.sequences) if ((live.cursors.get(hand) ?? 0) < sequence.length) return false;
  return true;
}

function startRepetition(live: LiveAlignment): void {
  live.repetition += 1;
  for (const hand of live.sequences.keys()) live.cursors.set(hand, 0);
  live.lastSkips.clear();
  live.repeated.clear();
  live.line = emptyLine();
}

/**
 * How a played pitch is explained, first rule that applies:
 * 1. a hand's next expected note, exactly (offset 0);
 * 2. a re-synchronisation: the hand's last match skipped notes (the player may have slipped onto a
 *    later key, e.g. E for D in C D E F) and the pitch is one of its last LIVE_LOOKBEHIND passed
 *    notes: extra, the cursor stays (without this every later note is one position off, wrong);
 * 3. a key struck twice: the pitch of the note just passed, once: extra, the cursor stays;
 * 4. the exact-pitch candidate with the smallest look-ahead over both hands (ties: the hand whose
 *    note is earliest on the grid); the notes before it are missed;
 * 5. a wrong note charged to the nearest hand's next note within WRONG_NOTE_SEMITONES;
 * otherwise extra (null).
 */
function findMatch(live: LiveAlignment, pitch: number): { hand: Hand; offset: number; exact: boolean } | { hand: Hand; repeat: true } | null {
  let best: { hand: Hand; offset: number; step: number } | null = null;
  for (const [hand, sequence] of live.sequences) {
    const cursor = live.cursors.get(hand) ?? 0;
    for (let offset = 0; offset <= LIVE_LOOKAHEAD; offset += 1) {
      const candidate = sequence[cursor + offset];
      if (candidate === undefined) break;
      if (candidate.pitch !== pitch) continue;
      if (best === null || offset < best.offset || (offset === best.offset && candidate.step < best.step)) best = { hand, offset, step: candidate.step };
      break;
    }
  }
  if (best !== null && best.offset === 0) return { hand: best.hand, offset: 0, exact: true };
  for (const [hand, sequence] of live.sequences) {
    if ((live.lastSkips.get(hand) ?? 0) === 0) continue;
    const cursor = live.cursors.get(hand) ?? 0;
    for (let back = 1; back <= LIVE_LOOKBEHIND && cursor - back >= 0; back += 1) {
      if (sequence[cursor - back]?.pitch === pitch) return null;
    }
  }
  for (const [hand, sequence] of live.sequences) {
    const cursor = live.cursors.get(hand) ?? 0;
    if (!live.repeated.has(hand) && cursor > 0 && sequence[cursor - 1]?.pitch === pitch) return { hand, repeat: true };
  }
  if (best !== null) return { hand: best.hand, offset: best.offset, exact: true };
  let wrong: { hand: Hand; distance: number } | null = null;
  for (const [hand, sequence] of live.sequences) {
    const candidate = sequence[live.cursors.get(hand) ?? 0];
    if (candidate === undefined) continue;
    const distance = Math.abs(candidate.pitch - pitch);
    if (distance <= WRONG_NOTE_SEMITONES && (wrong === null || distance < wrong.distance)) wrong = { hand, distance };
  }
  return wrong === null ? null : { hand: wrong.hand, offset: 0, exact: false };
}

function emptyLine(): LineAccumulator {
  return { n: 0, sx: 0, sy: 0, sxx: 0, sxy: 0, lastStep: Number.NaN, lastTimeMs: Number.NaN };
}

/**
 * Adds (step, onset) to the running line and returns the onset's deviation from it. Until the
 * line has three points the nominal tempo stands in for the slope (two points always fit
 * exactly). A long silence (a stop) starts a new line, as the analysis does.
 */
function addToLine(live: LiveAlignment, step: number, timeMs: number): number {
  let line = live.line;
  if (line.n > 0) {
    const expectedGap = (step - line.lastStep) * live.stepMs;
    if (timeMs - line.lastTimeMs > expectedGap + LIVE_STOP_STEPS * live.stepMs) {
      line = emptyLine();
      live.line = line;
    }
  }
  line.n += 1;
  line.sx += step;
  line.sy += timeMs;
  line.sxx += step * step;
  line.sxy += step * timeMs;
  line.lastStep = step;
  line.lastTimeMs = timeMs;
  const n = line.n;
  const denominator = n * line.sxx - line.sx * line.sx;
  let slope = live.stepMs;
  if (n >= 3 && denominator > 0) slope = (n * line.sxy - line.sx * line.sy) / denominator;
  const intercept = (line.sy - slope * line.sx) / n;
  return timeMs - (intercept + slope * step);
}

function fingerAccumulator(live: LiveAlignment, hand: Hand, finger: Finger): FingerAccumulator {
  const key = `${hand}-${finger}`;
  let acc = live.fingers.get(key);
  if (acc === undefined) {
    acc = { hand, finger, deviation: { n: 0, mean: 0, m2: 0 }, velocity: { n: 0, mean: 0, m2: 0 } };
    live.fingers.set(key, acc);
  }
  return acc;
}

function push(running: Running, value: number): void {
  running.n += 1;
  const delta = value - running.mean;
  running.mean += delta / running.n;
  running.m2 += delta * (value - running.mean);
}

function sdOf(running: Running): number | null {
  return running.n < 3 ? null : Math.sqrt(running.m2 / (running.n - 1));
}

function outlier(handRun: Running, deviationMs: number, timeMs: number, hand: Hand, finger: Finger): LiveEvent | null {
  const sd = sdOf(handRun);
  if (sd === null || handRun.n < 5) return null;
  const limit = Math.max(LIVE_OUTLIER_MIN_MS, LIVE_OUTLIER_SDS * sd);
  if (Math.abs(deviationMs) <= limit) return null;
  const late = deviationMs > 0;
  return { type: late ? 'late' : 'early', hand, finger, timeMs, detail: `${Math.abs(deviationMs).toFixed(0)} ms ${late ? 'late' : 'early'}` };
}

function velocityDrop(acc: FingerAccumulator, note: LiveNoteOn, hand: Hand, finger: Finger): LiveEvent | null {
  const sd = sdOf(acc.velocity);
  if (sd === null || acc.velocity.n < 5) return null;
  const limit = acc.velocity.mean - LIVE_VELOCITY_DROP_SDS * Math.max(sd, 3);
  if (note.velocity >= limit) return null;
  return { type: 'velocity-drop', hand, finger, timeMs: note.timeMs, detail: `velocity ${note.velocity} (usual ${acc.velocity.mean.toFixed(0)})` };
}
