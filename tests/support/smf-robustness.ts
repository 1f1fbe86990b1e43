/**
 * Mutated Standard MIDI Files and random live message streams, shared by the robustness tests (a
 * fixed-seed sample) and `npx tsx scripts/validate-midi-input.ts` (1,000 files, 1e6 messages).
 *
 * Kinds of damage, as real files suffer them:
 * - truncated: cut at a random byte;
 * - flipped: one random bit of one random byte past the header;
 * - length: one chunk length field rewritten (too long, too short, zero, past the file), or the
 *   header's track count off by one: every event is intact, so the file must read in full;
 * - running-status: status bytes dropped wherever the previous channel status repeats, including
 *   across meta and sysex events: every event is intact, so the file must read in full.
 */
import { analyzeRecording } from '../../core/analysis/analyze';
import { decodeMessages } from '../../core/midi/decode';
import { assembleNotes, notesFromMessages } from '../../core/midi/notes';
import { readSmf, SmfError } from '../../core/midi/smf';
import type { RawMidiMessage } from '../../core/midi/types';
import { header, seededRandom, tempo, track, trackName, twoHandsWithTempoChange } from '../fixtures/midi/smf-builder';

export type MutationKind = 'truncated' | 'flipped' | 'length' | 'running-status';
export const MUTATION_KINDS: readonly MutationKind[] = ['truncated', 'flipped', 'length', 'running-status'];

/** A C major scale, two tracks with a tempo track and markers between notes, 1 ms clock. */
export function scaleFile(): Uint8Array {
  const events: number[][] = [[0, ...trackName('right hand')]];
  for (let i = 0; i < 30; i++) {
    const pitch = [60, 62, 64, 65, 67, 69, 71, 72][i % 8] as number;
    events.push([i === 0 ? 1000 : 10 + (i % 3), 0x90, pitch, 60 + (i % 20)]);
    if (i % 7 === 3) events.push([0, 0xff, 0x06, 1, 0x41 + (i % 26)]);
    if (i % 11 === 5) events.push([0, 0xf0, 2, 0x7e, 0xf7]);
    events.push([190 + (i % 5), 0x80, pitch, 64]);
  }
  return Uint8Array.from([...header(1, 2, 500), ...track([[0, ...tempo(500_000)], [0, 0xff, 0x58, 4, 4, 2, 24, 8]]), ...track(events)]);
}

export function baseFiles(): Uint8Array[] {
  return [scaleFile(), twoHandsWithTempoChange()];
}

/** Offsets of the chunk headers ('MTrk' and others) of a well-formed file. */
function chunkOffsets(file: Uint8Array): number[] {
  const offsets: number[] = [];
  let offset = 14;
  while (offset + 8 <= file.length) {
    offsets.push(offset);
    const length = ((file[offset + 4] as number) << 24) + ((file[offset + 5] as number) << 16) + ((file[offset + 6] as number) << 8) + (file[offset + 7] as number);
    offset += 8 + length;
  }
  return offsets;
}

/**
 * Re-encodes a well-formed file's tracks with running status wherever the channel status
 * repeats, also across meta and sysex events (which the spec says cancel it). Drops a random
 * share of the opportunities so files mix both.
 */
function abuseRunningStatus(file: Uint8Array, random: () => number): Uint8Array {
  const out: number[] = Array.from(file.subarray(0, 14));
  for (const offset of chunkOffsets(file)) {
    const length = ((file[offset + 4] as number) << 24) + ((file[offset + 5] as number) << 16) + ((file[offset + 6] as number) << 8) + (file[offset + 7] as number);
    const body = file.subarray(offset + 8, offset + 8 + length);
    const rewritten: number[] = [];
    let i = 0;
    let running = -1;
    let sourceRunning = -1;
    while (i < body.length) {
      // delta
      while ((body[i] as number) & 0x80) rewritten.push(body[i++] as number);
      rewritten.push(body[i++] as number);
      let status = body[i] as number;
      if (status < 0x80) status = sourceRunning; // already running status in the source
      else i++;
      if (status === 0xff || status === 0xf0 || status === 0xf7) {
        rewritten.push(status);
        const start = i;
        if (status === 0xff) i++;
        let len = 0;
        for (;;) {
          const byte = body[i++] as number;
          len = len * 128 + (byte & 0x7f);
          if (byte < 0x80) break;
        }
        i += len;
        rewritten.push(...body.subarray(start, i));
        continue; // running status deliberately NOT cancelled
      }
      sourceRunning = status;
      const dataLength = (status & 0xf0) === 0xc0 || (status & 0xf0) === 0xd0 ? 1 : 2;
      const data = Array.from(body.subarray(i, i + dataLength));
      i += dataLength;
      // Note-off as note-on velocity 0, as keyboards send it: running status then spans whole scales.
      if ((status & 0xf0) === 0x80) {
        status = 0x90 | (status & 0x0f);
        data[1] = 0;
      }
      if (status !== running || random() < 0.2) rewritten.push(status);
      running = status;
      rewritten.push(...data);
    }
    out.push(...file.subarray(offset, offset + 4), (rewritten.length >>> 24) & 0xff, (rewritten.length >>> 16) & 0xff, (rewritten.length >>> 8) & 0xff, rewritten.length & 0xff, ...rewritten);
  }
  return Uint8Array.from(out);
}

