/**
 * Confidence fields of a take in `evenkeys.analysis/1` (issue 12): how clearly the exercise
 * explains the notes, and how sure the reported hand is.
 */
import { takeCredibility } from '../align/credibility';
import { takeWithHand } from '../align/twins';
import type { Segmentation, Take } from '../align/types';
import { listExercises } from '../exercises/library';
import type { Exercise, Hand } from '../exercises/types';
import type { TakeHandSource } from '../api/analysis';

/**
 * The take's `confidence`, `handConfidence`, `handUncertain` and `handSource` (recognition sets
 * the first three; a forced alignment's takes get theirs here: the exercise, and so the hand, was
 * given). `givenHand` is the hand the player stated for the recording (`analyze --hand`): a
 * one-hand take of that hand has it from them, not from the notes.
 *
 * @example takeConfidence(take) // { confidence: 0.93, handConfidence: 1, handUncertain: false, handSource: 'notes' }
 */
export function takeConfidence(take: Take, givenHand?: Hand): { confidence: number; handConfidence: number; handUncertain: boolean; handSource: TakeHandSource } {
  const stated = givenHand !== undefined && take.exercise.hands === givenHand && take.handUncertain !== true;
  return {
    confidence: take.confidence ?? takeCredibility(take).confidence,
    handConfidence: take.handConfidence ?? 1,
    handUncertain: take.handUncertain ?? false,
    handSource: take.handSource ?? (stated ? 'given' : 'notes'),
  };
}

/** The exercise given for a forced alignment contradicts the hand given with it. */
export class HandConflictError extends Error {
  override readonly name = 'HandConflictError';
  constructor(exerciseId: string, hands: string, hand: Hand) {
    super(`exercise '${exerciseId}' is played by ${hands === 'both' ? 'both hands' : `the ${hands} hand`}, not the ${hand} hand`);
  }
}

/**
 * A forced alignment's takes: the player chose the exercise, so its hand is known. A stated hand
 * that contradicts a one-hand exercise is an error rather than a silent choice.
 *
 * @example withForcedHand(alignRecording(notes, rhScale), rhScale, 'left') // throws HandConflictError
 */
export function withForcedHand(segmentation: Segmentation, exercise: Exercise, hand: Hand | undefined): Segmentation {
  if (hand !== undefined && exercise.hands !== 'both' && exercise.hands !== hand) throw new HandConflictError(exercise.id, exercise.hands, hand);
  const takes = segmentation.takes.map((take) => {
    return { ...take, confidence: takeCredibility(take).confidence, handConfidence: 1, handUncertain: false, handSource: 'given' as const };
  });
  return { ...segmentation, takes };
}

/** The pianist's correction of the hand of one take, kept by time so it survives reanalysis. */
export interface HandCorrection {
  /** The corrected take's first onset and last release (ms from the session start), as stored. */
  readonly startMs: number;
  readonly endMs: number;
  readonly hand: Hand;
}

/**
 * Applies hand corrections: every one-hand take that overlaps a correction for most of its
 * length is given that hand (its twin's fingering, `takeWithHand`, found in `catalogue`: pass the
 * one recognition used so the pianist's own fingerings carry over), with certainty.
 *
 * @example applyHandCorrections(segmentation, [{ startMs: 1000, endMs: 4200, hand: 'left' }]).takes[0].exercise.hands // 'left'
 */
export function applyHandCorrections(segmentation: Segmentation, corrections: readonly HandCorrection[], catalogue: readonly Exercise[] = listExercises()): Segmentation {
  if (corrections.length === 0) return segmentation;
  const takes = segmentation.takes.map((take) => {
    const length = Math.max(1, take.endMs - take.startMs);
    const correction = corrections.find((c) => Math.min(c.endMs, take.endMs) - Math.max(c.startMs, take.startMs) > 0.5 * length);
    if (!correction) return take;
    const corrected = takeWithHand(take, correction.hand, catalogue);
    return corrected ? { ...corrected, handSource: 'corrected' as const } : take;
  });
  return { ...segmentation, takes };
}
