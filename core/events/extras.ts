/**
 * Sorting the extra notes of a take (played, matching no expected note) by their signature:
 *  - tremor: >= tremorMinStrikes extra strikes of the same key, each within tremorWindowMs of the
 *    previous one: one event per burst;
 *  - co-activation: a single extra key within coActivationSemitones of an intended note (not the
 *    same key), starting with it or just after, short and soft compared with it;
 *  - extra-note: any other extra note.
 * Restart notes of a breakdown are excluded beforehand (see breakdown.ts).
 */
import type { Take } from '../align/types';
import type { Finger, Hand } from '../exercises/types';
import { median } from '../metrics/stats';
import type { TakeMetrics } from '../metrics/types';
import type { Note } from '../midi/types';
import { fingerLabel, keyName, ms, severity } from './describe';
import type { EventThresholds } from './thresholds';
import type { ControlEvent } from './types';

interface Intended {
  readonly onsetMs: number;
  readonly pitch: number;
  readonly velocity: number;
  readonly hand: Hand;
  readonly finger: Finger;
}

/**
 * Events for the extra notes not in `exclude`.
 *
 * @example extraNoteEvents(take, notes, metrics, DEFAULT_THRESHOLDS, new Set())
 */
export function extraNoteEvents(
  take: Take,
  notes: readonly Note[],
  metrics: TakeMetrics,
  t: EventThresholds,
  exclude: ReadonlySet<number>,
): ControlEvent[] {
  if (take.extraNoteIndices.length === 0) return [];
  const intended = intendedNotes(take);
  const extras = take.extraNoteIndices
    .filter((index) => !exclude.has(index))
    .map((index) => notes[index])
    .filter((note): note is Note => note !== undefined && Number.isFinite(note.onsetMs))
    .sort((a, b) => a.onsetMs - b.onsetMs || a.pitch - b.pitch);
  const events: ControlEvent[] = [];
  const inBurst = new Set<Note>();
  for (const burst of tremorBursts(extras, t)) {
    for (const note of burst) inBurst.add(note);
    const first = burst[0];
    const last = burst[burst.length - 1];
    if (first === undefined || last === undefined) continue;
    const owner = nearest(intended, first, metrics.stepMs, true);
    const spanMs = last.onsetMs - first.onsetMs;
    events.push({
      type: 'tremor',
      timeMs: first.onsetMs,
      hand: owner?.hand ?? 'right',
      finger: owner?.finger ?? 1,
      severity: burst.length / t.tremorMinStrikes,
      detail: `${owner ? fingerLabel(owner.hand, owner.finger) : 'Key'}: ${burst.length} unintended repeated strikes of one key within ${ms(spanMs)} ms.`,
      evidence: {
        pitch: first.pitch,
        strikes: burst.length,
        spanMs,
        meanIntervalMs: burst.length > 1 ? spanMs / (burst.length - 1) : 0,
        meanVelocity: burst.reduce((sum, note) => sum + note.velocity, 0) / burst.length,
      },
    });
  }
  const handDurations = new Map<Hand, number>();
  for (const hand of ['right', 'left'] as const) {
    const durations = metrics.notes.filter((m) => m.hand === hand && m.durationMs !== null).map((m) => m.durationMs ?? 0);
    handDurations.set(hand, median(durations));
  }
  for (const note of extras) {
    if (inBurst.has(note)) continue;
    const partner = coActivationPartner(note, intended, handDurations, t);
    if (partner !== null) {
      events.push(partner);
      continue;
    }
    const owner = nearest(intended, note, metrics.stepMs, false);
    events.push({
      type: 'extra-note',
      timeMs: note.onsetMs,
      hand: owner?.hand ?? 'right',
      finger: owner?.finger ?? 1,
      severity: 1,
      detail: `Extra key ${keyName(note.pitch)} struck${owner ? ` near ${fingerLabel(owner.hand, owner.finger)}` : ''}, matching no expected note.`,
      evidence: {
        pitch: note.pitch,
        velocity: note.velocity,
        durationMs: Math.max(0, finiteOr(note.offsetMs - note.onsetMs, 0)),
        nearestIntendedPitch: owner?.pitch ?? 0,
        distanceMs: owner ? note.onsetMs - owner.onsetMs : 0,
      },
    });
  }
  return events;
}

function intendedNotes(take: Take): Intended[] {
  const list: Intended[] = [];
  for (const match of take.matches) {
    const note = match.note;
    if (note === null || !Number.isFinite(note.onsetMs)) continue;
    list.push({ onsetMs: note.onsetMs, pitch: note.pitch, velocity: note.velocity, hand: match.expected.hand, finger: match.expected.finger });
  }
  // Mostly in onset order already (one hand, or hands in step): a stable sort leaves such a
  // list as it is, so the check spares its comparisons.
  for (let k = 1; k < list.length; k += 1) if ((list[k]?.onsetMs ?? 0) < (list[k - 1]?.onsetMs ?? 0)) return list.sort((a, b) => a.onsetMs - b.onsetMs);
  return list;
}

