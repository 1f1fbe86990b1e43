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
 * The same rule (findTempoBand, groupByTempoBand) pools a session's repetitions of an exercise
 * (core/metrics/repetitions.ts), so "like with like" means the same band everywhere.
 */

import { median } from './robust';

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

/**
 * The first band whose centre `notesPerSecond` lies within (inTempoBand), or undefined: the one
 * rule by which a take joins a band, for drift's series and for a session's repetitions alike.
 *
 * @example findTempoBand([{ centre: 6 }, { centre: 8 }], 8.3) // => { centre: 8 }
 */
export function findTempoBand<T extends { readonly centre: number }>(bands: readonly T[], notesPerSecond: number): T | undefined {
  for (const band of bands) if (inTempoBand(band.centre, notesPerSecond)) return band;
  return undefined;
}

/** Takes pooled in one tempo band: their indices (in input order) and the band's centre (notes/s). */
export interface TempoGroup {
  readonly members: readonly number[];
  /** Median tempo of the members; NaN for the group of takes without a tempo. */
  readonly centre: number;
}

/**
 * Groups tempos (notes/s, one per take, in playing order) into tempo bands by the rule drift opens
 * its bands with: a take joins the first group whose centre (the median tempo of its takes so far)
 * it is within +-TEMPO_BAND_HALF_WIDTH of (findTempoBand), else it opens a new group. Takes
 * without a usable tempo (not finite, or <= 0) form one group of their own, centre NaN. Groups
 * come in the order they were opened. Drift additionally freezes a band's centre once its baseline
 * is complete; within one session there is nothing to freeze.
 *
 * @example groupByTempoBand([8, 8.2, 6, 7.9]) // => [{ members: [0, 1, 3], centre: 8 }, { members: [2], centre: 6 }]
 */
export function groupByTempoBand(notesPerSecond: readonly number[]): TempoGroup[] {
  interface Open { readonly members: number[]; readonly tempos: number[]; centre: number }
  const opened: Open[] = [];
  const banded: Open[] = [];
  let unknown: Open | undefined;
  notesPerSecond.forEach((tempo, i) => {
    if (!(Number.isFinite(tempo) && tempo > 0)) {
      if (!unknown) {
        unknown = { members: [], tempos: [], centre: Number.NaN };
        opened.push(unknown);
      }
      unknown.members.push(i);
      return;
    }
    let group = findTempoBand(banded, tempo);
    if (!group) {
      group = { members: [], tempos: [], centre: tempo };
      banded.push(group);
      opened.push(group);
    }
    group.members.push(i);
    group.tempos.push(tempo);
    group.centre = bandCentre(group.tempos);
  });
  return opened.map(({ members, centre }) => ({ members, centre }));
}

/**
 * A band's centre: the median of its takes' tempos (notes/s); NaN for none.
 *
 * @example bandCentre([8, 8.2, 7.9]) // => 8
 */
export function bandCentre(notesPerSecond: readonly number[]): number {
  return median(notesPerSecond);
}

/**
 * The band around `centre` for people: its edges in notes/s to one decimal.
 *
 * @example tempoBandLabel(8) // => '7.4-8.6 notes/s'
 * @example tempoBandLabel(Number.NaN) // => 'tempo unknown'
 */
export function tempoBandLabel(centre: number): string {
  if (!(Number.isFinite(centre) && centre > 0)) return 'tempo unknown';
  const band = tempoBand(centre);
  return `${band.low.toFixed(1)}-${band.high.toFixed(1)} notes/s`;
}
