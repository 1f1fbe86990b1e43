// Drift on real analyses, not the longitudinal simulator's note-level model: sessions of the
// clinical scale played by the synthetic performer as MIDI, analysed by the measurement core
// (alignment, fitted lines, per-finger figures) and read into drift as the store reads them.
// The case from the field: the right ring finger (R4) 25 ms late from one session on, a step of
// about five MDCs. It must raise R4's alerts only: the fingers the fitted line drags early (R3,
// R5) are listed as dragged by R4, and the hand's unevenness (IOI SD) names R4 or no finger.
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../core/analysis/analyze';
import { computeDrift } from '../../../core/drift/engine';
import { driftSessionOf } from '../../../core/drift/from-analysis';
import { getExercise } from '../../../core/exercises/library';
import type { Exercise } from '../../../core/exercises/types';
import { messagesFromNotes } from '../../../core/midi/smf';
import { performRepetitions } from '../../support/performer';

const scale = getExercise('clinical-scale-rh') as Exercise;

function sessions(count: number, stepFrom: number, lateMs: number) {
  return Array.from({ length: count }, (_, s) => {
    const played = performRepetitions(scale, 10, { seed: 100 + s, fingers: { 'right-4': { biasMs: s >= stepFrom ? lateMs : 0 } } });
    // Played as the check-in (Practice's "Clinical test"): the exercise and its hand are known.
    const document = analyzeRecording({ messages: messagesFromNotes(played.notes), file: `s${s}.mid`, exercise: 'clinical-scale-rh' });
    const startedAt = new Date(Date.parse('2026-08-01T18:00:00Z') + s * 4 * 86_400_000).toISOString();
    return driftSessionOf({ id: s + 1, startedAt, device: 'Digital piano' }, document);
  });
}

describe('drift over analysed MIDI', () => {
  it('a step of R4 25 ms late raises R4 alerts only; the fingers it drags are listed, not alerted', () => {
    const result = computeDrift(sessions(19, 12, 25));
    const timing = result.alerts.filter((a) => a.metric === 'onset-mean');
    expect(timing.length).toBeGreaterThan(0);
    expect(timing.map((a) => `${a.hand} ${a.finger}`)).toEqual(timing.map(() => 'right 4'));
    expect(timing.every((a) => a.magnitude > 3 * a.mdc)).toBe(true);
    // The fingers whose alarms the drag explains (here R5, the run's top note) are named on R4's alert.
    const dragged = timing.flatMap((a) => a.explains);
    expect(dragged.length).toBeGreaterThan(0);
    expect(dragged.every((f) => f !== 4)).toBe(true);
    const unevenness = result.alerts.filter((a) => a.metric === 'ioi-sd');
    for (const alert of unevenness) expect([4, null]).toContain(alert.finger);
    // R4's unclipped shift stands out from its dragged neighbours', so the hand-level alert names it.
    expect(unevenness.some((a) => a.finger === 4)).toBe(true);
    // Nothing else moved: no alert on any other measure.
    expect(result.alerts.filter((a) => a.metric !== 'onset-mean' && a.metric !== 'ioi-sd')).toEqual([]);
  });
});
