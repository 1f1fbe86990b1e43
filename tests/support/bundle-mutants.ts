/**
 * Malicious and mutated student bundles, from a seed: every one must be refused by an import
 * (tests/electron/bundle/fuzz.test.ts runs a fixed-seed sample; scripts/fuzz-bundles.ts runs
 * 1,000 or more). Each is built to be invalid: wrong versions, bad values (in every file of the
 * bundle), escaping or unexpected entry names, zip bombs, truncation, flipped bytes, tampered
 * encryption, and bundles that conflict with what the database holds. A flipped byte that
 * leaves the content intact (a zip timestamp, say) is not a malicious bundle: such flips are
 * redrawn and counted.
 */
import { isDeepStrictEqual } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { decodeBundle, encodeBundle } from '../../electron/bundle/index';
import type { BundleContent } from '../../electron/bundle/index';
import { createRandom } from './random';
import type { Random } from './random';

export interface Mutant {
  readonly kind: string;
  readonly bytes: Uint8Array;
  readonly passphrase?: string;
}

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);
const CHEAP = { N: 1024, r: 8, p: 1 };

/** A uid no database holds. */
const freshUid = (random: Random) => Array.from({ length: 32 }, () => '0123456789abcdef'[random.int(0, 15)]).join('');

function rezip(entries: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
}

function entriesOf(content: BundleContent): Record<string, string> {
  const entries: Record<string, string> = {
    'manifest.json': JSON.stringify(content.manifest),
    'annotations.json': JSON.stringify(content.annotations),
  };
  for (const s of content.sessions) entries[`sessions/${s.uid}.json`] = JSON.stringify(s);
  return entries;
}

/**
 * Makes `c` a valid version-2 bundle (every session with `handCorrections`, the first with one
 * correction spanning its log) and returns that correction, for the edits that then spoil it.
 */
function withCorrection(c: Json & BundleContent): Json {
  (c.manifest as Json).version = 2;
  for (const s of c.sessions) (s as Json).handCorrections = [];
  const first = c.sessions[0] as Json & BundleContent['sessions'][number];
  const times = first.rawEvents.map((e) => e.timeMs);
  const correction: Json = { startMs: Math.min(...times), endMs: Math.max(...times), hand: 'left', correctedAt: '2026-11-21T09:00:00.000Z' };
  first.handCorrections = [correction as never];
  return correction;
}

