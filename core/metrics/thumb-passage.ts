/**
 * Thumb passage: the notes around each thumb-under (or finger-over) kept apart from the rest,
 * because passing the thumb is where scale timing and key-down durations characteristically
 * bend (Jabusch et al. 2004: notes just before a thumb-under are shortened).
 */
import type { Direction, Hand } from '../exercises/types';
import { meanSdOf } from './stats';
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
  const cells: { hand: Hand; direction: Direction; inCell: NoteMeasure[] }[] = [];
  for (const hand of ['right', 'left'] as const) {
    for (const direction of ['up', 'down'] as const) cells.push({ hand, direction, inCell: [] });
  }
  for (const m of measures) cells[(m.hand === 'right' ? 0 : 2) + (m.direction === 'up' ? 0 : 1)]?.inCell.push(m);
  for (const { hand, direction, inCell } of cells) {
    // One pass sorts the cell's notes by role (in order, so every summary sees the same sequence).
    const byRole: Record<Role, NoteMeasure[]> = { before: [], crossing: [], after: [], other: [] };
    let crossings = 0;
    for (const m of inCell) {
      if (m.crossing) crossings += 1;
      byRole[roles[m.matchIndex] ?? 'other'].push(m);
    }
    if (crossings === 0) continue;
    result.push({
      hand,
      direction,
      crossings,
      beforeMs: meanSdOf(byRole.before, deviationOf),
      crossingMs: meanSdOf(byRole.crossing, deviationOf),
      afterMs: meanSdOf(byRole.after, deviationOf),
      otherMs: meanSdOf(byRole.other, deviationOf),
      beforeDurationMs: meanSdOf(byRole.before, durationOf),
      crossingDurationMs: meanSdOf(byRole.crossing, durationOf),
      afterDurationMs: meanSdOf(byRole.after, durationOf),
      otherDurationMs: meanSdOf(byRole.other, durationOf),
    });
  }
  return result;
}

// The summarised measures (module-level: no closure per cell).
function deviationOf(m: NoteMeasure): number | null {
  return m.deviationMs;
}

function durationOf(m: NoteMeasure): number | null {
  return m.durationMs;
}

/** The crossing role wins over before/after when passages are adjacent. */
function assignRoles(measures: readonly NoteMeasure[]): Role[] {
  const roles: Role[] = measures.map(() => 'other');
  // Per hand, the measures indexed by position (numeric lookups, no string keys).
  const byPosition: Record<'right' | 'left', (NoteMeasure | undefined)[]> = { right: [], left: [] };
  for (const m of measures) byPosition[m.hand][m.position] = m;
  for (const m of measures) {
    if (!m.crossing) continue;
    roles[m.matchIndex] = 'crossing';
    const line = byPosition[m.hand];
    const before = line[m.position - 1];
    const after = line[m.position + 1];
    if (before !== undefined && before.run === m.run && roles[before.matchIndex] === 'other') roles[before.matchIndex] = 'before';
    if (after !== undefined && after.run === m.run && roles[after.matchIndex] === 'other') roles[after.matchIndex] = 'after';
  }
  return roles;
}
