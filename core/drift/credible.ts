/**
 * Which takes are credible measurements, decided in one place: only these feed drift series.
 */
import type { DriftTake } from './types';

/** Share of the reached expected notes that must be played at the right pitch. */
export const MIN_MATCHED_SHARE = 0.8;
/** Fewest matched notes: below this a take's per-finger means rest on one or two notes. */
export const MIN_MATCHED_NOTES = 12;
/** Lowest recognition confidence accepted when the take carries one (0-1). */
export const MIN_CONFIDENCE = 0.7;

export type Credibility = { readonly credible: true } | { readonly credible: false; readonly reason: string };

/** One shared answer for the common case (drift asks for every take of every session). */
const CREDIBLE: Credibility = Object.freeze({ credible: true });

/**
 * Whether a take may feed drift series, and if not, why. Honours the optional fields other parts
 * of the pipeline add when present (recognition `confidence`, `handUncertain`,
 * `deviceInterrupted`); a take whose timing is null still counts for its velocity metrics
 * (null metrics are treated as missing, not as zero, by observationsOf).
 *
 * @example isCredibleTake({ ...take, matched: 5, missed: 20 }) // => { credible: false, reason: 'only 20% of the notes matched' }
 */
export function isCredibleTake(take: DriftTake): Credibility {
  const reached = take.matched + take.missed + take.wrong;
  if (take.matched < MIN_MATCHED_NOTES) return { credible: false, reason: `only ${take.matched} notes matched (needs ${MIN_MATCHED_NOTES})` };
  const share = reached > 0 ? take.matched / reached : 0;
  if (share < MIN_MATCHED_SHARE) return { credible: false, reason: `only ${Math.round(share * 100)}% of the notes matched` };
  if (!(Number.isFinite(take.notesPerSecond) && take.notesPerSecond > 0)) return { credible: false, reason: 'no tempo' };
  if (typeof take.confidence === 'number' && !(take.confidence >= MIN_CONFIDENCE)) return { credible: false, reason: `recognised with low confidence (${take.confidence.toFixed(2)})` };
  if (take.handUncertain === true) return { credible: false, reason: 'the hand could not be told for sure' };
  if (take.deviceInterrupted === true) return { credible: false, reason: 'the keyboard dropped out during the take' };
  return CREDIBLE;
}