/** Edits of the parsed content that make it invalid, each a (name, edit) pair. */
const CONTENT_EDITS: ReadonlyArray<[string, (c: Json & BundleContent, r: Random) => void]> = [
  ['version 3', (c) => ((c.manifest as Json).version = 3)],
  ['version 2 without hand corrections', (c) => ((c.manifest as Json).version = 2)],
  ['version 0', (c) => ((c.manifest as Json).version = 0)],
  ['version as text', (c) => ((c.manifest as Json).version = '1')],
  ['no version', (c) => delete (c.manifest as Json).version],
  ['other format', (c) => ((c.manifest as Json).format = 'evenkeys.session-export')],
  ['unknown kind', (c) => ((c.manifest as Json).kind = 'everything')],
  ['manifest extra key', (c) => ((c.manifest as Json).__proto__x = 1)],
  ['profile uid upper case', (c) => ((c.manifest.profile as Json).uid = c.manifest.profile.uid.toUpperCase())],
  ['profile uid path', (c) => ((c.manifest.profile as Json).uid = '../../../../etc/passwd')],
  ['empty profile name', (c) => ((c.manifest.profile as Json).name = '   ')],
  ['long profile name', (c) => ((c.manifest.profile as Json).name = 'A'.repeat(81))],
  ['control char in name', (c) => ((c.manifest.profile as Json).name = 'Ana\u0000')],
  ['hand span 0', (c) => ((c.manifest.profile as Json).handSpanCm = 0)],
  ['hand span huge', (c) => ((c.manifest.profile as Json).handSpanCm = 400)],
  ['created not a date', (c) => ((c.manifest as Json).createdAt = 'yesterday')],
  ['created 30 Feb', (c) => ((c.manifest as Json).createdAt = '2026-02-30T00:00:00.000Z')],
  ['range reversed', (c) => ((c.manifest as Json).range = { from: '2026-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' })],
  ['event count off', (c, r) => {
    const listed = r.pick(c.manifest.sessions) as Json;
    listed.rawEvents = (listed.rawEvents as number) + 1;
  }],
  ['annotation count off', (c) => ((c.manifest as Json).annotations = c.annotations.length + 1)],
  ['session listed twice', (c) => (c.manifest as Json).sessions = [...c.manifest.sessions, c.manifest.sessions[0]]],
  ['session start differs', (c, r) => ((r.pick(c.sessions) as Json).startedAt = '2020-01-01T00:00:00.000Z')],
  ['session ends before start', (c, r) => ((r.pick(c.sessions) as Json).endedAt = '2001-01-01T00:00:00.000Z')],
  ['session recording', (c, r) => ((r.pick(c.sessions) as Json).status = 'recording')],
  ['negative bpm', (c, r) => ((r.pick(c.sessions) as Json).metronomeBpm = -60)],
  ['session extra key', (c, r) => ((r.pick(c.sessions) as Json).derived = { unevennessMs: 1 })],
  ['session uid swapped', (c, r) => ((r.pick(c.sessions) as Json).uid = freshUid(r))],
  ['long port', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).port = 'p'.repeat(257))],
  ['negative seq', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).seq = -1)],
  ['fractional seq', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).seq = 2.5)],
  ['seq repeated', (c, r) => {
    const events = r.pick(c.sessions).rawEvents as Json[];
    const i = r.int(1, events.length - 1);
    (events[i] as Json).seq = (events[i - 1] as Json).seq;
  }],
  ['seq backwards', (c, r) => {
    const events = r.pick(c.sessions).rawEvents as Json[];
    events.reverse();
    void r;
  }],
  ['time as text', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).timeMs = '12.5')],
  ['time null', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).timeMs = null)],
  ['empty bytes', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).bytes = [])],
  ['byte 300', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).bytes = [0x90, 300, 64])],
  ['byte -1', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).bytes = [0x90, 60, -1])],
  ['data byte first', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).bytes = [0x3c, 64])],
  ['bytes as text', (c, r) => ((r.pick(r.pick(c.sessions).rawEvents) as Json).bytes = '903c40')],
  ['gap after the log', (c, r) => {
    const s = r.pick(c.sessions);
    (s as Json).gaps = [{ port: null, afterSeq: 1e9, disconnectedAtMs: 1, reconnectedAtMs: 2 }];
  }],
  ['gap reversed', (c, r) => ((r.pick(c.sessions) as Json).gaps = [{ port: null, afterSeq: 0, disconnectedAtMs: 10, reconnectedAtMs: 2 }])],
  ['click with session id', (c, r) => ((r.pick(c.sessions) as Json).clicks = [{ session_id: 1, time_ms: 5 }])],
  ['click bad column', (c, r) => ((r.pick(c.sessions) as Json).clicks = [{ 'time_ms); DROP TABLE sessions; --': 5 }])],
  ['note bad target', (c, r) => ((r.pick(c.annotations) as Json).target = 'profile')],
  ['event note without time', (c, r) => Object.assign(r.pick(c.annotations), { target: 'event', takeIndex: 0, timeMs: null, eventType: 'late-onset' })],
  ['take note without take', (c, r) => Object.assign(r.pick(c.annotations), { target: 'take', takeIndex: null })],
  ['note on unknown session', (c, r) => ((r.pick(c.annotations) as Json).sessionUid = freshUid(r))],
  ['note twice', (c) => {
    (c.annotations as unknown[]).push(clone(c.annotations[0]));
    (c.manifest as Json).annotations = c.annotations.length;
  }],
  ['empty note', (c, r) => ((r.pick(c.annotations) as Json).text = '')],
  ['author admin', (c, r) => ((r.pick(c.annotations) as Json).author = 'admin')],
  ['edited before written', (c, r) => ((r.pick(c.annotations) as Json).updatedAt = '1999-01-01T00:00:00.000Z')],
  ['huge note', (c, r) => ((r.pick(c.annotations) as Json).text = 'x'.repeat(4_001))],
  ['annotations-only with sessions', (c) => ((c.manifest as Json).kind = 'annotations')],
  ['hand corrections in version 1', (c) => {
    withCorrection(c);
    (c.manifest as Json).version = 1;
  }],
  ['hand correction with hand both', (c) => (withCorrection(c).hand = 'both')],
  ['hand correction ends before it starts', (c) => {
    const correction = withCorrection(c);
    correction.endMs = (correction.startMs as number) - 0.5;
  }],
  ['hand correction time as text', (c) => {
    const correction = withCorrection(c);
    correction.startMs = String(correction.startMs);
  }],
  ['hand correction after the session', (c) => {
    const correction = withCorrection(c);
    correction.endMs = (correction.endMs as number) + 60_000;
  }],
  ['hand corrections overlapping', (c) => {
    const correction = withCorrection(c);
    ((c.sessions[0] as Json).handCorrections as Json[]).push({ ...correction, startMs: (correction.startMs as number) + 1, hand: 'right' });
  }],
  ['hand correction extra key', (c) => (withCorrection(c).takeIndex = 0)],
  ['hand correction not a date', (c) => (withCorrection(c).correctedAt = '2026-13-01T00:00:00.000Z')],
];

