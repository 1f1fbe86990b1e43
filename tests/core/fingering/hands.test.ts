import { describe, expect, it } from 'vitest';
import { createHandSeparator, separateHands } from '../../../core/fingering/hands';
import type { HandInputNote } from '../../../core/fingering/hands';
import { hanndsFiles, loadHannds } from '../../support/hannds';

const note = (pitch: number, onsetMs: number, durationMs = 180): HandInputNote => ({ pitch, onsetMs, offsetMs: onsetMs + durationMs });

describe('separateHands', () => {
  it('gives a bass line and a melody far apart to the left and right hands', () => {
    const notes: HandInputNote[] = [];
    for (let i = 0; i < 16; i++) {
      notes.push(note(72 + (i % 5), i * 250));
      if (i % 2 === 0) notes.push(note(43 + (i % 3), i * 250 + 3, 480));
    }
    const estimates = separateHands(notes);
    estimates.forEach((estimate, i) => expect(estimate.hand).toBe(notes[i]!.pitch >= 60 ? 'right' : 'left'));
    for (const estimate of estimates) expect(estimate.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('splits a wide chord between the hands at its largest gap, even above middle C', () => {
    const chord = [62, 65, 69, 81, 84, 88].map((pitch) => note(pitch, 1000 + pitch / 10, 800));
    const hands = separateHands(chord).map((estimate) => estimate.hand);
    expect(hands).toEqual(['left', 'left', 'left', 'right', 'right', 'right']);
  });

  it('answers index for index whatever the input order', () => {
    const notes = [note(80, 500), note(40, 0), note(82, 0), note(41, 500)];
    expect(separateHands(notes).map((e) => e.hand)).toEqual(['right', 'left', 'right', 'left']);
  });

  it('rejects a note without a finite onset', () => {
    expect(() => separateHands([note(60, Number.NaN)])).toThrow(RangeError);
  });

  it('streams: each note is decided once its onset group is complete and lagNotes notes followed, as the batch call decides it', () => {
    const notes = Array.from({ length: 40 }, (_, i) => note(i % 2 ? 48 + (i % 7) : 70 + (i % 5), i * 120));
    const live = createHandSeparator({ lagNotes: 6 });
    const decided: string[] = [];
    notes.forEach((n, i) => {
      const out = live.push(n);
      // Note i completes the group of note i - 1 (120 ms apart, past the 35 ms chord window).
      expect(out.map((d) => d.index)).toEqual(i >= 7 ? [i - 7] : []);
      decided.push(...out.map((d) => d.hand));
    });
    decided.push(...live.flush().map((d) => d.hand));
    expect(decided).toEqual(separateHands(notes, { lagNotes: 6 }).map((e) => e.hand));
  });

  it('streams a chord as one group: its notes wait for the first note after the chord window', () => {
    const live = createHandSeparator({ lagNotes: 0 });
    expect(live.push(note(48, 0))).toEqual([]);
    expect(live.push(note(72, 10))).toEqual([]);
    expect(live.push(note(76, 20))).toEqual([]);
    const out = live.push(note(74, 400));
    expect(out.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(out.map((d) => d.hand)).toEqual(['left', 'right', 'right']);
    expect(live.flush().map((d) => d.index)).toEqual([3]);
  });

  it('rejects weights of the wrong length', () => {
    expect(() => createHandSeparator({ weights: [1] })).toThrow(RangeError);
  });
});

// Real performances (hannds, MIT): the full data set runs in scripts/validate-hands.ts.
const SUBSET = [
  'Satie-Gymnopedie_No1.mid',
  'Prokofjew_VisionsFugitivesOp22_VI.mid',
  'Grieg-lyrStuecke_FedrelandssangOp12No8.mid',
  'Schubert_WalzerHMoll_ausD145.mid',
  'Mayer_Etuede_Op340No15.mid',
  'BachJS-FrzSuite2_Menuett.mid',
];
const available = SUBSET.every((file) => hanndsFiles().includes(file));

describe.skipIf(!available)('separateHands on real two-hand playing (hannds subset)', () => {
  it('gets the hand of at least 88.5 % of 1,984 notes of six short, hard pieces (measured 89.5 %)', () => {
    let right = 0;
    let total = 0;
    for (const file of SUBSET) {
      const piece = loadHannds(file);
      const estimates = separateHands(piece.notes);
      right += estimates.filter((estimate, i) => estimate.hand === piece.hands[i]).length;
      total += piece.notes.length;
    }
    expect(total).toBe(1984);
    expect(right / total).toBeGreaterThanOrEqual(0.885);
  });
});
