/**
 * Mutated Standard MIDI Files through `evenkeys record-file`, for the transactional check of
 * issue 16: whatever the file, record-file either records one complete, analysed session or
 * refuses in one line and records nothing. Never a half-written session.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CliIo } from '../../electron/cli/command';
import { main } from '../../electron/cli/main';
import { createRandom } from './random';
import type { Random } from './random';
import { scaleSmf, smfBytes, vlq } from './smf-bytes';

const FIXTURES = ['c-major-2-octaves-rh.mid', 'two-hands-tempo-change.mid'];

/** The seed files: the fixtures plus a hand-built scale. */
export function seedFiles(fixtureDir: string): Uint8Array[] {
  return [...FIXTURES.map((name) => new Uint8Array(readFileSync(join(fixtureDir, name)))), scaleSmf()];
}

type Mutation = (bytes: Uint8Array, random: Random) => Uint8Array;

const insert = (bytes: Uint8Array, at: number, extra: readonly number[]): Uint8Array => Uint8Array.from([...bytes.slice(0, at), ...extra, ...bytes.slice(at)]);

/** Kinds of damage: bit flips, cuts, insertions, absurd delta times and tempos, wrong lengths. */
export const MUTATIONS: ReadonlyArray<[string, Mutation]> = [
  ['flip bytes', (b, r) => {
    const out = b.slice();
    for (let n = r.int(1, 8); n > 0; n--) {
      const i = r.int(0, out.length - 1);
      out[i] = (out[i] ?? 0) ^ (1 << r.int(0, 7));
    }
    return out;
  }],
  ['truncate', (b, r) => b.slice(0, r.int(0, b.length - 1))],
  ['insert random bytes', (b, r) => insert(b, r.int(22, b.length), Array.from({ length: r.int(1, 16) }, () => r.int(0, 255)))],
  ['huge delta time', (b, r) => insert(b, r.int(22, b.length), [...vlq(r.int(0x100000, 0x0fffffff)), 0x90, 60, 80])],
  ['extreme tempo then huge delta', (b, r) => insert(b, 22, [0, 0xff, 0x51, 0x03, 0xff, 0xff, r.int(0, 255), ...vlq(0x0fffffff), 0x90, 61, 90])],
  ['zero tempo', (b) => insert(b, 22, [0, 0xff, 0x51, 0x03, 0, 0, 0])],
  ['wrong track length', (b, r) => {
    const out = b.slice();
    const at = 18;
    for (let i = 0; i < 4; i++) out[at + i] = r.int(0, 255);
    return out;
  }],
  ['ppq 0 or SMPTE', (b, r) => {
    const out = b.slice();
    out[12] = r.chance(0.5) ? 0 : 0xe7;
    out[13] = r.chance(0.5) ? 0 : r.int(1, 255);
    return out;
  }],
  ['duplicate a slice', (b, r) => {
    const from = r.int(14, b.length - 1);
    const to = Math.min(b.length, from + r.int(1, 64));
    return insert(b, r.int(14, b.length), Array.from(b.slice(from, to)));
  }],
];

/**
 * A structurally valid file (lengths right) with absurd timing: huge delta times, extreme or
 * changing tempos, tiny or huge ppq, notes never released. The SMF reader accepts these; the
 * time range checks of record-file and the store must refuse or record them whole.
 */
function absurdTiming(random: Random): Uint8Array {
  const ppq = random.pick([1, 24, 96, 480, 960, 0x7fff]);
  const tempo = random.pick([1, 500_000, 0xffffff, random.int(1, 0xffffff)]);
  const events: number[][] = [];
  const notes = random.int(1, 40);
  for (let n = 0; n < notes; n++) {
    const pitch = random.int(36, 96);
    const delta = random.chance(0.15) ? random.int(0x10000, 0x0fffffff) : random.int(0, 480);
    events.push([delta, 0x90, pitch, random.int(1, 127)]);
    if (random.chance(0.1)) {
      const t = random.int(1, 0xffffff);
      events.push([0, 0xff, 0x51, 0x03, (t >> 16) & 0xff, (t >> 8) & 0xff, t & 0xff]);
    }
    if (!random.chance(0.1)) events.push([random.int(0, 480), 0x80, pitch, 0]);
  }
  return smfBytes(ppq, tempo, events);
}

