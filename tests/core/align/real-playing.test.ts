/**
 * Recognition on playing as pianists really do it (issue 12): melodic and natural minor, any
 * register and octave count, a complete take followed by a false start and the restart, Hanon's
 * scales in all keys with their cadence chords, and repertoire-like figures that are no exercise.
 */
import { describe, expect, it } from 'vitest';
import { isCredibleTake, takeCredibility } from '../../../core/align/credibility';
import { recognize } from '../../../core/align/recognize';
import { transposed } from '../../../core/align/transpose';
import { chooseHand, twinGroups } from '../../../core/align/twins';
import type { Take } from '../../../core/align/types';
import { getExercise, listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { corrupt, perform } from '../../support/performer';
import { createRandom } from '../../support/random';
import { falseStart, hanonScales } from '../../support/warmup';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

const right = (take: Take | undefined): number => take?.matches.filter((m) => m.note !== null && !m.wrongPitch).length ?? 0;

describe('melodic and natural minor', () => {
  for (const id of ['scale-a-melodic-minor-both-4oct', 'scale-fsharp-melodic-minor-rh-2oct', 'scale-c-natural-minor-lh-3oct', 'scale-eb-melodic-minor-contrary-2oct', 'scale-g-natural-minor-both-1oct']) {
    it(`${id}, played perfectly, is named itself with every note right`, () => {
      const played = exercise(id);
      const { takes } = recognize(perform(played, { seed: 3, bpm: 108 }).notes);
      expect(takes.map((t) => t.exercise.id)).toEqual([id]);
      expect(right(takes[0])).toBe(played.notes.length);
      expect(takes[0]?.exercise.mode).toBe(played.mode);
    });
  }

  it('harmonic, melodic and natural minor of one key, with 5 % errors, are told apart', () => {
    for (const mode of ['harmonic', 'melodic', 'natural']) {
      const id = `scale-d-${mode}-minor-rh-2oct`;
      const played = corrupt(perform(exercise(id), { seed: 5, bpm: 96 }), { seed: 6, wrong: 0.05, missed: 0.05, extra: 0.05 });
      expect(recognize(played.notes).takes.map((t) => t.exercise.id)).toEqual([id]);
    }
  });
});

describe('register and hand', () => {
  it('the left-hand C major scale over 4 octaves from C2 to C6 is named a 4-octave scale, every note right', () => {
    const moved = transposed(exercise('scale-c-major-lh-4oct'), -12);
    if (!moved) throw new Error('cannot move');
    expect(moved.notes[0]?.pitch).toBe(36);
    const { takes } = recognize(perform(moved, { seed: 1 }).notes);
    expect(takes).toHaveLength(1);
    expect(takes[0]?.exercise.octaves).toBe(4);
    expect(takes[0]?.exercise.hands).toBe('left');
    expect(right(takes[0])).toBe(57);
    expect(takes[0]?.extraNoteIndices).toEqual([]);
  });

  it('a right-hand scale or five-finger pattern an octave lower is the same pitches as the left one: flagged, never silently wrong', () => {
    for (const id of ['scale-g-major-rh-1oct', 'five-finger-d-major-rh', 'arpeggio-e-minor-rh-2oct']) {
      const moved = transposed(exercise(id), -12);
      if (!moved) throw new Error('cannot move');
      const take = recognize(perform(moved, { seed: 2 }).notes).takes[0];
      expect(take?.exercise.notes.map((n) => n.pitch)).toEqual(moved.notes.map((n) => n.pitch));
      expect(take?.handUncertain).toBe(true);
      expect(take?.handConfidence).toBeLessThan(0.9);
      // Stated up front, the hand is the given one, with certainty.
      const given = recognize(perform(moved, { seed: 2 }).notes, { hand: 'right' }).takes[0];
      expect(given?.exercise.id).toBe(id);
      expect(given?.transposition).toBe(-12);
      expect(given?.handUncertain).toBe(false);
    }
  });

  it('a 3-octave hands-together scale played an octave higher is a 3-octave scale', () => {
    const moved = transposed(exercise('scale-c-major-both-3oct'), 12);
    if (!moved) throw new Error('cannot move');
    const { takes } = recognize(perform(moved, { seed: 4 }).notes);
    expect(takes.map((t) => [t.exercise.id, t.transposition])).toEqual([['scale-c-major-both-3oct', 12]]);
    expect(takes[0]?.handUncertain).toBe(false);
    expect(right(takes[0])).toBe(86);
  });

  it('twins: one group per pitch shape; the hand nearest its register wins, flagged', () => {
    const groups = twinGroups(listExercises());
    const rh = exercise('scale-c-major-rh-2oct');
    const members = groups.membersOf.get(rh)?.map((e) => e.id).sort();
    expect(members).toEqual(['clinical-scale-lh', 'clinical-scale-rh', 'scale-c-major-lh-2oct', 'scale-c-major-rh-2oct'].sort());
    const choice = chooseHand(groups.membersOf.get(rh) ?? [], rh, -12);
    expect(choice.exercise.hands).toBe('left');
    expect(choice.shift).toBe(0);
    expect(choice.handConfidence).toBeCloseTo(0.75, 5);
    expect(choice.handUncertain).toBe(true);
    expect(chooseHand(groups.membersOf.get(rh) ?? [], rh, -12, 'right')).toMatchObject({ shift: -12, handConfidence: 1, handUncertain: false });
    const both = exercise('scale-c-major-both-2oct');
    expect(chooseHand(groups.membersOf.get(both) ?? [both], both, 12)).toMatchObject({ handConfidence: 1, handUncertain: false });
  });
});

describe('a complete take followed by false starts', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`keeps the complete A major, and recognises the F# melodic minor restart on its own (seed ${seed})`, () => {
      const recording = falseStart({ seed, falseNotes: 3 + seed });
      const { takes } = recognize(recording.notes);
      const complete = takes.filter((t) => t.span === undefined);
      expect(complete.map((t) => t.exercise.id)).toEqual(['scale-a-major-both-4oct', 'scale-fsharp-melodic-minor-both-4oct']);
      expect(complete.map(right)).toEqual([114, 114]);
      // The false start is free play or its own partial attempt at F# melodic minor: never part
      // of another take.
      for (const take of takes.filter((t) => t.span !== undefined)) expect(take.exercise.id).toBe('scale-fsharp-melodic-minor-both-4oct');
      const [a, fsharp] = complete;
      expect(a?.endMs).toBeLessThan(recording.parts[1]?.startMs ?? 0);
      // (The performer's first onset may come a few ms before the nominal start.)
      expect(fsharp?.startMs).toBeGreaterThan((recording.parts[2]?.startMs ?? Infinity) - 60);
    });
  }
});

