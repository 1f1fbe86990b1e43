/**
 * The take in progress, for the live view: each MIDI message goes through the online alignment
 * (core/live, O(1) per note) and the view re-renders once per note, never re-running the
 * analysis. The raw log is saved separately by the recorder; this is only the preview.
 *
 * A snapshot keeps the identity of every part a note did not change (the other fingers' figures,
 * the events, each recent note), so the memoised parts of the view skip them: a note costs the
 * live view one finger row, one strip bar and the few keys whose colour changes, not the whole
 * view (bench/live.bench.ts measures it).
 */
import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { RawMidiWire } from '../../core/api/schemas';
import type { Exercise } from '../../core/exercises/types';
import { LIVE_RECENT, createLiveAlignment, liveFingers, liveNoteOn, nextExpected } from '../../core/live/online-align';
import type { LiveAlignment, LiveEvent, LiveFingerFigures, LiveNoteResult } from '../../core/live/online-align';
import { createPedalWatch, pedalNote, pedalValue } from '../../core/live/pedal-watch';
import type { PedalWatch } from '../../core/live/pedal-watch';
import type { KeyMark } from '../keyboard/PianoKeyboard';
import { noteArrived } from './latency';

export interface LiveSnapshot {
  /** Changes on every note. */
  readonly version: number;
  readonly exercise: Exercise | null;
  readonly fingers: readonly LiveFingerFigures[];
  readonly recent: readonly LiveNoteResult[];
  /** 0-based number of recent[0] among the take's note-ons (the strip places each note by it). */
  readonly recentFrom: number;
  readonly next: readonly KeyMark[];
  readonly played: readonly KeyMark[];
  /** Newest first, the last few (the view flashes the newest). */
  readonly events: readonly LiveEvent[];
  readonly counts: { readonly matched: number; readonly wrong: number; readonly missed: number; readonly extra: number; readonly notes: number };
  readonly repetition: number;
  readonly pedalAlwaysDown: boolean;
}

/**
 * The live snapshot as an external store: only the components that show it subscribe, so a note
 * re-renders the live view, not the whole practice screen (picker, metronome, device panel).
 */
export interface LiveStore {
  get(): LiveSnapshot;
  subscribe(listener: () => void): () => void;
}

/** @example const snapshot = useLiveSnapshot(live.store); */
export function useLiveSnapshot(store: LiveStore): LiveSnapshot {
  return useSyncExternalStore(store.subscribe, store.get);
}

export interface LiveTake {
  readonly store: LiveStore;
  /** Starts a fresh take (null exercise: just play). */
  reset(exercise: Exercise | null, bpm: number): void;
  /** Feed one MIDI message (from the recorder's listener). */
  onMessage(message: RawMidiWire): void;
}

const EMPTY_COUNTS = { matched: 0, wrong: 0, missed: 0, extra: 0, notes: 0 };
const PLAYED_FADE = 3;

function snapshotOf(live: LiveAlignment | null, exercise: Exercise | null, state: Mutable): LiveSnapshot {
  const recent = live === null ? state.freeRecent.slice() : live.recent.slice();
  return {
    version: state.version,
    exercise,
    fingers: state.fingers,
    recent,
    recentFrom: state.notes - recent.length,
    next: live === null ? [] : nextExpected(live).map((n) => ({ pitch: n.pitch, finger: n.finger, hand: n.hand })),
    played: state.played,
    events: state.events,
    counts: live === null ? { ...EMPTY_COUNTS, notes: state.notes } : { matched: live.matched, wrong: live.wrong, missed: live.missed, extra: live.extra, notes: state.notes },
    repetition: live?.repetition ?? 0,
    pedalAlwaysDown: state.pedalAlwaysDown,
  };
}

/**
 * The running figures, keeping the previous object of every finger whose count did not change
 * (a note changes only its own finger's accumulators).
 *
 * @example keepUnchanged(previous, liveFingers(live)) // the played finger's row is new, the rest are `previous`'s
 */
export function keepUnchanged(previous: readonly LiveFingerFigures[], next: readonly LiveFingerFigures[]): readonly LiveFingerFigures[] {
  return next.map((f) => previous.find((p) => p.hand === f.hand && p.finger === f.finger && p.count === f.count) ?? f);
}

/** What the hook keeps between notes; the arrays are replaced, never mutated, when they change. */
interface Mutable {
  version: number;
  notes: number;
  fingers: readonly LiveFingerFigures[];
  played: readonly KeyMark[];
  events: readonly LiveEvent[];
  freeRecent: LiveNoteResult[];
  pedalAlwaysDown: boolean;
}

function freshState(version: number): Mutable {
  return { version, notes: 0, fingers: [], played: [], events: [], freeRecent: [], pedalAlwaysDown: false };
}

/** @example const live = useLiveTake(); recorderListener = live.onMessage; */
export function useLiveTake(): LiveTake {
  const alignment = useRef<LiveAlignment | null>(null);
  const exercise = useRef<Exercise | null>(null);
  const pedal = useRef<PedalWatch>(createPedalWatch());
  const state = useRef<Mutable>(freshState(0));
  const [store] = useState(() => {
    let current = snapshotOf(null, null, state.current);
    const listeners = new Set<() => void>();
    return {
      get: () => current,
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      set: (next: LiveSnapshot) => {
        current = next;
        for (const listener of listeners) listener();
      },
    };
  });
  const setSnapshot = store.set;

  const reset = useCallback((next: Exercise | null, bpm: number) => {
    exercise.current = next;
    alignment.current = next === null ? null : createLiveAlignment(next, bpm);
    pedal.current = createPedalWatch();
    state.current = freshState(state.current.version + 1);
    setSnapshot(snapshotOf(alignment.current, next, state.current));
  }, [setSnapshot]);

  const onMessage = useCallback((message: RawMidiWire) => {
    const [status = 0, data1 = 0, data2 = 0] = message.bytes;
    const type = status & 0xf0;
    if (type === 0xb0 && data1 === 64) {
      pedalValue(pedal.current, data2, message.timeMs);
      return;
    }
    if (type !== 0x90 || data2 === 0) return;
    noteArrived(message.timeMs);
    const s = state.current;
    s.notes += 1;
    if (pedalNote(pedal.current, message.timeMs)) s.pedalAlwaysDown = true;
    const live = alignment.current;
    let result: LiveNoteResult;
    if (live !== null) {
      result = liveNoteOn(live, { timeMs: message.timeMs, pitch: data1, velocity: data2 });
      if (result.role === 'matched') s.fingers = keepUnchanged(s.fingers, liveFingers(live));
    } else {
      result = { timeMs: message.timeMs, pitch: data1, velocity: data2, role: 'extra', expected: null, hand: null, finger: null, deviationMs: null, repetition: 0, skipped: 0, event: null };
      s.freeRecent.push(result);
      if (s.freeRecent.length > LIVE_RECENT) s.freeRecent.shift();
    }
    s.played = [{ pitch: data1, finger: result.finger, hand: result.hand }, ...s.played.filter((p) => p.pitch !== data1)].slice(0, PLAYED_FADE);
    if (result.event !== null) s.events = [result.event, ...s.events].slice(0, 6);
    s.version += 1;
    setSnapshot(snapshotOf(live, exercise.current, s));
  }, [setSnapshot]);

  return { store, reset, onMessage };
}
