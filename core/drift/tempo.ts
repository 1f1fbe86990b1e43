/**
 * The tempo band, defined once: takes are only pooled and compared within one band.
 *
 * Why +-7.5 %: timing variability rises with speed. Healthy professionals play the clinical scale
 * at 8 notes/s with a right-hand IOI SD of 8.1 ms (Jabusch et al. 2004); music students at
 * 10.7 notes/s show 10.4 ms (van Vugt et al. 2013, secondary figure). That is +28 % SD for +34 %
 * tempo, about 0.8 % SD per 1 % tempo (an upper bound, since the groups also differ in skill).
 * Within +-7.5 % the tempo effect is then at most ~6 % of the SD (~0.5 ms at 8 ms), well below the
 * smallest detectable change of a single pianist (MDC95, several ms in our simulations), while a
 * narrower band would split a pianist's practice (metronome settings a notch apart) into series
 * too short to build a baseline. We compare within bands rather than regressing on tempo because a
 * pianist's tempo range is narrow and the slope per finger cannot be estimated from 10 sessions.
 *
 * A band is centred on the median tempo of its baseline takes: the first take opens it, later
 * takes within +-7.5 % join it, the centre follows their median until the band's baseline is
 * complete, and then stays fixed. Takes outside every band open a new band (a new series).
 */

/** Half-width of a tempo band as a fraction of its centre. */
export const TEMPO_BAND_HALF_WIDTH = 0.075;

export interface TempoBand {
  readonly centre: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The band around a centre tempo (notes/s).
 *
 * @example tempoBand(8) // => { centre: 8, low: 7.4, high: 8.6 }
 */
export function tempoBand(centre: number): TempoBand {
  return { centre, low: centre * (1 - TEMPO_BAND_HALF_WIDTH), high: centre * (1 + TEMPO_BAND_HALF_WIDTH) };
}

/**
 * Whether a tempo falls inside the band around `centre`.
 *
 * @example inTempoBand(8, 8.5) // => true
 * @example inTempoBand(8, 8.7) // => false
 */
export function inTempoBand(centre: number, notesPerSecond: number): boolean {
  return Math.abs(notesPerSecond / centre - 1) <= TEMPO_BAND_HALF_WIDTH;
}
