/**
 * The hannds data set (Hadjakos, Waloschek & Leemhuis 2019, MIT; ../shared/data/hannds): real
 * piano performances with the right hand and the left hand on separate tracks, so the true hand of
 * every note is known. Loads a file as one merged, onset-sorted note list with the truth.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import tonejs from '@tonejs/midi';

const { Midi } = tonejs;
import type { Hand } from '../../core/exercises/types';
import type { Note } from '../../core/midi/types';

export const HANNDS_DIR = process.env.HANNDS_DIR ?? '/work/shared/data/hannds';

export interface HanndsPiece {
  readonly file: string;
  readonly notes: readonly Note[];
  readonly hands: readonly Hand[];
}

/** The .mid files of the data set, sorted by name ([] when the folder is absent). */
export function hanndsFiles(dir = HANNDS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.mid')).sort();
}

/**
 * Loads one piece: track "Rechts" (or the first) is the right hand, "Links" (or the second) the left.
 * @example loadHannds('Satie-Gymnopedie_No1.mid').notes.length // 456
 */
export function loadHannds(file: string, dir = HANNDS_DIR): HanndsPiece {
  const midi = new Midi(readFileSync(join(dir, file)));
  const tracks = midi.tracks.filter((track) => track.notes.length > 0);
  const rightIndex = Math.max(0, tracks.findIndex((track) => /rechts|right/i.test(track.name)));
  const items: { note: Note; hand: Hand }[] = [];
  tracks.slice(0, 2).forEach((track, t) => {
    const hand: Hand = t === rightIndex ? 'right' : 'left';
    for (const n of track.notes) {
      const onsetMs = n.time * 1000;
      items.push({
        hand,
        note: {
          pitch: n.midi,
          onsetMs,
          offsetMs: onsetMs + Math.max(0, n.duration * 1000),
          velocity: Math.max(1, Math.round(n.velocity * 127)),
          channel: 0,
          pedalAtOnset: false,
          unreleased: false,
        },
      });
    }
  });
  items.sort((a, b) => a.note.onsetMs - b.note.onsetMs || a.note.pitch - b.note.pitch);
  return { file, notes: items.map((item) => item.note), hands: items.map((item) => item.hand) };
}
