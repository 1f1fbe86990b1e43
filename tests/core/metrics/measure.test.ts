import { describe, expect, it } from 'vitest';
import { scale } from '../../../core/exercises/scale';
import { measureTake, noteDeviations } from '../../../core/metrics/measure';
import { meanSd } from '../../../core/metrics/stats';
import type { TakeMetrics } from '../../../core/metrics/types';
import { getExercise } from '../../../core/exercises/library';
import type { Take } from '../../../core/align/types';
import type { Hand } from '../../../core/exercises/types';
import { perform } from '../../support/performer';
import { handMadeTake, truthTakes } from '../../support/metrics-validation';

const rh = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 1, bpm: 120, subdivision: 4 });
const both = scale({ key: 'C', mode: 'major', hands: 'both', octaves: 1, bpm: 120, subdivision: 4 });

function allFinite(metrics: TakeMetrics): boolean {
  const walk = (value: unknown): boolean => {
    if (typeof value === 'number') return Number.isFinite(value);
    if (Array.isArray(value)) return value.every(walk);
    if (value !== null && typeof value === 'object') return Object.values(value).every(walk);
    return true;
  };
  return walk(metrics);
}

describe('measureTake on a perfectly even take', () => {
  const { take, notes } = handMadeTake(rh);
  const metrics = measureTake(take, notes);

  it('gives zero deviations, zero IOI SDs and zero unevenness', () => {
    expect(metrics.notes.every((m) => Math.abs(m.deviationMs ?? 1) < 1e-9)).toBe(true);
    expect(metrics.hands.map((h) => h.ioiSdMs)).toEqual([0, 0]);
    expect(metrics.unevennessMs).toBe(0);
    expect(metrics.stepMs).toBeCloseTo(125, 9);
  });

  it('reports per hand x finger over both directions and per direction', () => {
    const fingers = new Set(rh.notes.map((n) => n.finger));
    expect(metrics.fingers.filter((f) => f.direction === 'all').map((f) => f.finger)).toEqual([...fingers].sort());
    expect(metrics.fingers.some((f) => f.direction === 'up')).toBe(true);
    expect(metrics.fingers.some((f) => f.direction === 'down')).toBe(true);
    const thumb = metrics.fingers.find((f) => f.finger === 1 && f.direction === 'all');
    expect(thumb?.count).toBe(rh.notes.filter((n) => n.finger === 1).length);
    expect(thumb?.velocity).toEqual({ count: thumb?.count, mean: 70, sd: 0, cv: 0 });
  });

  it('measures legato overlap with the hand\'s next note and key-down duration', () => {
    const last = metrics.notes[metrics.notes.length - 1];
    expect(last?.legatoOverlapMs).toBeNull();
    expect(metrics.notes.slice(0, -1).every((m) => Math.abs((m.legatoOverlapMs ?? 0) - 15) < 1e-9)).toBe(true);
    expect(metrics.overall.durationMs.mean).toBeCloseTo(140, 9);
  });

  it('counts everything', () => {
    expect(metrics.counts).toMatchObject({ expected: 15, matched: 15, missed: 0, wrongPitch: 0, extra: 0, timed: 15, gaps: 0, unreached: 0 });
    // Two runs (8 up, 7 down): 7 + 6 IOIs.
    expect(metrics.counts.iois).toBe(13);
  });
});

describe('onset deviation from the run line', () => {
  it('is the residual of a least-squares line: one late note keeps (1 - h_ii) of its delay', () => {
    const { take, notes } = handMadeTake(rh, { notes: { 2: { onsetMs: 1000 + 2 * 125 + 40 } } });
    const metrics = measureTake(take, notes);
    // Run 0 holds steps 0..7 (n = 8, mean 3.5, Sxx = 42); note 2 has h = 1/8 + 1.5^2/42.
    const h = 1 / 8 + 2.25 / 42;
    expect(metrics.notes[2]?.deviationMs).toBeCloseTo(40 * (1 - h), 9);
    // The descending run is untouched.
    expect(metrics.notes.filter((m) => m.run === 1).every((m) => Math.abs(m.deviationMs ?? 1) < 1e-9)).toBe(true);
  });

  it('removes tempo drift: a steadily slowing run has zero deviation', () => {
    const spec: Record<number, { onsetMs: number }> = {};
    rh.notes.forEach((n) => {
      spec[n.index] = { onsetMs: 1000 + n.step * (n.run === 0 ? 125 : 140) + (n.run === 1 ? 7 * 125 - 7 * 140 : 0) };
    });
    const metrics = measureTake(handMadeTake(rh, { notes: spec }).take, []);
    expect(metrics.notes.every((m) => Math.abs(m.deviationMs ?? 1) < 1e-6)).toBe(true);
  });

  it('is exposed per note index by noteDeviations', () => {
    const { take } = handMadeTake(rh, { notes: { 2: { onsetMs: 1290 } } });
    const map = noteDeviations(take);
    expect(map.size).toBe(15);
    expect(map.get(take.matches[2]?.noteIndex ?? -1)).toBeGreaterThan(30);
  });
});

