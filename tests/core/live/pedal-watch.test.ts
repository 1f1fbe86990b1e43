import { describe, expect, it } from 'vitest';
import { createPedalWatch, pedalNote, pedalValue } from '../../../core/live/pedal-watch';

describe('pedal "always down" watch', () => {
  it('warns after 20 notes over 8 s with the pedal never released', () => {
    const watch = createPedalWatch();
    pedalValue(watch, 127, 0);
    const flags = Array.from({ length: 40 }, (_, i) => pedalNote(watch, i * 250));
    expect(flags.indexOf(true)).toBe(32); // 8 s at 4 notes/s
  });

  it('never warns for a pedal used normally, or never pressed', () => {
    const used = createPedalWatch();
    const untouched = createPedalWatch();
    for (let i = 0; i < 80; i += 1) {
      if (i % 8 === 0) pedalValue(used, 127, i * 250);
      if (i % 8 === 6) pedalValue(used, 0, i * 250);
      expect(pedalNote(used, i * 250)).toBe(false);
      expect(pedalNote(untouched, i * 250)).toBe(false);
    }
  });
});
