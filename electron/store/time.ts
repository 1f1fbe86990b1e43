/** Wall-clock stamps as stored: ISO-8601 UTC with milliseconds. */

/**
 * @example isoTime(new Date(0)) // => '1970-01-01T00:00:00.000Z'
 */
export function isoTime(date: Date | string | number = new Date()): string {
  const value = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(value.getTime())) throw new RangeError(`Not a valid date: ${String(date)}`);
  return value.toISOString();
}
