import { fingerCode } from './fingers';

/**
 * Small display helpers. Figures are shown with the precision they deserve: timing in ms with
 * one decimal, velocity as integers, coefficients of variation as percentages.
 */

/** @example formatMs(12.345) // => '12.3 ms' */
export function formatMs(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(1)} ms`;
}

/**
 * @example formatDuration(83_000) // => '1:23'
 * @example formatDuration(4_509_000) // => '1:15:09'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** @example formatPercent(0.0812) // => '8.1 %' */
export function formatPercent(value: number | null): string {
  return value !== null && Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '—';
}

/**
 * A spread (SD or CV) that is null below 3 notes: '—' with the count, never 0.0.
 *
 * @example formatSpread(null, 2, formatMs) // => '— (2 notes)'
 * @example formatSpread(4.25, 9, formatMs) // => '4.3 ms'
 */
export function formatSpread(value: number | null, count: number, format: (v: number) => string): string {
  if (value === null || !Number.isFinite(value)) return `— (${count} ${count === 1 ? 'note' : 'notes'})`;
  return format(value);
}

/** @example formatSignedMs(4.25) // => '+4.3 ms' */
export function formatSignedMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(1)} ms`;
}

/**
 * Date and time of day, with the year when it is not the current one (a teacher reviewing a
 * student's log sees sessions from earlier years).
 *
 * @example formatWhen('2026-11-24T03:00:00.000Z') // => 'Tue 24 Nov, 03:00' (local time, this year)
 * @example formatWhen('2025-12-20T17:00:00.000Z') // => 'Sat 20 Dec 2025, 17:00'
 */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' as const };
  return date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', ...year, hour: '2-digit', minute: '2-digit' });
}

/**
 * A calendar date, with the year when it is not the current one.
 *
 * @example formatDay('2025-12-20T17:00:00.000Z', new Date('2026-11-30')) // => '20 Dec 2025'
 */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' as const };
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...year });
}

/** @example sessionLength({ startedAt: '...T03:00:00Z', endedAt: '...T03:02:00Z' }) // => '2:00' */
export function sessionLength(session: { startedAt: string; endedAt: string | null }): string {
  if (session.endedAt === null) return '—';
  return formatDuration(new Date(session.endedAt).getTime() - new Date(session.startedAt).getTime());
}

/**
 * Practice time in words, to the minute: a total written "16:16" reads as a time of day.
 *
 * @example formatPracticeTime(85 * 60_000) // => '1 h 25 min'
 * @example formatPracticeTime(976_000) // => '16 min'
 */
export function formatPracticeTime(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** @example fingerName('right', 1) // => 'R1 thumb' */
export function fingerName(hand: string, finger: number): string {
  const names = ['', 'thumb', 'index', 'middle', 'ring', 'little'];
  return `${fingerCode(hand, finger)} ${names[finger] ?? ''}`.trim();
}

/** Event types whose name is not just its words with the hyphens dropped. */
const EVENT_LABELS: Readonly<Record<string, string>> = {
  'co-activation': 'Co-activation',
  'free-timing-lapse': 'Timing lapse (free play)',
};

/**
 * @example eventLabel('velocity-drop') // => 'Velocity drop'
 * @example eventLabel('co-activation') // => 'Co-activation'
 */
export function eventLabel(type: string): string {
  const known = EVENT_LABELS[type];
  if (known !== undefined) return known;
  const words = type.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A drift measure in its unit (evenkeys.drift/1 `unit`): ms and velocity with one decimal, a
 * ratio with three, event rates per 100 notes.
 *
 * @example formatInUnit(5.94, 'ms') // => '5.9 ms'
 * @example formatInUnit(0.0812, 'ratio') // => '0.081'
 * @example formatInUnit(2.5, 'per 100 notes') // => '2.5 per 100 notes'
 */
export function formatInUnit(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'ratio') return value.toFixed(3);
  if (unit === 'MIDI velocity') return `${value.toFixed(1)} velocity`;
  return `${value.toFixed(1)} ${unit}`;
}
