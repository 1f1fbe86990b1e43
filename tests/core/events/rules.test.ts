import { describe, expect, it } from 'vitest';
import { detectEvents } from '../../../core/events/detect';
import { DEFAULT_THRESHOLDS } from '../../../core/events/thresholds';
import { scale } from '../../../core/exercises/scale';
import { handMadeTake } from '../../support/metrics-validation';
import type { HandMadeNote } from '../../support/metrics-validation';

const rh = scale({ key: 'C', mode: 'major', hands: 'right', octaves: 2, bpm: 120, subdivision: 4 });
const both = scale({ key: 'C', mode: 'major', hands: 'both', octaves: 2, bpm: 120, subdivision: 4 });
const grid = (index: number) => 1000 + (rh.notes[index]?.step ?? 0) * 125;

/** A take with a little deterministic timing and velocity noise, so robust SDs are not zero. */
function noisy(overrides: Record<number, HandMadeNote> = {}, extras: Parameters<typeof handMadeTake>[1] = {}) {
  const spec: Record<number, HandMadeNote> = {};
  for (const n of rh.notes) {
    const wobble = ((n.index * 37) % 11) - 5; // -5..5 ms
    spec[n.index] = { onsetMs: grid(n.index) + wobble, velocity: 70 + (((n.index * 13) % 7) - 3), durationMs: 140 - wobble };
  }
  return handMadeTake(rh, { ...extras, notes: { ...spec, ...overrides } });
}

const types = (events: readonly { type: string }[]) => events.map((e) => e.type);

