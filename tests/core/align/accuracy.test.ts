/**
 * The alignment requirement on a smaller, varied sample (scripts/validate-alignment.ts runs the
 * full one): with 5 % wrong, 5 % missed and 5 % extra notes, at least 98 % of the correctly
 * played notes are aligned to the right expected note of the right repetition.
 */
import { describe, expect, it } from 'vitest';
import { formatAccuracyTable, measureAccuracy, sampleCases } from '../../support/alignment-accuracy';

describe('alignment accuracy against the synthetic performer', () => {
  const report = measureAccuracy(sampleCases({ perGroup: 8, seed: 7 }));

  it('aligns at least 98 % of the correctly played notes to the right expected note', () => {
    console.log(formatAccuracyTable(report));
    expect(report.overall.correctNotes).toBeGreaterThan(3000);
    expect(report.overall.percent).toBeGreaterThanOrEqual(98);
  });

  it('covers every kind of exercise, one hand and both, parallel and contrary', () => {
    const groups = report.rows.map((row) => row.group);
    for (const kind of ['scale', 'arpeggio', 'five-finger', 'trill', 'repeated-note', 'chromatic']) {
      expect(groups.some((group) => group.startsWith(`${kind} /`))).toBe(true);
    }
    expect(groups).toContain('scale / both contrary');
    expect(groups).toContain('scale / both parallel');
    expect(groups).toContain('scale / left');
  });

  it('finds one take per repetition (a run of missed notes may read as a breakdown now and then)', () => {
    expect(Math.abs(report.overall.takesFound - report.overall.takesExpected)).toBeLessThanOrEqual(
      Math.ceil(0.01 * report.overall.takesExpected),
    );
  });

  it('stays at or above 95 % in every group but the single-pitch drill (85 %: see docs/alignment.md)', () => {
    // A repeated-note drill with its first or last note missed is ambiguous without a metronome:
    // 15 identical notes fit notes 1-15 as well as 2-16.
    for (const row of report.rows) {
      expect(row.percent, row.group).toBeGreaterThanOrEqual(row.group.startsWith('repeated-note') ? 85 : 95);
    }
  });
});
