// The pianist's history as a cue to the hand of a one-hand take (issue 12, section 2): the prior
// counted from earlier takes, how it combines with the register, and what it may never override.
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../core/analysis/analyze';
import { handPosterior, handPriorOf, isHandEvidence, withHandHistory } from '../../../core/analysis/hand-prior';
import type { HandEvidenceTake, HandPrior } from '../../../core/analysis/hand-prior';
import { recognize } from '../../../core/align/recognize';
import { analysisDocumentSchema } from '../../../core/api/analysis';
import { handFreeFamilyOf } from '../../../core/drift/family';
import { getExercise, listExercises } from '../../../core/exercises/library';
import type { Exercise } from '../../../core/exercises/types';
import { messagesFromNotes } from '../../../core/midi/smf';
import { perform } from '../../support/performer';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

/** An earlier take as the analysis document carries it: credible, hand known unless overridden. */
function earlier(id: string, overrides: Partial<HandEvidenceTake> = {}): HandEvidenceTake {
  const { kind, key, mode, hands, motion } = exercise(id);
  return { exercise: { kind, key, mode, hands, motion }, matched: 15, missed: 0, wrong: 0, confidence: 0.95, handConfidence: 1, handUncertain: false, handSource: 'corrected', ...overrides };
}

const G = 'scale:G:major:parallel';

describe('handPriorOf', () => {
  it('counts earlier takes with a known hand per hand-free family, whatever the octave count', () => {
    const prior = handPriorOf([
      earlier('scale-g-major-lh-1oct'),
      earlier('scale-g-major-lh-2oct', { handSource: 'given' }),
      earlier('scale-g-major-rh-3oct', { handSource: 'given' }),
      // The clinical preset is the 2-octave C major scale: the same family.
      earlier('clinical-scale-lh', { handSource: 'given' }),
      earlier('scale-c-major-lh-1oct'),
      // Told by the notes with certainty (a trill has no twin of the other hand).
      earlier('trill-rh-1-2', { handSource: 'notes' }),
    ]);
    expect(prior.families).toEqual({
      [G]: { left: 2, right: 1 },
      'scale:C:major:parallel': { left: 2, right: 0 },
      'trill:-::parallel': { left: 0, right: 1 },
    });
    expect(handFreeFamilyOf(exercise('scale-g-major-rh-1oct'))).toBe(G);
  });

  it('skips what is not evidence: uncertain, decided by the history, hands together, not credible, or older than the hand fields', () => {
    const skipped: HandEvidenceTake[] = [
      earlier('scale-g-major-lh-1oct', { handSource: 'notes', handConfidence: 0.75, handUncertain: true }),
      earlier('scale-g-major-lh-1oct', { handSource: 'notes', handConfidence: 0.75, handUncertain: false }),
      // The history's own guesses never feed it, however sure.
      earlier('scale-g-major-lh-1oct', { handSource: 'history', handConfidence: 0.97 }),
      earlier('scale-g-major-both-1oct', { handSource: 'notes' }),
      earlier('scale-g-major-lh-1oct', { confidence: 0.5 }),
      earlier('scale-g-major-lh-1oct', { matched: 7, missed: 3, wrong: 2 }),
      earlier('scale-g-major-lh-1oct', { matched: 0, missed: 0, wrong: 0 }),
      // Before issue 12 the hand was named without being weighed: not evidence.
      earlier('scale-g-major-lh-1oct', { handConfidence: undefined, handUncertain: undefined, handSource: undefined }),
      earlier('scale-g-major-lh-1oct', { confidence: undefined }),
    ];
    for (const take of skipped) expect(isHandEvidence(take)).toBe(false);
    expect(handPriorOf(skipped)).toEqual({ families: {} });
    expect(isHandEvidence(earlier('scale-g-major-lh-1oct', { handSource: 'notes', handConfidence: 0.9 }))).toBe(true);
  });
});

describe('handPosterior', () => {
  it('multiplies the register odds by the rule-of-succession odds of the history', () => {
    // 75 % from the register and 2 earlier takes with that hand: 3 x 3 = 9 to 1.
    expect(handPosterior(0.75, 'left', { left: 2, right: 0 })).toBeCloseTo(0.9, 12);
    expect(handPosterior(0.75, 'left', { left: 1, right: 0 })).toBeCloseTo(6 / 7, 12);
    // Against the register: 3 earlier takes turn the guess (4/3 to 1), 26 make it certain (27/3).
    expect(handPosterior(0.25, 'left', { left: 2, right: 0 })).toBeCloseTo(0.5, 12);
    expect(handPosterior(0.25, 'left', { left: 3, right: 0 })).toBeCloseTo(4 / 7, 12);
    expect(handPosterior(0.25, 'left', { left: 25, right: 0 })).toBeLessThan(0.9);
    expect(handPosterior(0.25, 'left', { left: 26, right: 0 })).toBeCloseTo(0.9, 12);
    // A history split between the hands leaves the register's figure.
    expect(handPosterior(0.75, 'right', { left: 5, right: 5 })).toBeCloseTo(0.75, 12);
    expect(handPosterior(0.75, 'right', { left: 0, right: 0 })).toBeCloseTo(0.75, 12);
  });
});