describe('IOI SD and unevenness', () => {
  it('is the plain SD of each run\'s IOIs, averaged over runs per hand and direction', () => {
    const wobble = [0, 10, -5, 8, 0, -7, 3, 0, 6, -4, 9, 0, -8, 2, 0];
    const spec: Record<number, { onsetMs: number }> = {};
    rh.notes.forEach((n) => (spec[n.index] = { onsetMs: 1000 + n.step * 125 + (wobble[n.index] ?? 0) }));
    const { take } = handMadeTake(rh, { notes: spec });
    const metrics = measureTake(take, []);
    const onsets = rh.notes.map((n) => spec[n.index]?.onsetMs ?? 0);
    const upIois = onsets.slice(1, 8).map((t, i) => t - (onsets[i] ?? 0));
    const downIois = onsets.slice(9, 15).map((t, i) => t - (onsets[i + 8] ?? 0));
    const up = metrics.hands.find((h) => h.direction === 'up');
    const down = metrics.hands.find((h) => h.direction === 'down');
    expect(up?.ioiSdMs).toBeCloseTo(meanSd(upIois).sd, 9);
    expect(down?.ioiSdMs).toBeCloseTo(meanSd(downIois).sd, 9);
    expect(metrics.unevennessMs).toBeCloseTo((meanSd(upIois).sd + meanSd(downIois).sd) / 2, 9);
  });

  it('takes the median over both hands and directions', () => {
    const spec: Record<number, { onsetMs: number }> = {};
    both.notes.forEach((n) => (spec[n.index] = { onsetMs: 1000 + n.step * 125 + (n.hand === 'left' && n.position % 2 === 1 ? 20 : 0) }));
    const metrics = measureTake(handMadeTake(both, { notes: spec }).take, []);
    expect(metrics.hands).toHaveLength(4);
    const sds = metrics.hands.map((h) => h.ioiSdMs).sort((a, b) => a - b);
    expect(metrics.unevennessMs).toBeCloseTo(((sds[1] ?? 0) + (sds[2] ?? 0)) / 2, 9);
    expect(metrics.hands.filter((h) => h.hand === 'right').every((h) => h.ioiSdMs === 0)).toBe(true);
  });
});

describe('exclusions and splits', () => {
  it('leaves wrong-pitch and missed notes out of fits, IOIs, velocity and legato', () => {
    const { take, notes } = handMadeTake(rh, { notes: { 3: { onsetMs: 1000 + 3 * 125 + 60, wrongPitch: true }, 5: { onsetMs: null } } });
    const metrics = measureTake(take, notes);
    expect(metrics.notes[3]?.deviationMs).toBeNull();
    expect(metrics.notes[3]?.velocity).toBeNull();
    expect(metrics.notes[5]?.deviationMs).toBeNull();
    expect(metrics.notes[5]?.predictedOnsetMs).toBeCloseTo(1000 + 5 * 125, 9);
    expect(metrics.notes.filter((m) => m.deviationMs !== null).every((m) => Math.abs(m.deviationMs ?? 1) < 1e-9)).toBe(true);
    expect(metrics.counts).toMatchObject({ matched: 13, wrongPitch: 1, missed: 1, timed: 13 });
    // IOIs touching notes 3 and 5 (3 of the 7 up-run IOIs... 2->3, 3->4, 4->5, 5->6) are dropped.
    expect(metrics.runs[0]?.ioiMs.count).toBe(3);
  });

  it('splits a run at a stop far beyond the grid, so the stop does not bend the line', () => {
    const spec: Record<number, { onsetMs: number }> = {};
    both.notes.forEach((n) => (spec[n.index] = { onsetMs: 1000 + n.step * 125 + (n.step >= 4 ? 900 : 0) }));
    const metrics = measureTake(handMadeTake(both, { notes: spec }).take, []);
    expect(metrics.counts.gaps).toBe(2);
    expect(metrics.gaps[0]?.excessMs).toBeCloseTo(900, 9);
    expect(metrics.notes.every((m) => Math.abs(m.deviationMs ?? 0) < 1e-9)).toBe(true);
    expect(metrics.unevennessMs).toBe(0);
  });

  it('treats expected notes outside take.span as unreached, not missed', () => {
    const notesSpec: Record<number, { onsetMs: null }> = {};
    for (let i = 10; i < 15; i += 1) notesSpec[i] = { onsetMs: null };
    const { take, notes } = handMadeTake(rh, { notes: notesSpec, span: { from: 0, to: 10 }, breakdown: true });
    const metrics = measureTake(take, notes);
    expect(metrics.counts).toMatchObject({ missed: 0, unreached: 5, matched: 10 });
    expect(metrics.notes[12]?.reached).toBe(false);
  });

  it('never gives NaN for empty, one-note and two-note takes', () => {
    for (const played of [0, 1, 2]) {
      const spec: Record<number, { onsetMs: number | null }> = {};
      rh.notes.forEach((n) => (spec[n.index] = { onsetMs: n.index < played ? 1000 + 125 * n.index : null }));
      const { take, notes } = handMadeTake(rh, { notes: spec });
      const metrics = measureTake(take, notes);
      expect(allFinite(metrics)).toBe(true);
      expect(metrics.counts.timed).toBe(0);
      expect(metrics.unevennessMs).toBe(0);
    }
    const empty = measureTake({ ...handMadeTake(rh).take, matches: [] }, []);
    expect(empty.fingers).toEqual([]);
    expect(allFinite(empty)).toBe(true);
  });
});

