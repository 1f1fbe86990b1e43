/**
 * Plain-language alert messages. They say what changed, which hand and finger, on which exercise
 * and tempo, since when, by how much against the smallest detectable change, and how sure. They
 * never name a condition or claim to diagnose one; after a persistent drift they suggest a
 * specialist in performing-arts medicine.
 */
import type { Finger, Hand } from '../exercises/types';
import { DRIFT_METRIC_INFO } from './metrics';
import type { DriftMetricId } from './metrics';

export const FINGER_WORDS: Readonly<Record<Finger, string>> = { 1: 'thumb', 2: 'index finger', 3: 'middle finger', 4: 'ring finger', 5: 'little finger' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "3 March" (UTC) for an ISO time; the year is added when it differs from `now`'s.
 *
 * @example dayMonth('2026-03-03T09:00:00Z') // => '3 March'
 */
export function dayMonth(iso: string, nowIso?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const year = nowIso && new Date(nowIso).getUTCFullYear() !== date.getUTCFullYear() ? ` ${date.getUTCFullYear()}` : '';
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''}${year}`;
}

/**
 * "right ring finger (R4)" or "right hand" for hand-level metrics.
 *
 * @example fingerLabel('right', 4) // => 'right ring finger (R4)'
 */
export function fingerLabel(hand: Hand, finger: Finger | null): string {
  if (finger === null) return `${hand} hand`;
  return `${hand} ${FINGER_WORDS[finger]} (${hand === 'right' ? 'R' : 'L'}${finger})`;
}

function amount(metric: DriftMetricId, magnitude: number): string {
  const unit = DRIFT_METRIC_INFO[metric].unit;
  const size = Math.abs(magnitude);
  if (unit === 'ms') return `${size >= 10 ? Math.round(size) : size.toFixed(1)} ms`;
  if (unit === 'MIDI velocity') return `${size.toFixed(1)} velocity units`;
  if (unit === 'ratio') return `${size.toFixed(3)}`;
  return size.toFixed(1);
}

function timesMdc(ratio: number): string {
  if (ratio < 1.2) return 'about the smallest change Evenkeys can detect for you';
  if (ratio < 1.75) return 'about one and a half times the smallest change Evenkeys can detect for you';
  if (ratio < 2.25) return 'about twice the smallest change Evenkeys can detect for you';
  return `about ${Math.round(ratio)} times the smallest change Evenkeys can detect for you`;
}

export interface AlertWords {
  readonly hand: Hand;
  readonly finger: Finger | null;
  readonly metric: DriftMetricId;
  readonly direction: 'up' | 'down' | 'all';
  readonly exerciseName: string;
  readonly notesPerSecond: number;
  readonly since: string;
  readonly magnitude: number;
  readonly mdc: number;
  readonly sessions: number;
  readonly persistent: boolean;
  readonly resolved: boolean;
  readonly now?: string;
}

/**
 * The alert's message, in plain words.
 *
 * @example
 * alertMessage({ hand: 'right', finger: 4, metric: 'onset-mean', direction: 'up', exerciseName: 'C major scale, right hand',
 *   notesPerSecond: 8, since: '2026-03-03T09:00:00Z', magnitude: 9, mdc: 4.6, sessions: 5, persistent: false, resolved: false })
 * // => 'Since 3 March, your right ring finger (R4) has been about 9.0 ms later than your baseline in C major scale, right hand
 * //     (ascending) at 8 notes/s, about twice the smallest change Evenkeys can detect for you. This has held over 5 sessions. ...'
 */
export function alertMessage(words: AlertWords): string {
  const direction = words.direction === 'up' ? ' (ascending)' : words.direction === 'down' ? ' (descending)' : '';
  const tempo = `${Math.round(words.notesPerSecond * 10) / 10} notes/s`;
  const ratio = words.mdc > 0 ? Math.abs(words.magnitude) / words.mdc : 0;
  const change = changeWords(words.metric, amount(words.metric, words.magnitude), words.magnitude >= 0);
  // A hand-level measure (IOI SD) speaks of the hand, and of the finger its change shows in when one was named.
  const handLevel = DRIFT_METRIC_INFO[words.metric].level === 'hand';
  const who = fingerLabel(words.hand, handLevel ? null : words.finger);
  const where = handLevel && words.finger !== null ? `; it shows most in the timing of your ${fingerLabel(words.hand, words.finger)}` : '';
  const head = `Since ${dayMonth(words.since, words.now)}, your ${who} ${change} than your baseline in ${words.exerciseName}${direction} at ${tempo}`;
  const sure = `This has held over ${words.sessions} session${words.sessions === 1 ? '' : 's'}.`;
  if (words.resolved) return `${head.replace(' has been ', ' was ').replace(' has had ', ' had ')}, ${timesMdc(ratio)}${where.replace(' shows ', ' showed ')}. It has since come back within your usual range.`;
  const advice = words.persistent
    ? ' It has lasted a while: if it continues, or playing feels harder, consider seeing a specialist in performing-arts medicine. Evenkeys measures changes; it cannot tell what causes them.'
    : ' Tiredness, a new keyboard or a change of practice can do this; keep playing the check-in and see whether it settles.';
  return `${head}, ${timesMdc(ratio)}${where}. ${sure}${advice}`;
}

/** "has been about 9 ms later" / "has had about 3 ms more timing jitter", ready for "than your baseline". */
function changeWords(metric: DriftMetricId, size: string, up: boolean): string {
  switch (metric) {
    case 'onset-mean': return `has been about ${size} ${up ? 'later' : 'earlier'}`;
    case 'onset-sd': return `has had about ${size} ${up ? 'more' : 'less'} timing jitter`;
    case 'ioi-sd': return `has had about ${size} ${up ? 'more' : 'less'} unevenness between notes (IOI SD)`;
    case 'velocity-mean': return `has been playing about ${size} ${up ? 'louder' : 'softer'}`;
    case 'velocity-cv': return `has had about ${size} ${up ? 'more' : 'less'} variation in loudness (velocity CV)`;
    case 'duration-mean': return `has been holding keys about ${size} ${up ? 'longer' : 'shorter'}`;
    case 'legato-mean': return `has been overlapping the next note about ${size} ${up ? 'more' : 'less'}`;
    default: return `has had about ${size} ${up ? 'more' : 'fewer'} ${(DRIFT_METRIC_INFO[metric].event ?? '').replace('-', ' ')} events per 100 notes`;
  }
}