/**
 * The i-th mutated file of a seeded series: half are byte-level damage to a seed file (1-3
 * mutations), half structurally valid files with absurd timing.
 *
 * @example mutatedSmf(seeds, 7, 20261130).name // => 'flip bytes + truncate'
 */
export function mutatedSmf(seeds: readonly Uint8Array[], index: number, seed: number): { bytes: Uint8Array; name: string } {
  const random = createRandom(seed * 7919 + index);
  if (random.chance(0.5)) return { bytes: absurdTiming(random), name: 'absurd timing' };
  let bytes = random.pick(seeds);
  const names: string[] = [];
  for (let n = random.int(1, 3); n > 0; n--) {
    const [name, mutate] = random.pick(MUTATIONS);
    bytes = mutate(bytes, random);
    names.push(name);
  }
  return { bytes, name: names.join(' + ') };
}

export interface MutationOutcome {
  readonly recorded: number;
  readonly refused: number;
  /** Problems found: half-written sessions, exit code 1, multi-line errors. Empty when all is well. */
  readonly problems: string[];
  readonly refusals: Map<string, number>;
}

/**
 * Runs `count` mutated files through record-file into `dbPath` and checks the database after each.
 *
 * @example (await runMutations({ dir, dbPath, fixtureDir, count: 50, seed: 1 })).problems // => []
 */
export async function runMutations(options: { dir: string; dbPath: string; fixtureDir: string; count: number; seed: number }): Promise<MutationOutcome> {
  const seeds = seedFiles(options.fixtureDir);
  const problems: string[] = [];
  const refusals = new Map<string, number>();
  let recorded = 0;
  let refused = 0;
  let sessionsBefore = 0;
  for (let i = 0; i < options.count; i++) {
    const { bytes, name } = mutatedSmf(seeds, i, options.seed);
    const file = join(options.dir, `mutated-${i}.mid`);
    writeFileSync(file, bytes);
    let err = '';
    const io: CliIo = { stdout: () => {}, stderr: (text) => void (err += text) };
    const code = await main(['record-file', file, '--profile', 'Mutant', '--db', options.dbPath, '--started-at', '2026-11-30T05:00:00Z'], io);
    if (code === 0) recorded += 1;
    else if (code === 2) {
      refused += 1;
      const reason = err.trim().replace(/^evenkeys record-file: \S+: /, '').replace(/\d+(\.\d+)?/g, 'N').slice(0, 70);
      refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
    } else problems.push(`#${i} (${name}): exit code ${code}: ${err.trim()}`);
    if (code !== 0 && err.trimEnd().split('\n').length !== 1) problems.push(`#${i} (${name}): error is not one line: ${JSON.stringify(err)}`);
    if (err.includes('Invalid Date')) problems.push(`#${i} (${name}): "Invalid Date" in ${err.trim()}`);
    let db: Database.Database;
    try {
      db = new Database(options.dbPath, { readonly: true, fileMustExist: true });
    } catch {
      if (code === 0) problems.push(`#${i} (${name}): recorded but no database`);
      continue;
    }
    try {
      const sessions = db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
      const expected = sessionsBefore + (code === 0 ? 1 : 0);
      if (sessions.n !== expected) problems.push(`#${i} (${name}): ${sessions.n} sessions, expected ${expected} (exit ${code})`);
      sessionsBefore = sessions.n;
      const half = db
        .prepare(
          `SELECT s.id, s.status, s.event_count AS events, (SELECT count(*) FROM raw_events r WHERE r.session_id = s.id) AS stored,
                  (SELECT count(*) FROM analyses a WHERE a.session_id = s.id) AS analysed
           FROM sessions s WHERE s.status <> 'complete' OR s.ended_at IS NULL OR s.event_count <> (SELECT count(*) FROM raw_events r WHERE r.session_id = s.id)
              OR NOT EXISTS (SELECT 1 FROM analyses a WHERE a.session_id = s.id)`,
        )
        .all() as Array<Record<string, unknown>>;
      for (const row of half) problems.push(`#${i} (${name}): half-written session ${JSON.stringify(row)}`);
    } finally {
      db.close();
    }
  }
  return { recorded, refused, problems, refusals };
}
