/**
 * Per-finger figures of a whole session, and two of them side by side: what a teacher compares
 * between two sessions, or between a session and the pianist's baseline.
 *
 * A session's figure for a finger pools its takes, weighting each take by the finger's note
 * count (a 40-note take counts twice a 20-note one): onset-deviation SD in ms (timing
 * evenness, lower is more even), velocity CV (loudness evenness, a fraction), mean key-down
 * duration in ms and mean legato overlap in ms. The SDs are pooled as the root of the
 * count-weighted mean variance, so a pooled SD is never smaller than every take's own. A finger
 * with fewer than {@link MIN_NOTES_FOR_SPREAD} notes in a take is left out of that take: an SD or
 * CV of one or two notes means nothing (the analysis reports null), and 0 would read as "perfectly even".
 */
import type { AnalysisDocument } from '../api/analysis';
import { inTempoBand } from '../drift/tempo';

export type Hand = 'right' | 'left';

export interface FingerFigures {
  readonly hand: Hand;
  /** 1 = thumb .. 5 = little finger. */
  readonly finger: number;
  /** Notes aligned to this finger. */
  readonly count: number;
  /** Pooled SD of onset deviation, ms. */
  readonly onsetSdMs: number;
  /** Velocity coefficient of variation (SD / mean), a fraction. */
  readonly velocityCv: number;
  /** Mean velocity (MIDI 1-127). */
  readonly velocityMean: number;
  /** Mean key-down duration, ms. */
  readonly durationMeanMs: number;
  /** Mean legato overlap with the next note, ms (negative: a gap). */
  readonly legatoOverlapMeanMs: number;
}

const ORDER: readonly Hand[] = ['left', 'right'];

/** Fewest notes of a finger in a take for its spread (SD, CV) to mean anything (as the analysis: below 3 it reports null). */
export const MIN_NOTES_FOR_SPREAD = 3;

/**
 * Pools one or more analysis documents into per-finger figures, ordered L1..L5, R1..R5.
 *
 * @example sessionFingers([doc]).find((f) => f.hand === 'right' && f.finger === 4)?.onsetSdMs // => 9.8
 */
export function sessionFingers(documents: readonly AnalysisDocument[]): FingerFigures[] {
  const sums = new Map<string, { hand: Hand; finger: number; n: number; onsetVar: number; cv: number; vel: number; dur: number; legato: number }>();
  for (const doc of documents) {
    for (const take of doc.takes) {
      for (const f of take.fingers) {
        // A take whose clock cannot be trusted has no timing figures (null), and one whose notes
        // were never released has no duration or legato: such a row is left out rather than read as 0.
        const { sd } = f.onsetDeviationMs;
        const { cv } = f.velocity;
        const duration = f.durationMs.mean;
        const legato = f.legatoOverlapMs.mean;
        if (f.count < MIN_NOTES_FOR_SPREAD || sd === null || cv === null || duration === null || legato === null) continue;
        const key = `${f.hand}${f.finger}`;
        const s = sums.get(key) ?? { hand: f.hand, finger: f.finger, n: 0, onsetVar: 0, cv: 0, vel: 0, dur: 0, legato: 0 };
        s.n += f.count;
        s.onsetVar += f.count * sd ** 2;
        s.cv += f.count * cv;
        s.vel += f.count * f.velocity.mean;
        s.dur += f.count * duration;
        s.legato += f.count * legato;
        sums.set(key, s);
      }
    }
  }
  return [...sums.values()]
    .map((s) => ({
      hand: s.hand,
      finger: s.finger,
      count: s.n,
      onsetSdMs: Math.sqrt(s.onsetVar / s.n),
      velocityCv: s.cv / s.n,
      velocityMean: s.vel / s.n,
      durationMeanMs: s.dur / s.n,
      legatoOverlapMeanMs: s.legato / s.n,
    }))
    .sort((a, b) => ORDER.indexOf(a.hand) - ORDER.indexOf(b.hand) || a.finger - b.finger);
}

export interface FingerComparison {
  readonly hand: Hand;
  readonly finger: number;
  readonly a: FingerFigures | null;
  readonly b: FingerFigures | null;
  /** b - a of the onset SD, ms (positive: b is less even in time); null when either is missing. */
  readonly onsetSdDeltaMs: number | null;
  /** b - a of the velocity CV (a fraction). */
  readonly velocityCvDelta: number | null;
}

