/**
 * The pianist's own history as a cue to the hand of a one-hand take (issue 12, section 2).
 *
 * A single line cannot always be told apart by pitch: a right-hand scale an octave lower is, note
 * for note, the left-hand one (core/align/twins.ts). Register orders the two hands but never
 * settles it (its odds are an assumption about where pianists play, 3 to 1 per octave, so such a
 * take is at most 75 % sure and flagged `handUncertain`). What this pianist did before is a cue of
 * its own: someone who has played the G major scale with the left hand in eight earlier takes
 * most likely did so again.
 *
 * The prior is counted per hand-free exercise family (`handFreeFamilyOf`: kind, key, mode and
 * motion; the octave count and the hand left out, so a 1- and a 2-octave G major scale and both
 * hands' versions share it) from earlier takes whose hand is KNOWN (`isHandEvidence`): set by the
 * pianist (`takes set-hand`), given before playing (a chosen exercise, `analyze --hand`), or told
 * by the notes with at least HAND_CERTAIN; and only credible ones (drift's recognition-confidence
 * and matched-share floors). A take whose hand the history itself decided is never evidence:
 * each session's evidence then depends on its own raw log and the pianist's input only, so the
 * prior never feeds on its own guesses and every session can be recomputed in any order.
 *
 * How it combines (`withHandHistory`): the history's estimate that the next take is played with
 * hand h is Laplace's rule of succession, (k_h + 1) / (n + 2), after n earlier takes of which k_h
 * with h; the register's odds and the history's odds multiply (Bayes, the two cues independent).
 * Only takes the notes left uncertain are touched: a hand told by the notes, given or corrected
 * always stands. Consequences, measured on these formulas: with the register's 75 % for a hand,
 * 2 earlier takes with that hand make the take certain (3 x 3 = 9 to 1, 90 %); against the
 * register, 3 earlier takes of the other hand turn the guess to that hand (4/3 to 1, 57 %), but a
 * guess the history turned against the register stays flagged however long the history (26 takes
 * give 9 to 1): the pianist may have changed hands, and a wrong hand is never reported unflagged
 * on the history's word alone; a history split between the hands leaves the register's choice. A take the history weighed in on carries `handSource: 'history'`.
 */
import { HAND_CERTAIN, takeWithHand } from '../align/twins';
import type { Segmentation, Take } from '../align/types';
import type { TakeHandSource } from '../api/analysis';
import { MIN_CONFIDENCE, MIN_MATCHED_SHARE } from '../drift/credible';
import { handFreeFamilyOf } from '../drift/family';
import type { Exercise, Hand } from '../exercises/types';

/** Earlier takes of one family whose hand is known, per hand. */
export interface HandCounts {
  readonly left: number;
  readonly right: number;
}

/**
 * A pianist's hand history: per hand-free family (`handFreeFamilyOf`), how many earlier takes
 * were played with each hand. Plain data (JSON), so it can travel with an analysis request.
 */
export interface HandPrior {
  readonly families: Readonly<Record<string, HandCounts>>;
}

/** What the prior needs of an earlier take: the fields of an `evenkeys.analysis/1` take. */
export interface HandEvidenceTake {
  readonly exercise: {
    readonly kind: string;
    readonly key: string;
    readonly mode: string;
    readonly hands: 'right' | 'left' | 'both';
    readonly motion: 'parallel' | 'contrary';
  };
  readonly matched: number;
  readonly missed: number;
  readonly wrong: number;
  readonly confidence?: number | null;
  readonly handConfidence?: number | null;
  readonly handUncertain?: boolean | null;
  readonly handSource?: TakeHandSource | null;
}

/**
 * Whether an earlier take's hand is known well enough to count in the prior: a one-hand take,
 * credible (recognition confidence >= drift's MIN_CONFIDENCE, matched share of the reached notes
 * >= MIN_MATCHED_SHARE), its hand given, corrected, or told by the notes with at least
 * HAND_CERTAIN, and not decided by the history. Documents older than issue 12 (no
 * `handConfidence`) named the hand without weighing it: never evidence.
 *
 * @example isHandEvidence({ ...take, handSource: 'corrected', handConfidence: 1, handUncertain: false }) // => true
 */