/** Runs of same-key extras with successive onsets within the window; only runs long enough. */
function tremorBursts(extras: readonly Note[], t: EventThresholds): Note[][] {
  const byPitch = new Map<number, Note[]>();
  for (const note of extras) {
    const list = byPitch.get(note.pitch) ?? [];
    list.push(note);
    byPitch.set(note.pitch, list);
  }
  const bursts: Note[][] = [];
  for (const list of byPitch.values()) {
    let current: Note[] = [];
    for (const note of list) {
      const previous = current[current.length - 1];
      if (previous !== undefined && note.onsetMs - previous.onsetMs > t.tremorWindowMs) {
        if (current.length >= t.tremorMinStrikes) bursts.push(current);
        current = [];
      }
      current.push(note);
    }
    if (current.length >= t.tremorMinStrikes) bursts.push(current);
  }
  return bursts.sort((a, b) => (a[0]?.onsetMs ?? 0) - (b[0]?.onsetMs ?? 0));
}

function coActivationPartner(
  note: Note,
  intended: readonly Intended[],
  handDurations: ReadonlyMap<Hand, number>,
  t: EventThresholds,
): ControlEvent | null {
  let best: Intended | null = null;
  let bestLag = Infinity;
  const from = lowerBound(intended, note.onsetMs - t.coActivationLagMs);
  for (let i = from; i < intended.length; i += 1) {
    const candidate = intended[i];
    if (candidate === undefined || candidate.onsetMs > note.onsetMs + t.coActivationLeadMs) break;
    const distance = Math.abs(candidate.pitch - note.pitch);
    if (distance === 0 || distance > t.coActivationSemitones) continue;
    const lag = note.onsetMs - candidate.onsetMs;
    if (Math.abs(lag) < Math.abs(bestLag)) {
      best = candidate;
      bestLag = lag;
    }
  }
  if (best === null) return null;
  const durationMs = Math.max(0, finiteOr(note.offsetMs - note.onsetMs, 0));
  const handDuration = handDurations.get(best.hand) ?? 0;
  const shortLimitMs = Math.min(
    t.coActivationShortMaxMs,
    Math.max(t.coActivationShortMinMs, t.coActivationShortFraction * handDuration),
  );
  const softLimit = t.coActivationSoftRatio * best.velocity;
  if (durationMs > shortLimitMs || note.velocity > softLimit) return null;
  return {
    type: 'co-activation',
    timeMs: note.onsetMs,
    hand: best.hand,
    finger: best.finger,
    severity: severity(softLimit, Math.max(note.velocity, 1)),
    detail: `${fingerLabel(best.hand, best.finger)}: neighbouring key ${keyName(note.pitch)} pressed ${ms(Math.abs(bestLag))} ms ${bestLag < 0 ? 'before' : 'after'} the intended one, short (${ms(durationMs)} ms) and soft (velocity ${note.velocity}).`,
    evidence: {
      pitch: note.pitch,
      intendedPitch: best.pitch,
      lagMs: bestLag,
      durationMs,
      shortLimitMs,
      velocity: note.velocity,
      intendedVelocity: best.velocity,
      softLimit,
    },
  };
}

/** The intended note nearest in time (and pitch, at one semitone per grid step), optionally the same key only. */
function nearest(intended: readonly Intended[], note: Note, stepMs: number, preferSameKey: boolean): Intended | null {
  const scale = stepMs > 0 ? stepMs : 125;
  const from = lowerBound(intended, note.onsetMs - 8 * scale);
  let best: Intended | null = null;
  let bestScore = Infinity;
  for (let i = from; i < intended.length; i += 1) {
    const candidate = intended[i];
    if (candidate === undefined || candidate.onsetMs > note.onsetMs + 8 * scale) break;
    const sameKeyBonus = preferSameKey && candidate.pitch === note.pitch ? -100 : 0;
    const score = Math.abs(candidate.onsetMs - note.onsetMs) / scale + Math.abs(candidate.pitch - note.pitch) + sameKeyBonus;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best !== null) return best;
  // Far from everything: the closest in time.
  let closest: Intended | null = null;
  for (const candidate of intended) {
    if (closest === null || Math.abs(candidate.onsetMs - note.onsetMs) < Math.abs(closest.onsetMs - note.onsetMs)) closest = candidate;
  }
  return closest;
}

function lowerBound(intended: readonly Intended[], onsetMs: number): number {
  let low = 0;
  let high = intended.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((intended[mid]?.onsetMs ?? Infinity) < onsetMs) low = mid + 1;
    else high = mid;
  }
  return low;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
