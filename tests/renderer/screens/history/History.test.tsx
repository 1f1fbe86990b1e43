// @vitest-environment jsdom
// The History screen's items on a hand-made evenkeys.drift/1 document: alert titles and the
// lifecycle actions, each series' baseline progress, the fingerprint in words and colours,
// practice per calendar day and week, the break reminder and the check-in prompt.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvenkeysApi } from '../../../../core/api/contract';
import { DRIFT_SCHEMA_ID, driftDocumentSchema } from '../../../../core/api/drift';
import type { DriftDocument, DriftDocumentFingerprint } from '../../../../core/api/drift';
import { fingerColour } from '../../../../renderer/fingers';
import { fingerprintChart, fingerprintWords } from '../../../../renderer/screens/history/fingerprint-data';
import { HistoryScreen } from '../../../../renderer/screens/history/HistoryScreen';
import { calendarDays, minutesWords, weekRows } from '../../../../renderer/screens/history/PracticeChart';
import { trendChart } from '../../../../renderer/screens/history/trend-data';
import type { TrendPoint } from '../../../../renderer/screens/history/trend-data';

vi.mock('react-chartjs-2', async () => (await import('../../support/chart-stub')).chartStub);
afterEach(cleanup);
beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined;
});

const FAMILY = 'scale:C:major:right:parallel';
const FINGERS = [1, 2, 3, 1, 2, 3, 4, 1, 2, 3, 1, 2, 3, 4, 5] as const;

function fingerprint(changed: boolean): DriftDocumentFingerprint {
  return {
    exerciseId: 'clinical-scale-rh', exerciseName: 'Clinical scale test: C major, right hand', hand: 'right', device: 'Stage Piano',
    baselineSessions: 10, recentSessions: 5, positions: FINGERS.length, correlation: changed ? 0.27 : 0.91, rmsDifferenceMs: changed ? 9.76 : 1.9, expectedRmsMs: 2.39, changed,
    byPosition: FINGERS.map((finger, position) => ({ direction: 'up', position, finger, baselineMs: position % 3, recentMs: (position % 3) + (changed && finger === 4 ? 20 + position / 10 : 0) })),
  };
}

function doc(): DriftDocument {
  const day = (i: number) => new Date(Date.UTC(2026, 8, 1 + i, 17)).toISOString();
  const series = ([1, 2, 3, 4] as const).map((finger) => ({
    key: `${FAMILY}|right|up|${finger}|onset-mean|Stage Piano|t1`, family: FAMILY, familyName: 'Clinical scale test: C major, right hand', hand: 'right' as const,
    direction: 'up' as const, finger, metric: 'onset-mean' as const, unit: 'ms', device: 'Stage Piano', band: { id: 't1', centre: 8, low: 7.4, high: 8.6 },
    baseline: { sessions: 10, needed: 10, complete: true, progress: '10 of 10 sessions', from: day(0), to: day(9), location: 0, betweenSd: 2, withinSe: 1, sem: 2.2, mdc: 5.94, lower: -6, upper: 6 },
    points: Array.from({ length: 14 }, (_, i) => ({
      sessionId: i + 1, at: day(i), value: finger === 4 && i >= 10 ? 10 + i : 0.5, se: 1, n: 30, takes: 3, notesPerSecond: 8, exercises: ['clinical-scale-rh'],
      phase: i < 10 ? ('baseline' as const) : ('monitor' as const), z: null, ewma: null, ewmaValue: finger === 4 && i >= 10 ? 7 + i / 10 : 0.4, outOfControl: finger === 4 && i >= 11,
    })),
    pointCount: 14,
    exercises: ['clinical-scale-rh'],
  }));
  return driftDocumentSchema.parse({
    schema: DRIFT_SCHEMA_ID, profile: { id: 1, name: 'Clara' }, sessions: 14, credibleSessions: 14, monitoredSeries: 4, series,
    alerts: [{
      key: `${series[3]?.key}@11`, seriesKey: series[3]?.key, status: 'active', hand: 'right', finger: 4, direction: 'up', metric: 'onset-mean', exercise: FAMILY,
      exerciseName: 'Clinical scale test: C major, right hand', notesPerSecond: 8, device: 'Stage Piano', since: day(10), detectedAt: day(12), resolvedAt: null, sessions: 4,
      magnitude: 12.2, mdc: 5.94, unit: 'ms', strength: 1.4, persistent: false, message: 'Since 11 September, your right ring finger (R4) has been about 12 ms later than your baseline.', explains: [], user: null,
    }],
    fingerprints: [fingerprint(true)],
    practice: {
      days: [{ date: '2026-09-01', minutes: 30, sessions: 1 }, { date: '2026-09-03', minutes: 50, sessions: 2 }],
      weeks: [{ week: '2026-08-31', minutes: 80, sessions: 3 }],
      longestStretchToday: 52, breakReminder: true, lastCheckIn: null, checkInDue: true,
    },
  });
}

