import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesFromMessages } from '../../../core/midi/notes';
import { readSmf } from '../../../core/midi/smf';
import { fixtureFiles } from '../../fixtures/midi/fixture-files';

const dir = join(import.meta.dirname, '../../fixtures/midi');

describe('committed .mid fixtures', () => {
  it.each(Object.entries(fixtureFiles()))('%s is up to date (npx tsx tests/fixtures/midi/generate.ts)', (name, bytes) => {
    expect(new Uint8Array(readFileSync(join(dir, name)))).toEqual(bytes);
  });

  it('the C major scale reads as 29 legato notes, 125 ms apart, one with the pedal', () => {
    const file = readSmf(readFileSync(join(dir, 'c-major-2-octaves-rh.mid')));
    const { notes, stats } = notesFromMessages(file.messages);
    expect(notes).toHaveLength(29);
    expect(notes.map((note) => note.onsetMs)).toEqual(notes.map((_, i) => 1000 + i * 125));
    expect(notes.every((note) => note.offsetMs - note.onsetMs === 135)).toBe(true);
    expect(notes.filter((note) => note.pedalAtOnset).map((note) => note.pitch)).toEqual([84]);
    expect(stats).toMatchObject({ pedalEvents: 2, retriggers: 0, orphanNoteOffs: 0, unreleased: 0, outOfOrder: 0 });
    expect(file.tracks[1]?.name).toBe('C major, 2 octaves, right hand');
  });
});
