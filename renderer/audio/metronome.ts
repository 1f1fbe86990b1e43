/**
 * The metronome: a look-ahead scheduler (Wilson 2013, "A tale of two clocks") that wakes every
 * ~25 ms on a main-thread timer and schedules each click ~120 ms ahead on the AudioContext
 * clock, so clicks are sample-accurate however busy the page is. The timer only decides WHEN TO
 * SCHEDULE; a click's time always comes from clickAt() on the audio clock (never setInterval
 * clicks).
 *
 * Every scheduled click is reported with its time on the performance.now() clock (the clock of
 * Web MIDI's timeStamp), mapped through AudioContext.getOutputTimestamp(), so the session can
 * store it and the report can put each note against the click it heard.
 */
import { checkSettings, clickAt, clicksUntil, isAudible } from './schedule';
import type { Click, ClickKind, MetronomeSettings } from './schedule';

/** Where clicks go: Web Audio in the app (webAudioSink), a recorder in tests. */
export interface ClickSink {
  /** Seconds on the audio clock. */
  currentTime(): number;
  /** Schedules one click to sound exactly at `time` (audio seconds). */
  play(kind: ClickKind, time: number): void;
  /** Master volume 0-1 (0 = muted); applies to clicks already scheduled too. */
  setVolume(volume: number): void;
  /** Audio seconds -> performance.now() ms, or null when the clock relation is unknown. */
  toPerformanceMs(time: number): number | null;
}

/** The main-thread wake-up timer (injectable so tests drive it by hand). */
export interface WakeTimer {
  start(callback: () => void, everyMs: number): () => void;
}

export interface ScheduledClick extends Click {
  /** When it sounds on the performance.now() clock (ms), null when not mappable. */
  readonly performanceMs: number | null;
}

export interface MetronomeOptions {
  readonly sink: ClickSink;
  readonly timer?: WakeTimer;
  /** How far ahead clicks are scheduled (s). */
  readonly lookAheadSec?: number;
  /** How often the scheduler wakes (ms). */
  readonly wakeEveryMs?: number;
  /** Called once per scheduled audible click, in order (the click log). */
  readonly onClick?: (click: ScheduledClick) => void;
}

export interface Metronome {
  /**
   * Starts with the first (count-in) click at `startTime` audio seconds (default: now + 0.1 s,
   * room for the first look-ahead). Throws RangeError on bad settings.
   */
  start(settings: MetronomeSettings, startTime?: number): { startTime: number };
  stop(): void;
  /** Wakes the scheduler now (the timer calls this). */
  tick(): void;
  readonly running: boolean;
  /** The click sounding at audio time `time` (the visual beat), or null before the first. */
  clickAt(time: number): Click | null;
  readonly settings: MetronomeSettings | null;
  readonly startTime: number;
}

export const DEFAULT_LOOKAHEAD_SEC = 0.12;
export const DEFAULT_WAKE_MS = 25;

/** setInterval as a wake-up timer (only wakes the scheduler; clicks are on the audio clock). */
export const intervalTimer: WakeTimer = {
  start(callback, everyMs) {
    const handle = setInterval(callback, everyMs);
    return () => clearInterval(handle);
  },
};

/**
 * @example
 * const metronome = createMetronome({ sink: webAudioSink(context), onClick: (c) => log.push(c) });
 * metronome.start({ bpm: 120, beatsPerBar: 4, subdivision: 1, countInBars: 1 });
 */
export function createMetronome(options: MetronomeOptions): Metronome {
  const lookAhead = options.lookAheadSec ?? DEFAULT_LOOKAHEAD_SEC;
  const timer = options.timer ?? intervalTimer;
  let settings: MetronomeSettings | null = null;
  let startTime = 0;
  let nextIndex = 0;
  let stopTimer: (() => void) | undefined;

  const tick = () => {
    if (settings === null) return;
    const horizon = options.sink.currentTime() + lookAhead;
    const step = clicksUntil(settings, startTime, nextIndex, horizon);
    nextIndex = step.nextIndex;
    for (const click of step.clicks) {
      if (!isAudible(click)) continue;
      options.sink.play(click.kind, click.time);
      options.onClick?.({ ...click, performanceMs: options.sink.toPerformanceMs(click.time) });
    }
  };

  return {
    start(next, at) {
      checkSettings(next);
      stopTimer?.();
      settings = next;
      startTime = at ?? options.sink.currentTime() + 0.1;
      nextIndex = 0;
      tick();
      stopTimer = timer.start(tick, options.wakeEveryMs ?? DEFAULT_WAKE_MS);
      return { startTime };
    },
    stop() {
      stopTimer?.();
      stopTimer = undefined;
      settings = null;
    },
    tick,
    get running() {
      return settings !== null;
    },
    clickAt(time) {
      if (settings === null || time < startTime) return null;
      const index = Math.floor((time - startTime) / (60 / settings.bpm / settings.subdivision));
      return clickAt(settings, startTime, index);
    },
    get settings() {
      return settings;
    },
    get startTime() {
      return startTime;
    },
  };
}