describe('the history in the analysis', () => {
  // A right-hand G major scale where the catalogue puts it: note for note the left-hand scale an
  // octave up, so the register says "right, 75 %" and flags it.
  const rh = exercise('scale-g-major-rh-1oct');
  const messages = messagesFromNotes(perform(rh, { seed: 7 }).notes);
  const analyse = (handPrior?: HandPrior, more: { hand?: 'left' | 'right'; handCorrections?: { startMs: number; endMs: number; hand: 'left' | 'right' }[] } = {}) => {
    const document = analyzeRecording({ messages, file: 'g.mid', includeNotes: true, ...(handPrior ? { handPrior } : {}), ...more });
    expect(analysisDocumentSchema.safeParse(document).success).toBe(true);
    expect(document.takes).toHaveLength(1);
    return document;
  };
  const left = (n: number): HandPrior => ({ families: { [G]: { left: n, right: 0 } } });

  it('without a history the take is the right hand, flagged, from the notes', () => {
    const take = analyse().takes[0];
    expect(take).toMatchObject({ exercise: { id: 'scale-g-major-rh-1oct' }, handUncertain: true, handSource: 'notes' });
    expect(take?.handConfidence).toBeCloseTo(0.75, 5);
  });

  it('a strong, consistent left-hand history turns the ambiguous take to the left hand, still flagged: it overrules where the notes were played', () => {
    const document = analyse(left(26));
    const take = document.takes[0];
    expect(take).toMatchObject({ exercise: { id: 'scale-g-major-lh-1oct', hands: 'left' }, handUncertain: true, handSource: 'history' });
    expect(analyse(left(500)).takes[0]).toMatchObject({ exercise: { hands: 'left' }, handUncertain: true });
    expect(take?.handConfidence).toBeCloseTo(0.9, 5);
    // Every note of the take now carries the left hand and its fingering.
    const played = (document.notes ?? []).filter((note) => note.take === 0 && note.role === 'matched');
    expect(played.length).toBe(rh.notes.length);
    expect(played.every((note) => note.hand === 'left')).toBe(true);
    expect(played.map((note) => note.finger)).toEqual(exercise('scale-g-major-lh-1oct').notes.map((note) => note.finger));
    expect(take?.fingers.every((finger) => finger.hand === 'left')).toBe(true);
  });

  it('a short history turns the guess but keeps the flag; one agreeing with the register makes it certain', () => {
    const turned = analyse(left(3)).takes[0];
    expect(turned).toMatchObject({ exercise: { hands: 'left' }, handUncertain: true, handSource: 'history' });
    expect(turned?.handConfidence).toBeCloseTo(4 / 7, 5);
    const agreeing = analyse({ families: { [G]: { left: 0, right: 2 } } }).takes[0];
    expect(agreeing).toMatchObject({ exercise: { id: 'scale-g-major-rh-1oct' }, handUncertain: false, handSource: 'history' });
    expect(agreeing?.handConfidence).toBeCloseTo(0.9, 5);
    // Another family's history says nothing about this one.
    expect(analyse({ families: { 'scale:D:major:parallel': { left: 40, right: 0 } } })).toEqual(analyse());
  });

  it('a given or corrected hand always beats the history', () => {
    const given = analyse(left(40), { hand: 'right' }).takes[0];
    expect(given).toMatchObject({ exercise: { id: 'scale-g-major-rh-1oct' }, handConfidence: 1, handUncertain: false, handSource: 'given' });
    const take = analyse().takes[0];
    const corrected = analyse(left(40), { handCorrections: [{ startMs: take?.startMs ?? 0, endMs: take?.endMs ?? 0, hand: 'right' }] }).takes[0];
    expect(corrected).toMatchObject({ exercise: { id: 'scale-g-major-rh-1oct' }, handConfidence: 1, handUncertain: false, handSource: 'corrected' });
  });

  it("a hand changed by the history or a correction keeps the pianist's own fingering of that hand", () => {
    const lh = exercise('scale-g-major-lh-1oct');
    const fingers = lh.notes.map((note) => (note.finger === 1 ? 2 : note.finger));
    const own = { fingerings: [{ exerciseId: lh.id, hand: 'left' as const, fingers }], profile: 'Ana' };
    const take = analyse().takes[0];
    for (const more of [{ handPrior: left(26) }, { handCorrections: [{ startMs: take?.startMs ?? 0, endMs: take?.endMs ?? 0, hand: 'left' as const }] }]) {
      const changed = analyzeRecording({ messages, file: 'g.mid', includeNotes: true, ...own, ...more });
      expect(changed.takes[0]?.exercise).toMatchObject({ id: lh.id, fingering: { left: 'own', profile: 'Ana' } });
      const played = (changed.notes ?? []).filter((note) => note.take === 0 && note.role === 'matched');
      expect(played.map((note) => note.finger)).toEqual(fingers);
    }
  });

  it('a hand the notes tell keeps it whatever the history says', () => {
    // A trill has no twin of the other hand; hands together the other hand is there.
    for (const id of ['trill-rh-1-3', 'scale-g-major-both-1oct']) {
      const played = messagesFromNotes(perform(exercise(id), { seed: 3 }).notes);
      const prior: HandPrior = { families: { [handFreeFamilyOf(exercise(id))]: { left: 40, right: 0 } } };
      const plain = analyzeRecording({ messages: played, file: 'x.mid' });
      expect(plain.takes[0]).toMatchObject({ exercise: { id }, handUncertain: false, handSource: 'notes' });
      expect(analyzeRecording({ messages: played, file: 'x.mid', handPrior: prior })).toEqual(plain);
    }
    // A take the register made certain (a twin two octaves away) is left alone too.
    const segmentation = recognize(perform(rh, { seed: 7 }).notes);
    const sure = { ...segmentation, takes: segmentation.takes.map((t) => ({ ...t, handConfidence: 0.9, handUncertain: false })) };
    expect(withHandHistory(sure, left(40), listExercises())).toBe(sure);
  });
});
