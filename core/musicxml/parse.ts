/**
 * MusicXML (score-partwise, as MuseScore, Dorico, Sibelius and Finale export it) to a flat list of
 * sounding notes: pitch, exact onset and duration in quarter notes, part, staff, voice and the
 * printed fingering. Repeats are expanded (forward/backward barlines, `times`, first and second
 * endings), tied notes are joined into one, chords share their onset, `<backup>`/`<forward>` move
 * the time cursor between voices, rests and grace notes sound nothing on the grid.
 *
 * Parsing is fast-xml-parser's (ordered mode: the order of `<note>`, `<backup>` and `<forward>`
 * inside a measure is the music). Before parsing, the text is checked against the limits of
 * limits.ts; any `<!ENTITY` declaration or internal DTD subset is refused outright, so nothing
 * can expand or reach outside the file (an external DTD reference, as every exporter writes, is
 * never fetched).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { add, compare, frac, max, sub, ZERO } from './fraction';
import type { Fraction } from './fraction';
import { MAX_EXPANDED_MEASURES, MAX_XML_BYTES, MusicXmlError } from './limits';

/** One sounding note of the score. */
export interface ScoreNote {
  readonly pitch: number;
  /** Onset in quarter notes from the start of the (expanded) score. */
  readonly onset: Fraction;
  /** Sounding length in quarter notes (tied notes joined). */
  readonly duration: Fraction;
  /** Index of the part in the file (0-based). */
  readonly part: number;
  /** Staff within the part (1-based; 1 unless the part has several staves). */
  readonly staff: number;
  readonly voice: string;
  /** The printed finger (1-5), or null when the note has no `<fingering>` mark. */
  readonly finger: number | null;
}

export interface ScorePart {
  readonly id: string;
  readonly name: string;
  /** Number of staves (`<staves>`, default 1). */
  readonly staves: number;
  /** First clef sign per staff ('G', 'F', 'C', 'percussion', ...). */
  readonly clefs: ReadonlyMap<number, string>;
}

export interface Score {
  readonly title: string;
  readonly parts: readonly ScorePart[];
  readonly notes: readonly ScoreNote[];
  /** First metronome tempo of the score (quarter notes per minute), or null. */
  readonly tempo: number | null;
  /** First key signature: fifths (-7..7) and mode, or null. */
  readonly key: { readonly fifths: number; readonly mode: string } | null;
}

type XNode = Record<string, unknown>;

/**
 * Parses MusicXML text. Throws MusicXmlError (one line) for oversized, malformed, entity-declaring
 * or non-partwise input.
 *
 * @example parseMusicXml(text).notes.length // every sounding note, repeats expanded, ties joined
 */