/** One mutated copy of `base` (never identical to it). */
export function mutate(base: Uint8Array, kind: MutationKind, random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  if (kind === 'truncated') return base.slice(0, pick(base.length));
  if (kind === 'running-status') return abuseRunningStatus(base, random);
  const copy = base.slice();
  if (kind === 'flipped') {
    const offset = 14 + pick(base.length - 14);
    copy[offset] = (copy[offset] as number) ^ (1 << pick(8));
    return copy;
  }
  const chunks = chunkOffsets(base);
  if (random() < 0.2) {
    // The header's track count off by one.
    const count = ((copy[10] as number) << 8) + (copy[11] as number) + (random() < 0.5 ? -1 : 1);
    copy[10] = (count >> 8) & 0xff;
    copy[11] = count & 0xff;
    return copy;
  }
  const offset = chunks[pick(chunks.length)] as number;
  const real = ((copy[offset + 4] as number) << 24) + ((copy[offset + 5] as number) << 16) + ((copy[offset + 6] as number) << 8) + (copy[offset + 7] as number);
  const lies = [real + 1 + pick(50), Math.max(0, real - 1 - pick(real)), 0, 0x7fffffff, real + base.length];
  let length = lies[pick(lies.length)] as number;
  if (length === real) length = real + 1;
  copy[offset + 4] = (length >>> 24) & 0xff;
  copy[offset + 5] = (length >>> 16) & 0xff;
  copy[offset + 6] = (length >>> 8) & 0xff;
  copy[offset + 7] = length & 0xff;
  return copy;
}

