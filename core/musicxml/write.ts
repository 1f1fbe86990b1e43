/**
 * An exercise to MusicXML (score-partwise 4.0): one piano part, right hand on the upper staff and
 * left hand on the lower, 4/4 measures of `subdivision` divisions per quarter, the fingers as
 * `<fingering>` marks. A note lasts until its hand's next onset; one that crosses a barline is
 * split and tied. Used to hand an exercise to a notation program and to test the importer
 * against it (export, import, compare).
 */
import type { Exercise, ExpectedNote, Hand } from '../exercises/types';

const STEP_NAMES: readonly [string, number][] = [
  ['C', 0], ['C', 1], ['D', 0], ['D', 1], ['E', 0], ['F', 0], ['F', 1], ['G', 0], ['G', 1], ['A', 0], ['A', 1], ['B', 0],
];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pitchXml(pitch: number): string {
  const [step, alter] = STEP_NAMES[((pitch % 12) + 12) % 12] ?? ['C', 0];
  const octave = Math.floor(pitch / 12) - 1;
  return `<pitch><step>${step}</step>${alter ? `<alter>${alter}</alter>` : ''}<octave>${octave}</octave></pitch>`;
}

interface Event {
  readonly start: number;
  readonly length: number;
  /** Empty for a rest. */
  readonly notes: readonly ExpectedNote[];
}

/** A hand's notes as chords and rests, each lasting until the next onset (the last: one step). */
function handEvents(exercise: Exercise, hand: Hand, total: number): Event[] {
  const byStep = new Map<number, ExpectedNote[]>();
  for (const note of exercise.notes) {
    if (note.hand !== hand) continue;
    const list = byStep.get(note.step) ?? [];
    list.push(note);
    byStep.set(note.step, list);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  const events: Event[] = [];
  let at = 0;
  steps.forEach((step, i) => {
    if (step > at) events.push({ start: at, length: step - at, notes: [] });
    const next = steps[i + 1] ?? Math.max(step + 1, total);
    events.push({ start: step, length: next - step, notes: byStep.get(step) ?? [] });
    at = next;
  });
  if (at < total) events.push({ start: at, length: total - at, notes: [] });
  return events;
}

/**
 * The exercise as MusicXML text.
 *
 * @example exerciseToMusicXml(hanon({ number: 1, hands: 'both' })).includes('<staves>2</staves>') // true
 */
export function exerciseToMusicXml(exercise: Exercise): string {
  const divisions = exercise.subdivision;
  const measureSteps = 4 * divisions;
  const lastStep = Math.max(0, ...exercise.notes.map((note) => note.step));
  const total = Math.ceil((lastStep + 1) / measureSteps) * measureSteps;
  const hands: Hand[] = (['right', 'left'] as const).filter((hand) => exercise.notes.some((note) => note.hand === hand));
  const events = new Map(hands.map((hand) => [hand, handEvents(exercise, hand, total)]));
  const measures: string[] = [];
  for (let m = 0; m * measureSteps < total; m += 1) {
    const from = m * measureSteps;
    const to = from + measureSteps;
    const body: string[] = [];
    if (m === 0) {
      const clefs = hands.map((hand, i) => `<clef number="${i + 1}"><sign>${hand === 'right' ? 'G' : 'F'}</sign><line>${hand === 'right' ? 2 : 4}</line></clef>`);
      body.push(
        `<attributes><divisions>${divisions}</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><staves>${hands.length}</staves>${clefs.join('')}</attributes>`,
        `<direction placement="above"><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>${exercise.bpm}</per-minute></metronome></direction-type><sound tempo="${exercise.bpm}"/></direction>`,
      );
    }
    hands.forEach((hand, h) => {
      if (h > 0) body.push(`<backup><duration>${measureSteps}</duration></backup>`);
      const staff = h + 1;
      for (const event of events.get(hand) ?? []) {
        const start = Math.max(event.start, from);
        const end = Math.min(event.start + event.length, to);
        if (end <= start) continue;
        const tieStop = event.start < from;
        const tieStart = event.start + event.length > to;
        if (event.notes.length === 0) {
          body.push(`<note><rest/><duration>${end - start}</duration><voice>${staff}</voice><staff>${staff}</staff></note>`);
          continue;
        }
        event.notes.forEach((note, k) => {
          const ties = `${tieStop ? '<tie type="stop"/>' : ''}${tieStart ? '<tie type="start"/>' : ''}`;
          const tied = `${tieStop ? '<tied type="stop"/>' : ''}${tieStart ? '<tied type="start"/>' : ''}`;
          const fingering = !tieStop && note.fingered !== false ? `<technical><fingering>${note.finger}</fingering></technical>` : '';
          const notations = tied || fingering ? `<notations>${tied}${fingering}</notations>` : '';
          body.push(`<note>${k > 0 ? '<chord/>' : ''}${pitchXml(note.pitch)}<duration>${end - start}</duration>${ties}<voice>${staff}</voice><staff>${staff}</staff>${notations}</note>`);
        });
      }
    });
    measures.push(`<measure number="${m + 1}">${body.join('')}</measure>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
    '<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">',
    '<score-partwise version="4.0">',
    `<work><work-title>${escapeXml(exercise.name)}</work-title></work>`,
    '<part-list><score-part id="P1"><part-name>Piano</part-name></score-part></part-list>',
    `<part id="P1">${measures.join('\n')}</part>`,
    '</score-partwise>',
    '',
  ].join('\n');
}
