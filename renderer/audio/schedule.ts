/**
 * The metronome's timing, as pure functions over plain data: when click n sounds on the audio
 * clock, whether it is a bar accent, a beat or a subdivision, and whether it belongs to the
 * count-in. Times are computed as start + n * interval (never by adding intervals one after
 * another), so a click's time carries no accumulated rounding however long the metronome runs.
 */

export interface MetronomeSettings {
  /** Beats per minute, 20-400. */
  readonly bpm: number;
  /** Beats per bar: the first beat of each bar is accented (1 = no bar accent). */
  readonly beatsPerBar: number;
  /** Clicks per beat: 1 = beats only, 2 = eighths, 4 = sixteenths. */
  readonly subdivision: number;
  /** Bars of count-in before the take (0 = none). */
  readonly countInBars: number;
}

export type ClickKind = 'accent' | 'beat' | 'subdivision';

export interface Click {
  /** Index from the first click of the count-in (0, 1, 2, ...). */
  readonly index: number;
  /** When it sounds, in seconds on the AudioContext clock. */
  readonly time: number;
  readonly kind: ClickKind;
  /** Beat number within the bar (1-based) and subdivision within the beat (0 = on the beat). */
  readonly beat: number;
  readonly sub: number;
  /** True for clicks of the count-in. */
  readonly countIn: boolean;
}

/** Tempo limits the control offers and the scheduler accepts. */
export const MIN_BPM = 20;
export const MAX_BPM = 400;

/**
 * Checks settings, throwing a RangeError with a one-line reason.
 *
 * @example checkSettings({ bpm: 120, beatsPerBar: 4, subdivision: 4, countInBars: 1 }) // ok
 */
export function checkSettings(settings: MetronomeSettings): void {
  if (!(settings.bpm >= MIN_BPM && settings.bpm <= MAX_BPM)) throw new RangeError(`tempo must be ${MIN_BPM}-${MAX_BPM} bpm, got ${settings.bpm}`);
  if (!Number.isInteger(settings.beatsPerBar) || settings.beatsPerBar < 1 || settings.beatsPerBar > 16) throw new RangeError(`beats per bar must be 1-16, got ${settings.beatsPerBar}`);
  if (!Number.isInteger(settings.subdivision) || settings.subdivision < 1 || settings.subdivision > 8) throw new RangeError(`subdivision must be 1-8, got ${settings.subdivision}`);
  if (!Number.isInteger(settings.countInBars) || settings.countInBars < 0 || settings.countInBars > 4) throw new RangeError(`count-in must be 0-4 bars, got ${settings.countInBars}`);
}

/**
 * Seconds between two clicks.
 *
 * @example clickInterval({ bpm: 120, subdivision: 2, beatsPerBar: 4, countInBars: 1 }) // => 0.25
 */
export function clickInterval(settings: MetronomeSettings): number {
  return 60 / settings.bpm / settings.subdivision;
}

/**
 * Click number `index` of a metronome whose first click sounds at `startTime` (audio seconds).
 * The count-in plays beats only (no subdivisions), so the pianist hears the pulse clearly; it
 * still occupies whole bars on the same grid.
 *
 * @example clickAt({ bpm: 120, beatsPerBar: 4, subdivision: 1, countInBars: 1 }, 10, 5)
 *   // => { index: 5, time: 12.5, kind: 'beat', beat: 2, sub: 0, countIn: false }
 */
export function clickAt(settings: MetronomeSettings, startTime: number, index: number): Click {
  const perBar = settings.beatsPerBar * settings.subdivision;
  const sub = index % settings.subdivision;
  const beat = Math.floor(index / settings.subdivision) % settings.beatsPerBar + 1;
  const countIn = index < settings.countInBars * perBar;
  const kind: ClickKind = sub !== 0 ? 'subdivision' : beat === 1 && settings.beatsPerBar > 1 ? 'accent' : 'beat';
  return { index, time: startTime + index * clickInterval(settings), kind, beat, sub, countIn };
}

/**
 * Whether a click is heard: count-in subdivisions are silent.
 *
 * @example isAudible({ kind: 'subdivision', countIn: true, ... }) // => false
 */
export function isAudible(click: Click): boolean {
  return !(click.countIn && click.kind === 'subdivision');
}

/**
 * The look-ahead step: every click from `nextIndex` whose time is before `horizon` (audio
 * seconds), and the index to continue from. The caller wakes up often (every ~25 ms) and
 * schedules each click on the audio clock well before it is due, so a late wake-up (a busy main
 * thread) never makes a click late (Wilson 2013, "A tale of two clocks").
 *
 * @example clicksUntil(settings, 0, 0, 0.1) // => { clicks: [click 0 at 0 s], nextIndex: 1 } at 120 bpm
 */
export function clicksUntil(settings: MetronomeSettings, startTime: number, nextIndex: number, horizon: number): { clicks: Click[]; nextIndex: number } {
  const clicks: Click[] = [];
  let index = nextIndex;
  for (;;) {
    const click = clickAt(settings, startTime, index);
    if (click.time >= horizon) break;
    clicks.push(click);
    index += 1;
  }
  return { clicks, nextIndex: index };
}

/** Seconds of count-in before the first beat of the take. */
export function countInSeconds(settings: MetronomeSettings): number {
  return settings.countInBars * settings.beatsPerBar * (60 / settings.bpm);
}
