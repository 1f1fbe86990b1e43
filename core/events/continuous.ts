/**
 * Rules on continuous per-note measures, each judged against the player's own norm in the take:
 * late / early (onset deviation), velocity-drop / velocity-spike (on-velocity) and stuck-key
 * (legato overlap and key-down duration both far beyond the hand's norm).
 */
import type { Take } from '../align/types';
import type { Hand } from '../exercises/types';
import type { NoteMeasure, TakeMetrics } from '../metrics/types';
import type { ControlEvent } from './types';
import type { DisplacedNote } from './displaced';
import { fingerLabel, ms, severity } from './describe';
import { handNormOf, handWideNormOf } from './norms';
import type { EventThresholds } from './thresholds';

/**
 * late / early: |deviation - finger norm| > max(k x robust SD, floor).
 *
 * @example timingEvents(take, metrics, DEFAULT_THRESHOLDS).filter((e) => e.type === 'late')
 */
export function timingEvents(
  take: Take,
  metrics: TakeMetrics,
  t: EventThresholds,
  displaced: readonly DisplacedNote[] = [],
): ControlEvent[] {
  const events: ControlEvent[] = [];
  const displacedDeviation = new Map(displaced.map((d) => [d.matchIndex, d]));
  for (const hand of handsIn(metrics)) {
    const measured = metrics.notes.filter((m) => m.hand === hand && m.deviationMs !== null);
    const norm = handNormOf(measured, hand, t.fingerNormMinNotes, deviationOf);
    const robustSd = Math.max(norm.robustSd, t.timingSdFloorMs);
    const threshold = Math.max(t.robustSds * robustSd, t.timingFloorMs);
    // Displaced notes (see displaced.ts) are judged by the same norm, never entering it.
    const judged =
      displaced.length === 0 ? measured : [...measured, ...metrics.notes.filter((m) => m.hand === hand && displacedDeviation.has(m.matchIndex))];
    for (const m of judged) {
      const moved = displacedDeviation.get(m.matchIndex);
      const deviation = moved?.deviationMs ?? m.deviationMs ?? 0;
      const center = norm.centerOf(m.finger);
      const excess = deviation - center;
      if (Math.abs(excess) <= threshold) continue;
      const type = excess > 0 ? 'late' : 'early';
      events.push({
        type,
        timeMs: moved?.onsetMs ?? onsetOf(take, m),
        hand,
        finger: m.finger,
        severity: severity(excess, threshold),
        detail: `${fingerLabel(hand, m.finger)} ${type} by ${ms(Math.abs(excess))} ms against its norm in this take (threshold ${ms(threshold)} ms).`,
        evidence: {
          deviationMs: deviation,
          normMs: center,
          excessMs: excess,
          robustSdMs: norm.robustSd,
          thresholdMs: threshold,
          position: m.position,
          ...(moved ? { displaced: 1, noteIndex: moved.noteIndex } : {}),
        },
      });
    }
  }
  return events;
}

/**
 * velocity-drop / velocity-spike: |velocity - finger norm| > max(k x robust SD, floor).
 *
 * @example velocityEvents(take, metrics, DEFAULT_THRESHOLDS)
 */
export function velocityEvents(take: Take, metrics: TakeMetrics, t: EventThresholds): ControlEvent[] {
  const events: ControlEvent[] = [];
  for (const hand of handsIn(metrics)) {
    const measured = metrics.notes.filter((m) => m.hand === hand && m.velocity !== null);
    const norm = handNormOf(measured, hand, t.fingerNormMinNotes, velocityOf);
    const robustSd = Math.max(norm.robustSd, t.velocitySdFloor);
    const threshold = Math.max(t.robustSds * robustSd, t.velocityFloor);
    for (const m of measured) {
      const velocity = m.velocity ?? 0;
      const center = norm.centerOf(m.finger);
      const excess = velocity - center;
      if (Math.abs(excess) <= threshold) continue;
      const type = excess < 0 ? 'velocity-drop' : 'velocity-spike';
      events.push({
        type,
        timeMs: onsetOf(take, m),
        hand,
        finger: m.finger,
        severity: severity(excess, threshold),
        detail: `${fingerLabel(hand, m.finger)} struck at velocity ${velocity}, ${ms(Math.abs(excess))} ${excess < 0 ? 'below' : 'above'} its norm of ${ms(center)} (threshold ${ms(threshold)}).`,
        evidence: { velocity, norm: center, excess, robustSd: norm.robustSd, threshold, position: m.position },
      });
    }
  }
  return events;
}

