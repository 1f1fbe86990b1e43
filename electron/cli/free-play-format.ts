/**
 * The free-play part of `evenkeys analyze`'s text report: how many notes, how they were split
 * between the hands, and the per-finger figures measured on the confidently estimated notes,
 * all labelled as estimated.
 */
import type { AnalysisFreePlay } from '../../core/api/analysis';
import { fixed, handLabel, table } from './format';

/**
 * @example formatFreePlay(document.freePlay)[0] // 'Free play (no exercise matched): 2 stretches, 340 notes; ...'
 */
export function formatFreePlay(freePlay: readonly AnalysisFreePlay[]): string[] {
  const notes = freePlay.reduce((sum, segment) => sum + segment.notes, 0);
  if (notes === 0) return [];
  const right = freePlay.reduce((sum, segment) => sum + (segment.hands?.right ?? 0), 0);
  const left = freePlay.reduce((sum, segment) => sum + (segment.hands?.left ?? 0), 0);
  const confident = freePlay.reduce((sum, segment) => sum + (segment.confidentNotes ?? 0), 0);
  const lines = [
    `Free play (no exercise matched): ${count(freePlay.length, 'stretch', 'stretches')}, ${notes} notes; hands ESTIMATED (right ${right}, left ${left}), ${confident} notes with a confident hand and finger measured.`,
  ];
  const rows = freePlay.flatMap((segment) => segment.fingers ?? []);
  if (rows.length > 0) {
    const pooled = new Map<string, { hand: string; finger: number; count: number; velocity: number; duration: number }>();
    for (const row of rows) {
      const key = `${row.hand}-${row.finger}`;
      const old = pooled.get(key) ?? { hand: row.hand, finger: row.finger, count: 0, velocity: 0, duration: 0 };
      pooled.set(key, {
        ...old,
        count: old.count + row.count,
        velocity: old.velocity + row.velocity.mean * row.count,
        duration: old.duration + row.durationMs.mean * row.count,
      });
    }
    lines.push(
      table(
        ['finger (est.)', 'notes', 'velocity', 'key down ms'],
        [...pooled.values()].map((p) => [`${handLabel(p.hand)} ${p.finger}`, p.count, fixed(p.velocity / p.count, 0), fixed(p.duration / p.count, 1)]),
        '  ',
      ),
    );
  }
  for (const segment of freePlay) {
    for (const t of segment.timing ?? []) {
      lines.push(`  ${handLabel(t.hand)} runs of equal notes: IOI SD ${fixed(t.ioiSdMs, 1)} ms (${fixed(t.ioiCvPercent, 1)} % of ${fixed(t.ioiMs, 0)} ms) over ${count(t.runs, 'run', 'runs')}, ${t.notes} notes`);
    }
    for (const event of segment.events ?? []) lines.push(`  event ${event.type}: ${event.detail}`);
  }
  return lines;
}

/** @example count(1, 'run', 'runs') // => '1 run' */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
