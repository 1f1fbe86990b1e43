/** Shared fixtures for the store tests: temp folders, seeded MIDI streams, hand-made analyses. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYSIS_SCHEMA_ID, analysisDocumentSchema } from '../../../core/api/analysis';
import type { AnalysisDocument } from '../../../core/api/analysis';
import type { RawMidiMessage } from '../../../core/midi/types';
import { createRandom } from '../../support/random';

/** A fresh temp folder; `cleanup` removes it. */
export function tempFolder(prefix = 'evenkeys-store-'): { dir: string; db: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'evenkeys.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * A seeded stream of note-on/note-off pairs with awkward float64 timestamps (fractions that no
 * decimal rounding would survive), plus a pedal press.
 */
export function randomMessages(seed: number, notes: number, port = 'in-1'): RawMidiMessage[] {
  const random = createRandom(seed);
  const messages: RawMidiMessage[] = [{ bytes: [0xb0, 64, 127], timeMs: 1000 + random.next() / 3, port }];
  let time = 1000.123456789;
  for (let i = 0; i < notes; i++) {
    time += 80 + random.next() * 40 + Math.PI / 1e7;
    const pitch = random.int(48, 84);
    messages.push({ bytes: new Uint8Array([0x90, pitch, random.int(30, 110)]), timeMs: time, port });
    messages.push({ bytes: [0x80, pitch, 64], timeMs: time + 60 + random.next() * 30, port });
  }
  return messages;
}

/**
 * A document with every derived kind filled, as a full analyser produces. Written as plain data
 * and passed through the schema, so fields the schema gains or requires later are listed here
 * once (zod drops the ones the current schema does not know).
 */
export function handMadeAnalysis(file: string): AnalysisDocument {
  return analysisDocumentSchema.parse({
    schema: ANALYSIS_SCHEMA_ID,
    source: { file, notes: 3, durationMs: 812.5, pedalEvents: 1, outOfOrder: 0, retriggers: 1, orphanNoteOffs: 0, unreleased: 1 },
    freePlay: [{ startMs: 1700.9, endMs: 1812.5, notes: 1 }],
    repetitions: [],
    takes: [
      {
        exercise: { id: 'scale-c-major-rh-2oct', kind: 'scale', key: 'C', mode: 'major', hands: 'right', octaves: 2, motion: 'parallel', name: 'C major scale, RH, 2 octaves' },
        startMs: 1000.1,
        endMs: 1812.6,
        bpm: 92.5,
        notesPerSecond: 6.2,
        matched: 3,
        missed: 1,
        wrong: 0,
        extra: 0,
        unevennessMs: 11.437,
        hands: [{ hand: 'right', direction: 'up', ioiSdMs: 11.437, runs: 1 }],
        fingers: [
          { hand: 'right', finger: 1, count: 2, onsetDeviationMs: { mean: 4.25, sd: 1.5 }, velocity: { mean: 70, sd: 5, cv: 0.0714 }, durationMs: { mean: 120.5 }, legatoOverlapMs: { mean: 10.1 } },
          { hand: 'right', finger: 4, count: 1, onsetDeviationMs: { mean: 21.75, sd: 0 }, velocity: { mean: 55, sd: 0, cv: 0 }, durationMs: { mean: 99 }, legatoOverlapMs: { mean: -3.5 } },
        ],
        fingersByDirection: [
          { direction: 'up', hand: 'right', finger: 1, count: 2, onsetDeviationMs: { mean: 4.25, sd: 1.5 }, velocity: { mean: 70, sd: 5, cv: 0.0714 }, durationMs: { mean: 120.5 }, legatoOverlapMs: { mean: 10.1 } },
        ],
        events: [
          { type: 'late-onset', timeMs: 1400.3333333333333, hand: 'right', finger: 4, severity: 2.5, detail: 'RH4 late by 21.8 ms', evidence: { deviationMs: 21.75, baselineSdMs: 3.1, z: 5.9 } },
        ],
      },
    ],
    notes: [
      { timeMs: 1000.1, pitch: 60, velocity: 72, durationMs: 120.5, channel: 0, pedal: true, hand: 'right', finger: 1, take: 0, deviationMs: 4.25, role: 'matched' },
      { timeMs: 1400.3333333333333, pitch: 65, velocity: 55, durationMs: 99, channel: 0, pedal: false, hand: 'right', finger: 4, take: 0, deviationMs: 21.75, role: 'matched' },
      { timeMs: 1700.9, pitch: 90, velocity: 40, durationMs: 111.6, channel: 1, pedal: false, hand: null, finger: null, take: null, deviationMs: null, role: 'free' },
    ],
  });
}