/** The path of the first NaN or infinite number in a JSON-like value (JSON.stringify would hide it as null). */
export function nonFinitePath(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = nonFinitePath(inner, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export type Outcome = 'read' | 'repaired' | 'refused';

export interface MutationResult {
  readonly kind: MutationKind;
  readonly outcome: Outcome;
  /** The refusal, or the first warning. */
  readonly message?: string;
  /** For length and running-status damage: whether every note came back as in the base file. */
  readonly intact?: boolean;
}

/** What a refusal may say: the file truly has nothing readable (see docs/midi.md). */
export const UNREADABLE = /^(not a Standard MIDI File|truncated MThd header|invalid MThd header|unsupported SMF format|invalid SMPTE time division|invalid chunk at byte \d+: .* no track chunk follows|truncated file: .* holds none|no MIDI event could be read: track \d+: )/;

/** Same notes (pitch, channel, velocity, onset, offset) from both message lists. */
const sameNotes = (a: readonly RawMidiMessage[], b: readonly RawMidiMessage[]) =>
  JSON.stringify(notesFromMessages(a).notes) === JSON.stringify(notesFromMessages(b).notes);

/**
 * Reads one mutated file and everything downstream (notes, the full analysis); throws an Error
 * describing the breach when anything crashes, yields NaN, or a refusal is not one clean line.
 */
export function checkMutation(base: Uint8Array, file: Uint8Array, kind: MutationKind, analyse: boolean): MutationResult {
  let read;
  try {
    read = readSmf(file);
  } catch (error) {
    if (!(error instanceof SmfError)) throw new Error(`${kind}: threw ${String(error)}`);
    if (/\n|undefined|NaN|could not read the MIDI file/.test(error.message) || !UNREADABLE.test(error.message)) {
      throw new Error(`${kind}: refusal is not a clean one-line reason: ${error.message}`);
    }
    return { kind, outcome: 'refused', message: error.message };
  }
  const { notes } = notesFromMessages(read.messages);
  for (const note of notes) {
    if (!Number.isFinite(note.onsetMs) || !(note.offsetMs >= note.onsetMs)) throw new Error(`${kind}: bad note ${JSON.stringify(note)}`);
  }
  if (analyse) {
    const bad = nonFinitePath(analyzeRecording({ messages: read.messages, file: 'mutated.mid', includeNotes: true }));
    if (bad !== undefined) throw new Error(`${kind}: ${bad} is not a finite number in the analysis`);
  }
  const intact = kind === 'length' || kind === 'running-status' ? sameNotes(read.messages, readSmf(base).messages) : undefined;
  return {
    kind,
    outcome: read.repairs > 0 ? 'repaired' : 'read',
    ...(read.warnings[0] === undefined ? {} : { message: read.warnings[0] }),
    ...(intact === undefined ? {} : { intact }),
  };
}

export interface MutationSummary {
  readonly files: number;
  readonly byKind: Record<MutationKind, Record<Outcome, number>>;
  /** Length / running-status files whose notes did not all come back. */
  readonly notIntact: number;
  readonly examples: Map<string, string>;
}

/** Mutates `count` files (kinds in turn, bases in turn) and checks each. */
export function runMutations(count: number, seed: number, analyse: boolean): MutationSummary {
  const random = seededRandom(seed);
  const bases = baseFiles();
  const byKind = Object.fromEntries(MUTATION_KINDS.map((kind) => [kind, { read: 0, repaired: 0, refused: 0 }])) as Record<MutationKind, Record<Outcome, number>>;
  const examples = new Map<string, string>();
  let notIntact = 0;
  for (let i = 0; i < count; i++) {
    const kind = MUTATION_KINDS[i % MUTATION_KINDS.length] as MutationKind;
    const base = bases[Math.floor(i / MUTATION_KINDS.length) % bases.length] as Uint8Array;
    const result = checkMutation(base, mutate(base, kind, random), kind, analyse);
    byKind[kind][result.outcome]++;
    if (result.intact === false) notIntact++;
    if (result.message !== undefined) {
      const shape = `${result.outcome}: ${result.message.replace(/\d+/g, 'N').replace(/0x[0-9a-f]+/g, '0xX')}`;
      if (!examples.has(shape)) examples.set(shape, `${result.outcome}: ${result.message}`);
    }
  }
  return { files: count, byKind, notIntact, examples };
}

/** Random live messages (any bytes, any length, sometimes garbage times) as Web MIDI might deliver. */
export function randomLiveMessages(random: () => number, count: number): RawMidiMessage[] {
  const messages: RawMidiMessage[] = [];
  let time = random() * 1e6;
  for (let i = 0; i < count; i++) {
    const roll = random();
    time += roll < 0.02 ? -random() * 500 : roll < 0.05 ? 0 : random() * 300;
    const length = random() < 0.8 ? 3 : Math.floor(random() * 6);
    const bytes = Array.from({ length }, (_, k) =>
      k === 0 && random() < 0.85 ? [0x90, 0x80, 0xb0, 0x99, 0xe0, 0xc0][Math.floor(random() * 6)] as number : Math.floor(random() * (random() < 0.9 ? 128 : 256)),
    );
    if (bytes.length === 3 && (bytes[0] as number) >= 0x80 && (bytes[0] as number) < 0xa0) bytes[1] = 55 + Math.floor(random() * 20);
    const weird = random();
    const timeMs = weird < 0.001 ? Number.NaN : weird < 0.002 ? Number.POSITIVE_INFINITY : weird < 0.003 ? -time : time;
    messages.push({ bytes, timeMs });
  }
  return messages;
}

/**
 * Feeds `total` random live messages through decode, note assembly and (in chunks) the full
 * analysis; throws on a crash or a NaN. Returns how many notes and takes came out.
 */
export function runLiveFuzz(total: number, seed: number, chunk = 5000): { messages: number; notes: number; takes: number } {
  const random = seededRandom(seed);
  let notes = 0;
  let takes = 0;
  for (let done = 0; done < total; done += chunk) {
    const messages = randomLiveMessages(random, Math.min(chunk, total - done));
    const assembled = assembleNotes(decodeMessages(messages).events);
    for (const note of assembled.notes) {
      if (Number.isNaN(note.onsetMs) || Number.isNaN(note.offsetMs) || note.offsetMs < note.onsetMs) throw new Error(`bad note ${JSON.stringify(note)}`);
    }
    notes += assembled.notes.length;
    const document = analyzeRecording({ messages, file: 'live', includeNotes: true });
    const bad = nonFinitePath(document);
    if (bad !== undefined) throw new Error(`${bad} is not a finite number in the analysis of live messages`);
    takes += document.takes.length;
  }
  return { messages: total, notes, takes };
}