function fakeApi(document: DriftDocument) {
  const calls: unknown[] = [];
  const api = {
    // As the store answers points 'latest': each series' latest point; the charted series' points come from getDriftPoints.
    getDrift: vi.fn(async () => ({ ...document, series: document.series.map((s) => ({ ...s, points: s.points.slice(-1) })) })),
    getDriftPoints: vi.fn(async ({ seriesKeys }: { seriesKeys: string[] }) => document.series.filter((s) => seriesKeys.includes(s.key)).map((s) => ({ key: s.key, points: s.points }))),
    setAlertState: vi.fn(async (input: unknown) => {
      calls.push(input);
      return {};
    }),
  } as unknown as EvenkeysApi;
  return { api, calls };
}

describe('fingerprint words and chart', () => {
  it('says a moved pattern plainly, with the numbers and where it moved', () => {
    const words = fingerprintWords(fingerprint(true));
    expect(words.verdict).toBe('changed');
    expect(words.headline).toBe('Your timing pattern has moved: the two lines are about 4.1 times further apart than day-to-day variation explains (Evenkeys marks a change from 1.6 times).');
    expect(words.lines[0]).toBe("Correlation 0.27: your recent pattern of early and late notes has a different shape from your baseline's (1 would be the same shape).");
    expect(words.lines[1]).toBe('RMS difference 9.8 ms: how far apart the two lines are on average, note by note. Day-to-day variation alone would give about 2.4 ms.');
    // Only positions beyond the noise threshold (1.6 x 2.39 ms) are named.
    expect(words.lines[2]).toBe('Moved most: R4 at note 14 going up (+21.3 ms), R4 at note 7 going up (+20.6 ms).');
    const usual = fingerprintWords(fingerprint(false));
    expect(usual.verdict).toBe('usual');
    expect(usual.lines[0]).toContain('much the same shape as');
    expect(usual.lines.join(' ')).not.toContain('Moved most');
    const waiting = fingerprintWords({ ...fingerprint(false), baselineSessions: 6, recentSessions: 0, correlation: null, rmsDifferenceMs: null, expectedRmsMs: null, byPosition: [] });
    expect(waiting).toEqual({ verdict: 'waiting', headline: 'Not compared yet.', lines: ['The fingerprint is compared once the baseline is complete: 6 of 10 sessions so far.'] });
  });

  it('colours each recent position by the finger that plays it, from the one palette', () => {
    const chart = fingerprintChart(fingerprint(true));
    expect(chart.data.labels).toEqual(FINGERS.map((f) => `R${f}`));
    const recent = chart.data.datasets[1];
    expect(recent?.label).toBe('recent');
    expect(recent?.pointBackgroundColor).toEqual(FINGERS.map((f) => fingerColour(f)));
    expect(chart.data.datasets[0]?.data).toEqual(FINGERS.map((_, p) => p % 3));
  });
});

