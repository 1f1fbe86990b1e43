import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { getExercise, hanon, withFingering } from '../../../core/exercises';
import type { Exercise } from '../../../core/exercises';
import {
  exerciseToMusicXml,
  importMusicXml,
  MAX_XML_BYTES,
  MusicXmlError,
  parseMusicXml,
  scoreToExercise,
} from '../../../core/musicxml';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const wrap = (parts: string, partList = '<score-part id="P1"><part-name>Piano</part-name></score-part>'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
<score-partwise version="4.0"><work><work-title>Studies &amp; Scales</work-title></work>
<part-list>${partList}</part-list>${parts}</score-partwise>`;

const note = (pitch: string, duration: number, extra: { staff?: number; voice?: number; finger?: number; chord?: boolean; tie?: 'start' | 'stop'; alter?: number } = {}): string => {
  const [step, octave] = [pitch[0], pitch.slice(1)];
  const tie = extra.tie ? `<tie type="${extra.tie}"/>` : '';
  const tied = extra.tie ? `<tied type="${extra.tie}"/>` : '';
  const fingering = extra.finger ? `<technical><fingering>${extra.finger}</fingering></technical>` : '';
  return `<note>${extra.chord ? '<chord/>' : ''}<pitch><step>${step}</step>${extra.alter ? `<alter>${extra.alter}</alter>` : ''}<octave>${octave}</octave></pitch><duration>${duration}</duration>${tie}<voice>${extra.voice ?? 1}</voice><staff>${extra.staff ?? 1}</staff>${tied || fingering ? `<notations>${tied}${fingering}</notations>` : ''}</note>`;
};
const rest = (duration: number, staff = 1, voice = 1): string => `<note><rest/><duration>${duration}</duration><voice>${voice}</voice><staff>${staff}</staff></note>`;
const backup = (duration: number): string => `<backup><duration>${duration}</duration></backup>`;

/**
 * A piano score with two staves, a chord, a tie over the barline, two voices in the right hand,
 * rests, a grace note, a repeat with first and second endings, a change of divisions and a
 * triplet, a tempo, a key, and fingering marks on most (not all) notes.
 */
const PIANO_SCORE = wrap(`<part id="P1">
<measure number="1">
  <attributes><divisions>2</divisions><key><fifths>-1</fifths><mode>major</mode></key><time><beats>4</beats><beat-type>4</beat-type></time><staves>2</staves>
    <clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef></attributes>
  <direction><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>90</per-minute></metronome></direction-type><sound tempo="90"/></direction>
  ${note('C4', 2, { finger: 1 })}${note('E4', 2, { chord: true, finger: 3 })}${note('G4', 2, { chord: true, finger: 5 })}
  ${note('E4', 1, { finger: 2 })}${note('F4', 1, { finger: 3 })}${note('G4', 4, { finger: 4, tie: 'start' })}
  ${backup(8)}${rest(4, 1, 2)}${note('C4', 4, { voice: 2 })}
  ${backup(8)}${note('C3', 8, { staff: 2, voice: 5, finger: 5 })}
</measure>
<measure number="2">
  <barline location="left"><repeat direction="forward"/></barline>
  ${note('G4', 2, { tie: 'stop' })}${note('A4', 2)}${note('B4', 4, { finger: 5, alter: -1 })}
  ${backup(8)}${note('G2', 4, { staff: 2, voice: 5 })}${note('D3', 4, { staff: 2, voice: 5, finger: 2 })}
</measure>
<measure number="3">
  <barline location="left"><ending number="1" type="start"/></barline>
  <note><grace/><pitch><step>B</step><octave>4</octave></pitch><voice>1</voice><staff>1</staff></note>
  ${note('C5', 8, { finger: 5 })}
  ${backup(8)}${note('C3', 8, { staff: 2, voice: 5, finger: 5 })}
  <barline location="right"><ending number="1" type="stop"/><repeat direction="backward"/></barline>
</measure>
<measure number="4">
  <attributes><divisions>6</divisions></attributes>
  <barline location="left"><ending number="2" type="start"/></barline>
  ${note('D5', 2, { finger: 5 })}${note('C5', 2, { finger: 4 })}${note('B4', 2, { finger: 3, alter: -1 })}${note('A4', 18, { finger: 2 })}
  ${backup(24)}<forward><duration>24</duration></forward>
  <barline location="right"><ending number="2" type="discontinue"/></barline>
</measure>
</part>`);

const rows = (exercise: Exercise, hand: 'right' | 'left') =>
  exercise.notes.filter((n) => n.hand === hand).map((n) => [n.step, n.pitch, n.fingered === false ? null : n.finger]);

describe('MusicXML import', () => {
  it('reads a two-staff piano score: chords, ties, voices, repeats with endings, rests, triplets, tempo, key, fingering', () => {
    const exercise = importMusicXml(enc(PIANO_SCORE));
    expect(exercise).toMatchObject({ id: 'imported-studies-scales', name: 'Studies & Scales', kind: 'imported', hands: 'both', key: 'F', mode: 'major', bpm: 90 });
    // Quarter = 6 steps: eighths (3), triplet eighths (2) and quarters all land on the grid.
    expect(exercise.subdivision).toBe(6);
    expect(rows(exercise, 'right')).toEqual([
      [0, 60, 1], [0, 64, 3], [0, 67, 5], // chord
      [6, 64, 2], [9, 65, 3],
      [12, 60, null], [12, 67, 4], // voice 2's C4 with voice 1's G4 (tied over the barline: sounds once)
      [30, 69, null], [36, 70, 5],
      [48, 72, 5], // first ending (the grace note takes no time)
      [72, 67, null], [78, 69, null], [84, 70, 5], // the repeat: G4's tie has nothing to continue now
      [96, 74, 5], [98, 72, 4], [100, 70, 3], [102, 69, 2], // second ending: triplet, then A4
    ]);
    expect(rows(exercise, 'left')).toEqual([[0, 48, 5], [24, 43, null], [36, 50, 2], [48, 48, 5], [72, 43, null], [84, 50, 2]]);
    expect(exercise.fingering).toEqual({ right: 'printed', left: 'printed' });
    // Index runs over both hands by step, left hand first.
    expect(exercise.notes.map((n) => n.index)).toEqual(exercise.notes.map((_, i) => i));
    expect(exercise.notes.slice(0, 2).map((n) => n.hand)).toEqual(['left', 'right']);
  });

  it('joins a tie into one note with the summed duration', () => {
    const score = parseMusicXml(PIANO_SCORE);
    const g4 = score.notes.filter((n) => n.pitch === 67 && n.voice === '1');
    // The chord's G4 at 0, the tied half + quarter at 2, and the repeat's G4 at 12.
    expect(g4.map((n) => n.onset.num)).toEqual([0, 2, 12]);
    expect(g4[1]).toMatchObject({ onset: { num: 2, den: 1 }, duration: { num: 3, den: 1 }, finger: 4 });
  });

  it('a one-staff part is the right hand in treble clef and the left in bass clef, unless a hand is chosen', () => {
    const oneStaff = (sign: string, line: number): string =>
      wrap(`<part id="P1"><measure number="1"><attributes><divisions>1</divisions><clef><sign>${sign}</sign><line>${line}</line></clef></attributes>${note('C3', 1, { finger: 5 })}${note('D3', 1, { finger: 4 })}</measure></part>`);
    expect(importMusicXml(enc(oneStaff('G', 2))).hands).toBe('right');
    expect(importMusicXml(enc(oneStaff('F', 4))).hands).toBe('left');
    expect(importMusicXml(enc(oneStaff('G', 2)), { hand: 'left' }).hands).toBe('left');
    // Hands written as two one-staff parts: by clef; --hand picks that hand's part.
    const twoParts = wrap(
      `<part id="P1"><measure number="1"><attributes><divisions>1</divisions><clef><sign>G</sign><line>2</line></clef></attributes>${note('C5', 1, { finger: 1 })}</measure></part>` +
        `<part id="P2"><measure number="1"><attributes><divisions>1</divisions><clef><sign>F</sign><line>4</line></clef></attributes>${note('C3', 1, { finger: 5 })}${note('D3', 1, { finger: 4 })}</measure></part>`,
      '<score-part id="P1"><part-name>RH</part-name></score-part><score-part id="P2"><part-name>LH</part-name></score-part>',
    );
    expect(rows(importMusicXml(enc(twoParts)), 'left')).toEqual([[0, 48, 5], [1, 50, 4]]);
    expect(importMusicXml(enc(twoParts)).hands).toBe('both');
    expect(importMusicXml(enc(twoParts), { hand: 'left' }).notes.map((n) => [n.hand, n.pitch])).toEqual([['left', 48], ['left', 50]]);
    // --hand on a two-staff part keeps that staff only.
    const left = importMusicXml(enc(PIANO_SCORE), { hand: 'left', id: 'my-left-hand' });
    expect(left).toMatchObject({ id: 'my-left-hand', hands: 'left' });
    expect(left.notes).toHaveLength(6);
  });

  it('a part without fingering marks is measured per hand only (and an estimator hook can finger it)', () => {
    const bare = wrap(`<part id="P1"><measure number="1"><attributes><divisions>1</divisions><clef><sign>G</sign><line>2</line></clef></attributes>${note('C4', 1)}${note('D4', 1)}${note('E4', 1)}</measure></part>`);
    const unfingered = importMusicXml(enc(bare));
    expect(unfingered.fingering).toEqual({ right: 'none' });
    expect(unfingered.notes.every((n) => n.fingered === false)).toBe(true);
    const estimated = scoreToExercise(parseMusicXml(bare), { estimateUnmarked: (_hand, notes) => notes.map((_, i) => (i + 1) as 1 | 2 | 3) });
    expect(estimated.fingering).toEqual({ right: 'estimated' });
    expect(estimated.notes.map((n) => [n.finger, n.fingered])).toEqual([[1, undefined], [2, undefined], [3, undefined]]);
  });

  it.each([
    ['Hanon No. 21, hands together', hanon({ number: 21, hands: 'both' })],
    ['Hanon No. 1, left hand', hanon({ number: 1, hands: 'left' })],
    ['C major, hands together, 2 octaves', getExercise('scale-c-major-both-2oct')!],
    ['B-flat major with an own fingering', withFingering(getExercise('scale-bb-major-rh-1oct')!, 'right', [4, 1, 2, 3, 1, 2, 3, 4, 3, 2, 1, 3, 2, 1, 4])],
  ])('round trip: %s written as MusicXML (staves, ties over barlines, fingering) reads back note for note', (_name, exercise) => {
    const back = importMusicXml(enc(exerciseToMusicXml(exercise)));
    const key = (n: Exercise['notes'][number]) => [n.index, n.step, n.hand, n.pitch, n.finger, n.position, n.crossing];
    expect(back.notes.map(key)).toEqual(exercise.notes.map(key));
    expect(back.bpm).toBe(exercise.bpm);
    expect(back.subdivision).toBe(exercise.subdivision);
  });

  it('reads compressed .mxl (container.xml names the score; without it, the archive\'s score file)', () => {
    const xml = exerciseToMusicXml(hanon({ number: 2, hands: 'right' }));
    const container = '<?xml version="1.0"?><container><rootfiles><rootfile full-path="scores/hanon2.musicxml" media-type="application/vnd.recordare.musicxml+xml"/></rootfiles></container>';
    const mxl = zipSync({ mimetype: strToU8('application/vnd.recordare.musicxml'), 'META-INF/container.xml': strToU8(container), 'scores/hanon2.musicxml': strToU8(xml) });
    const plain = importMusicXml(enc(xml));
    expect(importMusicXml(mxl).notes).toEqual(plain.notes);
    const bare = zipSync({ 'hanon2.xml': strToU8(xml) });
    expect(importMusicXml(bare).notes).toEqual(plain.notes);
  });
});

describe('MusicXML import refuses bad input in one line', () => {
  const refusal = (bytes: Uint8Array): string => {
    try {
      importMusicXml(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(MusicXmlError);
      const message = (error as Error).message;
      expect(message).not.toMatch(/\n/);
      return message;
    }
    throw new Error('accepted');
  };

  it('malformed XML, naming the line', () => {
    expect(refusal(enc(PIANO_SCORE.replace('</measure>', '')))).toMatch(/^malformed XML at line \d+/);
    expect(refusal(enc('<score-partwise><part id="P1"><measure></part>'))).toMatch(/malformed XML/);
  });

  it('entity expansion ("billion laughs") and external entities', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><score-partwise><work><work-title>&lol3;</work-title></work></score-partwise>`;
    expect(refusal(enc(laughs))).toMatch(/declares its own entities/);
    const external = `<?xml version="1.0"?><!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><score-partwise><work><work-title>&xxe;</work-title></work></score-partwise>`;
    expect(refusal(enc(external))).toMatch(/declares its own entities/);
    const subset = `<?xml version="1.0"?><!DOCTYPE score-partwise [<!ATTLIST note x CDATA "y">]><score-partwise/>`;
    expect(refusal(enc(subset))).toMatch(/DTD/);
  });

  it('oversized files and archives', () => {
    const big = new Uint8Array(MAX_XML_BYTES + 1).fill(0x20);
    expect(refusal(big)).toMatch(/limit is 16\.0 MB/);
    // A zip whose entry declares more than the limit is refused before anything is inflated.
    const bomb = zipSync({ 'score.musicxml': new Uint8Array(MAX_XML_BYTES + 10) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(bomb)).toMatch(/unpacks to 16\.0 MB; the limit is 16\.0 MB/);
    const damaged = zipSync({ 'score.musicxml': strToU8(PIANO_SCORE) }).slice(0, 200);
    expect(refusal(damaged)).toMatch(/\.mxl archive is damaged|malformed/);
  });

  it('files that are not scores, or hold nothing to play', () => {
    expect(refusal(enc('<html><body>hi</body></html>'))).toMatch(/not a MusicXML score/);
    expect(refusal(enc('<score-timewise version="4.0"/>'))).toMatch(/score-timewise/);
    expect(refusal(enc(wrap('<part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes>' + rest(4) + '</measure></part>')))).toMatch(/no notes/);
    expect(refusal(new Uint8Array([0xde, 0xad, 0x00, 0xbe, 0xef]))).toMatch(/not MusicXML text/);
    expect(refusal(zipSync({ 'readme.txt': strToU8('hello') }))).toMatch(/holds no MusicXML score/);
  });

  it('rhythms finer than the grid allows and bad numbers', () => {
    const fine = wrap(`<part id="P1"><measure number="1"><attributes><divisions>97</divisions></attributes>${note('C4', 1)}${note('D4', 1)}</measure></part>`);
    expect(refusal(enc(fine))).toMatch(/finer than 1\/48 of a quarter note/);
    const badDivisions = wrap(`<part id="P1"><measure number="1"><attributes><divisions>0</divisions></attributes>${note('C4', 1)}</measure></part>`);
    expect(refusal(enc(badDivisions))).toMatch(/divisions> must be a positive integer/);
    const badPitch = wrap(`<part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes>${note('C11', 1)}</measure></part>`);
    expect(refusal(enc(badPitch))).toMatch(/outside MIDI 0-127/);
  });
});
