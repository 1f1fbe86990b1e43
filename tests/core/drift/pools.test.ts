// Takes pooled ahead of time (pools.ts, kept by the store with each session's drift input) must
// give exactly the drift of pooling take by take, and the engine must fall back to take-by-take
// pooling wherever a pool does not match the session's takes.
import { describe, expect, it } from 'vitest';
import { computeDrift } from '../../../core/drift/engine';
import { familyOf } from '../../../core/drift/family';
import { compactTake } from '../../../core/drift/metrics';
import { pointsOf } from '../../../core/drift/points';
import { ACC_FIELDS, ACC_N, poolTakes } from '../../../core/drift/pools';
import type { TakePool } from '../../../core/drift/pools';
import type { DriftResult, DriftSession, DriftTake } from '../../../core/drift/types';
import { simulatePianist } from '../../support/longitudinal';

const plain = (result: DriftResult) => ({ ...result, series: result.series.map((s) => ({ ...s, points: pointsOf(s.points) })) });
const withPools = (sessions: readonly DriftSession[]) => sessions.map((s) => ({ ...s, pools: poolTakes(s.takes) }));
const history = (seed: number) =>
  simulatePianist({ seed, sessions: 70, onset: { hand: 'left', finger: 3, kind: 'bias', fromSession: 30, perSession: 1 } }).sessions;

/** The takes of one family, in session order, and everything else. */
const byFamily = (takes: readonly DriftTake[]) => {
  const family = familyOf((takes[0] as DriftTake).exercise);
  return { mine: takes.filter((t) => familyOf(t.exercise) === family), others: takes.filter((t) => familyOf(t.exercise) !== family) };
};

describe('pooled takes', () => {
  it('pool every family of two or more credible takes', () => {
    const session = history(1)[5] as DriftSession;
    const pools = poolTakes(session.takes);
    const families = new Set(session.takes.map((t) => familyOf(t.exercise)));
    expect(pools).toHaveLength(families.size);
    expect(pools.flatMap((p) => p.takes).sort((a, b) => a - b)).toEqual(session.takes.map((_, i) => i));
    for (const pool of pools) expect(pool.sums).toHaveLength(pool.slots.length * ACC_FIELDS);
  });

  it('give exactly the take-by-take drift, plain or compact takes', () => {
    const sessions = history(2);
    const expected = plain(computeDrift(sessions));
    expect(expected.alerts.length).toBeGreaterThan(0);
    expect(plain(computeDrift(withPools(sessions)))).toEqual(expected);
    expect(plain(computeDrift(withPools(sessions.map((s) => ({ ...s, takes: s.takes.map(compactTake) })))))).toEqual(expected);
  });

  it('are used: a pool whose sums differ changes the result', () => {
    const sessions = withPools(history(3));
    const doctored = sessions.map((s) => ({
      ...s,
      pools: s.pools.map((p): TakePool => {
        const sums = Float64Array.from(p.sums);
        for (let j = 0; j < p.slots.length; j += 1) sums[j * ACC_FIELDS + ACC_N] = 2 * (sums[j * ACC_FIELDS + ACC_N] as number);
        return { ...p, sums };
      }),
    }));
    expect(plain(computeDrift(doctored))).not.toEqual(plain(computeDrift(sessions)));
  });

  // Each variant changes the sessions, then checks pooled against take-by-take on the changed sessions.
  const variants: [string, (s: DriftSession, i: number) => DriftSession][] = [
    ['families interleaved take by take', (s) => {
      const { mine, others } = byFamily(s.takes);
      const takes: DriftTake[] = [];
      for (let k = 0; k < Math.max(mine.length, others.length); k += 1) takes.push(...[mine[k], others[k]].filter((t): t is DriftTake => t !== undefined));
      return { ...s, takes };
    }],
    ['a take that is not credible between two that are', (s) => ({ ...s, takes: s.takes.map((t, k) => (k === 1 ? { ...t, matched: 5 } : t)) })],
    ['one family split across two tempo bands', (s, i) => ({ ...s, takes: s.takes.map((t, k) => (k === 0 && i % 3 === 0 ? { ...t, notesPerSecond: t.notesPerSecond * 1.4 } : t)) })],
    ['a later take measuring a finger the first did not', (s) => ({
      ...s,
      takes: s.takes.map((t, k) => (k === 0 ? { ...t, fingersByDirection: t.fingersByDirection.filter((f) => f.finger !== 5), fingers: t.fingers.filter((f) => f.finger !== 5) } : t)),
    })],
  ];
  for (const [name, change] of variants) {
    it(`match take by take with ${name}`, () => {
      const sessions = history(4).map(change);
      expect(plain(computeDrift(withPools(sessions)))).toEqual(plain(computeDrift(sessions)));
    });
  }

  it('leave a family out when its first take lacks a slot a later one has', () => {
    const session = history(5)[3] as DriftSession;
    const family = familyOf((session.takes[0] as DriftTake).exercise);
    const changed = { ...session, takes: session.takes.map((t, k) => (k === 0 ? { ...t, fingers: t.fingers.filter((f) => f.finger !== 2) } : t)) };
    expect(poolTakes(changed.takes).some((p) => p.takes.some((k) => familyOf((changed.takes[k] as DriftTake).exercise) === family))).toBe(false);
  });

  it('are ignored where they do not match the takes, with take-by-take results', () => {
    const sessions = history(6);
    const expected = plain(computeDrift(sessions));
    const mismatched = sessions.map((s, i) => {
      const pools = poolTakes(s.takes);
      // A pool missing one of its family's takes, one naming a take out of range, one swapping a
      // take for another family's (as many takes as the family has), and pools of another session.
      if (i % 4 === 0) return { ...s, pools: pools.map((p) => ({ ...p, takes: p.takes.slice(0, -1) })) };
      if (i % 4 === 1) return { ...s, pools: pools.map((p) => ({ ...p, takes: [...p.takes.slice(0, -1), s.takes.length + 4] })) };
      if (i % 4 === 2) {
        const [a, b] = pools as [TakePool, TakePool];
        return { ...s, pools: [{ ...a, takes: [...a.takes.slice(0, -1), b.takes[0] as number].sort((x, y) => x - y) }] };
      }
      return { ...s, pools: poolTakes((sessions[i - 1] as DriftSession).takes).map((p) => ({ ...p, takes: [0] })) };
    });
    expect(plain(computeDrift(mismatched))).toEqual(expected);
  });
});
