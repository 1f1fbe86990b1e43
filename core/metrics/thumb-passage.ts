/**
 * Thumb passage: the notes around each thumb-under (or finger-over) kept apart from the rest,
 * because passing the thumb is where scale timing and key-down durations characteristically
 * bend (Jabusch et al. 2004: notes just before a thumb-under are shortened).
 */
import type { Direction, Hand } from '../exercises/types';
import { EMPTY_MEAN_SD, meanSd } from './stats';
import type { NoteMeasure, ThumbPassageMetrics } from './types';

type Role = 'before' | 'crossing' | 'after' | 'other';

/**
 * Per hand and direction: deviations and durations of the note before each crossing note, the
 * crossing note itself and the note after (same hand, same run), and of all other notes.
 *
 * @example measureThumbPassage(measureTake(take, notes).notes)[0].beforeMs.mean
 */
export function measureThumbPassage(measures: readonly NoteMeasure[]): ThumbPassageMetrics[] {
  const roles = assignRoles(measures);
  const result: ThumbPassageMetrics[] = [];
  const cells = new Map<string, { hand: Hand; direction: Direction }>();
  for (const m of measures) cells.set(`${m.hand}|${m.direction}`, { hand: m.hand, direction: m.direction });
  for (const { hand, direction } of cells.values()) {
    const inCell = measures.filter((m) => m.hand === hand && m.direction === direction);
    const crossings = inCell.filter((m) => m.crossing).length;
    if (crossings === 0) continue;
    const pick = (role: Role, field: 'deviationMs' | 'durationMs') =>
      collect(inCell.filter((m) => roles[m.matchIndex] === role).map((m) => m[field]));
    result.push({
      hand,
      direction,
      crossings,
      beforeMs: pick('before', 'deviationMs'),
      crossingMs: pick('crossing', 'deviationMs'),
      afterMs: pick('after', 'deviationMs'),
      otherMs: pick('other', 'deviationMs'),
      beforeDurationMs: pick('before', 'durationMs'),
      crossingDurationMs: pick('crossing', 'durationMs'),
      afterDurationMs: pick('after', 'durationMs'),
      otherDurationMs: pick('other', 'durationMs'),
    });
  }
  return result;
}

/** The crossing role wins over before/after when passages are adjacent. */
function assignRoles(measures: readonly NoteMeasure[]): Role[] {
  const roles: Role[] = measures.map(() => 'other');
  const byKey = new Map<string, number>();
  for (const m of measures) byKey.set(`${m.hand}|${m.run}|${m.position}`, m.matchIndex);
  for (const m of measures) {
    if (!m.crossing) continue;
    roles[m.matchIndex] = 'crossing';
    const before = byKey.get(`${m.hand}|${m.run}|${m.position - 1}`);
    const after = byKey.get(`${m.hand}|${m.run}|${m.position + 1}`);
    if (before !== undefined && roles[before] === 'other') roles[before] = 'before';
    if (after !== undefined && roles[after] === 'other') roles[after] = 'after';
  }
  return roles;
}

function collect(values: readonly (number | null)[]) {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? EMPTY_MEAN_SD : meanSd(present);
}