/** Click pitch and level per kind: the bar accent is higher and louder, subdivisions soft. */
const CLICK_VOICE: Readonly<Record<ClickKind, { hz: number; gain: number }>> = {
  accent: { hz: 1760, gain: 1 },
  beat: { hz: 1320, gain: 0.7 },
  subdivision: { hz: 990, gain: 0.35 },
};

/** Click length (s) and decay time constant (s). */
const CLICK_SECONDS = 0.035;
const CLICK_DECAY = 0.008;

/**
 * One click as samples: a decaying cosine, so its first sample is its loudest (a click's onset
 * is then exactly its start time, which the benchmark checks sample by sample).
 *
 * @example clickSamples('accent', 44100)[0] // => 1
 */
export function clickSamples(kind: ClickKind, sampleRate: number): Float32Array<ArrayBuffer> {
  const voice = CLICK_VOICE[kind];
  const length = Math.round(CLICK_SECONDS * sampleRate);
  const samples = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    const t = i / sampleRate;
    samples[i] = voice.gain * Math.cos(2 * Math.PI * voice.hz * t) * Math.exp(-t / CLICK_DECAY);
  }
  return samples;
}

/**
 * Audio-clock seconds -> performance.now() ms through an output timestamp (the pair of clocks
 * read at the same instant at the speaker), so a click maps to when it is heard.
 *
 * @example audioToPerformanceMs(2.5, { contextTime: 2, performanceTime: 10_000 }) // => 10_500
 */
export function audioToPerformanceMs(time: number, stamp: { contextTime?: number; performanceTime?: number }): number | null {
  if (stamp.contextTime === undefined || stamp.performanceTime === undefined) return null;
  // Before the context has produced output both are 0: no relation yet.
  if (stamp.performanceTime === 0 && stamp.contextTime === 0) return null;
  return stamp.performanceTime + (time - stamp.contextTime) * 1000;
}

/**
 * The Web Audio sink: pre-rendered click buffers played by AudioBufferSourceNodes started at
 * the click's time, through one master gain (volume, mute). Works on an AudioContext and on an
 * OfflineAudioContext (the benchmark renders it).
 *
 * @example const sink = webAudioSink(new AudioContext());
 */
export function webAudioSink(context: BaseAudioContext): ClickSink {
  const master = context.createGain();
  master.connect(context.destination);
  const buffers = new Map<ClickKind, AudioBuffer>();
  const bufferFor = (kind: ClickKind): AudioBuffer => {
    let buffer = buffers.get(kind);
    if (buffer === undefined) {
      const samples = clickSamples(kind, context.sampleRate);
      buffer = context.createBuffer(1, samples.length, context.sampleRate);
      buffer.copyToChannel(samples, 0);
      buffers.set(kind, buffer);
    }
    return buffer;
  };
  return {
    currentTime: () => context.currentTime,
    play(kind, time) {
      const source = context.createBufferSource();
      source.buffer = bufferFor(kind);
      source.connect(master);
      source.start(time);
    },
    setVolume(volume) {
      master.gain.setValueAtTime(Math.max(0, Math.min(1, volume)), context.currentTime);
    },
    toPerformanceMs(time) {
      if (!('getOutputTimestamp' in context)) return null;
      const live = context as AudioContext;
      const mapped = audioToPerformanceMs(time, live.getOutputTimestamp());
      if (mapped !== null) return mapped;
      // Just resumed, no output yet: the current time plus the reported output latency.
      return performance.now() + (time - live.currentTime + (live.outputLatency || live.baseLatency || 0)) * 1000;
    },
  };
}
