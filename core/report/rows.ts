/**
 * The rows of the report CSVs (`evenkeys report --csv OUT.csv`): one per take (OUT.csv) and one
 * per note (OUT.notes.csv). Column names carry their units (`_ms`, `_s`, `_bpm`, `_pct`,
 * `_midi` for MIDI velocity 1-127) so a cohort loads into DuckDB, R or pandas without a codebook.
 * Times of day are ISO-8601 UTC; times inside a session are ms on its event clock.
 */
import type { AnalysisDocument } from '../api/analysis';

export interface ReportSessionInput {
  readonly profile: string;
  readonly sessionUid: string;
  readonly sessionId: number;
  readonly startedAt: string;
  readonly analysis: AnalysisDocument | null;
}

const FINGER_KEYS = ['L1', 'L2', 'L3', 'L4', 'L5', 'R1', 'R2', 'R3', 'R4', 'R5'] as const;

/** The take CSV's columns, in order. */
export const TAKE_COLUMNS = [
  'profile', 'session_uid', 'session_id', 'session_started_at_utc', 'take_index', 'exercise_id', 'exercise_name', 'hands',
  'take_start_ms', 'take_duration_s', 'tempo_bpm', 'notes_per_s', 'matched_notes', 'missed_notes', 'wrong_notes', 'extra_notes',
  'unevenness_ms', 'events',
  ...FINGER_KEYS.map((k) => `onset_sd_ms_${k}`),
  ...FINGER_KEYS.map((k) => `velocity_cv_pct_${k}`),
] as const;

/** The note CSV's columns, in order. */
export const NOTE_COLUMNS = [
  'profile', 'session_uid', 'session_id', 'session_started_at_utc', 'take_index', 'note_index', 'onset_ms', 'pitch_midi', 'velocity_midi',
  'duration_ms', 'channel', 'pedal_down', 'hand', 'finger', 'onset_deviation_ms',
] as const;

export type TakeRow = Record<(typeof TAKE_COLUMNS)[number], string | number | null>;
export type NoteRow = Record<(typeof NOTE_COLUMNS)[number], string | number | null>;

/**
 * @example takeRows([{ profile: 'Ana', sessionUid, sessionId: 3, startedAt, analysis }])[0].unevenness_ms // => 11.4
 */
export function takeRows(sessions: readonly ReportSessionInput[]): TakeRow[] {
  return sessions.flatMap((s) =>
    (s.analysis?.takes ?? []).map((take, index) => {
      const row: Record<string, string | number | null> = {
        profile: s.profile,
        session_uid: s.sessionUid,
        session_id: s.sessionId,
        session_started_at_utc: s.startedAt,
        take_index: index,
        exercise_id: take.exercise.id,
        exercise_name: take.exercise.name,
        hands: take.exercise.hands,
        take_start_ms: take.startMs,
        take_duration_s: (take.endMs - take.startMs) / 1000,
        tempo_bpm: take.bpm,
        notes_per_s: take.notesPerSecond,
        matched_notes: take.matched,
        missed_notes: take.missed,
        wrong_notes: take.wrong,
        extra_notes: take.extra,
        unevenness_ms: take.unevennessMs,
        events: take.events.length,
      };
      for (const key of FINGER_KEYS) {
        const f = take.fingers.find((x) => x.hand === (key[0] === 'L' ? 'left' : 'right') && x.finger === Number(key[1]));
        // Empty (missing) where the analysis has no figure: fewer than 3 notes (no spread), or a take
        // whose clock cannot be trusted (no timing).
        row[`onset_sd_ms_${key}`] = f ? f.onsetDeviationMs.sd : null;
        row[`velocity_cv_pct_${key}`] = f && f.velocity.cv !== null ? f.velocity.cv * 100 : null;
      }
      return row as TakeRow;
    }),
  );
}

/** @example noteRows(sessions).length // => every note played in the range */
export function noteRows(sessions: readonly ReportSessionInput[]): NoteRow[] {
  return sessions.flatMap((s) =>
    (s.analysis?.notes ?? []).map((n, index) => ({
      profile: s.profile,
      session_uid: s.sessionUid,
      session_id: s.sessionId,
      session_started_at_utc: s.startedAt,
      take_index: n.take,
      note_index: index,
      onset_ms: n.timeMs,
      pitch_midi: n.pitch,
      velocity_midi: n.velocity,
      duration_ms: n.durationMs,
      channel: n.channel,
      pedal_down: n.pedal ? 1 : 0,
      hand: n.hand,
      finger: n.finger,
      onset_deviation_ms: n.deviationMs,
    })),
  );
}
