/**
 * Tempo bands: repetitions are compared only within one band (issue 12, "like with like"), since
 * timing irregularity and its spread change with tempo (a take at 60 bpm and one at 120 bpm are
 * different tasks for the fingers).
 *
 * Issue 9 (drift) defines a tempo band for baselines in core/drift; the integrator unifies the
 * two. This is the one place the repetition comparison takes its band from.
 */

/** Lowest band edge (bpm of the metronome beat) and the ratio between neighbouring edges. */
export const TEMPO_BAND_FLOOR_BPM = 40;
/**
 * Each band spans a factor of 1.25 (about ±11 % around its centre): wide enough that a player's
 * usual drift within a session (up to ~6 % in the validation) rarely crosses an edge, narrow
 * enough that 60 and 120 bpm are never pooled.
 */
export const TEMPO_BAND_RATIO = 1.25;

/**
 * The band a tempo falls in: its index and its edges in bpm (rounded for display).
 *
 * @example tempoBand(100) // { index: 4, lowBpm: 98, highBpm: 122, label: '98-122 bpm' }
 */
export function tempoBand(bpm: number): { index: number; lowBpm: number; highBpm: number; label: string } {
  const safe = Number.isFinite(bpm) && bpm > 0 ? bpm : TEMPO_BAND_FLOOR_BPM;
  const index = Math.max(0, Math.floor(Math.log(safe / TEMPO_BAND_FLOOR_BPM) / Math.log(TEMPO_BAND_RATIO)));
  const lowBpm = Math.round(TEMPO_BAND_FLOOR_BPM * TEMPO_BAND_RATIO ** index);
  const highBpm = Math.round(TEMPO_BAND_FLOOR_BPM * TEMPO_BAND_RATIO ** (index + 1));
  return { index, lowBpm, highBpm, label: index === 0 ? `under ${highBpm} bpm` : `${lowBpm}-${highBpm} bpm` };
}
