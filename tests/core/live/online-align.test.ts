// The live (online) alignment: matching note by note, running per-finger figures, O(1) per note.
import { describe, expect, it } from 'vitest';
import { clinicalScale } from '../../../core/exercises/clinical';
import { getExercise } from '../../../core/exercises/index';
import { createLiveAlignment, liveFingers, liveNoteOn, nextExpected } from '../../../core/live/online-align';
import type { LiveAlignment, LiveNoteResult } from '../../../core/live/online-align';
import type { Note } from '../../../core/midi/types';
import { performRepetitions } from '../../support/performer';

function feed(live: LiveAlignment, notes: readonly Note[]): LiveNoteResult[] {
  return notes.map((n) => liveNoteOn(live, { timeMs: n.onsetMs, pitch: n.pitch, velocity: n.velocity }));
}

describe('online alignment', () => {
  it('matches a clean clinical scale note for note, and names the next expected note', () => {
    const exercise = clinicalScale('right');
    const live = createLiveAlignment(exercise);
    expect(nextExpected(live)[0]).toMatchObject({ pitch: 60, hand: 'right', finger: 1 });
    const perf = performRepetitions(exercise, 1, { seed: 1, style: { jitterMs: 0 } });
    const results = feed(live, perf.notes);
    expect(results.every((r) => r.role === 'matched')).toBe(true);
    expect(results.map((r) => r.expected?.index)).toEqual(exercise.notes.map((n) => n.index));
    // Without jitter every note sits on the line.
    for (const r of results) expect(Math.abs(r.deviationMs ?? 99)).toBeLessThan(1e-6);
    expect(live.matched).toBe(exercise.notes.length);
  });

  it('R4 late by 20 ms leans the R4 bar: its mean deviation stands out from every other finger', () => {
    const exercise = clinicalScale('right');
    const live = createLiveAlignment(exercise);
    const perf = performRepetitions(exercise, 2, { seed: 4, style: { jitterMs: 4 }, fingers: { 'right-4': { biasMs: 20 } } });
    feed(live, perf.notes);
    const fingers = liveFingers(live);
    const r4 = fingers.find((f) => f.finger === 4);
    expect(r4?.deviationMeanMs).toBeGreaterThan(12);
    const others = fingers.filter((f) => f.finger !== 4).map((f) => Math.abs(f.deviationMeanMs));
    expect(Math.max(...others)).toBeLessThan(8);
    expect(live.repetition).toBe(1);
  });

  it('counts wrong, missed and extra notes and keeps matching afterwards', () => {
    const exercise = clinicalScale('right');
    const notes = performRepetitions(exercise, 1, { seed: 2, style: { jitterMs: 0 } }).notes.map((n) => ({ ...n }));
    // D4 (62) played as C#4 (61): wrong; the 9th note left out: missed; a far-off key: extra.
    const second = notes[1];
    if (second === undefined) throw new Error('short performance');
    notes[1] = { ...second, pitch: 61 };
    const withoutNinth = notes.filter((_, i) => i !== 8);
    const extra = { ...second, pitch: 108, onsetMs: (notes[4]?.onsetMs ?? 0) + 30 };
    const played = [...withoutNinth, extra].sort((a, b) => a.onsetMs - b.onsetMs);
    const live = createLiveAlignment(exercise);
    const results = feed(live, played);
    expect(results.filter((r) => r.role === 'wrong').map((r) => r.pitch)).toEqual([61]);
    expect(results.filter((r) => r.role === 'extra').map((r) => r.pitch)).toEqual([108]);
    expect(live.missed).toBe(1);
    expect(results.find((r) => r.skipped === 1)?.event?.type).toBe('missed');
    expect(live.matched).toBe(exercise.notes.length - 2);
    expect(results.at(-1)?.role).toBe('matched');
  });

  it('both hands: each note goes to its own hand', () => {
    const exercise = getExercise('scale-c-major-both-1oct');
    if (exercise === undefined) throw new Error('missing exercise');
    const live = createLiveAlignment(exercise);
    const results = feed(live, performRepetitions(exercise, 1, { seed: 3 }).notes);
    expect(results.filter((r) => r.hand === 'left').length).toBe(exercise.notes.filter((n) => n.hand === 'left').length);
    expect(results.every((r) => r.role === 'matched')).toBe(true);
  });

  // A slip onto a key the exercise plays next (E for D in C D E F) matches ahead and moves the
  // cursor one past the player; before the look-behind, every later note was then one position off
  // and counted wrong (26 of the next 28 notes of the clinical scale). Every position, both slip widths, one and two hands.
  describe.each([
    ['clinical scale, right hand', () => clinicalScale('right')],
    ['C major, hands together, 2 octaves', () => getExercise('scale-c-major-both-2oct')],
    ['G major arpeggio, left hand', () => getExercise('arpeggio-g-major-lh-2oct')],
  ])('one slip onto a later note re-synchronises: %s', (_name, make) => {
    const exercise = make();
    if (exercise === undefined) throw new Error('missing exercise');
    const performance = performRepetitions(exercise, 1, { seed: 5, style: { jitterMs: 0 } });
    const clean = performance.notes;
    const handOf = (i: number) => exercise.notes[performance.truth[i]?.expectedIndex ?? -1]?.hand;
    // The pitch the same hand plays `ahead` notes later: the key a slip lands on.
    const sameHandLater = (i: number, ahead: number): number | undefined =>
      clean.flatMap((_, k) => (k > i && handOf(k) === handOf(i) ? [k] : []))[ahead - 1];
    const sameHandNext = (i: number, ahead: number): number | undefined => clean[sameHandLater(i, ahead) ?? -1]?.pitch;
    it.each([1, 2])('slip %i notes ahead, at every position', (ahead) => {
      for (let i = 0; i < clean.length - 4; i += 1) {
        const pitch = sameHandNext(i, ahead);
        if (pitch === undefined || pitch === clean[i]?.pitch) continue;
        const played = clean.map((n, k) => (k === i ? { ...n, pitch } : n));
        const results = feed(createLiveAlignment(exercise), played);
        const trouble = results.filter((r) => r.role !== 'matched').length;
        expect(trouble, `slip at note ${i}`).toBeLessThanOrEqual(ahead);
        // Once past the slipped notes (one more near a scale's turn, where B C B is ambiguous),
        // every note is matched again.
        const tail = results.slice((sameHandLater(i, ahead + 1) ?? clean.length) + 1);
        expect(tail.every((r) => r.role === 'matched'), `slip at note ${i}: ${tail.map((r) => r.role).join(' ')}`).toBe(true);
      }
    });
    it('a note struck twice is one extra note, at every position', () => {
      for (let i = 1; i < clean.length - 1; i += 1) {
        const note = clean[i];
        if (note === undefined) continue;
        const played = [...clean.slice(0, i + 1), { ...note, onsetMs: note.onsetMs + 20 }, ...clean.slice(i + 1)];
        const live = createLiveAlignment(exercise);
        const results = feed(live, played);
        expect(results.filter((r) => r.role !== 'matched').length, `double strike at note ${i}`).toBe(1);
        expect(live.matched, `double strike at note ${i}`).toBe(exercise.notes.length);
      }
    });
  });

  it('fewer than 3 notes: SD is null, not 0', () => {
    const live = createLiveAlignment(clinicalScale('right'));
    liveNoteOn(live, { timeMs: 0, pitch: 60, velocity: 70 });
    expect(liveFingers(live)[0]?.deviationSdMs).toBeNull();
  });

  it('refuses a tempo that is not a positive number', () => {
    expect(() => createLiveAlignment(clinicalScale('right'), 0)).toThrow(/positive/);
  });
});

describe('next expected note across repetitions', () => {
  it('after the last note of a repetition, the next is the first note again', () => {
    const exercise = clinicalScale('left');
    const live = createLiveAlignment(exercise);
    feed(live, performRepetitions(exercise, 1, { seed: 5 }).notes);
    expect(nextExpected(live)[0]?.index).toBe(0);
  });
});
