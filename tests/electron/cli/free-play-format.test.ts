// The free-play lines of `evenkeys analyze` speak plain English: "1 stretch", "3 runs", never
// "stretch(es)" or "run(s)".
import { describe, expect, it } from 'vitest';
import type { AnalysisFreePlay } from '../../../core/api/analysis';
import { formatFreePlay } from '../../../electron/cli/free-play-format';

const timing = (runs: number) => ({ hand: 'right' as const, runs, notes: 40, ioiMs: 146, ioiSdMs: 15.9, ioiCvPercent: 10.9, tempoChangePercent: 2 });
const segment = (runs: number): AnalysisFreePlay => ({ startMs: 0, endMs: 1000, notes: 40, estimated: true, confidentNotes: 30, hands: { right: 40, left: 0 }, timing: [timing(runs)] });

describe('formatFreePlay', () => {
  it('counts stretches and runs in words', () => {
    const one = formatFreePlay([segment(1)]);
    expect(one[0]).toMatch(/^Free play \(no exercise matched\): 1 stretch, 40 notes;/);
    expect(one.join('\n')).toContain('over 1 run, 40 notes');
    const many = formatFreePlay([segment(3), segment(2)]);
    expect(many[0]).toMatch(/: 2 stretches, 80 notes;/);
    expect(many.join('\n')).toContain('over 3 runs, 40 notes');
    expect(many.join('\n')).not.toMatch(/\(s\)|\(es\)/);
  });
});