describe('detectEvents', () => {
  it('finds nothing in an even take, nor in a perfectly identical one', () => {
    const { take, notes } = noisy();
    expect(detectEvents(take, notes)).toEqual([]);
    const exact = handMadeTake(rh);
    expect(detectEvents(exact.take, exact.notes)).toEqual([]);
  });

  it('flags a late and an early note with evidence and severity', () => {
    const { take, notes } = noisy({ 6: { onsetMs: grid(6) + 90, velocity: 70 }, 20: { onsetMs: grid(20) - 90, velocity: 70 } });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['late', 'early']);
    const late = events[0];
    expect(late?.finger).toBe(rh.notes[6]?.finger);
    expect(late?.timeMs).toBe(grid(6) + 90);
    expect(late?.severity).toBeGreaterThan(1);
    expect(late?.evidence.thresholdMs).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.timingFloorMs);
    expect(late?.evidence.deviationMs).toBeGreaterThan(late?.evidence.thresholdMs ?? Infinity);
  });

  it('keeps a small departure under the absolute floor quiet', () => {
    const exact = handMadeTake(rh, { notes: { 6: { onsetMs: grid(6) + 20 } } });
    expect(detectEvents(exact.take, exact.notes)).toEqual([]);
  });

  it('flags velocity drops and spikes against the finger\'s norm', () => {
    const { take, notes } = noisy({ 4: { onsetMs: grid(4), velocity: 35 }, 24: { onsetMs: grid(24), velocity: 110 } });
    expect(types(detectEvents(take, notes))).toEqual(['velocity-drop', 'velocity-spike']);
  });

  it('flags a stuck key, but not the overlap an early next note causes', () => {
    const stuck = noisy({ 8: { onsetMs: grid(8), durationMs: 600 } });
    const events = detectEvents(stuck.take, stuck.notes);
    expect(types(events)).toEqual(['stuck-key']);
    expect(events[0]?.evidence.overlapMs).toBeGreaterThan(400);
    const early = noisy({ 9: { onsetMs: grid(9) - 110 } });
    expect(types(detectEvents(early.take, early.notes))).toEqual(['early']);
  });

  it('does not call a note whose note-off was lost (closed by assembly, unreleased) a stuck key', () => {
    const { take, notes } = noisy();
    const lost = { ...notes[8]!, offsetMs: 3_600_000, unreleased: true };
    notes[8] = lost;
    const repaired = { ...take, matches: take.matches.map((m, i) => (i === 8 ? { ...m, note: lost } : m)) };
    expect(detectEvents(repaired, notes)).toEqual([]);
  });

  it('reports missed notes one by one, and a stretch of them as one event', () => {
    const one = noisy({ 10: { onsetMs: null } });
    const events = detectEvents(one.take, one.notes);
    expect(types(events)).toEqual(['missed-note']);
    expect(events[0]?.timeMs).toBeCloseTo(grid(10), -1);
    const stretch = noisy({ 10: { onsetMs: null }, 11: { onsetMs: null }, 12: { onsetMs: null }, 13: { onsetMs: null } });
    const collapsed = detectEvents(stretch.take, stretch.notes);
    expect(types(collapsed)).toEqual(['missed-note']);
    expect(collapsed[0]?.evidence.missed).toBe(4);
  });

  it('sorts extra notes into co-activation, tremor and plain extra notes', () => {
    const target = rh.notes[5];
    const pitch = target?.pitch ?? 60;
    const onset = grid(5);
    const { take, notes } = noisy({}, {
      extras: [
        // co-activation: a neighbouring black key 15 ms after, 40 ms long, soft.
        { pitch: pitch + 1, onsetMs: onset + 15, offsetMs: onset + 55, velocity: 30 },
        // tremor: three re-strikes of one key 60 ms apart.
        { pitch: rh.notes[15]?.pitch ?? 70, onsetMs: grid(15) + 60, offsetMs: grid(15) + 90, velocity: 30 },
        { pitch: rh.notes[15]?.pitch ?? 70, onsetMs: grid(15) + 120, offsetMs: grid(15) + 150, velocity: 30 },
        { pitch: rh.notes[15]?.pitch ?? 70, onsetMs: grid(15) + 180, offsetMs: grid(15) + 210, velocity: 30 },
        // plain extra: far key, normal length and strength.
        { pitch: (rh.notes[22]?.pitch ?? 60) + 7, onsetMs: grid(22) + 50, offsetMs: grid(22) + 200, velocity: 70 },
      ],
    });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['co-activation', 'tremor', 'extra-note']);
    expect(events[0]?.finger).toBe(target?.finger);
    expect(events[0]?.evidence.intendedPitch).toBe(pitch);
    expect(events[1]?.evidence.strikes).toBe(3);
    // Keys are named as a pianist reads them (scientific pitch, middle C = C4), MIDI number after.
    expect(pitch).toBe(69); // A4: the co-activated neighbour is A#4
    expect(events[0]?.detail).toContain('neighbouring key A#4 (MIDI 70) pressed');
    expect(events[2]?.detail).toMatch(/^Extra key [A-G]#?\d \(MIDI \d+\) struck/);
    expect(events.map((e) => e.detail).join(' ')).not.toMatch(/pitch \d/);
  });

  it('words a co-activation that starts just before the intended key as "before", not "-10 ms after"', () => {
    const pitch = rh.notes[5]?.pitch ?? 60;
    const { take, notes } = noisy({ 5: { onsetMs: grid(5), velocity: 70 } }, { extras: [{ pitch: pitch + 1, onsetMs: grid(5) - 10, offsetMs: grid(5) + 30, velocity: 30 }] });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['co-activation']);
    expect(events[0]?.evidence.lagMs).toBeCloseTo(-10, 9);
    expect(events[0]?.detail).toContain('10 ms before the intended one');
  });

  it('does not call a loud or long neighbouring key a co-activation', () => {
    const pitch = rh.notes[5]?.pitch ?? 60;
    const loud = noisy({}, { extras: [{ pitch: pitch + 1, onsetMs: grid(5) + 15, offsetMs: grid(5) + 55, velocity: 75 }] });
    expect(types(detectEvents(loud.take, loud.notes))).toEqual(['extra-note']);
    const long = noisy({}, { extras: [{ pitch: pitch + 1, onsetMs: grid(5) + 15, offsetMs: grid(5) + 300, velocity: 30 }] });
    expect(types(detectEvents(long.take, long.notes))).toEqual(['extra-note']);
  });

  it('reports a stop and restart as one breakdown, absorbing replayed notes', () => {
    const spec: Record<number, HandMadeNote> = {};
    for (const n of rh.notes) spec[n.index] = { onsetMs: grid(n.index) + (n.index > 12 ? 1000 : 0) };
    const replay = [11, 12].map((i, k) => ({ pitch: rh.notes[i]?.pitch ?? 60, onsetMs: grid(12) + 700 + k * 125, velocity: 70 }));
    const { take, notes } = handMadeTake(rh, { notes: spec, extras: replay });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['breakdown']);
    expect(events[0]?.timeMs).toBe(grid(12));
    expect(events[0]?.evidence.restartNotes).toBe(2);
    expect(events[0]?.evidence.gapMs).toBeCloseTo(1125, 9);
  });

  it('reports one breakdown when both hands stop together', () => {
    const spec: Record<number, HandMadeNote> = {};
    for (const n of both.notes) spec[n.index] = { onsetMs: 1000 + n.step * 125 + (n.step > 12 ? 1000 : 0) };
    const { take, notes } = handMadeTake(both, { notes: spec });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['breakdown']);
    expect(events[0]?.evidence.hands).toBe(2);
  });

  it('reports a take the aligner closed at a breakdown, and no missed notes beyond its span', () => {
    const spec: Record<number, HandMadeNote> = {};
    for (let i = 18; i < rh.notes.length; i += 1) spec[i] = { onsetMs: null };
    const { take, notes } = handMadeTake(rh, { notes: spec, span: { from: 0, to: 18 }, breakdown: true });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['breakdown']);
    expect(events[0]?.evidence.reachedTo).toBe(18);
    expect(events[0]?.finger).toBe(rh.notes[18]?.finger);
  });

  it('counts the notes a late-started take really played when it broke off', () => {
    const spec: Record<number, HandMadeNote> = {};
    for (let i = 0; i < 6; i += 1) spec[i] = { onsetMs: null };
    for (let i = 18; i < rh.notes.length; i += 1) spec[i] = { onsetMs: null };
    const { take, notes } = handMadeTake(rh, { notes: spec, span: { from: 6, to: 18 }, breakdown: true });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['breakdown']);
    expect(events[0]?.evidence.reachedTo).toBe(18);
    expect(events[0]?.detail).toContain(`after 12 of ${rh.notes.length} expected notes`);
  });

  it('accepts threshold overrides', () => {
    const { take, notes } = noisy({ 6: { onsetMs: grid(6) + 25 } });
    expect(detectEvents(take, notes)).toEqual([]);
    expect(types(detectEvents(take, notes, undefined, { robustSds: 2, timingFloorMs: 10 }))).toContain('late');
  });
});