export function parseMusicXml(text: string): Score {
  if (text.length > MAX_XML_BYTES) throw new MusicXmlError(`the score has ${text.length} characters; the limit is ${MAX_XML_BYTES}`);
  const doctype = /<!DOCTYPE[^>[]*(\[)?/i.exec(text);
  if (/<!ENTITY/i.test(text) || doctype?.[1] !== undefined) {
    throw new MusicXmlError('the score declares its own entities or DTD (<!ENTITY ...>); refused, as a MusicXML export never needs them');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new MusicXmlError(`malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  let tree: XNode[];
  try {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: true,
      htmlEntities: false,
    });
    tree = parser.parse(text) as XNode[];
  } catch (error) {
    throw new MusicXmlError(`malformed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = tree.find((node) => tagOf(node) === 'score-partwise' || tagOf(node) === 'score-timewise');
  if (root === undefined) throw new MusicXmlError('not a MusicXML score (no <score-partwise> element)');
  if (tagOf(root) === 'score-timewise') throw new MusicXmlError('score-timewise MusicXML is not supported; export the score as partwise MusicXML (the default of every notation program)');
  return readScore(root);
}

function tagOf(node: XNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return '';
}

function childrenOf(node: XNode | undefined): XNode[] {
  if (node === undefined) return [];
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

function child(node: XNode | undefined, tag: string): XNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

function childrenNamed(node: XNode | undefined, tag: string): XNode[] {
  return childrenOf(node).filter((c) => tagOf(c) === tag);
}

function attr(node: XNode | undefined, name: string): string | undefined {
  const attributes = node?.[':@'] as Record<string, unknown> | undefined;
  const value = attributes?.[name];
  return value === undefined ? undefined : String(value);
}

function textOf(node: XNode | undefined): string {
  return childrenOf(node)
    .map((c) => (tagOf(c) === '#text' ? String(c['#text']) : ''))
    .join('')
    .trim();
}

function intOf(node: XNode | undefined, what: string, fallback?: number): number {
  if (node === undefined) {
    if (fallback !== undefined) return fallback;
    throw new MusicXmlError(`missing <${what}>`);
  }
  const value = Number(textOf(node));
  if (!Number.isFinite(value)) throw new MusicXmlError(`<${what}> is '${textOf(node)}', not a number`);
  return value;
}

/** One measure as written, before repeats are expanded. */
interface Measure {
  readonly number: string;
  readonly events: readonly MeasureNote[];
  readonly length: Fraction;
  readonly repeatForward: boolean;
  /** Total times the section ending here is played (backward repeat), or 0. */
  readonly repeatBackwardTimes: number;
  /** Ending numbers this measure belongs to (first/second ending), or null. */
  readonly endings: readonly number[] | null;
}

interface MeasureNote {
  readonly pitch: number;
  readonly offset: Fraction;
  readonly duration: Fraction;
  readonly staff: number;
  readonly voice: string;
  readonly finger: number | null;
  readonly tieStart: boolean;
  readonly tieStop: boolean;
}

const STEP_SEMITONES: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

function readScore(root: XNode): Score {
  const work = textOf(child(child(root, 'work'), 'work-title'));
  const movement = textOf(child(root, 'movement-title'));
  const partNames = new Map<string, string>();
  for (const scorePart of childrenNamed(child(root, 'part-list'), 'score-part')) {
    partNames.set(attr(scorePart, 'id') ?? '', textOf(child(scorePart, 'part-name')));
  }
  const parts: ScorePart[] = [];
  const notes: ScoreNote[] = [];
  let tempo: number | null = null;
  let key: Score['key'] = null;
  const partNodes = childrenNamed(root, 'part');
  if (partNodes.length === 0) throw new MusicXmlError('the score has no <part>');
  partNodes.forEach((partNode, partIndex) => {
    const id = attr(partNode, 'id') ?? `P${partIndex + 1}`;
    const read = readPart(partNode);
    tempo ??= read.tempo;
    key ??= read.key;
    parts.push({ id, name: partNames.get(id) ?? id, staves: read.staves, clefs: read.clefs });
    const order = expandRepeats(read.measures);
    notes.push(...joinTies(placeMeasures(read.measures, order), partIndex));
  });
  return { title: work || movement, parts, notes, tempo, key };
}

interface ReadPart {
  readonly measures: Measure[];
  readonly staves: number;
  readonly clefs: Map<number, string>;
  readonly tempo: number | null;
  readonly key: Score['key'];
}

function readPart(partNode: XNode): ReadPart {
  let divisions = 1;
  let staves = 1;
  const clefs = new Map<number, string>();
  let tempo: number | null = null;
  let key: Score['key'] = null;
  let ending: number[] | null = null;
  const measures: Measure[] = [];
  for (const measureNode of childrenNamed(partNode, 'measure')) {
    const number = attr(measureNode, 'number') ?? String(measures.length + 1);
    let cursor = ZERO;
    let longest = ZERO;
    let lastOnset = ZERO;
    let repeatForward = false;
    let repeatBackwardTimes = 0;
    let endingHere: number[] | null = ending;
    let endingStops = false;
    const events: MeasureNote[] = [];
    const where = `measure ${number}`;
    for (const item of childrenOf(measureNode)) {
      const tag = tagOf(item);
      if (tag === 'attributes') {
        const d = child(item, 'divisions');
        if (d !== undefined) {
          divisions = intOf(d, 'divisions');
          if (!Number.isInteger(divisions) || divisions <= 0) throw new MusicXmlError(`${where}: <divisions> must be a positive integer, got ${textOf(d)}`);
        }
        const s = child(item, 'staves');
        if (s !== undefined) staves = Math.max(1, Math.round(intOf(s, 'staves')));
        for (const clef of childrenNamed(item, 'clef')) {
          const staff = Number(attr(clef, 'number') ?? '1');
          if (!clefs.has(staff)) clefs.set(staff, textOf(child(clef, 'sign')).toUpperCase());
        }
        const keyNode = child(item, 'key');
        if (key === null && keyNode !== undefined && child(keyNode, 'fifths') !== undefined) {
          key = { fifths: intOf(child(keyNode, 'fifths'), 'fifths'), mode: textOf(child(keyNode, 'mode')) || 'major' };
        }
      } else if (tag === 'note') {
        const durationNode = child(item, 'duration');
        const isGrace = child(item, 'grace') !== undefined;
        const isChord = child(item, 'chord') !== undefined;
        // Grace notes take no time on the grid; cue notes are another player's reminder.
        if (isGrace || child(item, 'cue') !== undefined) continue;
        const ticks = intOf(durationNode, `duration> of a note in ${where} <`, 0);
        if (ticks < 0) throw new MusicXmlError(`${where}: a note has a negative <duration>`);
        const length = frac(ticks, divisions);
        const onset = isChord ? lastOnset : cursor;
        if (!isChord) {
          lastOnset = cursor;
          cursor = add(cursor, length);
          longest = max(longest, cursor);
        }
        const pitchNode = child(item, 'pitch');
        if (child(item, 'rest') !== undefined || pitchNode === undefined) continue;
        const step = textOf(child(pitchNode, 'step')).toUpperCase();
        const semitone = STEP_SEMITONES[step];
        if (semitone === undefined) throw new MusicXmlError(`${where}: a note has pitch step '${step}'`);
        const alter = child(pitchNode, 'alter') === undefined ? 0 : Math.round(intOf(child(pitchNode, 'alter'), 'alter'));
        const octave = intOf(child(pitchNode, 'octave'), 'octave');
        const pitch = (octave + 1) * 12 + semitone + alter;
        if (!Number.isInteger(pitch) || pitch < 0 || pitch > 127) throw new MusicXmlError(`${where}: a note's pitch is outside MIDI 0-127`);
        const ties = childrenNamed(item, 'tie').map((tie) => attr(tie, 'type'));
        const tied = childrenNamed(child(item, 'notations'), 'tied').map((tie) => attr(tie, 'type'));
        const tieTypes = ties.length > 0 ? ties : tied;
        events.push({
          pitch,
          offset: onset,
          duration: length,
          staff: Number(textOf(child(item, 'staff')) || '1'),
          voice: textOf(child(item, 'voice')) || '1',
          finger: fingerOf(item),
          tieStart: tieTypes.includes('start'),
          tieStop: tieTypes.includes('stop'),
        });
      } else if (tag === 'backup' || tag === 'forward') {
        const ticks = intOf(child(item, 'duration'), `duration> of a <${tag}`);
        const length = frac(Math.max(0, ticks), divisions);
        cursor = tag === 'backup' ? sub(cursor, length) : add(cursor, length);
        if (compare(cursor, ZERO) < 0) throw new MusicXmlError(`${where}: <backup> moves before the start of the measure`);
        longest = max(longest, cursor);
      } else if (tag === 'direction' || tag === 'sound') {
        const sound = tag === 'sound' ? item : child(item, 'sound');
        const t = Number(attr(sound, 'tempo'));
        if (tempo === null && Number.isFinite(t) && t > 0) tempo = t;
      } else if (tag === 'barline') {
        const repeat = child(item, 'repeat');
        const direction = attr(repeat, 'direction');
        if (direction === 'forward') repeatForward = true;
        if (direction === 'backward') {
          const times = Number(attr(repeat, 'times') ?? '2');
          repeatBackwardTimes = Number.isInteger(times) && times >= 2 ? Math.min(times, 16) : 2;
        }
        const endingNode = child(item, 'ending');
        if (endingNode !== undefined) {
          const type = attr(endingNode, 'type');
          const numbers = (attr(endingNode, 'number') ?? '')
            .split(/[\s,]+/)
            .map(Number)
            .filter((n) => Number.isInteger(n) && n > 0);
          if (type === 'start') {
            ending = numbers;
            endingHere = numbers;
          } else if (type === 'stop' || type === 'discontinue') {
            endingStops = true;
          }
        }
      }
    }
    measures.push({ number, events, length: longest, repeatForward, repeatBackwardTimes, endings: endingHere });
    if (endingStops) ending = null;
  }
  return { measures, staves, clefs, tempo, key };
}

function fingerOf(note: XNode): number | null {
  for (const notations of childrenNamed(note, 'notations')) {
    for (const technical of childrenNamed(notations, 'technical')) {
      for (const fingering of childrenNamed(technical, 'fingering')) {
        // "3-4" (finger substitution) and "3,4": the finger that strikes the key is the first.
        const digit = /[1-5]/.exec(textOf(fingering))?.[0];
        if (digit !== undefined) return Number(digit);
      }
    }
  }
  return null;
}

/**
 * The order measures are played in, repeats expanded: a backward repeat goes back to the last
 * forward repeat (or the start) until the section has been played `times` times; a measure in
 * an ending is played only on the passes its numbers name.
 *
 * @example expandRepeats([a, b(backward)]) // [0, 1, 0, 1]
 */
export function expandRepeats(measures: readonly Pick<Measure, 'repeatForward' | 'repeatBackwardTimes' | 'endings'>[]): number[] {
  const order: number[] = [];
  let start = 0;
  let pass = 1;
  let i = 0;
  let jumped = false;
  while (i < measures.length) {
    const measure = measures[i];
    if (measure === undefined) break;
    if (measure.repeatForward && !jumped) {
      start = i;
      pass = 1;
    }
    jumped = false;
    if (measure.endings !== null && measure.endings.length > 0 && !measure.endings.includes(pass)) {
      i += 1;
      continue;
    }
    order.push(i);
    if (order.length > MAX_EXPANDED_MEASURES) throw new MusicXmlError(`the score has more than ${MAX_EXPANDED_MEASURES} measures once repeats are expanded`);
    if (measure.repeatBackwardTimes > 0 && pass < measure.repeatBackwardTimes) {
      pass += 1;
      i = start;
      jumped = true;
      continue;
    }
    if (measure.repeatBackwardTimes > 0) {
      pass = 1;
      start = i + 1;
    }
    i += 1;
  }
  return order;
}

interface PlacedNote extends MeasureNote {
  readonly onset: Fraction;
}

function placeMeasures(measures: readonly Measure[], order: readonly number[]): PlacedNote[] {
  const placed: PlacedNote[] = [];
  let at = ZERO;
  for (const index of order) {
    const measure = measures[index];
    if (measure === undefined) continue;
    for (const event of measure.events) placed.push({ ...event, onset: add(at, event.offset) });
    at = add(at, measure.length);
  }
  return placed;
}

/**
 * Joins tied notes: a note whose tie stops on a note of the same pitch, staff and voice ending
 * exactly where it starts extends that note instead of sounding again. A tie with no note to
 * continue is played as written (exporters leave dangling ties behind).
 */
function joinTies(placed: readonly PlacedNote[], part: number): ScoreNote[] {
  const sorted = [...placed].sort((a, b) => compare(a.onset, b.onset) || a.pitch - b.pitch);
  const result: { note: ScoreNote; open: boolean }[] = [];
  const open = new Map<string, number>();
  for (const note of sorted) {
    const key = `${note.pitch}|${note.staff}|${note.voice}`;
    const openIndex = open.get(key);
    const previous = openIndex === undefined ? undefined : result[openIndex];
    if (note.tieStop && previous !== undefined && compare(add(previous.note.onset, previous.note.duration), note.onset) === 0) {
      previous.note = { ...previous.note, duration: add(previous.note.duration, note.duration), finger: previous.note.finger ?? note.finger };
      if (!note.tieStart) open.delete(key);
      continue;
    }
    result.push({
      note: { pitch: note.pitch, onset: note.onset, duration: note.duration, part, staff: note.staff, voice: note.voice, finger: note.finger },
      open: note.tieStart,
    });
    if (note.tieStart) open.set(key, result.length - 1);
    else open.delete(key);
  }
  return result.map((entry) => entry.note);
}
