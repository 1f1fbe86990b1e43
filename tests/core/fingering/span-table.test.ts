import { describe, expect, it } from 'vitest';
import { isPracticalPair, pairSpan, spanLimits } from '../../../core/fingering/span-table';
import { fingeringPatterns, patternPriors } from '../../../core/fingering/patterns';
import { separateHands } from '../../../core/fingering/hands';

describe('span table (Parncutt et al. 1997)', () => {
  it('holds the published rows', () => {
    expect(spanLimits(1, 2)).toEqual({ minPrac: -5, minComf: -3, minRel: 1, maxRel: 5, maxComf: 8, maxPrac: 10 });
    expect(spanLimits(4, 5)).toEqual({ minPrac: 1, minComf: 1, minRel: 1, maxRel: 2, maxComf: 3, maxPrac: 5 });
    expect(() => spanLimits(3, 3)).toThrow(RangeError);
  });

  it('allows a thumb pass but not a crossing of two fingers, and mirrors the left hand', () => {
    expect(isPracticalPair('right', 1, 60, 2, 58)).toBe(true);
    expect(isPracticalPair('right', 3, 60, 4, 58)).toBe(false);
    expect(isPracticalPair('left', 3, 60, 4, 58)).toBe(true);
    expect(isPracticalPair('right', 1, 60, 5, 76)).toBe(false); // 16 semitones > 15
    expect(pairSpan('left', 1, 60, 5, 48)).toBe(12);
  });
});

describe('scale and arpeggio patterns', () => {
  it('knows 48 scales (major, harmonic, melodic and natural minor) and 24 triads with the library fingering inside a run', () => {
    const patterns = fingeringPatterns();
    expect(patterns).toHaveLength(72);
    const c = patterns.find((p) => p.name === 'C major scale')!;
    expect(c.tonic).toBe(0);
    expect(c.up.right[5]).toBe(1); // F takes the thumb
    expect(c.down.left[7]).toBe(1); // G takes the left thumb
    // A natural minor has C major's notes but its own fingering (thumb on D, not on F).
    const aNatural = patterns.find((p) => p.name === 'A natural minor scale')!;
    expect(aNatural.pitchClasses).toBe(c.pitchClasses);
    expect(aNatural.tonic).toBe(9);
    expect(aNatural.up.right[2]).toBe(1);
    expect(aNatural.up.right[5]).toBe(3);
    // The melodic minor rises through F# and G# and falls through G and F.
    const aMelodic = patterns.find((p) => p.name === 'A melodic minor scale')!;
    expect([6, 8].map((pc) => (aMelodic.up.pitchClasses >> pc) & 1)).toEqual([1, 1]);
    expect([5, 7].map((pc) => (aMelodic.up.pitchClasses >> pc) & 1)).toEqual([0, 0]);
    expect([5, 7].map((pc) => (aMelodic.down.pitchClasses >> pc) & 1)).toEqual([1, 1]);
    expect([6, 8].map((pc) => (aMelodic.down.pitchClasses >> pc) & 1)).toEqual([0, 0]);
  });

  it('tells a natural minor run from its relative major by the tonic at its bottom, and leaves others to the costs', () => {
    const onsets = [0, 100, 200, 300, 400, 500, 600, 700];
    const single = onsets.map(() => true);
    const aMinor = [57, 59, 60, 62, 64, 65, 67, 69];
    expect(patternPriors(aMinor, aMinor, onsets, 'right', single)).toEqual([0, 2, 3, 1, 2, 3, 4, 0]);
    const cMajor = [60, 62, 64, 65, 67, 69, 71, 72];
    expect(patternPriors(cMajor, cMajor, onsets, 'right', single)).toEqual([0, 2, 3, 1, 2, 3, 4, 0]);
    // From E, the tonic of no key with these notes: C major and A minor disagree, so no prior.
    const fromE = [64, 65, 67, 69, 71, 72, 74, 76];
    expect(patternPriors(fromE, fromE, onsets, 'right', single).every((finger) => finger === 0)).toBe(true);
  });

  it('matches a melodic minor up and down with its own notes each way', () => {
    const up = [57, 59, 60, 62, 64, 66, 68, 69];
    const pitches = [...up, 67, 65, 64, 62, 60, 59, 57];
    const onsets = pitches.map((_, i) => i * 100);
    const prior = patternPriors(pitches, pitches, onsets, 'right', pitches.map(() => true));
    // Library A melodic minor, right hand: 1 2 3 1 2 3 4 5 4 3 2 1 3 2 1 (the ends left to the costs).
    expect(prior).toEqual([0, 2, 3, 1, 2, 3, 4, 0, 4, 3, 2, 1, 3, 2, 0]);
  });

  it('gives priors inside a run, none at its ends', () => {
    const pitches = [60, 62, 64, 65, 67, 69];
    expect(patternPriors(pitches, pitches, [0, 100, 200, 300, 400, 500], 'right', pitches.map(() => true))).toEqual([0, 2, 3, 1, 2, 0]);
  });

  it('separates two hands an octave and more apart with high confidence (doc example)', () => {
    const out = separateHands([{ pitch: 72, onsetMs: 0, offsetMs: 400 }, { pitch: 48, onsetMs: 0, offsetMs: 400 }]);
    expect(out.map((e) => e.hand)).toEqual(['right', 'left']);
    for (const e of out) expect(e.confidence).toBeGreaterThan(0.9);
  });
});
