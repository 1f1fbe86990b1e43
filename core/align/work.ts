/**
 * A count of the dynamic-programming cells the aligner computed: a measure of work that, unlike
 * wall-clock time, does not depend on what else the machine is doing. The benchmark uses it to
 * show that the work grows linearly with the number of notes.
 */

let cells = 0;

/** Adds to the count (called by the aligner's inner routines). */
export function countCells(count: number): void {
  cells += count;
}

/**
 * Cells computed since the last reset.
 *
 * @example resetAlignmentWork(); recognize(notes); alignmentWork() // e.g. 4_200_000
 */
export function alignmentWork(): number {
  return cells;
}

/** Starts counting from zero. */
export function resetAlignmentWork(): void {
  cells = 0;
}