describe('displaced notes', () => {
  it('reads a missed note plus a same-pitch extra near its slot as one late note', () => {
    const { take, notes } = noisy({ 7: { onsetMs: null } }, {
      extras: [{ pitch: rh.notes[7]?.pitch ?? 60, onsetMs: grid(7) + 100, offsetMs: grid(7) + 200, velocity: 70 }],
    });
    const events = detectEvents(take, notes);
    expect(types(events)).toEqual(['late']);
    expect(events[0]?.evidence.displaced).toBe(1);
    expect(events[0]?.evidence.deviationMs).toBeCloseTo(100, -1);
  });

  it('leaves a same-pitch extra far from the missed slot as missed + extra', () => {
    const { take, notes } = noisy({ 7: { onsetMs: null } }, {
      extras: [{ pitch: rh.notes[7]?.pitch ?? 60, onsetMs: grid(7) + 600, offsetMs: grid(7) + 700, velocity: 70 }],
    });
    expect(types(detectEvents(take, notes)).sort()).toEqual(['extra-note', 'missed-note']);
  });
});

describe('breakdown seen as a silence in the note stream', () => {
  it('is found even when the notes after the stop were left unmatched', () => {
    const spec: Record<number, HandMadeNote> = {};
    for (let i = 13; i < rh.notes.length; i += 1) spec[i] = { onsetMs: null };
    const extras = rh.notes.slice(13).map((n) => ({ pitch: n.pitch, onsetMs: grid(n.index) + 1000, velocity: 70 }));
    const { take, notes } = handMadeTake(rh, { notes: spec, extras });
    const events = detectEvents(take, notes).filter((e) => e.type === 'breakdown');
    expect(events).toHaveLength(1);
    expect(events[0]?.evidence.bySilence).toBe(1);
    expect(events[0]?.timeMs).toBe(grid(12));
  });
});