describe('legato overlap and key-down duration are only measured where a release was played', () => {
  it('gives no legato overlap across a stop (the silence is not a legato gap)', () => {
    const spec: Record<number, { onsetMs: number }> = {};
    rh.notes.forEach((n) => (spec[n.index] = { onsetMs: 1000 + n.step * 125 + (n.step >= 4 ? 900 : 0) }));
    const metrics = measureTake(handMadeTake(rh, { notes: spec }).take, []);
    expect(metrics.counts.gaps).toBe(1);
    expect(metrics.gaps[0]?.beforeMatch).toBe(3);
    expect(metrics.notes[3]?.legatoOverlapMs).toBeNull();
    // Every other note but the last keeps its +15 ms overlap, so the summaries are not dragged by the stop.
    expect(metrics.overall.legatoOverlapMs).toEqual({ count: 13, mean: expect.closeTo(15, 9), sd: expect.closeTo(0, 9) });
  });

  it('does not measure the key-down of a note the assembler closed without a release (unreleased)', () => {
    const { take, notes } = handMadeTake(rh);
    // Note 4's note-off was lost: assembly closed it at the end of the stream, an hour later.
    const lost = { ...notes[4]!, offsetMs: 3_600_000, unreleased: true };
    notes[4] = lost;
    const repaired = { ...take, matches: take.matches.map((m, i) => (i === 4 ? { ...m, note: lost } : m)) };
    const metrics = measureTake(repaired, notes);
    expect(metrics.notes[4]?.durationMs).toBeNull();
    expect(metrics.notes[4]?.legatoOverlapMs).toBeNull();
    expect(metrics.notes[4]?.deviationMs).toBeCloseTo(0, 9); // its onset is real and still timed
    expect(metrics.notes[4]?.velocity).toBe(70);
    expect(metrics.overall.durationMs.mean).toBeCloseTo(140, 9);
  });
});

describe('hands together', () => {
  // Each hand of a hands-together take must measure exactly as that hand's notes alone would:
  // same fits, IOIs, velocities, durations and legato with the same hand's next note.
  const ids = ['scale-c-major-both-2oct', 'scale-d-harmonic-minor-contrary-2oct', 'arpeggio-eb-major-both-2oct', 'chromatic-both-1oct', 'five-finger-g-minor-both'];
  for (const [k, id] of ids.entries()) {
    it(`measures each hand of ${id} as if it had been played alone`, () => {
      const exercise = getExercise(id);
      if (!exercise) throw new Error(id);
      const performance = perform(exercise, { seed: 40 + k, tempoDrift: 0.03, fingers: { 'left-4': { biasMs: 25, legatoMs: 60 }, 'right-5': { biasMs: -15 } } });
      const take = truthTakes(performance)[0];
      if (!take) throw new Error('no take');
      const together = measureTake(take, performance.notes);
      for (const hand of ['right', 'left'] as const satisfies readonly Hand[]) {
        const matches = take.matches.filter((m) => m.expected.hand === hand);
        const alone: Take = { ...take, exercise: { ...exercise, hands: hand, notes: matches.map((m) => m.expected) }, matches };
        const single = measureTake(alone, performance.notes);
        expect(together.fingers.filter((f) => f.hand === hand)).toEqual(single.fingers);
        expect(together.hands.filter((h) => h.hand === hand)).toEqual(single.hands);
        expect(together.thumbPassage.filter((t) => t.hand === hand)).toEqual(single.thumbPassage);
        const own = together.notes.filter((m) => m.hand === hand);
        expect(own.map((m) => m.legatoOverlapMs)).toEqual(single.notes.map((m) => m.legatoOverlapMs));
        expect(own.filter((m) => m.legatoOverlapMs !== null).length).toBeGreaterThan(own.length - 3);
      }
    });
  }
});
