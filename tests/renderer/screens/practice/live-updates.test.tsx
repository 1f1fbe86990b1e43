// @vitest-environment jsdom
// The live view's per-note work, counted (not timed): a note patches one strip bar in place and
// shifts the ring, recolours only the keys it changes (by class), and leaves the other fingers'
// figures untouched; what is drawn stays what the note means.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicalScale } from '../../../../core/exercises/clinical';
import { LIVE_RECENT, createLiveAlignment, liveFingers, liveNoteOn } from '../../../../core/live/online-align';
import type { LiveNoteResult } from '../../../../core/live/online-align';
import type { Click } from '../../../../renderer/audio/schedule';
import { createBeatStore } from '../../../../renderer/audio/useMetronome';
import { PianoKeyboard } from '../../../../renderer/keyboard/PianoKeyboard';
import type { KeyMark } from '../../../../renderer/keyboard/PianoKeyboard';
import { keepUnchanged } from '../../../../renderer/live/useLiveTake';
import { DeviationStrip } from '../../../../renderer/screens/practice/DeviationStrip';
import { performRepetitions } from '../../../support/performer';

afterEach(cleanup);

/** Records the DOM mutations under `root` while `change` runs. */
function mutationsDuring(root: Node, change: () => void): MutationRecord[] {
  const observer = new MutationObserver(() => {});
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  change();
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}

function playedNotes(count: number): LiveNoteResult[] {
  const exercise = clinicalScale('right');
  const live = createLiveAlignment(exercise);
  const notes = performRepetitions(exercise, 10, { seed: 3, style: { jitterMs: 6 } }).notes;
  return notes.slice(0, count).map((n) => liveNoteOn(live, { timeMs: n.onsetMs, pitch: n.pitch, velocity: n.velocity }));
}

describe('DeviationStrip', () => {
  it('patches one bar in place per note and keeps the newest at the right end', () => {
    const results = playedNotes(120);
    const at = (end: number) => ({ notes: results.slice(Math.max(0, end - LIVE_RECENT), end), from: Math.max(0, end - LIVE_RECENT) });
    const view = render(<DeviationStrip {...at(100)} />);
    const svg = view.container.querySelector('svg');
    if (svg === null) throw new Error('no strip');
    const bars = () => [...svg.querySelectorAll('g rect')];
    const before = bars();
    expect(before).toHaveLength(LIVE_RECENT);

    const records = mutationsDuring(svg, () => act(() => view.rerender(<DeviationStrip {...at(101)} />)));
    // The same 48 elements: nothing created or removed.
    expect(records.filter((r) => r.type === 'childList')).toEqual([]);
    expect(bars()).toEqual(before);
    const touched = new Set(records.map((r) => r.target));
    // One bar (the slot of note 100, which held note 52) and the ring's offset.
    expect(touched.size).toBe(2);
    const slot = before[100 % LIVE_RECENT];
    expect(touched.has(slot as Node)).toBe(true);
    const g = svg.querySelector('g');
    expect(touched.has(g as Node)).toBe(true);

    // Drawn where it belongs: x + ring offset puts note 100 in the last column, 52 is gone.
    const offset = Number(/translate\((-?[\d.]+)/.exec(g?.getAttribute('transform') ?? '')?.[1]);
    expect(Number(slot?.getAttribute('x')) + offset).toBe((LIVE_RECENT - 1) * 12 + 2);
    const newest = results[100];
    if (newest?.deviationMs === null || newest === undefined) throw new Error('expected a matched note');
    expect(slot?.getAttribute('height')).toBe(String(Math.max(1.5, Math.abs((Math.max(-40, Math.min(40, newest.deviationMs)) / 40) * 38))));
  });

  it('fills the strip from the left before it is full', () => {
    const results = playedNotes(3);
    const view = render(<DeviationStrip notes={results} from={0} />);
    const xs = [...view.container.querySelectorAll('g rect')].map((r) => Number(r.getAttribute('x')));
    expect(xs).toEqual([2, 14, 26]);
    expect(view.container.querySelector('g')?.getAttribute('transform')).toBe('translate(0 0)');
  });
});

describe('PianoKeyboard', () => {
  it('a note changes the class of only the keys it recolours', () => {
    const next = (pitch: number, finger: number): KeyMark[] => [{ pitch, finger, hand: 'right' }];
    const view = render(<PianoKeyboard low={55} high={86} expected={next(62, 2)} played={[{ pitch: 60, finger: 1, hand: 'right' }]} />);
    const key = (pitch: number) => view.container.querySelector(`rect[data-pitch="${pitch}"]`);
    expect(key(60)?.getAttribute('class')).toBe('kw kp kf1');
    expect(key(62)?.getAttribute('class')).toBe('kw kn kf2');
    const records = mutationsDuring(view.container, () =>
      act(() => view.rerender(<PianoKeyboard low={55} high={86} expected={next(64, 3)} played={[{ pitch: 62, finger: 2, hand: 'right' }, { pitch: 60, finger: 1, hand: 'right' }]} />)),
    );
    const keysTouched = new Set(records.filter((r) => r.target instanceof Element && r.target.tagName === 'rect').map((r) => (r.target as Element).getAttribute('data-pitch')));
    // 62 turns from next to played, 64 becomes next; 60 stays played.
    expect([...keysTouched].sort()).toEqual(['62', '64']);
    expect(records.every((r) => r.type !== 'childList')).toBe(true);
    expect(key(62)?.getAttribute('class')).toBe('kw kp kf2');
    expect(key(64)?.getAttribute('class')).toBe('kw kn kf3');
    expect(key(61)?.getAttribute('class')).toBe('kb');
    expect(view.container.querySelector('circle')?.getAttribute('class')).toBe('next-dot kf3');
  });
});

describe('live snapshot parts', () => {
  it('keepUnchanged keeps every finger the note did not change', () => {
    const exercise = clinicalScale('right');
    const live = createLiveAlignment(exercise);
    const notes = performRepetitions(exercise, 1, { seed: 5 }).notes;
    let fingers = keepUnchanged([], liveFingers(live));
    for (const n of notes.slice(0, 10)) {
      const before = fingers;
      const result = liveNoteOn(live, { timeMs: n.onsetMs, pitch: n.pitch, velocity: n.velocity });
      fingers = keepUnchanged(before, liveFingers(live));
      for (const f of fingers) {
        const old = before.find((b) => b.hand === f.hand && b.finger === f.finger);
        if (f.finger === result.finger) expect(f).not.toBe(old);
        else expect(f).toBe(old);
      }
    }
  });

  it('the beat store notifies only when the sounding click changes', () => {
    const beats = createBeatStore();
    let calls = 0;
    beats.subscribe(() => {
      calls += 1;
    });
    const click: Click = { index: 0, time: 0.5, kind: 'accent', beat: 1, sub: 0, countIn: false };
    beats.set(click);
    beats.set(click);
    beats.set(null);
    expect(calls).toBe(2);
    expect(beats.get()).toBeNull();
  });
});
