/**
 * Notices a sustain pedal that reads "always down": held through a long stretch of playing
 * without ever being released. The usual causes are a pedal of the other polarity (it reads
 * down when not pressed) or a keyboard that reports the pedal down with none plugged in. Every
 * note then sounds sustained and the key-down durations say nothing about legato, so the
 * pianist should know before the take, not in the report.
 */

/** CC64 at or above this counts as down (the MIDI convention, as in core/midi). */
export const PEDAL_DOWN_VALUE = 64;
/** Down for at least this long... */
export const ALWAYS_DOWN_MS = 8_000;
/** ...and through at least this many notes. */
export const ALWAYS_DOWN_NOTES = 20;

export interface PedalWatch {
  down: boolean;
  /** When it went down (event clock ms), or NaN. */
  downSinceMs: number;
  notesWhileDown: number;
  /** It has been released at least once since it went down this time. */
  everReleased: boolean;
}

/** @example const watch = createPedalWatch(); */
export function createPedalWatch(): PedalWatch {
  return { down: false, downSinceMs: Number.NaN, notesWhileDown: 0, everReleased: false };
}

/**
 * Feeds one CC64 value (0-127) at its time.
 *
 * @example pedalValue(watch, 127, 1000)
 */
export function pedalValue(watch: PedalWatch, value: number, timeMs: number): void {
  const down = value >= PEDAL_DOWN_VALUE;
  if (down && !watch.down) {
    watch.downSinceMs = timeMs;
    watch.notesWhileDown = 0;
  }
  if (!down && watch.down) watch.everReleased = true;
  watch.down = down;
}

/**
 * Feeds one note-on; true when the pedal now reads "always down".
 *
 * @example pedalNote(watch, 9000) // => true after 20 notes over 8 s with the pedal never up
 */
export function pedalNote(watch: PedalWatch, timeMs: number): boolean {
  if (!watch.down) return false;
  watch.notesWhileDown += 1;
  return watch.notesWhileDown >= ALWAYS_DOWN_NOTES && timeMs - watch.downSinceMs >= ALWAYS_DOWN_MS;
}
