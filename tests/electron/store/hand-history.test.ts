// The pianist's hand history in the store (issue 12): a session's analysis uses the takes of its
// pianist's EARLIER sessions whose hand is known (corrected with set-hand, or given by the chosen
// exercise); whatever changes a session's known hands (a correction, a deletion, an older
// recording or bundle imported) reanalyses the later sessions the history weighs in on, so what
// is stored is what a full recompute gives.
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/bundle/index';
import { getExercise } from '../../../core/exercises/library';
import type { Exercise } from '../../../core/exercises/types';
import { messagesFromNotes } from '../../../core/midi/smf';
import { openStore } from '../../../electron/store/index';
import type { Store } from '../../../electron/store/index';
import { perform } from '../../support/performer';
import { tempFolder } from './helpers';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

const G = 'scale:G:major:parallel';
// A right-hand G major scale where the catalogue puts it: note for note the left-hand one an
// octave up, so from the notes alone it is "right hand, 75 %", flagged.
const ambiguous = messagesFromNotes(perform(exercise('scale-g-major-rh-1oct'), { seed: 11 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function fresh(): Promise<{ store: Store; profileId: number; day: (n: number, exerciseId?: string, messages?: typeof ambiguous) => number }> {
  const folder = tempFolder('evenkeys-hand-history-');
  const store = await openStore({ path: folder.db, dailyBackup: false });
  cleanups.push(() => {
    store.close();
    folder.cleanup();
  });
  const profileId = store.ensureProfile('Ana').id;
  const day = (n: number, exerciseId?: string, messages = ambiguous): number =>
    store.importRecording({
      profileId,
      startedAt: new Date(Date.UTC(2026, 2, n, 9)),
      durationMs: 20_000,
      messages,
      sourceFile: `day ${n}.mid`,
      ...(exerciseId ? { exerciseId } : {}),
    }).id;
  return { store, profileId, day };
}

const takeOf = (store: Store, sessionId: number) => store.getAnalysis(sessionId)?.takes[0];

describe('hand history in the store', () => {
  it('earlier takes corrected to the left hand make a new session of the same exercise the left hand', async () => {
    const { store, day } = await fresh();
    const earlier = [day(1), day(2), day(3)];
    for (const id of earlier) expect(takeOf(store, id)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: true });
    for (const id of earlier) store.setTakeHand(id, 0, 'left');
    for (const id of earlier) expect(takeOf(store, id)).toMatchObject({ exercise: { id: 'scale-g-major-lh-1oct' }, handSource: 'corrected' });
    expect(store.handPrior(day(9))).toEqual({ families: { [G]: { left: 3, right: 0 } } });

    const later = day(10);
    // 3 earlier left-hand takes against the register's 3 to 1: left, 4/7, still flagged.
    const take = takeOf(store, later);
    expect(take).toMatchObject({ exercise: { id: 'scale-g-major-lh-1oct', hands: 'left' }, handUncertain: true, handSource: 'history' });
    expect(take?.handConfidence).toBeCloseTo(4 / 7, 5);
    expect(take?.fingers.every((finger) => finger.hand === 'left')).toBe(true);
    // The day-9 session is evidence for nothing (its hand is the history's guess, not known).
    expect(store.handPrior(later)).toEqual({ families: { [G]: { left: 3, right: 0 } } });
  });

  it('chosen exercises count as given hands; a history agreeing with the register makes the take certain', async () => {
    const { store, day } = await fresh();
    const rhPlayed = ambiguous;
    day(1, 'scale-g-major-rh-1oct', rhPlayed);
    day(2, 'scale-g-major-rh-2oct', messagesFromNotes(perform(exercise('scale-g-major-rh-2oct'), { seed: 12 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs })));
    const later = day(3);
    expect(store.handPrior(later)).toEqual({ families: { [G]: { left: 0, right: 2 } } });
    const take = takeOf(store, later);
    expect(take).toMatchObject({ exercise: { id: 'scale-g-major-rh-1oct' }, handUncertain: false, handSource: 'history' });
    expect(take?.handConfidence).toBeCloseTo(0.9, 5);
  });

  it('uses only earlier sessions, and keeps later ones what a full recompute gives when the history changes', async () => {
    const { store, day } = await fresh();
    const first = day(1);
    const second = day(2);
    const third = day(3);
    const fourth = day(4);
    // Nothing known yet: every take is the register's guess.
    for (const id of [first, second, third, fourth]) expect(takeOf(store, id)).toMatchObject({ exercise: { hands: 'right' }, handSource: 'notes' });
    store.setTakeHand(first, 0, 'left');
    store.setTakeHand(second, 0, 'left');
    store.setTakeHand(third, 0, 'left');
    // The correction of the earlier sessions reached the later ones without asking.
    expect(takeOf(store, fourth)).toMatchObject({ exercise: { hands: 'left' }, handSource: 'history' });
    const stored = store.getAnalysis(fourth);
    expect(store.reanalyse(fourth)).toEqual(stored);
    // Session 2's prior holds session 1 only: a later session never changes an earlier one.
    expect(store.handPrior(second)).toEqual({ families: { [G]: { left: 1, right: 0 } } });
    const before = store.getAnalysis(second);
    day(20);
    expect(store.reanalyse(second)).toEqual(before);

    // Deleting a corrected session takes it out of the later sessions' history: 2 left against
    // the register's 3 to 1 is no longer enough to turn the guess.
    await store.deleteSession(third);
    expect(store.handPrior(fourth)).toEqual({ families: { [G]: { left: 2, right: 0 } } });
    expect(takeOf(store, fourth)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: true, handSource: 'history' });
    expect(takeOf(store, fourth)?.handConfidence).toBeCloseTo(0.5, 5);
  });

  it('an older recording imported after a newer session redoes the newer one', async () => {
    const { store, day } = await fresh();
    const later = day(10);
    expect(takeOf(store, later)).toMatchObject({ handUncertain: true, handSource: 'notes' });
    day(1, 'scale-g-major-rh-1oct');
    expect(takeOf(store, later)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: true, handSource: 'history' });
    day(2, 'scale-g-major-rh-1oct');
    expect(takeOf(store, later)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: false, handSource: 'history' });
  });

  it('older sessions imported from a bundle reanalyse the later ones their hands help', async () => {
    const student = await fresh();
    const rh2 = messagesFromNotes(perform(exercise('scale-g-major-rh-2oct'), { seed: 12 }).notes).map((m) => ({ bytes: Array.from(m.bytes), timeMs: m.timeMs }));
    student.day(1, 'scale-g-major-rh-1oct');
    student.day(2, 'scale-g-major-rh-2oct', rh2);
    student.day(10);
    const split = new Date(Date.UTC(2026, 2, 5)).toISOString();
    const teacher = await fresh();
    // The newer session first: with no history here it is the register's guess.
    const recent = importBundle(teacher.store, exportBundle(student.store, student.profileId, { from: split }).bytes, { as: 'Ana (student)' });
    const [later] = recent.newSessionIds;
    expect(takeOf(teacher.store, later ?? 0)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: true, handSource: 'notes' });
    // Then the older ones, with their chosen exercises: the later session now has its history.
    importBundle(teacher.store, exportBundle(student.store, student.profileId, { to: split }).bytes, { as: 'Ana (student)' });
    expect(takeOf(teacher.store, later ?? 0)).toMatchObject({ exercise: { hands: 'right' }, handUncertain: false, handSource: 'history' });
    expect(takeOf(teacher.store, later ?? 0)).toEqual(takeOf(student.store, 3));
  });
});