describe('trend chart', () => {
  it('draws the baseline band, the control limits, an alert marker, and says date, exercise, tempo and n on hover', () => {
    const d = doc();
    const r4 = d.series[3];
    if (!r4) throw new Error('fixture');
    const chart = trendChart(r4, d.alerts, new Map([['clinical-scale-rh', 'Clinical scale test: C major, right hand, 2 octaves']]));
    const annotations = chart.options.plugins?.annotation?.annotations as Record<string, { yMin?: number; yMax?: number; xMin?: number }>;
    expect(annotations.band).toMatchObject({ yMin: -5.94, yMax: 5.94 });
    expect(annotations.upper).toMatchObject({ yMin: 6, yMax: 6 });
    expect(annotations.lower).toMatchObject({ yMin: -6, yMax: -6 });
    expect(annotations.alert0).toMatchObject({ xMin: Date.parse(d.alerts[0]?.detectedAt ?? '') });
    const points = chart.data.datasets[0]?.data as TrendPoint[];
    expect(points).toHaveLength(14);
    const callbacks = chart.options.plugins?.tooltip?.callbacks as unknown as {
      title: (items: { raw: TrendPoint }[]) => string;
      label: (item: { raw: TrendPoint; datasetIndex: number }) => string;
      afterLabel: (item: { raw: TrendPoint; datasetIndex: number }) => string;
    };
    const raw = points[12] as TrendPoint;
    expect(callbacks.title([{ raw }])).toBe(new Date(raw.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(callbacks.label({ raw, datasetIndex: 0 })).toBe('22.00 ms · 8.0 notes/s · n = 30');
    expect(callbacks.afterLabel({ raw, datasetIndex: 0 })).toBe('Clinical scale test: C major, right hand, 2 octaves');
    // Unknown ids fall back to the family's name, never a bare id.
    const plain = trendChart(r4, d.alerts).options.plugins?.tooltip?.callbacks as unknown as typeof callbacks;
    expect(plain.afterLabel({ raw, datasetIndex: 0 })).toBe('Clinical scale test: C major, right hand');
  });
});

describe('practice days and weeks', () => {
  it('fills rest days with zero and collapses weeks without practice', () => {
    expect(calendarDays([{ date: '2026-10-01', minutes: 30, sessions: 1 }, { date: '2026-10-03', minutes: 20, sessions: 1 }], 4)).toEqual([
      { date: '2026-09-30', minutes: 0 }, { date: '2026-10-01', minutes: 30 }, { date: '2026-10-02', minutes: 0 }, { date: '2026-10-03', minutes: 20 },
    ]);
    const rows = weekRows([{ week: '2026-09-07', minutes: 90, sessions: 3 }, { week: '2026-09-14', minutes: 60, sessions: 2 }, { week: '2026-10-12', minutes: 30, sessions: 1 }], 12);
    expect(rows).toEqual([
      { kind: 'week', week: '2026-10-12', minutes: 30, sessions: 1 },
      { kind: 'rest', from: '2026-09-21', to: '2026-10-05', weeks: 3 },
      { kind: 'week', week: '2026-09-14', minutes: 60, sessions: 2 },
      { kind: 'week', week: '2026-09-07', minutes: 90, sessions: 3 },
    ]);
    expect(weekRows([], 8)).toEqual([]);
    expect(minutesWords(85)).toBe('1 h 25 min');
    expect(minutesWords(44.6)).toBe('45 min');
  });
});

describe('HistoryScreen', () => {
  it('shows every History item for a drifting R4 and acts on the alert', async () => {
    const { api, calls } = fakeApi(doc());
    render(<HistoryScreen api={api} profile={{ id: 1, name: 'Clara' }} onError={(m) => { throw new Error(m); }} />);
    const alert = await screen.findByTestId('drift-alert');
    expect(within(alert).getByText('Right ring finger (R4) · Timing: mean onset (late/early) · ascending')).toBeTruthy();
    expect(alert.textContent).toContain('change 12.2 ms · smallest detectable 5.9 ms · 4 sessions since');
    expect(screen.getByText(/played for about 52 minutes today without a real pause/).textContent).toContain('after 45 minutes');
    expect(screen.getByText(/play the check-in/).textContent).toContain('C major scale over two octaves, each hand, at 8 notes per second');

    // One trend per finger, each with its baseline progress.
    await waitFor(() => expect(document.querySelectorAll('figure.trend')).toHaveLength(4));
    for (const progress of screen.getAllByTestId('baseline-progress')) expect(progress.textContent).toBe('baseline 10 of 10 sessions · smallest detectable 5.9 ms');

    // The fingerprint of the exercise in the filters.
    const fp = screen.getByTestId('fingerprint');
    expect(fp.querySelector('figure.fingerprint')?.getAttribute('data-verdict')).toBe('changed');
    expect(within(fp).getByText('pattern moved')).toBeTruthy();
    expect(within(fp).getAllByRole('img')).toHaveLength(1);

    // Practice per day (a bar per calendar day) and per week.
    const practice = screen.getByTestId('practice');
    const bars = JSON.parse(within(practice).getByRole('img').getAttribute('data-json') ?? '{}') as { datasets: { data: number[] }[] };
    expect(bars.datasets[0]?.data).toHaveLength(28);
    expect(bars.datasets[0]?.data.slice(-3)).toEqual([30, 0, 50]);
    expect(practice.textContent).toContain('1 h 20 min3 sessions');

    // The evidence: focuses R4 and marks the new alert as seen.
    await act(async () => fireEvent.click(within(alert).getByRole('button', { name: 'Show the evidence' })));
    expect(document.querySelector('figure.trend.focused')?.getAttribute('data-finger')).toBe('4');
    await waitFor(() => expect(calls).toEqual([{ profileId: 1, alertKey: `${doc().alerts[0]?.key}`, state: 'seen' }]));

    // Dismiss with "start a new baseline from here".
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss…' }));
    const reasons = within(alert).getByRole('group', { name: 'Why dismiss this alert?' });
    await act(async () => fireEvent.click(within(reasons).getByRole('button', { name: 'Start a new baseline from here' })));
    await waitFor(() => expect(calls.at(-1)).toEqual({ profileId: 1, alertKey: `${doc().alerts[0]?.key}`, state: 'dismissed', reason: 'new-baseline' }));

    // Filters reach the fingerprint: the left hand has none here.
    fireEvent.change(screen.getByLabelText('Hand'), { target: { value: 'left' } });
    expect(within(screen.getByTestId('fingerprint')).getByText(/No fingerprint for this exercise and hand yet/)).toBeTruthy();
    expect(screen.getByText('No sessions with this exercise, hand and measure yet.')).toBeTruthy();
  });

  it('lists hidden and dismissed alerts only on request, and can show a hidden one again', async () => {
    const document = doc();
    const hidden = { ...document, alerts: document.alerts.map((a) => ({ ...a, user: { state: 'hidden' as const, reason: null, note: '', updatedAt: a.detectedAt } })) };
    const { api, calls } = fakeApi(hidden);
    render(<HistoryScreen api={api} profile={{ id: 1, name: 'Clara' }} onError={(m) => { throw new Error(m); }} />);
    await screen.findByText(/Nothing has moved beyond your usual range/);
    fireEvent.click(screen.getByRole('button', { name: 'Show earlier, dismissed and hidden (1)' }));
    const alert = screen.getByTestId('drift-alert');
    expect(within(alert).getByText('hidden')).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: 'Hide' })).toBeNull();
    await act(async () => fireEvent.click(within(alert).getByRole('button', { name: 'Show again' })));
    await waitFor(() => expect(calls).toEqual([{ profileId: 1, alertKey: hidden.alerts[0]?.key, state: 'seen' }]));
  });

  it('lets the pianist choose the tempo and keyboard of the trends: one slower session does not hide the baseline', async () => {
    const base = doc();
    // One session played slower (another tempo band, t2), after the 14 at 8 notes/s: charted by
    // default as the latest, and the 8 notes/s history still one choice away.
    const slow = base.series.map((s) => ({
      ...s,
      key: s.key.replace('|t1', '|t2'),
      band: { id: 't2', centre: 6, low: 5.55, high: 6.45 },
      baseline: { ...s.baseline, sessions: 1, complete: false, progress: '1 of 10 sessions', from: null, to: null, location: null, mdc: null, lower: null, upper: null },
      points: [{ ...(s.points.at(-1) as (typeof s.points)[number]), sessionId: 15, at: new Date(Date.UTC(2026, 8, 20, 17)).toISOString(), notesPerSecond: 6, phase: 'baseline' as const, ewmaValue: null, outOfControl: false }],
      pointCount: 1,
    }));
    const { api } = fakeApi(driftDocumentSchema.parse({ ...base, alerts: [], series: [...base.series, ...slow] }));
    render(<HistoryScreen api={api} profile={{ id: 1, name: 'Clara' }} onError={(m) => { throw new Error(m); }} />);
    await waitFor(() => expect(document.querySelectorAll('figure.trend')).toHaveLength(4));
    const charted = () => [...document.querySelectorAll('figure.trend')].map((f) => f.getAttribute('data-series')?.split('|').at(-1));
    expect(charted()).toEqual(['t2', 't2', 't2', 't2']);
    const context = screen.getByLabelText('Tempo');
    expect([...context.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['6.0 notes/s (latest: Sep 20)', '8.0 notes/s (latest: Sep 14)']);
    fireEvent.change(context, { target: { value: [...context.querySelectorAll('option')][1]?.getAttribute('value') } });
    await waitFor(() => expect(charted()).toEqual(['t1', 't1', 't1', 't1']));
    for (const progress of screen.getAllByTestId('baseline-progress')) expect(progress.textContent).toBe('baseline 10 of 10 sessions · smallest detectable 5.9 ms');
  });

  it('has a plain page on what an alert does and does not mean', async () => {
    const { api } = fakeApi(doc());
    render(<HistoryScreen api={api} profile={{ id: 1, name: 'Clara' }} onError={(m) => { throw new Error(m); }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'What does an alert mean?' }));
    const about = screen.getByTestId('about-alerts');
    expect(about.textContent).toContain('It is not a medical finding');
    expect(about.textContent).not.toMatch(/diagnos|dystonia/i);
  });
});
