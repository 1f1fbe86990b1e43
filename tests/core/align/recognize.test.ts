import { describe, expect, it } from 'vitest';
import { recognize } from '../../../core/align/recognize';
import { transposed } from '../../../core/align/transpose';
import type { Take } from '../../../core/align/types';
import { getExercise } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import type { Note } from '../../../core/midi/types';
import { buildMixedRecording } from '../../support/recordings';
import type { MixedRecording } from '../../support/recordings';
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
