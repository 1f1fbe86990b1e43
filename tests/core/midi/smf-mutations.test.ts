/**
 * Damaged Standard MIDI Files (a fixed-seed sample; `npx tsx scripts/validate-midi-input.ts`
 * runs 1,000 and 1e6 live messages): every file is read, repaired with a warning, or refused with
 * one line that says why nothing can be read. Never another error, never a NaN downstream, and
 * damage that leaves every event intact (length lies, running status) never loses a note.
 */
import { describe, expect, it } from 'vitest';
import { readSmf, SmfError } from '../../../core/midi/smf';
import { seededRandom } from '../../fixtures/midi/smf-builder';
import { MUTATION_KINDS, runLiveFuzz, runMutations, UNREADABLE } from '../../support/smf-robustness';

describe('mutated SMF files', () => {
  it('120 files: read, repaired or refused with one line; no crash, no NaN, nothing intact lost', () => {
    const summary = runMutations(120, 2026, true);
    console.log(`mutated SMF sample: ${JSON.stringify(summary.byKind)}`);
    expect(summary.notIntact).toBe(0);
    expect(summary.byKind.length.refused).toBe(0);
    expect(summary.byKind['running-status'].refused).toBe(0);
    expect(summary.byKind['running-status'].repaired).toBeGreaterThan(0);
    expect(summary.byKind.length.repaired).toBe(30); // every length lie is noticed
    for (const kind of MUTATION_KINDS) {
      const { read, repaired, refused } = summary.byKind[kind];
      expect(read + repaired + refused).toBe(30);
    }
    expect(summary.byKind.truncated.read).toBe(0); // a cut file is always noticed
  });

  it('never throws anything but an SmfError saying nothing can be read, on random bytes behind a valid header', () => {
    const random = seededRandom(77);
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      const file = Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1 + Math.floor(random() * 3), 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, body.length, ...body]);
      try {
        readSmf(file);
      } catch (error) {
        expect(error).toBeInstanceOf(SmfError);
        expect((error as SmfError).message).toMatch(UNREADABLE);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(500);
  });
});

describe('random live messages', () => {
  it('20,000 messages (any bytes, backwards, NaN and infinite times) give notes and analyses without NaN', () => {
    const result = runLiveFuzz(20_000, 5);
    expect(result.notes).toBeGreaterThan(1000);
  });
});
