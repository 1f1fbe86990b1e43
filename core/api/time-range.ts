/**
 * The range of times a recording may carry, checked at every boundary (the file import, the API,
 * the store) so an absurd timestamp is refused with one clear line before anything is written,
 * never half-way through a session.
 */

/**
 * Largest |timestamp| on the event clock (ms): one year. Web MIDI stamps count from page load
 * (`performance.now()`), an SMF from the start of the file; a year is far beyond any real
 * session and far below where a float64 millisecond stops being exact to the microsecond
 * (2^53 us). A SMF delta time that puts a message years away is refused by this.
 *
 * @example Math.abs(1234.5) <= MAX_EVENT_TIME_MS // => true
 */
export const MAX_EVENT_TIME_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Longest span an imported file may cover (ms): 7 days. A practice recording is minutes or
 * hours; a file whose messages spread over more than a week has corrupt delta times or tempo.
 */
export const MAX_FILE_SPAN_MS = 7 * 24 * 60 * 60 * 1000;

/** Wall-clock dates a session may start or end at: 1970 to 9999 (what ISO-8601 strings hold). */
export const MIN_WALL_CLOCK_MS = 0;
export const MAX_WALL_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Why a message's time is out of range, or null when it is fine.
 *
 * @example eventTimeProblem(5e12) // => 'a timestamp of 5000000000000 ms (158.4 years) is beyond the 1-year limit of the event clock'
 * @example eventTimeProblem(12.5) // => null
 */
export function eventTimeProblem(timeMs: number): string | null {
  if (!Number.isFinite(timeMs)) return `a timestamp of ${String(timeMs)} is not a finite number of milliseconds`;
  if (Math.abs(timeMs) > MAX_EVENT_TIME_MS) {
    return `a timestamp of ${timeMs} ms (${describeSpan(Math.abs(timeMs))}) is beyond the 1-year limit of the event clock`;
  }
  return null;
}

/**
 * Why a set of message times cannot be one imported recording, or null. Checks every time and
 * the span from first to last against MAX_FILE_SPAN_MS, and that `startedAt` plus the span is a
 * real date.
 *
 * @example recordingTimeProblem([0, 500, 9e10], new Date('2026-11-24T09:00:00Z')) // => 'the messages span ... beyond the 7-day limit ...'
 */
export function recordingTimeProblem(times: Iterable<number>, startedAt: Date, durationMs?: number): string | null {
  let first = Infinity;
  let last = -Infinity;
  let index = 0;
  for (const time of times) {
    const problem = eventTimeProblem(time);
    if (problem !== null) return `message ${index + 1}: ${problem}`;
    if (time < first) first = time;
    if (time > last) last = time;
    index += 1;
  }
  const span = Math.max(index > 0 ? last - first : 0, durationMs ?? 0);
  if (!Number.isFinite(span) || span > MAX_FILE_SPAN_MS) {
    return `the recording spans ${describeSpan(span)}, beyond the 7-day limit of one session (a corrupt delta time or tempo?)`;
  }
  const start = startedAt.getTime();
  if (!Number.isFinite(start) || start < MIN_WALL_CLOCK_MS || start + span > MAX_WALL_CLOCK_MS) {
    return `the start time ${Number.isFinite(start) ? startedAt.toISOString() : 'is not a date'} plus ${describeSpan(span)} is not a date between 1970 and 9999`;
  }
  return null;
}

/**
 * A duration for a message: ms, s, min, h, days or years, one decimal.
 *
 * @example describeSpan(90_000) // => '1.5 min'
 */
export function describeSpan(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const units: Array<[number, string]> = [
    [365.25 * 24 * 3600 * 1000, 'years'],
    [24 * 3600 * 1000, 'days'],
    [3600 * 1000, 'h'],
    [60 * 1000, 'min'],
    [1000, 's'],
  ];
  for (const [size, name] of units) if (ms >= size) return `${(ms / size).toFixed(1)} ${name}`;
  return `${ms.toFixed(1)} ms`;
}
