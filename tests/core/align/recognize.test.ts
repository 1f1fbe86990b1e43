import { describe, expect, it } from 'vitest';
import { recognize } from '../../../core/align/recognize';
import { transposed } from '../../../core/align/transpose';
import type { Take } from '../../../core/align/types';
import { getExercise } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { buildMixedRecording } from '../../support/recordings';
import type { MixedRecording } from '../../support/recordings';
import { perform } from '../../support/performer';
import { createRandom } from '../../support/random';

function exercise(id: string): Exercise {
  const found = getExercise(id);
  if (!found) throw new Error(`no exercise ${id}`);
  return found;
}

/** Eight scales and arpeggios in different keys, modes, hands (three hands together) and octaves. */
const PROGRAMME = [
  'scale-d-major-both-2oct',
  'arpeggio-a-minor-rh-1oct',
  'scale-bb-major-lh-2oct',
  'arpeggio-eb-major-both-2oct',
  'scale-fsharp-harmonic-minor-contrary-1oct',
  'scale-e-major-rh-3oct',
  'arpeggio-g-major-lh-2oct',
  'scale-c-harmonic-minor-both-4oct',
].map(exercise);

function takesIn(takes: readonly Take[], startMs: number, endMs: number): Take[] {
  return takes.filter((take) => take.startMs < endMs && take.endMs > startMs);
}

function describeExercise(e: Exercise): string {
  return `${e.kind} ${e.key} ${e.mode} ${e.hands} ${e.motion} ${e.octaves}`;
}

function expectRecognised(recording: MixedRecording, takes: readonly Take[]): void {
  for (const segment of recording.segments) {
    const found = takesIn(takes, segment.startMs, segment.endMs);
    expect(found.map((take) => describeExercise(take.exercise))).toEqual(
      Array.from({ length: segment.repetitions }, () => describeExercise(segment.exercise)),
    );
    for (const take of found) {
      expect(take.bpm).toBeGreaterThan(segment.bpm * 0.92);
      expect(take.bpm).toBeLessThan(segment.bpm * 1.08);
    }
  }
}

describe('recognize', () => {
  it('names eight scales and arpeggios played one after another, with pedal and mistakes', () => {
    const recording = buildMixedRecording(PROGRAMME, {
      seed: 21,
      pedal: true,
      mistakes: { wrong: 0.03, missed: 0.03, extra: 0.03 },
    });
    const { takes, freePlay } = recognize(recording.notes);
    expect(takes).toHaveLength(8);
    expectRecognised(recording, takes);
    expect(freePlay).toEqual([]);
  });

  it('names repetitions of each, at other tempos and seeds', () => {
    for (const seed of [31, 32, 33]) {
      const recording = buildMixedRecording(PROGRAMME, {
        seed,
        pedal: true,
        repetitions: [1, 3],
        tempos: [60, 90, 120, 144],
        mistakes: { wrong: 0.05, missed: 0.05, extra: 0.05 },
      });
      expectRecognised(recording, recognize(recording.notes).takes);
    }
  });

  it('separates exercises played with only a short breath between them', () => {
    const recording = buildMixedRecording(PROGRAMME, {
      seed: 41,
      pauseMs: [150, 300],
      mistakes: { wrong: 0.02, missed: 0.02, extra: 0.02 },
    });
    expectRecognised(recording, recognize(recording.notes).takes);
  });

  it('finds exercises played an octave or two away from the catalogue register', () => {
    const up = transposed(exercise('scale-a-major-rh-2oct'), 12);
    const down = transposed(exercise('arpeggio-f-major-both-1oct'), -24);
    if (!up || !down) throw new Error('cannot transpose');
    const recording = buildMixedRecording([up, down], { seed: 51, pedal: true, mistakes: { wrong: 0.03, missed: 0.03, extra: 0.03 } });
    const { takes } = recognize(recording.notes);
    expect(takes.map((take) => [take.exercise.id, take.transposition])).toEqual([
      ['scale-a-major-rh-2oct', 12],
      ['arpeggio-f-major-both-1oct', -24],
    ]);
    expect(takes[0]?.matches.every((match) => match.note === null || !match.wrongPitch || match.note.pitch !== match.expected.pitch)).toBe(true);
    expect(takes[0]?.matches[0]?.expected.pitch).toBe((exercise('scale-a-major-rh-2oct').notes[0]?.pitch ?? 0) + 12);
  });

  it('keeps playing that is no exercise as free play', () => {
    const random = createRandom(5);
    const recording = buildMixedRecording([exercise('scale-g-major-rh-2oct')], { seed: 22, startMs: 20_000 });
    // A wandering melody in no key, well before the scale.
    const melody: Note[] = Array.from({ length: 40 }, (_, i) => {
      const onsetMs = 1000 + i * 230 + random.normal(0, 30);
      return { pitch: random.int(40, 90), onsetMs, offsetMs: onsetMs + 200, velocity: 60, channel: 0, pedalAtOnset: true, unreleased: false };
    });
    const { takes, freePlay } = recognize([...melody, ...recording.notes]);
    expect(takes.map((take) => take.exercise.id)).toEqual(['scale-g-major-rh-2oct']);
    expect(freePlay.flatMap((segment) => segment.noteIndices)).toEqual(melody.map((_, i) => i));
  });

  it('returns nothing for nothing', () => {
    expect(recognize([])).toEqual({ takes: [], freePlay: [] });
  });
});

