/**
 * For the benchmark only (bench/live.bench.ts): when the page has set `window.__evenkeysLatency`
 * to an array, every note the live view shows appends (end of the React commit that shows it -
 * the MIDI message's own timestamp) in ms. A commit that shows several notes (the page was busy
 * and they queued up) records each of them, so the slow cases are not left out. Nothing is
 * recorded otherwise, so the app pays one property read per note.
 */
declare global {
  interface Window {
    __evenkeysLatency?: number[];
  }
}

/** Message times of notes handed to the live view and not yet committed. */
const pending: number[] = [];

/** @example noteArrived(message.timeMs) // in the MIDI handler, before the store update */
export function noteArrived(messageTimeMs: number): void {
  if (window.__evenkeysLatency !== undefined && messageTimeMs > 0) pending.push(messageTimeMs);
}

/** @example notesCommitted() // in a layout effect of the live view: the end of its commit */
export function notesCommitted(): void {
  const sink = window.__evenkeysLatency;
  if (pending.length === 0) return;
  const now = performance.now();
  if (sink !== undefined) for (const time of pending) sink.push(now - time);
  pending.length = 0;
}