describe("Hanon's scales in all keys", () => {
  it('names key and mode of at least 25 of every 26 scale passages; the cadence chords are free play', () => {
    for (const [seed, mistakes] of [[1, undefined], [2, { wrong: 0.02, missed: 0.02, extra: 0.02 }]] as const) {
      const recording = hanonScales({ seed, ...(mistakes ? { mistakes } : {}) });
      const { takes, freePlay } = recognize(recording.notes);
      const passages = recording.parts.filter((p) => p.role === 'complete');
      expect(passages).toHaveLength(36);
      let named = 0;
      for (const part of passages) {
        const found = takes.filter((t) => t.startMs < part.endMs && t.endMs > part.startMs && t.span === undefined);
        if (found.length === 1 && found[0]?.exercise.key === part.exercise?.key && found[0]?.exercise.mode === part.exercise?.mode) named += 1;
      }
      expect(named / passages.length).toBeGreaterThanOrEqual(25 / 26);
      // Every cadence is free play: no take reaches into the chords.
      for (const chords of recording.parts.filter((p) => p.role === 'chords')) {
        expect(takes.some((t) => t.startMs < chords.endMs && t.endMs > chords.startMs + 50)).toBe(false);
      }
      expect(freePlay.length).toBeGreaterThanOrEqual(36);
    }
  });
});

describe('credibility: what is not a credible exercise take is free play', () => {
  it('a clean take is credible with high confidence; the same take with half its notes wrong is not', () => {
    const played = exercise('scale-e-major-rh-2oct');
    const take = recognize(perform(played, { seed: 9 }).notes).takes[0];
    if (!take) throw new Error('no take');
    expect(isCredibleTake(take)).toBe(true);
    expect(take.confidence).toBeGreaterThan(0.85);
    const wrecked: Take = { ...take, matches: take.matches.map((m, i) => (i % 2 === 0 ? { ...m, wrongPitch: true } : m)) };
    expect(takeCredibility(wrecked).credible).toBe(false);
    // Inside free playing the rules are those of a complete, clean exercise.
    const fewErrors: Take = { ...take, matches: take.matches.map((m, i) => (i % 6 === 0 ? { ...m, wrongPitch: true } : m)) };
    expect(isCredibleTake(fewErrors)).toBe(true);
    expect(isCredibleTake(fewErrors, { embedded: true })).toBe(false);
  });

  it('a piece-like stream with scale and five-finger figures inside it yields no exercise take', () => {
    const random = createRandom(12);
    const notes: Note[] = [];
    let t = 1000;
    // Four minutes of "music": dotted rhythms, leaps, chords, and now and then a scale fragment
    // or a five-finger figure of 5-9 notes in the middle of a phrase.
    while (t < 240_000) {
      const figure = random.next();
      if (figure < 0.15) {
        const start = random.int(55, 72);
        const steps = [0, 2, 4, 5, 7, 5, 4, 2, 0].slice(0, random.int(5, 9));
        for (const s of steps) {
          notes.push({ pitch: start + s, onsetMs: t, offsetMs: t + 110, velocity: 70, channel: 0, pedalAtOnset: false, unreleased: false });
          t += 120 + random.normal(0, 8);
        }
      } else {
        const pitch = random.int(45, 84);
        const chord = random.next() < 0.3 ? [0, 4, 7] : [0];
        for (const c of chord) notes.push({ pitch: pitch + c, onsetMs: t + random.normal(0, 5), offsetMs: t + 300, velocity: 64, channel: 0, pedalAtOnset: false, unreleased: false });
        t += random.pick([120, 240, 360, 180, 90]);
      }
      if (random.next() < 0.01) t += 1500;
    }
    notes.sort((a, b) => a.onsetMs - b.onsetMs);
    const { takes } = recognize(notes);
    expect(takes.map((take) => take.exercise.id)).toEqual([]);
  });
});