describe('a run that stops and goes on is one take (a breakdown), not two stray fragments', () => {
  const scale = exercise('scale-c-major-rh-2oct');
  // The run stops after note `at` for `stopMs`, then goes on `resume` notes later (negative: it
  // replays the last positions; positive: notes skipped).
  function stopped(seed: number, at: number, stopMs: number, resume: number, bpm = 90): Note[] {
    const notes = perform(scale, { seed, bpm, startMs: 2000 }).notes;
    const before = notes.slice(0, at + 1);
    const after = notes.slice(Math.max(0, at + 1 + resume));
    const shift = (before[before.length - 1]?.onsetMs ?? 0) + stopMs - (after[0]?.onsetMs ?? 0);
    return [...before, ...after.map((note) => ({ ...note, onsetMs: note.onsetMs + shift, offsetMs: note.offsetMs + shift }))];
  }

  const variants = [
    { at: 10, stopMs: 900, resume: 0 },
    { at: 10, stopMs: 1500, resume: 0 },
    { at: 14, stopMs: 2500, resume: -2 },
    { at: 8, stopMs: 1200, resume: 3 },
    { at: 12, stopMs: 2800, resume: 5 },
  ];
  for (const [k, v] of variants.entries()) {
    it(`stop of ${v.stopMs} ms after note ${v.at}, going on ${v.resume} notes from there`, () => {
      const notes = stopped(40 + k, v.at, v.stopMs, v.resume);
      const { takes } = recognize(notes);
      expect(takes.map((take) => take.exercise.id)).toEqual([scale.id]);
      const take = takes[0] as Take;
      expect(take.span?.from ?? 0).toBe(0);
      expect(take.span?.to ?? scale.notes.length).toBe(scale.notes.length);
    });
  }

  it('a restart from the beginning stays a new attempt, and a stop of 3 s or more is a pause', () => {
    const restart = stopped(60, 10, 1200, -11);
    const restarted = recognize(restart).takes;
    // The broken-off start and the complete restart: two takes, not one joined across the stop.
    expect(restarted.map((take) => take.span ?? 'complete')).toEqual([{ from: 0, to: 11 }, 'complete']);
    // Going on only after 3 s or more (forced alignment's limit too): two pieces, neither a
    // complete take.
    const apart = stopped(61, 10, 3500, 0);
    expect(recognize(apart).takes.filter((take) => take.span === undefined || (take.span.from === 0 && take.span.to === scale.notes.length))).toEqual([]);
  });
});

describe('device gaps and a clock that does not advance', () => {
  const scale = exercise('scale-c-major-rh-2oct');

  it('does not cut a stretch at a device gap: the interrupted scale is one take', () => {
    // (With a third of the scale lost, 9 of 29 notes, the rest reads as the 1-octave scale: the
    // aligner does not yet excuse notes due inside a gap.)
    for (const [k, lost] of [3, 5, 7].entries()) {
      const notes = perform(scale, { seed: 70 + k, bpm: 80, startMs: 2000 }).notes;
      // Away on the way up, where every position has its own key.
      const last = notes[4] as Note;
      const back = notes[5 + lost] as Note;
      const gap = { startMs: last.offsetMs + 5, endMs: back.onsetMs - 5 };
      const kept = notes.filter((note) => note.onsetMs <= last.onsetMs || note.onsetMs >= back.onsetMs);
      const { takes } = recognize(kept, { deviceGaps: [gap] });
      expect(takes.map((take) => take.exercise.id), `${lost} lost`).toEqual([scale.id]);
      // The notes due while the keyboard was away are what the take lacks (missed; the aligner may
      // take one neighbour as a wrong note instead), and nothing else is.
      const lacking = takes[0]?.matches.filter((match) => match.note === null || match.wrongPitch).length ?? 0;
      expect(lacking).toBeGreaterThanOrEqual(lost);
      expect(lacking).toBeLessThanOrEqual(lost + 1);
      expect(takes[0]?.span).toBeUndefined();
      // A gap that never closed (the keyboard did not come back) joins nothing after it.
      expect(recognize(kept, { deviceGaps: [{ startMs: gap.startMs, endMs: null }] }).takes.length).toBeGreaterThan(0);
    }
  });

  it('recognises from the notes’ order when every onset is stamped alike', () => {
    for (const [k, id] of ['scale-c-major-rh-2oct', 'arpeggio-a-minor-rh-1oct', 'hanon-5-rh', 'scale-d-major-lh-2oct'].entries()) {
      const notes = perform(exercise(id), { seed: 80 + k, startMs: 2000 }).notes.map((note) => ({ ...note, onsetMs: 0, offsetMs: 0 }));
      const takes = recognize(notes, { untimed: true }).takes;
      expect(takes.map((take) => take.exercise.notes.map((n) => n.pitch).join()), id).toEqual([exercise(id).notes.map((n) => n.pitch).join()]);
      // Without the option the missing time reads as no pulse (the credibility rule): nothing.
      expect(recognize(notes).takes.filter((take) => take.exercise.id === id)).toEqual([]);
    }
  });
});
