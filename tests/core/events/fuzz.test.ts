/**
 * Random and adversarial takes never make the metrics or the event detector throw or produce NaN
 * or Infinity: empty takes, one note, all chords, velocity 0, huge gaps, identical timestamps,
 * absurd values, arbitrary match assignments, spans and extras.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Match, Take } from '../../../core/align/types';
import { detectEvents } from '../../../core/events/detect';
import { EVENT_TYPES } from '../../../core/events/types';
import { scale } from '../../../core/exercises/scale';
import { listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises/types';
import { measureTake, noteDeviations } from '../../../core/metrics/measure';
import { compareRepetitions } from '../../../core/metrics/repetitions';
import type { Note } from '../../../core/midi/types';
import { handMadeTake } from '../../support/metrics-validation';

const exercises: Exercise[] = [
  scale({ key: 'C', mode: 'major', hands: 'right', octaves: 1 }),
  scale({ key: 'F#', mode: 'harmonic minor', hands: 'both', octaves: 2 }),
  scale({ key: 'C', mode: 'major', hands: 'both', motion: 'contrary', octaves: 1 }),
  ...['trill', 'repeated-note', 'arpeggio', 'chromatic', 'five-finger']
    .map((kind) => listExercises().find((e) => e.kind === kind))
    .filter((e): e is Exercise => e !== undefined),
];

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value instanceof Map) return [...value.values()].every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

function check(take: Take, notes: readonly Note[]): void {
  const metrics = measureTake(take, notes);
  expect(allFinite(metrics)).toBe(true);
  const events = detectEvents(take, notes, metrics);
  expect(allFinite(events)).toBe(true);
  for (const event of events) {
    expect(EVENT_TYPES).toContain(event.type);
    expect(event.severity).toBeGreaterThanOrEqual(1);
    expect(event.detail.length).toBeGreaterThan(0);
  }
  expect(allFinite(noteDeviations(take))).toBe(true);
  expect(allFinite(compareRepetitions([take, take]))).toBe(true);
}

const timeArb = fc.oneof(
  fc.double({ min: 0, max: 20_000, noNaN: true }),
  fc.constantFrom(0, 1000, 1000, 1000, 1e9, 1e12, -5),
  fc.integer({ min: 0, max: 40 }).map((k) => 1000 + 125 * k),
);
const noteArb = fc.record({
  pitch: fc.integer({ min: 0, max: 127 }),
  onsetMs: timeArb,
  durationMs: fc.oneof(fc.double({ min: 0, max: 5000, noNaN: true }), fc.constant(0)),
  velocity: fc.integer({ min: 0, max: 127 }),
});

describe('fuzz: random takes', () => {
  it('never throws nor yields NaN/Infinity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: exercises.length - 1 }),
        fc.array(noteArb, { maxLength: 80 }),
        fc.array(fc.tuple(fc.integer({ min: -1, max: 200 }), fc.boolean()), { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 20 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))),
        fc.boolean(),
        (exerciseIndex, raw, assignment, extraPicks, span, breakdown) => {
          const exercise = exercises[exerciseIndex] ?? exercises[0]!;
          const notes: Note[] = raw
            .map((n) => ({ pitch: n.pitch, onsetMs: n.onsetMs, offsetMs: n.onsetMs + n.durationMs, velocity: n.velocity, channel: 0, pedalAtOnset: false, unreleased: false }))
            .sort((a, b) => a.onsetMs - b.onsetMs);
          const matches: Match[] = exercise.notes.map((expected, i) => {
            const [pick, wrong] = assignment[i] ?? [-1, false];
            const note = pick >= 0 ? notes[pick % Math.max(notes.length, 1)] : undefined;
            return note === undefined
              ? { expected, noteIndex: null, note: null, wrongPitch: false }
              : { expected, noteIndex: notes.indexOf(note), note, wrongPitch: wrong };
          });
          const take: Take = {
            exercise,
            startMs: notes[0]?.onsetMs ?? 0,
            endMs: notes[notes.length - 1]?.offsetMs ?? 0,
            matches,
            extraNoteIndices: extraPicks.map((k) => k % Math.max(notes.length + 3, 1)),
            bpm: 120,
            ...(span ? { span: { from: Math.min(...span), to: Math.max(...span) } } : {}),
            ...(breakdown ? { breakdown: true } : {}),
          };
          check(take, notes);
        },
      ),
      { numRuns: 400, seed: 42 },
    );
  });
});

describe('adversarial takes', () => {
  const rh = exercises[0]!;
  const both = exercises[1]!;

  it('empty take, no matches', () => {
    check({ ...handMadeTake(rh).take, matches: [], extraNoteIndices: [] }, []);
    check({ ...handMadeTake(rh).take, matches: [], extraNoteIndices: [0, 1] }, []);
  });

  it('one note', () => {
    const spec = Object.fromEntries(rh.notes.map((n) => [n.index, { onsetMs: n.index === 0 ? 1000 : null }]));
    const { take, notes } = handMadeTake(rh, { notes: spec });
    check(take, notes);
    expect(detectEvents(take, notes).filter((e) => e.type === 'missed-note')).toHaveLength(1);
  });

  it('all notes at one instant (chords) and identical timestamps', () => {
    const spec = Object.fromEntries(both.notes.map((n) => [n.index, { onsetMs: 5000, durationMs: 100 }]));
    const extras = Array.from({ length: 10 }, () => ({ pitch: 61, onsetMs: 5000, offsetMs: 5000 }));
    const { take, notes } = handMadeTake(both, { notes: spec, extras });
    check(take, notes);
  });

  it('velocity 0, zero durations, huge gaps, huge and negative times', () => {
    const spec = Object.fromEntries(
      rh.notes.map((n) => [n.index, { onsetMs: n.index % 3 === 0 ? 1e12 + n.index * 1e9 : -1000 + n.index, velocity: 0, durationMs: 0 }]),
    );
    const { take, notes } = handMadeTake(rh, { notes: spec, extras: [{ pitch: 200, onsetMs: 1e15, velocity: 0 }] });
    check(take, notes);
  });

  it('non-finite values that no assembler should produce are tolerated', () => {
    const spec = Object.fromEntries(
      rh.notes.map((n) => [n.index, { onsetMs: n.index === 2 ? Number.NaN : n.index === 3 ? Infinity : 1000 + 125 * n.index, velocity: n.index === 4 ? Number.NaN : 70 }]),
    );
    const { take, notes } = handMadeTake(rh, { notes: spec, extras: [{ pitch: 61, onsetMs: Number.NaN }, { pitch: 62, onsetMs: 1100, offsetMs: Infinity }] });
    check({ ...take, bpm: Number.NaN, startMs: Number.NaN }, notes);
  });
});
