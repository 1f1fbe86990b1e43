/**
 * 100 damaged Standard MIDI Files: each must either be rejected with an SmfError carrying one
 * clear line, or (when the damage happens to leave a valid file) parse into sane notes. Never any
 * other error, never a hang. Prints the breakdown.
 */
import { describe, expect, it } from 'vitest';
import { notesFromMessages } from '../../../core/midi/notes';
import { readSmf, SmfError, writeSmf } from '../../../core/midi/smf';
import type { RawMidiMessage } from '../../../core/midi/types';
import { seededRandom, twoHandsWithTempoChange } from '../../fixtures/midi/smf-builder';

type Mutation = 'truncated' | 'flipped' | 'header';

function basePerformance(): Uint8Array {
  const random = seededRandom(11);
  const messages: RawMidiMessage[] = [];
  let tenths = 0;
  for (let i = 0; i < 150; i++) {
    tenths += 1000 + Math.floor(random() * 200);
    const pitch = 60 + (i % 15);
    if (i % 20 === 0) messages.push({ bytes: [0xb0, 64, i % 40 === 0 ? 127 : 0], timeMs: tenths / 10 });
    messages.push({ bytes: [0x90, pitch, 40 + Math.floor(random() * 80)], timeMs: tenths / 10 });
    messages.push({ bytes: [0x80, pitch, 0], timeMs: (tenths + 900) / 10 });
  }
  return writeSmf(messages);
}

/** Damage that a real file suffers: cut short, a corrupted byte, or a header that is not MIDI's. */
function mutate(base: Uint8Array, kind: Mutation, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  if (kind === 'truncated') return base.slice(0, pick(base.length));
  const copy = base.slice();
  if (kind === 'flipped') {
    // Flip the top bit of one byte past the header: data bytes become status bytes and back.
    const offset = 14 + pick(base.length - 14);
    copy[offset] = (copy[offset] as number) ^ 0x80;
    return copy;
  }
  switch (pick(6)) {
    case 0: copy[pick(4)] = 0x20 + pick(0x5f); break; // MThd misspelt
    case 1: copy[7] = pick(6); break; // header length < 6
    case 2: copy[8] = 1 + pick(255); break; // format >= 256
    case 3: copy[10] = 0; copy[11] = 0; break; // no tracks
    case 4: copy[12] = 0; copy[13] = 0; break; // division 0
    default: copy.set([0x52, 0x49, 0x46, 0x46], 0); break; // a RIFF (WAV-like) file
  }
  // A misspelt MThd can by chance spell MThd again: force a real difference.
  if (copy.every((byte, i) => byte === base[i])) copy[0] = 0x00;
  return copy;
}

describe('100 mutated SMF files', () => {
  it('each gives an SmfError with one clear line, or parses when the damage left a valid file', () => {
    const random = seededRandom(1234);
    const bases = [basePerformance(), twoHandsWithTempoChange()];
    const kinds: Mutation[] = ['truncated', 'flipped', 'header'];
    const breakdown: Record<Mutation, { rejected: number; parsed: number }> = {
      truncated: { rejected: 0, parsed: 0 },
      flipped: { rejected: 0, parsed: 0 },
      header: { rejected: 0, parsed: 0 },
    };
    const examples = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const kind = kinds[i % 3] as Mutation;
      const file = mutate(bases[i % 2] as Uint8Array, kind, random);
      let outcome: 'parsed' | 'rejected';
      try {
        const parsed = readSmf(file);
        const { notes } = notesFromMessages(parsed.messages);
        expect(notes.every((note) => note.offsetMs >= note.onsetMs && !Number.isNaN(note.onsetMs))).toBe(true);
        outcome = 'parsed';
      } catch (error) {
        if (!(error instanceof SmfError)) throw new Error(`mutation ${i} (${kind}) threw ${String(error)}`);
        expect(error.message.length).toBeGreaterThan(10);
        expect(error.message).not.toMatch(/\n|undefined|NaN|could not read the MIDI file/);
        const shape = error.message.replace(/\d+/g, 'N').replace(/0x[0-9a-f]+/g, '0xX');
        if (!examples.has(shape)) examples.set(shape, error.message);
        outcome = 'rejected';
      }
      breakdown[kind][outcome]++;
    }
    const rejected = kinds.reduce((sum, kind) => sum + breakdown[kind].rejected, 0);
    console.log(`mutated SMF: ${rejected}/100 rejected with SmfError, ${100 - rejected} still valid and parsed`);
    for (const kind of kinds) console.log(`  ${kind.padEnd(9)} rejected ${breakdown[kind].rejected}, parsed ${breakdown[kind].parsed}`);
    console.log(`  ${examples.size} distinct messages, e.g.:\n    ${[...examples.values()].slice(0, 12).join('\n    ')}`);
    expect(breakdown.truncated.parsed).toBe(0); // a cut file is always caught
    expect(breakdown.header.parsed).toBe(0);
    expect(rejected).toBeGreaterThanOrEqual(90);
  });

  it('never throws anything but SmfError on random bytes behind a valid header', () => {
    const random = seededRandom(77);
    let rejected = 0;
    for (let i = 0; i < 2000; i++) {
      const body = Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      const file = Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1 + Math.floor(random() * 3), 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, body.length, ...body]);
      try {
        readSmf(file);
      } catch (error) {
        expect(error).toBeInstanceOf(SmfError);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });
});
