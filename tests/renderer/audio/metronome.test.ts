// The metronome's scheduling against a fake audio clock: every click exactly at start + n x interval,
// scheduled ahead of time, none twice, none skipped, even when the wake-up timer is late.
import { describe, expect, it } from 'vitest';
import { audioToPerformanceMs, clickSamples, createMetronome } from '../../../renderer/audio/metronome';
import type { ClickSink, WakeTimer } from '../../../renderer/audio/metronome';
import { checkSettings, clickAt, countInSeconds } from '../../../renderer/audio/schedule';
import type { ClickKind } from '../../../renderer/audio/schedule';
import { offBeatMs } from '../../../core/metrics/off-beat';

function fakeAudio() {
  let now = 0;
  const played: { kind: ClickKind; time: number; scheduledAt: number }[] = [];
  let volume = 1;
  const sink: ClickSink = {
    currentTime: () => now,
    play: (kind, time) => played.push({ kind, time, scheduledAt: now }),
    setVolume: (v) => {
      volume = v;
    },
    toPerformanceMs: (time) => 5_000 + time * 1000,
  };
  let wake: (() => void) | undefined;
  const timer: WakeTimer = {
    start(callback) {
      wake = callback;
      return () => {
        wake = undefined;
      };
    },
  };
  return {
    sink,
    timer,
    played,
    volume: () => volume,
    /** Advances the audio clock in uneven steps, waking the scheduler after each. */
    advance(to: number, stepSec: number) {
      while (now < to) {
        now = Math.min(to, now + stepSec);
        wake?.();
      }
    },
    wakes: () => wake !== undefined,
  };
}

const SETTINGS = { bpm: 120, beatsPerBar: 4, subdivision: 2, countInBars: 1 };

describe('metronome scheduling', () => {
  it('schedules every click exactly at start + n x interval, ahead of time, once', () => {
    const audio = fakeAudio();
    const log: number[] = [];
    const metronome = createMetronome({ sink: audio.sink, timer: audio.timer, onClick: (c) => log.push(c.performanceMs ?? NaN) });
    metronome.start(SETTINGS, 1.0);
    audio.advance(11, 0.025);
    // Count-in: 4 beats only (its subdivisions are silent), then eighths.
    const times = audio.played.map((p) => p.time);
    const countIn = [1.0, 1.5, 2.0, 2.5];
    expect(times.slice(0, 4)).toEqual(countIn);
    const after = times.slice(4);
    after.forEach((t, i) => expect(t).toBe(3.0 + i * 0.25));
    expect(new Set(times).size).toBe(times.length);
    // Never scheduled late: each click went to the audio clock before its time.
    for (const p of audio.played) expect(p.scheduledAt).toBeLessThanOrEqual(p.time);
    expect(log.slice(0, 2)).toEqual([6_000, 6_500]);
    expect(audio.played.map((p) => p.kind).slice(0, 6)).toEqual(['accent', 'beat', 'beat', 'beat', 'accent', 'subdivision']);
  });

  it('a late wake-up (busy main thread) still gives exact times and skips nothing', () => {
    const audio = fakeAudio();
    const metronome = createMetronome({ sink: audio.sink, timer: audio.timer, lookAheadSec: 0.12 });
    metronome.start({ ...SETTINGS, countInBars: 0 }, 0.1);
    audio.advance(2, 0.02);
    audio.advance(2.4, 0.4); // one 400 ms stall
    audio.advance(5, 0.03);
    const times = audio.played.map((p) => p.time);
    times.forEach((t, i) => expect(t).toBe(0.1 + i * 0.25));
    expect(times.at(-1)).toBeGreaterThan(4.8);
  });

  it('stop ends the wake-ups; the visual beat follows the audio clock', () => {
    const audio = fakeAudio();
    const metronome = createMetronome({ sink: audio.sink, timer: audio.timer });
    metronome.start(SETTINGS, 0);
    expect(metronome.clickAt(2.6)).toMatchObject({ index: 10, beat: 2, sub: 0, countIn: false });
    expect(metronome.clickAt(0.6)).toMatchObject({ beat: 2, countIn: true });
    metronome.stop();
    expect(audio.wakes()).toBe(false);
    expect(metronome.clickAt(1)).toBeNull();
  });

  it('refuses bad settings with a one-line reason', () => {
    expect(() => checkSettings({ ...SETTINGS, bpm: 0 })).toThrow(/tempo must be/);
    expect(() => checkSettings({ ...SETTINGS, subdivision: 1.5 })).toThrow(/subdivision/);
    expect(countInSeconds(SETTINGS)).toBe(2);
    expect(clickAt(SETTINGS, 0, 9)).toMatchObject({ kind: 'subdivision', beat: 1, countIn: false });
  });

  it('maps the audio clock to performance.now() through an output timestamp', () => {
    expect(audioToPerformanceMs(2.5, { contextTime: 2, performanceTime: 10_000 })).toBe(10_500);
    expect(audioToPerformanceMs(2.5, { contextTime: 0, performanceTime: 0 })).toBeNull();
  });

  it('a click starts at full level on its first sample', () => {
    const samples = clickSamples('accent', 44_100);
    expect(samples[0]).toBe(1);
    expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(0.02);
  });
});

describe('time off the beat', () => {
  it('is the offset from the nearest grid point between the clicks', () => {
    const clicks = [1000, 1500, 2000, 2500];
    expect(offBeatMs(clicks, 1260, 2)).toBeCloseTo(10);
    expect(offBeatMs(clicks, 1490, 1)).toBeCloseTo(-10);
    expect(offBeatMs(clicks, 2510, 4)).toBeCloseTo(10);
    expect(offBeatMs(clicks, 9000, 1)).toBeNull();
    expect(offBeatMs([1000], 1000, 1)).toBeNull();
  });
});
