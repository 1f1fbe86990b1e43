/**
 * For the benchmark only: when the page has set `window.__evenkeysLatency` to an array, each
 * live-view commit appends (commit time - the MIDI message's own timestamp) in ms. Nothing is
 * recorded otherwise, so the app pays one property read per note.
 */
declare global {
  interface Window {
    __evenkeysLatency?: number[];
  }
}

/** @example noteCommitted(event.timeStamp) // after the commit that shows that note */
export function noteCommitted(messageTimeMs: number): void {
  const sink = window.__evenkeysLatency;
  if (sink !== undefined && messageTimeMs > 0) sink.push(performance.now() - messageTimeMs);
}
