/**
 * The drift detector's parameters and control limit, in one place.
 *
 * Each monitored session value x is standardised against the series' own baseline,
 * z = (x - location) / sqrt(betweenSd^2 + se^2), where se is the session's standard error from
 * its own notes (so a session with few notes counts for less) and betweenSd the baseline's
 * day-to-day spread. z is clipped to +-Z_CLIP (a Huber-type robust EWMA), so one bad day moves
 * the statistic by at most EWMA_LAMBDA x Z_CLIP, and fed to an EWMA (Lucas & Saccucci 1990;
 * NIST/SEMATECH e-Handbook 6.3.2.4): e_t = lambda z_t + (1 - lambda) e_{t-1}, e_0 = 0.
 *
 * False alarms are budgeted per pianist, not per series: with M monitored series, each gets
 * FAMILY_ALPHA / M of the budget (Bonferroni), so L = Phi^-1(1 - FAMILY_ALPHA / (2M)) and the
 * limit is +-L x sqrt(lambda / (2 - lambda) + 1 / n0): the asymptotic EWMA SD plus the
 * uncertainty of a location estimated from n0 baseline sessions (which otherwise acts as a
 * permanent shift and is the main source of false alarms with short baselines). A series alarms
 * only after PERSISTENCE consecutive sessions beyond its limit on the same side. The in-control
 * run length this gives per pianist is measured by scripts/validate-drift.ts.
 */

/** Baseline length: 10 sessions, two weeks of near-daily practice, 9 degrees of freedom for its spread. */
export const BASELINE_SESSIONS = 10;
/** Fewest sessions a date-range baseline needs. */
export const MIN_RANGE_BASELINE_SESSIONS = 5;
/** EWMA weight of the newest session (NIST range 0.05-0.25; 0.25 reacts within a few sessions). */
export const EWMA_LAMBDA = 0.25;
/** Standardised values are clipped to +-Z_CLIP before the EWMA. */
export const Z_CLIP = 3;
/** Consecutive sessions beyond the limit before an alert (and within it before it resolves). */
export const PERSISTENCE = 2;
/** Per-pianist chance per session that some series is beyond its limit when nothing changed. */
export const FAMILY_ALPHA = 0.001;
/** An alert that has lasted this many sessions is called persistent (and suggests a specialist). */
export const PERSISTENT_SESSIONS = 8;
/** Share of a metric's series beyond their limits together that makes a change common to the whole playing, not focal. */
export const COMMON_MODE_SHARE = 0.4;
/**
 * A hand-level IOI SD alert names a finger only when that finger's timing evidence (EWMA as a
 * fraction of its limit) is beyond its limit and at least this many times every other finger's.
 */
export const HAND_FINGER_MARGIN = 1.5;
/**
 * How far beyond its note share a driver's line drag may reach a finger. A run's fitted line has
 * an intercept and a slope: the intercept spreads a moved finger's shift over all notes (its share
 * w), the slope tilts the line towards it, which moves the run's ends most. For a two-octave C
 * major scale (15 notes, least squares on the grid step) R4 late by d moves R5, the top note, by
 * -0.26 d against -w d = -0.13 d, so twice the share covers the run's ends.
 */
export const DRAG_LEVERAGE = 2;
/** CUSUM reference value (z units) used only to date the start of a drift (Page's change point). */
export const CUSUM_K = 0.5;

/**
 * The EWMA control limit in z units for M monitored series and an n0-session baseline.
 *
 * @example controlLimit(100, 10) // => about 1.9
 */
export function controlLimit(monitored: number, baselineSessions: number, quantile: (p: number) => number): number {
  const m = Math.max(1, monitored);
  const l = quantile(1 - FAMILY_ALPHA / (2 * m));
  return l * Math.sqrt(EWMA_LAMBDA / (2 - EWMA_LAMBDA) + 1 / Math.max(1, baselineSessions));
}
