import { describe, expect, it } from 'vitest';
import { exerciseIds, getExercise, listExercises } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises';

const fingersOf = (e: Exercise, hand: 'left' | 'right'): string =>
  e.notes.filter((n) => n.hand === hand).map((n) => n.finger).join('');

describe('exercise catalogue', () => {
  const all = listExercises();

  it('lists every variant: 672 scales (major, harmonic, melodic, natural minor), 288 arpeggios, 72 five-finger, 12 chromatic, 20 trills, 10 repeated, 2 clinical', () => {
    const count = (kind: string): number => all.filter((e) => e.kind === kind).length;
    expect(count('scale')).toBe(48 * (4 * 3 + 2));
    expect(count('arpeggio')).toBe(24 * 4 * 3);
    expect(count('five-finger')).toBe(24 * 3);
    expect(count('chromatic')).toBe(4 * 3);
    expect(count('trill')).toBe(20);
    expect(count('repeated-note')).toBe(10);
    expect(count('clinical-scale')).toBe(2);
    // Hanon: 12 exercises x (right, left, both).
    expect(count('hanon')).toBe(12 * 3);
    expect(all).toHaveLength(1076 + 36);
  });

  it('is built once and shared', () => {
    expect(listExercises()).toBe(all);
    expect(getExercise('scale-c-major-rh-2oct')).toBe(all.find((e) => e.id === 'scale-c-major-rh-2oct'));
  });

  it('has unique, readable ids', () => {
    const ids = exerciseIds();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    for (const id of ['scale-c-major-rh-2oct', 'scale-a-harmonic-minor-both-1oct', 'scale-c-major-contrary-2oct',
      'arpeggio-g-major-lh-3oct', 'five-finger-d-minor-rh', 'trill-rh-3-4', 'repeated-rh-4', 'chromatic-rh-1oct',
      'clinical-scale-rh', 'clinical-scale-lh', 'scale-fsharp-major-lh-4oct', 'scale-eb-harmonic-minor-rh-1oct']) {
      expect(ids, id).toContain(id);
    }
  });

  it('looks ids up case-insensitively, with # for sharp, and returns undefined for unknown ids', () => {
    expect(getExercise('SCALE-F#-MAJOR-RH-1OCT')?.id).toBe('scale-fsharp-major-rh-1oct');
    expect(getExercise('scale-h-major-rh-1oct')).toBeUndefined();
    expect(getExercise('scale-c-dorian-rh-1oct')).toBeUndefined();
    expect(getExercise('scale-C-Melodic-Minor-RH-1oct')?.mode).toBe('melodic minor');
    expect(getExercise('scale-f#-natural-minor-contrary-2oct')?.mode).toBe('natural minor');
  });

  it('every exercise is well formed: MIDI pitches on the piano, steps non-decreasing, index in order', () => {
    for (const e of all) {
      expect(e.notes.length, e.id).toBeGreaterThan(0);
      expect(e.subdivision).toBeGreaterThan(0);
      expect(e.bpm).toBeGreaterThan(0);
      e.notes.forEach((n, i) => {
        expect(n.index).toBe(i);
        expect(Number.isInteger(n.pitch) && n.pitch >= 21 && n.pitch <= 108, `${e.id} note ${i} pitch ${n.pitch}`).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(n.finger);
        const previous = e.notes[i - 1];
        if (previous !== undefined) {
          expect(n.step).toBeGreaterThanOrEqual(previous.step);
          if (n.step === previous.step) expect([previous.hand, n.hand]).toEqual(['left', 'right']);
        }
      });
      const hands = new Set(e.notes.map((n) => n.hand));
      expect([...hands].sort()).toEqual(e.hands === 'both' ? ['left', 'right'] : [e.hands]);
      for (const hand of hands) {
        const mine = e.notes.filter((n) => n.hand === hand);
        expect(mine.map((n) => n.position)).toEqual([...mine.keys()]);
        expect(mine.map((n) => n.step)).toEqual([...mine.keys()]);
      }
    }
  });

  it('pairs the hands in hands-together exercises: one note of each hand on every step', () => {
    for (const e of all.filter((x) => x.hands === 'both')) {
      const left = e.notes.filter((n) => n.hand === 'left');
      const right = e.notes.filter((n) => n.hand === 'right');
      expect(left.length, e.id).toBe(right.length);
      left.forEach((n, i) => {
        const partner = right[i];
        expect(partner?.step).toBe(n.step);
        expect(partner?.run).toBe(n.run);
        if (e.motion === 'parallel') {
          expect(partner?.pitch).toBe(n.pitch + 12);
          expect(partner?.direction).toBe(n.direction);
        } else {
          expect(partner?.direction).not.toBe(n.direction);
        }
      });
    }
  });

  it('spot checks against the tables', () => {
    const c2 = getExercise('scale-c-major-rh-2oct');
    expect(c2 && fingersOf(c2, 'right')).toBe('123123412312345' + '43213214321321');
    const b2 = getExercise('scale-b-major-lh-2oct');
    expect(b2 && fingersOf(b2, 'left')).toBe('432143213214321' + '23412312341234');
    const db1 = getExercise('scale-db-major-rh-1oct');
    expect(db1 && fingersOf(db1, 'right')).toBe('23123412' + '1432132');
    const f1 = getExercise('scale-f-major-both-1oct');
    expect(f1 && fingersOf(f1, 'right')).toBe('12341234' + '3214321');
    expect(f1 && fingersOf(f1, 'left')).toBe('54321321' + '2312345');
    const csm = getExercise('scale-csharp-harmonic-minor-lh-1oct');
    expect(csm && fingersOf(csm, 'left')).toBe('32143213' + '1234123');
    const g3 = getExercise('scale-g-major-rh-3oct');
    expect(g3 && fingersOf(g3, 'right').slice(0, 22)).toBe('1231234123123412312345');
  });

  it('clinical presets: C major 2 octaves per hand, sixteenths at 120 bpm, 10 repetitions', () => {
    for (const [id, hand] of [['clinical-scale-rh', 'right'], ['clinical-scale-lh', 'left']] as const) {
      const e = getExercise(id);
      expect(e?.kind).toBe('clinical-scale');
      expect(e?.key).toBe('C');
      expect(e?.hands).toBe(hand);
      expect(e?.octaves).toBe(2);
      expect(e?.bpm).toBe(120);
      expect(e?.subdivision).toBe(4);
      expect(e?.repetitions).toBe(10);
      expect(e?.notes).toHaveLength(29);
      expect(e?.notes.map((n) => n.finger)).toEqual(getExercise(`scale-c-major-${hand === 'right' ? 'rh' : 'lh'}-2oct`)?.notes.map((n) => n.finger));
    }
  });
});