/**
 * Lines up two sets of finger figures (every finger either has), L1..L5 then R1..R5.
 *
 * @example compareFingers(sessionFingers([a]), sessionFingers([b]))[0] // => { hand: 'left', finger: 1, a: {...}, b: {...}, onsetSdDeltaMs: -1.2, ... }
 */
export function compareFingers(a: readonly FingerFigures[], b: readonly FingerFigures[]): FingerComparison[] {
  const keys = new Map<string, { hand: Hand; finger: number }>();
  for (const f of [...a, ...b]) keys.set(`${f.hand}${f.finger}`, { hand: f.hand, finger: f.finger });
  const find = (list: readonly FingerFigures[], hand: Hand, finger: number) => list.find((f) => f.hand === hand && f.finger === finger) ?? null;
  return [...keys.values()]
    .sort((x, y) => ORDER.indexOf(x.hand) - ORDER.indexOf(y.hand) || x.finger - y.finger)
    .map(({ hand, finger }) => {
      const fa = find(a, hand, finger);
      const fb = find(b, hand, finger);
      return {
        hand,
        finger,
        a: fa,
        b: fb,
        onsetSdDeltaMs: fa && fb ? fb.onsetSdMs - fa.onsetSdMs : null,
        velocityCvDelta: fa && fb ? fb.velocityCv - fa.velocityCv : null,
      };
    });
}

/** How many of the earliest analysed sessions form the comparison baseline. */
export const BASELINE_SESSIONS = 5;

/**
 * The baseline a session is compared with until core/drift's baseline is available to this
 * screen: the pooled figures of the pianist's first {@link BASELINE_SESSIONS} sessions with
 * takes (their own starting point, never a population norm).
 *
 * @example baselineFingers(docsOldestFirst) // => FingerFigures[] of the first five sessions with takes
 */
export function baselineFingers(documentsOldestFirst: readonly AnalysisDocument[]): FingerFigures[] {
  return sessionFingers(documentsOldestFirst.filter((d) => d.takes.length > 0).slice(0, BASELINE_SESSIONS));
}

type Take = AnalysisDocument['takes'][number];

/** Same exercise id (which names the hand) and tempo within the band drift uses (core/drift/tempo.ts, +-7.5 %). */
function alike(take: Take, other: Take): boolean {
  const { notesPerSecond: mine } = take;
  const { notesPerSecond: theirs } = other;
  return take.exercise.id === other.exercise.id && mine !== null && theirs !== null && theirs > 0 && inTempoBand(theirs, mine);
}

/** The document with only the takes that have a like in `others`. */
function keepAlike(document: AnalysisDocument, others: readonly AnalysisDocument[]): AnalysisDocument {
  return { ...document, takes: document.takes.filter((take) => others.some((other) => other.takes.some((o) => alike(take, o)))) };
}

/**
 * Like with like for a session against the pianist's baseline: the first
 * {@link BASELINE_SESSIONS} earlier sessions that played one of the session's exercises at its
 * tempo band (only those takes), and the session's takes that the baseline has a like for. Per-
 * finger figures pooled over unlike exercises and tempi (a slow arpeggio against fast scales)
 * compare nothing.
 *
 * @example likeForLikeBaseline(earlierOldestFirst, session).baseline.length // => up to 5
 */
export function likeForLikeBaseline(
  earlierOldestFirst: readonly AnalysisDocument[],
  session: AnalysisDocument,
): { baseline: AnalysisDocument[]; session: AnalysisDocument } {
  const baseline = earlierOldestFirst
    .map((document) => keepAlike(document, [session]))
    .filter((document) => document.takes.length > 0)
    .slice(0, BASELINE_SESSIONS);
  return { baseline, session: keepAlike(session, baseline) };
}

/**
 * Like with like for two sessions: each keeps only the takes of an exercise the other played at
 * the same tempo band.
 *
 * @example likeForLikeSessions(a, b).b.takes.length // => the takes of b with a like in a
 */
export function likeForLikeSessions(a: AnalysisDocument, b: AnalysisDocument): { a: AnalysisDocument; b: AnalysisDocument } {
  return { a: keepAlike(a, [b]), b: keepAlike(b, [a]) };
}