/**
 * stuck-key: the key stays down far beyond the hand's legato norm, both as overlap with the next
 * note and as key-down duration (an early next note raises the overlap but not the duration, so
 * it is not a stuck key). The hand's last note has no next note and is not judged.
 *
 * @example stuckKeyEvents(take, metrics, DEFAULT_THRESHOLDS)
 */
export function stuckKeyEvents(take: Take, metrics: TakeMetrics, t: EventThresholds): ControlEvent[] {
  const events: ControlEvent[] = [];
  const floor = Math.max(t.stuckFloorMs, t.stuckFloorSteps * metrics.stepMs);
  for (const hand of handsIn(metrics)) {
    const measured = metrics.notes.filter((m) => m.hand === hand && m.legatoOverlapMs !== null && m.durationMs !== null);
    const overlapNorm = handWideNormOf(measured, hand, overlapOf);
    const durationNorm = handWideNormOf(measured, hand, durationOf);
    const overlapThreshold = Math.max(t.robustSds * Math.max(overlapNorm.robustSd, t.stuckSdFloorMs), floor);
    const durationThreshold = Math.max(t.robustSds * Math.max(durationNorm.robustSd, t.stuckSdFloorMs), floor);
    for (const m of measured) {
      const overlap = m.legatoOverlapMs ?? 0;
      const duration = m.durationMs ?? 0;
      const overlapExcess = overlap - overlapNorm.centerOf(m.finger);
      const durationExcess = duration - durationNorm.centerOf(m.finger);
      if (overlapExcess <= overlapThreshold || durationExcess <= durationThreshold) continue;
      events.push({
        type: 'stuck-key',
        timeMs: onsetOf(take, m),
        hand,
        finger: m.finger,
        severity: severity(overlapExcess, overlapThreshold),
        detail: `${fingerLabel(hand, m.finger)} held ${ms(duration)} ms, overlapping the next note by ${ms(overlap)} ms (norm ${ms(overlapNorm.centerOf(m.finger))} ms, threshold +${ms(overlapThreshold)} ms).`,
        evidence: {
          overlapMs: overlap,
          overlapNormMs: overlapNorm.centerOf(m.finger),
          overlapThresholdMs: overlapThreshold,
          durationMs: duration,
          durationNormMs: durationNorm.centerOf(m.finger),
          durationThresholdMs: durationThreshold,
          position: m.position,
        },
      });
    }
  }
  return events;
}

function handsIn(metrics: TakeMetrics): Hand[] {
  let right = false;
  let left = false;
  for (const m of metrics.notes) {
    if (m.hand === 'right') right = true;
    else if (m.hand === 'left') left = true;
  }
  return right && left ? BOTH_HANDS : right ? RIGHT_HAND : left ? LEFT_HAND : [];
}

const BOTH_HANDS: Hand[] = ['right', 'left'];
const RIGHT_HAND: Hand[] = ['right'];
const LEFT_HAND: Hand[] = ['left'];

// The measures the norms are taken of (module-level: no closure per call).
function deviationOf(m: NoteMeasure): number | null {
  return m.deviationMs;
}

function velocityOf(m: NoteMeasure): number | null {
  return m.velocity;
}

function overlapOf(m: NoteMeasure): number | null {
  return m.legatoOverlapMs;
}

function durationOf(m: NoteMeasure): number | null {
  return m.durationMs;
}

function onsetOf(take: Take, m: NoteMeasure): number {
  const onset = take.matches[m.matchIndex]?.note?.onsetMs;
  return onset !== undefined && Number.isFinite(onset) ? onset : (m.predictedOnsetMs ?? take.startMs);
}
