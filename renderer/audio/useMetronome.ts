/**
 * The metronome as a React hook: one AudioContext, created and resumed from the pianist's own
 * click (browsers keep an AudioContext suspended until a user gesture), a visual beat driven by
 * requestAnimationFrame against the audio clock, volume and mute, and the click log.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createMetronome, webAudioSink } from './metronome';
import type { Metronome, ScheduledClick } from './metronome';
import { countInSeconds } from './schedule';
import type { Click, MetronomeSettings } from './schedule';

export interface MetronomeControl {
  /**
   * Creates and resumes the AudioContext. Call it synchronously from the Start click: browsers
   * keep audio suspended until a user gesture.
   */
  prime(): Promise<void>;
  /**
   * Resumes audio (call it from the click handler) and starts; resolves with when the count-in
   * ends on the performance.now() clock (the take's first beat).
   */
  start(settings: MetronomeSettings): Promise<{ firstBeatPerformanceMs: number }>;
  stop(): void;
  readonly running: boolean;
  /**
   * The click sounding now (for the visual beat; null when stopped), as a store: only the beat
   * dots subscribe, so a click re-renders them and not the screen holding the metronome.
   */
  readonly beat: BeatStore;
  readonly volume: number;
  setVolume(volume: number): void;
  readonly muted: boolean;
  setMuted(muted: boolean): void;
  /** Clicks scheduled since the last start, in order. */
  readonly log: readonly ScheduledClick[];
  /** Why audio could not start, if it could not. */
  readonly error: string | null;
}

/** The sounding click, for useSyncExternalStore. */
export interface BeatStore {
  get(): Click | null;
  subscribe(listener: () => void): () => void;
}

/** @example const beat = createBeatStore(); beat.set(click); beat.get() // => click */
export function createBeatStore(): BeatStore & { set(click: Click | null): void } {
  let current: Click | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (click) => {
      if (click === current) return;
      current = click;
      for (const listener of listeners) listener();
    },
  };
}

export function useMetronome(onClick?: (click: ScheduledClick) => void): MetronomeControl {
  const context = useRef<AudioContext | null>(null);
  const metronome = useRef<Metronome | null>(null);
  const log = useRef<ScheduledClick[]>([]);
  const clickListener = useRef(onClick);
  clickListener.current = onClick;
  const [running, setRunning] = useState(false);
  const [beat] = useState(createBeatStore);
  const [volume, setVolumeState] = useState(0.8);
  const [muted, setMutedState] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const level = useRef({ volume: 0.8, muted: false });

  const ensure = useCallback((): Metronome => {
    if (context.current === null) context.current = new AudioContext({ latencyHint: 'interactive' });
    if (metronome.current === null) {
      const sink = webAudioSink(context.current);
      sink.setVolume(level.current.muted ? 0 : level.current.volume);
      metronome.current = createMetronome({
        sink,
        onClick: (click) => {
          log.current.push(click);
          clickListener.current?.(click);
        },
      });
      sinkRef.current = sink;
    }
    return metronome.current;
  }, []);
  const sinkRef = useRef<ReturnType<typeof webAudioSink> | null>(null);

  const prime = useCallback(async () => {
    ensure();
    const ctx = context.current;
    try {
      if (ctx !== null && ctx.state !== 'running') await ctx.resume();
      setError(null);
    } catch (e) {
      setError(`Sound could not start (${e instanceof Error ? e.message : String(e)}); the visual beat still runs.`);
    }
  }, [ensure]);

  const start = useCallback(
    async (settings: MetronomeSettings) => {
      const m = ensure();
      const ctx = context.current;
      await prime();
      log.current = [];
      const { startTime } = m.start(settings);
      setRunning(true);
      const firstBeat = startTime + countInSeconds(settings);
      const mapped = sinkRef.current?.toPerformanceMs(firstBeat) ?? null;
      return { firstBeatPerformanceMs: mapped ?? performance.now() + (firstBeat - (ctx?.currentTime ?? 0)) * 1000 };
    },
    [ensure, prime],
  );

  const stop = useCallback(() => {
    metronome.current?.stop();
    setRunning(false);
    beat.set(null);
  }, []);

  // The visual beat: compare the audio clock with the schedule once per frame; re-render only
  // when the sounding click changes.
  useEffect(() => {
    if (!running) return undefined;
    let frame = 0;
    let shown = -1;
    const loop = () => {
      const ctx = context.current;
      const m = metronome.current;
      if (ctx !== null && m !== null) {
        const click = m.clickAt(ctx.currentTime - (ctx.outputLatency || 0));
        const index = click?.index ?? -1;
        if (index !== shown) {
          shown = index;
          beat.set(click);
        }
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [running]);

  useEffect(
    () => () => {
      metronome.current?.stop();
      void context.current?.close().catch(() => {});
    },
    [],
  );

  const apply = () => sinkRef.current?.setVolume(level.current.muted ? 0 : level.current.volume);
  const setVolume = useCallback((v: number) => {
    level.current.volume = v;
    setVolumeState(v);
    apply();
  }, []);
  const setMuted = useCallback((m: boolean) => {
    level.current.muted = m;
    setMutedState(m);
    apply();
  }, []);

  return { prime, start, stop, running, beat, volume, setVolume, muted, setMuted, log: log.current, error };
}
