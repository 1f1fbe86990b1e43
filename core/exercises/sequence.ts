/**
 * Turns per-hand lines of (pitch, finger) into an exercise's ExpectedNote[]: positions, runs, grid
 * steps, crossing flags and the global index.
 */
import type { Direction, ExpectedNote, Finger, Hand } from './types';

/** One note of one hand before it is placed in the full sequence. */
export interface LineNote {
  readonly pitch: number;
  readonly finger: Finger;
  readonly direction: Direction;
  readonly run: number;
}

/** The notes one hand plays, in time order; note i sits on grid step i. */
export interface HandLine {
  readonly hand: Hand;
  readonly notes: readonly LineNote[];
}

/**
 * A line that goes out and back: `ascending` bottom to top, played up then down (or down then up
 * when `firstDirection` is 'down'), the turning note played once.
 *
 * @example outAndBack([60, 62, 64], [1, 2, 3], 'up') // pitches 60 62 64 62 60, runs 0 0 0 1 1
 */
export function outAndBack(ascendingPitches: readonly number[], ascendingFingers: readonly Finger[], firstDirection: Direction = 'up'): LineNote[] {
  if (ascendingPitches.length !== ascendingFingers.length) {
    throw new RangeError(`${ascendingPitches.length} pitches but ${ascendingFingers.length} fingers`);
  }
  const up = ascendingPitches.map((pitch, i) => ({ pitch, finger: ascendingFingers[i] as Finger }));
  const down = [...up].reverse();
  const [first, second] = firstDirection === 'up' ? [up, down] : [down, up];
  const secondDirection: Direction = firstDirection === 'up' ? 'down' : 'up';
  return [
    ...first.map((n) => ({ ...n, direction: firstDirection, run: 0 })),
    ...second.slice(1).map((n) => ({ ...n, direction: secondDirection, run: 1 })),
  ];
}

/** One direction of a line: pitches and fingers, both bottom to top. */
export interface LineShape {
  readonly pitches: readonly number[];
  readonly fingers: readonly Finger[];
}

/**
 * Like outAndBack, for lines whose way up and way down differ (the melodic minor): `up` is played
 * going up, `down` going down, each given bottom to top. The turning note is played once and
 * comes from the first direction's shape.
 *
 * @example outAndBackBy({ pitches: [57, 59, 60], fingers: [1, 2, 3] }, { pitches: [57, 58, 60], fingers: [1, 2, 3] }).map((n) => n.pitch) // [57, 59, 60, 58, 57]
 */
export function outAndBackBy(up: LineShape, down: LineShape, firstDirection: Direction = 'up'): LineNote[] {
  for (const shape of [up, down]) {
    if (shape.pitches.length !== shape.fingers.length) throw new RangeError(`${shape.pitches.length} pitches but ${shape.fingers.length} fingers`);
  }
  const ascending = up.pitches.map((pitch, i) => ({ pitch, finger: up.fingers[i] as Finger }));
  const descending = down.pitches.map((pitch, i) => ({ pitch, finger: down.fingers[i] as Finger })).reverse();
  const [first, second] = firstDirection === 'up' ? [ascending, descending] : [descending, ascending];
  const secondDirection: Direction = firstDirection === 'up' ? 'down' : 'up';
  return [
    ...first.map((n) => ({ ...n, direction: firstDirection, run: 0 })),
    ...second.slice(1).map((n) => ({ ...n, direction: secondDirection, run: 1 })),
  ];
}

/**
 * True when the move from `previous` to `current` passes the thumb under a finger or a finger over
 * the thumb: the finger order runs against the pitch order (right hand: higher pitch, lower finger
 * number; left hand mirrored), with the thumb on one side.
 *
 * @example isCrossing('right', { pitch: 64, finger: 3 }, { pitch: 65, finger: 1 }) // true
 */
export function isCrossing(hand: Hand, previous: { pitch: number; finger: Finger }, current: { pitch: number; finger: Finger }): boolean {
  if (previous.finger !== 1 && current.finger !== 1) return false;
  const orientation = Math.sign(current.pitch - previous.pitch) * Math.sign(current.finger - previous.finger);
  return hand === 'right' ? orientation < 0 : orientation > 0;
}

/**
 * Places the lines on the grid (note i of every hand on step i, so hands together share steps) and
 * orders the result by step, left hand before right.
 *
 * @example buildSequence([{ hand: 'right', notes: outAndBack([60, 62], [1, 2]) }]).map((n) => n.step) // [0, 1, 2]
 */
export function buildSequence(lines: readonly HandLine[]): ExpectedNote[] {
  const placed: Omit<ExpectedNote, 'index'>[] = [];
  for (const line of lines) {
    line.notes.forEach((note, position) => {
      const previous = position > 0 ? line.notes[position - 1] : undefined;
      placed.push({
        pitch: note.pitch,
        hand: line.hand,
        finger: note.finger,
        direction: note.direction,
        position,
        run: note.run,
        step: position,
        crossing: previous !== undefined && isCrossing(line.hand, previous, note),
      });
    });
  }
  const handOrder = (hand: Hand): number => (hand === 'left' ? 0 : 1);
  placed.sort((a, b) => a.step - b.step || handOrder(a.hand) - handOrder(b.hand));
  return placed.map((note, index) => ({ index, ...note }));
}
