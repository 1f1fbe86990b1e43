// An imported score in the analysis: recognised in free playing ("just play") when the analysis
// is given the database's exercises, and timed over mixed note values in grid steps.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../core/analysis/analyze';
import { importMusicXml } from '../../../core/musicxml';
import { messagesFromNotes } from '../../../core/midi/smf';
import { performRepetitions } from '../../support/performer';

const STEPS = ['C', 'C', 'D', 'D', 'E', 'F', 'F', 'G', 'G', 'A', 'A', 'B'];
const pitchXml = (midi: number): string => {
  const name = STEPS[midi % 12]!;
  const sharp = [1, 3, 6, 8, 10].includes(midi % 12);
  return `<pitch><step>${name}</step>${sharp ? '<alter>1</alter>' : ''}<octave>${Math.floor(midi / 12) - 1}</octave></pitch>`;
};

/** A short étude: right hand in eighths and quarters (two notes without a fingering mark), left hand in halves. */
function etude(): string {
  // [pitch, eighths, finger | null]
  const rh: [number, number, number | null][] = [
    [67, 1, 1], [71, 1, 2], [74, 1, 4], [71, 1, 2], [72, 1, 1], [76, 1, 3], [79, 1, 5], [76, 1, 3],
    [74, 1, 2], [77, 1, null], [81, 1, 5], [77, 1, 4], [72, 2, 1], [67, 2, null],
    [69, 1, 1], [72, 1, 2], [76, 2, 4], [74, 1, 3], [71, 1, 1], [67, 4, 1],
  ];
  const lh: [number, number, number][] = [[43, 4, 5], [48, 4, 2], [50, 4, 1], [48, 4, 2], [45, 4, 4], [43, 4, 5]];
  const measures: string[] = [];
  let r = 0;
  let l = 0;
  for (let m = 0; r < rh.length || l < lh.length; m += 1) {
    const body: string[] = [];
    if (m === 0) body.push('<attributes><divisions>2</divisions><staves>2</staves><clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef></attributes><direction><sound tempo="96"/></direction>');
    let used = 0;
    while (r < rh.length && used + rh[r]![1] <= 8) {
      const [pitch, eighths, finger] = rh[r]!;
      body.push(`<note>${pitchXml(pitch)}<duration>${eighths}</duration><voice>1</voice><staff>1</staff>${finger ? `<notations><technical><fingering>${finger}</fingering></technical></notations>` : ''}</note>`);
      used += eighths;
      r += 1;
    }
    if (used < 8) body.push(`<forward><duration>${8 - used}</duration></forward>`);
    body.push('<backup><duration>8</duration></backup>');
    for (let k = 0; k < 2 && l < lh.length; k += 1, l += 1) {
      const [pitch, eighths, finger] = lh[l]!;
      body.push(`<note>${pitchXml(pitch)}<duration>${eighths}</duration><voice>5</voice><staff>2</staff><notations><technical><fingering>${finger}</fingering></technical></notations></note>`);
    }
    measures.push(`<measure number="${m + 1}">${body.join('')}</measure>`);
  }
  return `<?xml version="1.0"?><score-partwise version="4.0"><movement-title>Etude in G</movement-title><part-list><score-part id="P1"><part-name>Piano</part-name></score-part></part-list><part id="P1">${measures.join('')}</part></score-partwise>`;
}

describe('an imported exercise in the analysis', () => {
  const exercise = importMusicXml(new TextEncoder().encode(etude()), { id: 'etude-in-g' });

  it('imports the étude with eighth-note steps and two unfingered notes', () => {
    expect(exercise).toMatchObject({ id: 'etude-in-g', subdivision: 2, bpm: 96, hands: 'both' });
    expect(exercise.notes.filter((n) => n.fingered === false)).toHaveLength(2);
  });

  it('is recognised in free playing when the analysis is given it, and not otherwise', () => {
    const played = performRepetitions(exercise, 3, { seed: 5, style: { jitterMs: 6 } });
    const messages = messagesFromNotes(played.notes);
    const found = analyze({ messages, file: 'etude.mid', exercises: [exercise] }).document;
    expect(found.takes.map((t) => t.exercise.id)).toEqual(['etude-in-g', 'etude-in-g', 'etude-in-g']);
    for (const take of found.takes) expect(take.matched).toBe(exercise.notes.length);
    const library = analyze({ messages, file: 'etude.mid' }).document;
    expect(library.takes.some((t) => t.exercise.id === 'etude-in-g')).toBe(false);
  });

  it('times mixed note values per grid step: steady playing has a near-zero IOI SD, and unfingered notes stay out of the finger table', () => {
    const steady = performRepetitions(exercise, 1, { seed: 6, style: { jitterMs: 0.5 } });
    const { document } = analyze({ messages: messagesFromNotes(steady.notes), file: 'etude.mid', exercise: 'etude-in-g', exercises: [exercise] });
    const take = document.takes[0]!;
    // Raw IOIs here are 312.5, 625 and 1250 ms; per step they are all 312.5 ms.
    const right = take.hands.find((h) => h.hand === 'right')!;
    expect(right.ioiSdMs).toBeLessThan(2);
    expect(take.unevennessMs).toBeLessThan(2);
    const counted = take.fingers.filter((f) => f.hand === 'right').reduce((sum, f) => sum + f.count, 0);
    expect(counted).toBe(exercise.notes.filter((n) => n.hand === 'right').length - 2);
  });
});

describe('events on notes without a fingering mark', () => {
  it('say the finger is not marked instead of naming the placeholder', () => {
    const exercise = importMusicXml(new TextEncoder().encode(etude()), { id: 'etude-in-g' });
    const played = performRepetitions(exercise, 1, { seed: 8, style: { jitterMs: 3 } });
    // The first unfingered right-hand note (F5) is struck 150 ms late.
    const unmarked = exercise.notes.find((n) => n.hand === 'right' && n.fingered === false)!;
    const notes = played.notes.map((note, i) => (played.truth[i]?.expectedIndex === unmarked.index ? { ...note, onsetMs: note.onsetMs + 150, offsetMs: note.offsetMs + 150 } : note));
    const { document } = analyze({ messages: messagesFromNotes([...notes].sort((a, b) => a.onsetMs - b.onsetMs)), file: 'e.mid', exercise: 'etude-in-g', exercises: [exercise] });
    const late = document.takes[0]!.events.find((e) => e.type === 'late' && e.hand === 'right');
    expect(late?.detail).toMatch(/^RH \(finger not marked\) late by/);
    expect(late?.evidence.fingerUnmarked).toBe(1);
  });
});