/** Edits of the serialized text (values JSON.parse accepts but the schema must not). */
const TEXT_EDITS: ReadonlyArray<[string, (entries: Record<string, string>, r: Random) => void]> = [
  ['time 1e400 (Infinity)', (e, r) => {
    const name = r.pick(Object.keys(e).filter((n) => n.startsWith('sessions/')));
    e[name] = (e[name] ?? '').replace(/"timeMs":[-0-9.e]+/, '"timeMs":1e400');
  }],
  ['manifest not JSON', (e) => (e['manifest.json'] = `${e['manifest.json']?.slice(0, -1) ?? ''}`)],
  ['session not JSON', (e, r) => {
    const name = r.pick(Object.keys(e).filter((n) => n.startsWith('sessions/')));
    e[name] = '{"uid":';
  }],
  ['manifest is an array', (e) => (e['manifest.json'] = '[]')],
  ['manifest not UTF-8', (e) => (e['manifest.json'] = '\uFFFD')],
  ['no manifest', (e) => delete e['manifest.json']],
  ['no annotations file', (e) => delete e['annotations.json']],
  ['missing session file', (e, r) => delete e[r.pick(Object.keys(e).filter((n) => n.startsWith('sessions/')))]],
  ['unlisted session file', (e, r) => (e[`sessions/${freshUid(r)}.json`] = '{}')],
  ['unexpected entry', (e) => (e['notes.txt'] = 'hello')],
  ['escaping entry', (e) => (e['../../../tmp/evil.json'] = '{}')],
  ['escaping session entry', (e) => (e['sessions/../../evil.json'] = '{}')],
  ['absolute entry', (e) => (e['/etc/evenkeys.json'] = '{}')],
  ['backslash entry', (e) => (e['sessions\\..\\evil.json'] = '{}')],
  ['drive letter entry', (e) => (e['C:/evil.json'] = '{}')],
  ['directory entry', (e) => (e['sessions/'] = '')],
  ['dot entry', (e) => (e['./manifest.json'] = e['manifest.json'] ?? '')],
];

/** Raw bytes of a manifest.json entry that was written as invalid UTF-8. */
function invalidUtf8Zip(entries: Record<string, string>): Uint8Array {
  const files: Record<string, string | Uint8Array> = { ...entries, 'manifest.json': new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) };
  return rezip(files);
}

/** A deflated entry that inflates to `size` zero bytes (a zip bomb: about 1/1000 of its size). */
export function zipBomb(entries: Record<string, string>, name: string, size: number): Uint8Array {
  return rezip({ ...entries, [name]: new Uint8Array(size) });
}

function flipBytes(bytes: Uint8Array, r: Random): Uint8Array {
  const out = bytes.slice();
  const flips = r.int(1, 4);
  for (let i = 0; i < flips; i++) {
    const at = r.int(0, out.length - 1);
    out[at] = ((out[at] ?? 0) ^ (1 << r.int(0, 7))) & 0xff;
  }
  return out;
}

/** Overwrites the compression method of the first local header (offset 8) with an unsupported one. */
function unsupportedMethod(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[8] = 12; // bzip2
  return out;
}

/** Two entries with the same name (a zip lets this; JSON objects cannot say it). */
function duplicateEntry(bytes: Uint8Array, entries: Record<string, string>): Uint8Array {
  const renamed = rezip({ ...entries, 'manifest.jsoN': entries['manifest.json'] ?? '' });
  // Same length names: patch 'manifest.jsoN' back to 'manifest.json' in every header.
  const text = Buffer.from(renamed);
  let at = text.indexOf('manifest.jsoN');
  while (at >= 0) {
    text[at + 12] = 'n'.charCodeAt(0);
    at = text.indexOf('manifest.jsoN', at + 1);
  }
  void bytes;
  return new Uint8Array(text);
}

export interface MutantOptions {
  /** Size of the zip-bomb entries (bytes). Past the import's limit, else they are not bombs. */
  readonly bombBytes: number;
  /** Profile uid and a session uid of ANOTHER profile in the target database (conflicts). */
  readonly foreignProfileUid?: string;
  readonly foreignSessionUid?: string;
}

/**
 * The seed-th mutant of a valid bundle (content + its bytes).
 *
 * @example mutant(content, bytes, 7, { bombBytes: 300 * 2 ** 20 }).kind // => e.g. 'seq repeated'
 */
