/**
 * Practice time, as a covariate and for the pianist's own sake: minutes per day and per week, a
 * gentle break reminder after long playing without pauses, and the weekly check-in prompt.
 *
 * Break reminder: sessions separated by less than BREAK_GAP_MINUTES count as one stretch; a
 * stretch of BREAK_AFTER_MINUTES or more today suggests a pause. 45 minutes follows the common
 * advice in performing-arts medicine to break every 30-60 minutes of practice (e.g. the British
 * Association for Performing Arts Medicine's practice guidance); overuse makes cramps worse
 * (measurement.md section 1). Check-in: drift needs like-for-like takes, so the two-octave
 * clinical scale is suggested once CHECK_IN_DAYS have passed since the last one.
 */

export const BREAK_AFTER_MINUTES = 45;
export const BREAK_GAP_MINUTES = 5;
export const CHECK_IN_DAYS = 7;

export interface PracticeSession {
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** Had a credible take of the clinical check-in (clinical-scale family). */
  readonly checkIn: boolean;
}

export interface PracticeSummary {
  readonly days: readonly { readonly date: string; readonly minutes: number; readonly sessions: number }[];
  /** ISO week start (Monday, YYYY-MM-DD) and minutes. */
  readonly weeks: readonly { readonly week: string; readonly minutes: number; readonly sessions: number }[];
  /** Longest stretch without a 5-minute pause on the latest day (minutes). */
  readonly longestStretchToday: number;
  readonly breakReminder: boolean;
  readonly lastCheckIn: string | null;
  readonly checkInDue: boolean;
}

const MINUTE = 60_000;

/**
 * @example practiceSummary(sessions, '2026-03-10T20:00:00Z').days.at(-1)?.minutes
 */
export function practiceSummary(sessions: readonly PracticeSession[], nowIso: string): PracticeSummary {
  const spans = sessions
    .map((s) => ({ start: Date.parse(s.startedAt), end: s.endedAt ? Date.parse(s.endedAt) : Number.NaN, checkIn: s.checkIn, startedAt: s.startedAt }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end >= s.start)
    .sort((a, b) => a.start - b.start);
  const days = new Map<string, { minutes: number; sessions: number }>();
  const weeks = new Map<string, { minutes: number; sessions: number }>();
  for (const span of spans) {
    const minutes = (span.end - span.start) / MINUTE;
    const date = new Date(span.start).toISOString().slice(0, 10);
    const week = weekStart(span.start);
    const d = days.get(date) ?? { minutes: 0, sessions: 0 };
    days.set(date, { minutes: d.minutes + minutes, sessions: d.sessions + 1 });
    const w = weeks.get(week) ?? { minutes: 0, sessions: 0 };
    weeks.set(week, { minutes: w.minutes + minutes, sessions: w.sessions + 1 });
  }
  const now = Date.parse(nowIso);
  const today = new Date(now).toISOString().slice(0, 10);
  let longest = 0;
  let stretchStart = Number.NaN;
  let stretchEnd = Number.NaN;
  for (const span of spans.filter((s) => new Date(s.start).toISOString().slice(0, 10) === today)) {
    if (Number.isFinite(stretchEnd) && span.start - stretchEnd < BREAK_GAP_MINUTES * MINUTE) stretchEnd = Math.max(stretchEnd, span.end);
    else {
      stretchStart = span.start;
      stretchEnd = span.end;
    }
    longest = Math.max(longest, (stretchEnd - stretchStart) / MINUTE);
  }
  const lastCheckIn = [...spans].reverse().find((s) => s.checkIn)?.startedAt ?? null;
  return {
    days: [...days].map(([date, v]) => ({ date, ...v })),
    weeks: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, v]) => ({ week, ...v })),
    longestStretchToday: longest,
    breakReminder: longest >= BREAK_AFTER_MINUTES,
    lastCheckIn,
    checkInDue: lastCheckIn === null || now - Date.parse(lastCheckIn) >= CHECK_IN_DAYS * 24 * 60 * MINUTE,
  };
}

function weekStart(ms: number): string {
  const date = new Date(ms);
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - weekday)).toISOString().slice(0, 10);
}