export function isHandEvidence(take: HandEvidenceTake): boolean {
  if (take.exercise.hands === 'both') return false;
  if (take.handSource === 'history' || take.handUncertain === true) return false;
  if (typeof take.handConfidence !== 'number' || typeof take.confidence !== 'number') return false;
  const known = take.handSource === 'given' || take.handSource === 'corrected' || take.handConfidence >= HAND_CERTAIN;
  if (!known) return false;
  const reached = take.matched + take.missed + take.wrong;
  return take.confidence >= MIN_CONFIDENCE && reached > 0 && take.matched / reached >= MIN_MATCHED_SHARE;
}

/**
 * Counts a pianist's earlier takes per hand-free family and hand. Pass the takes of the sessions
 * BEFORE the one to analyse (so reanalysing a session gives what it gave before later sessions
 * existed); takes that are not evidence (`isHandEvidence`) are skipped.
 *
 * @example
 * handPriorOf([leftTake, leftTake, rightTake]) // => { families: { 'scale:G:major:parallel': { left: 2, right: 1 } } }
 */
export function handPriorOf(takes: Iterable<HandEvidenceTake>): HandPrior {
  const families: Record<string, { left: number; right: number }> = {};
  for (const take of takes) {
    if (!isHandEvidence(take)) continue;
    const family = handFreeFamilyOf(take.exercise);
    const counts = (families[family] ??= { left: 0, right: 0 });
    if (take.exercise.hands === 'left') counts.left += 1;
    else counts.right += 1;
  }
  return { families };
}

/**
 * The probability that the take was played with `hand`, from the register's probability of that
 * hand (0-1, the take's `handConfidence` for its own hand) and the earlier takes of the family:
 * register odds x rule-of-succession odds ((k_hand + 1) / (k_other + 1)), back to a probability.
 *
 * @example handPosterior(0.75, 'left', { left: 2, right: 0 }) // => 0.9 (3 x 3 = 9 to 1)
 * @example handPosterior(0.25, 'left', { left: 3, right: 0 }) // => 0.571... (1/3 x 4 = 4/3 to 1)
 */
export function handPosterior(registerProbability: number, hand: Hand, counts: HandCounts): number {
  const p = Math.min(1, Math.max(0, registerProbability));
  const mine = (hand === 'left' ? counts.left : counts.right) + 1;
  const other = (hand === 'left' ? counts.right : counts.left) + 1;
  const numerator = p * mine;
  const denominator = numerator + (1 - p) * other;
  return denominator > 0 ? numerator / denominator : 0.5;
}

/**
 * Lets the pianist's history weigh in on the takes whose hand the notes left uncertain
 * (`handUncertain`, not given, not corrected). Each such one-hand take with evidence in its
 * family gets the hand of the higher posterior (`handPosterior`; a tie keeps the register's),
 * moved to that hand's twin when it changes (`takeWithHand`, found in `catalogue`: the one
 * recognition used, so own fingerings carry over), `handConfidence` the posterior,
 * `handUncertain` when it stays below HAND_CERTAIN or the history turned the register's hand, and
 * `handSource: 'history'`. Every other take
 * is returned as it is; with an empty prior the segmentation itself is.
 *
 * @example withHandHistory(segmentation, { families: { 'scale:G:major:parallel': { left: 26, right: 0 } } }, listExercises()).takes[0]?.exercise.hands // 'left'
 */
export function withHandHistory(segmentation: Segmentation, prior: HandPrior, catalogue: readonly Exercise[]): Segmentation {
  let changed = false;
  const takes = segmentation.takes.map((take): Take => {
    const hand = take.exercise.hands;
    if (hand === 'both' || take.handUncertain !== true || take.handSource !== undefined) return take;
    const counts = prior.families[handFreeFamilyOf(take.exercise)];
    if (counts === undefined || counts.left + counts.right <= 0) return take;
    const posterior = handPosterior(take.handConfidence ?? 0.5, hand, counts);
    changed = true;
    if (posterior >= 0.5) return { ...take, handConfidence: posterior, handUncertain: posterior < HAND_CERTAIN, handSource: 'history' };
    const other = hand === 'left' ? 'right' : 'left';
    const moved = takeWithHand(take, other, catalogue);
    if (moved === null) return { ...take, handConfidence: posterior, handUncertain: true, handSource: 'history' };
    // The history against where the notes were played: the guess turns, but it stays flagged however
    // long the history, so a pianist who breaks a habit is asked, never silently given the wrong hand.
    return { ...moved, handConfidence: 1 - posterior, handUncertain: true, handSource: 'history' };
  });
  return changed ? { ...segmentation, takes } : segmentation;
}