export function mutant(content: BundleContent, valid: Uint8Array, seed: number, options: MutantOptions): Mutant & { redrawn: number } {
  const r = createRandom(seed * 7919 + 17);
  const family = r.int(0, 9);
  const entries = entriesOf(content);
  if (family <= 3) {
    const [kind, edit] = r.pick(CONTENT_EDITS);
    const copy = clone(content) as Json & BundleContent;
    edit(copy, r);
    return { kind: `content: ${kind}`, bytes: rezip(entriesOf(copy)), redrawn: 0 };
  }
  if (family <= 5) {
    const [kind, edit] = r.pick(TEXT_EDITS);
    if (kind === 'manifest not UTF-8') return { kind: `entry: ${kind}`, bytes: invalidUtf8Zip(entries), redrawn: 0 };
    const copy = { ...entries };
    edit(copy, r);
    return { kind: `entry: ${kind}`, bytes: rezip(copy), redrawn: 0 };
  }
  if (family === 6) {
    // Flipped bits anywhere in the archive; a flip that leaves the content intact is redrawn.
    for (let redrawn = 0; ; redrawn++) {
      const bytes = flipBytes(valid, r);
      let same = false;
      try {
        same = isDeepStrictEqual(decodeBundle(bytes), decodeBundle(valid));
      } catch {
        same = false;
      }
      if (!same) return { kind: 'bytes: flipped bits', bytes, redrawn };
    }
  }
  if (family === 7) {
    const choice = r.int(0, 6);
    if (choice === 0) return { kind: 'archive: truncated', bytes: valid.slice(0, r.int(0, valid.length - 1)), redrawn: 0 };
    if (choice === 1) return { kind: 'archive: zip bomb (session entry)', bytes: zipBomb(entries, `sessions/${content.sessions[0]?.uid ?? ''}.json`, options.bombBytes), redrawn: 0 };
    if (choice === 2) return { kind: 'archive: zip bomb (manifest)', bytes: zipBomb(entries, 'manifest.json', options.bombBytes), redrawn: 0 };
    if (choice === 3) return { kind: 'archive: unsupported compression', bytes: unsupportedMethod(valid), redrawn: 0 };
    if (choice === 4) return { kind: 'archive: duplicate entry', bytes: duplicateEntry(valid, entries), redrawn: 0 };
    if (choice === 5) return { kind: 'not a bundle: random bytes', bytes: new Uint8Array(Array.from({ length: r.int(0, 4096) }, () => r.int(0, 255))), redrawn: 0 };
    return { kind: 'not a bundle: empty', bytes: new Uint8Array(0), redrawn: 0 };
  }
  if (family === 8) {
    const sealed = encodeBundle(content, { passphrase: 'the right passphrase', scrypt: CHEAP });
    const choice = r.int(0, 3);
    if (choice === 0) return { kind: 'encrypted: wrong passphrase', bytes: sealed, passphrase: 'not the passphrase', redrawn: 0 };
    if (choice === 1) return { kind: 'encrypted: no passphrase', bytes: sealed, redrawn: 0 };
    if (choice === 2) {
      const out = sealed.slice();
      const at = r.int(sealed.length - 200, sealed.length - 1);
      out[at] = (out[at] ?? 0) ^ 0x01;
      return { kind: 'encrypted: ciphertext or tag altered', bytes: out, passphrase: 'the right passphrase', redrawn: 0 };
    }
    // A header asking for a 1 GiB scrypt: refused before any key is derived.
    const text = Buffer.from(sealed).toString('latin1').replace(/"N":\d+/, '"N":1073741824');
    return { kind: 'encrypted: costly scrypt header', bytes: new Uint8Array(Buffer.from(text, 'latin1')), passphrase: 'the right passphrase', redrawn: 0 };
  }
  // Valid bundles that conflict with what the database holds.
  const copy = clone(content) as Json & BundleContent;
  if (options.foreignSessionUid && r.chance(0.5)) {
    // One of the sessions is already here, under another profile.
    const session = copy.sessions[0] as Json;
    const listed = copy.manifest.sessions[0] as Json;
    const old = session.uid as string;
    session.uid = options.foreignSessionUid;
    listed.uid = options.foreignSessionUid;
    for (const note of copy.annotations as unknown as Json[]) if (note.sessionUid === old) note.sessionUid = options.foreignSessionUid;
    return { kind: 'conflict: session of another profile', bytes: rezip(entriesOf(copy)), redrawn: 0 };
  }
  if (r.chance(0.5)) {
    (copy.manifest as Json).kind = 'annotations';
    (copy.manifest as Json).sessions = [];
    (copy as Json).sessions = [];
    return { kind: 'conflict: notes for a profile not here', bytes: rezip(entriesOf(copy)), redrawn: 0 };
  }
  (copy.manifest.profile as Json).name = 'Ben';
  return { kind: 'conflict: name of a local profile', bytes: rezip(entriesOf(copy)), redrawn: 0 };
}
