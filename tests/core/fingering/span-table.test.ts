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
  it('knows 24 scales and 24 triads with the library fingering inside a run', () => {
    const patterns = fingeringPatterns();
    expect(patterns).toHaveLength(48);
    const c = patterns.find((p) => p.name === 'C major scale')!;
    expect(c.right[5]).toBe(1); // F takes the thumb
    expect(c.left[7]).toBe(1); // G takes the left thumb
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
