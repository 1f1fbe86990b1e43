/**
 * History: each finger followed against the pianist's own baseline. Per-finger trend charts
 * (baseline band, control limits, sessions, EWMA trend, alert markers) with filters by exercise
 * family, hand, direction and metric; the alerts list with their evidence and what the pianist did
 * with them; practice minutes per day and week with a gentle break reminder and the weekly
 * check-in prompt; and a plain page on what an alert does and does not mean.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DriftDocument, DriftDocumentAlert, DriftDocumentSeries } from '../../../core/api/drift';
import type { EvenkeysApi } from '../../../core/api/contract';
import { DRIFT_METRIC_INFO, DRIFT_METRICS } from '../../../core/drift/metrics';
import type { DriftMetricId } from '../../../core/drift/metrics';
import { BASELINE_SESSIONS } from '../../../core/drift/detect';
import { BREAK_AFTER_MINUTES, CHECK_IN_DAYS } from '../../../core/drift/practice';
import { fingerCode, fingerColour, fingerLongName } from '../../fingers';
import { formatDay, formatInUnit } from '../../format';
import { metricLabel } from './metric-words';
import { AboutAlerts } from './AboutAlerts';
import { AlertsList } from './AlertsList';
import { FingerprintPanel } from './FingerprintPanel';
import { PracticeChart } from './PracticeChart';
import { TrendChart } from './TrendChart';
import './history.css';

export interface HistoryScreenProps {
  readonly api: EvenkeysApi;
  readonly profile: { readonly id: number; readonly name: string };
  readonly onError: (message: string) => void;
}

type Direction = 'up' | 'down' | 'all';

interface Filters {
  family: string;
  hand: 'right' | 'left';
  direction: Direction;
  metric: DriftMetricId;
  /** Keyboard and tempo band (contextKey) to chart; null: the one with the latest session. */
  context: string | null;
}

/** A series' keyboard and tempo band: only like with like is compared, so each is its own set of trends. */
const contextKey = (s: Pick<DriftDocumentSeries, 'device' | 'band'>) => `${s.device}|${s.band.id}`;

const DIRECTION_LABEL: Record<Direction, string> = { up: 'Ascending', down: 'Descending', all: 'Both' };

export function HistoryScreen({ api, profile, onError }: HistoryScreenProps) {
  const [doc, setDoc] = useState<DriftDocument | null>(null);
  const [filters, setFilters] = useState<Filters | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [about, setAbout] = useState(false);
  // Each series' full points, fetched for the series charted (the document carries only each
  // series' latest point: a long history has hundreds of thousands of points).
  const [points, setPoints] = useState<ReadonlyMap<string, DriftDocumentSeries['points']>>(new Map());

  const load = useCallback(async () => {
    try {
      const next = await api.getDrift({ profileId: profile.id, points: 'latest' });
      setPoints(new Map());
      setDoc(next);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  }, [api, profile.id, onError]);

  useEffect(() => {
    setDoc(null);
    setFilters(null);
    void load();
  }, [load]);

  // Default view: the first active alert's series, else the family with the most sessions.
  useEffect(() => {
    if (!doc || filters) return;
    const alert = doc.alerts.find((a) => a.status === 'active' && a.user?.state !== 'hidden');
    // Without an alert: the most-played series, timing (the first measure) before the others.
    const rank = (metric: DriftMetricId) => DRIFT_METRICS.indexOf(metric);
    const upFirst = (d: Direction) => (d === 'up' ? 0 : 1);
    const series = alert
      ? doc.series.find((s) => s.key === alert.seriesKey)
      : [...doc.series].sort((a, b) => b.pointCount - a.pointCount || rank(a.metric) - rank(b.metric) || upFirst(a.direction) - upFirst(b.direction))[0];
    if (series) setFilters({ family: series.family, hand: series.hand, direction: series.direction, metric: series.metric, context: null });
  }, [doc, filters]);

  const families = useMemo(() => {
    const map = new Map<string, string>();
    for (const s of doc?.series ?? []) map.set(s.family, s.familyName);
    return [...map];
  }, [doc]);

  const contexts = useMemo(() => (doc && filters ? familyContexts(doc.series, filters) : []), [doc, filters]);
  const shown = useMemo(() => (doc && filters ? chartSeries(doc.series, filters, focus) : []), [doc, filters, focus]);

  useEffect(() => {
    const missing = shown.map((s) => s.key).filter((key) => !points.has(key));
    if (missing.length === 0) return;
    let current = true;
    void (async () => {
      try {
        const fetched = await api.getDriftPoints({ profileId: profile.id, seriesKeys: missing });
        if (!current) return;
        setPoints((before) => {
          const next = new Map(before);
          for (const series of fetched) next.set(series.key, series.points);
          return next;
        });
      } catch (e) {
        if (current) onError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      current = false;
    };
  }, [api, profile.id, shown, points, onError]);
  const fingerprints = useMemo(() => (doc && filters ? familyFingerprints(doc, filters) : []), [doc, filters]);
  const exerciseNames = useMemo(() => new Map((doc?.fingerprints ?? []).flatMap((f) => (f.exerciseName ? [[f.exerciseId, f.exerciseName] as const] : []))), [doc]);

  const showEvidence = (alert: DriftDocumentAlert) => {
    setFilters({ family: alert.exercise, hand: alert.hand, direction: alert.direction, metric: alert.metric, context: null });
    setFocus(alert.seriesKey);
    if (alert.user === null) void setState(alert, 'seen');
    document.getElementById('trends')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const setState = async (alert: DriftDocumentAlert, state: 'seen' | 'dismissed' | 'hidden', reason?: 'injury' | 'new-piano' | 'tired-day' | 'new-baseline' | 'other') => {
    try {
      await api.setAlertState({ profileId: profile.id, alertKey: alert.key, state, ...(reason ? { reason } : {}) });
      await load();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };

  if (about) return <AboutAlerts onBack={() => setAbout(false)} />;
  if (doc === null) return <p className="muted loading">Comparing your sessions with your baseline…</p>;

  const progress = baselineProgress(doc.series);
  const metricUsesDirection = filters ? DRIFT_METRIC_INFO[filters.metric].event === undefined : true;

  return (
    <div className="history" data-testid="history">
      <section className="card history-head">
        <div>
          <h2>History for {profile.name}</h2>
          <p className="muted small">
            {doc.sessions} sessions · {doc.credibleSessions} with takes clear enough to compare ·{' '}
            {doc.monitoredSeries === 0 ? 'no baseline complete yet' : `${doc.monitoredSeries} series followed against your own baseline`}
          </p>
        </div>
        <button type="button" className="button ghost small" onClick={() => setAbout(true)}>What does an alert mean?</button>
      </section>

      {doc.practice.breakReminder ? (
        <div className="gentle" role="status">
          You have played for about {Math.round(doc.practice.longestStretchToday)} minutes today without a real pause. A few minutes away from the keyboard helps your hands (we suggest one after {BREAK_AFTER_MINUTES} minutes).
        </div>
      ) : null}
      {doc.practice.checkInDue ? (
        <div className="gentle" role="status">
          {doc.practice.lastCheckIn === null ? 'When you have a moment, play the check-in: ' : `Your last check-in was on ${formatDay(doc.practice.lastCheckIn)}. Once every ${CHECK_IN_DAYS} days, play the check-in: `}
          the C major scale over two octaves, each hand, at 8 notes per second (120 bpm sixteenths). Like-for-like takes are what let Evenkeys compare you with yourself.{' '}
          <a href="#/practice">Open Practice</a> and choose “Clinical test”.
        </div>
      ) : null}

      {doc.sessions === 0 ? (
        <section className="card empty-history">
          <div className="empty">
            <strong>No history yet</strong>
            <p>
              Record sessions of the same exercise (the check-in is the best one). After {BASELINE_SESSIONS} of them Evenkeys has your
              baseline, and from then on each finger's timing, loudness and key holding are followed here against it.
            </p>
          </div>
        </section>
      ) : (
        <AlertsList alerts={doc.alerts} monitoring={doc.monitoredSeries > 0} onEvidence={showEvidence} onState={(a, s, r) => void setState(a, s, r)} />
      )}

      {progress.length > 0 ? (
        <section className="card">
          <div className="card-head"><h2>Baselines</h2><span className="muted small">your own yardstick, per exercise and tempo</span></div>
          <ul className="baselines">
            {progress.map((p) => (
              <li key={p.key}>
                <span>{p.name} · {p.tempo.toFixed(1)} notes/s{p.device ? ` · ${p.device}` : ''}</span>
                <span className={p.complete ? 'badge ok' : 'badge'}>{p.complete ? 'baseline complete' : `${p.sessions} of ${p.needed} sessions`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {filters ? (
        <section className="card" id="trends" aria-labelledby="trends-title">
          <div className="card-head">
            <h2 id="trends-title">Trends per finger</h2>
            <span className="muted small">dots: sessions · line: trend · shaded: your baseline ± smallest detectable change · dashed: alert limits</span>
          </div>
          <div className={contexts.length > 1 ? 'filters with-context' : 'filters'}>
            <label className="field">Exercise
              <select aria-label="Exercise" value={filters.family} onChange={(e) => setFilters({ ...filters, family: e.target.value, context: null })}>
                {families.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
              </select>
            </label>
            <label className="field">Hand
              <select aria-label="Hand" value={filters.hand} onChange={(e) => setFilters({ ...filters, hand: e.target.value as Filters['hand'], context: null })}>
                <option value="right">Right</option>
                <option value="left">Left</option>
              </select>
            </label>
            {contexts.length > 1 ? (
              <label className="field">{contexts.some((c) => c.device !== contexts[0]?.device) ? 'Tempo · keyboard' : 'Tempo'}
                <select
                  aria-label={contexts.some((c) => c.device !== contexts[0]?.device) ? 'Tempo and keyboard' : 'Tempo'}
                  value={shown.length > 0 && shown[0] ? contextKey(shown[0]) : (filters.context ?? contexts[0]?.key ?? '')}
                  onChange={(e) => {
                    setFocus(null);
                    setFilters({ ...filters, context: e.target.value });
                  }}
                >
                  {contexts.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
                </select>
              </label>
            ) : null}
            <label className="field">Direction
              <select aria-label="Direction" value={metricUsesDirection ? filters.direction : 'all'} disabled={!metricUsesDirection} onChange={(e) => setFilters({ ...filters, direction: e.target.value as Direction })}>
                <option value="up">{DIRECTION_LABEL.up}</option>
                <option value="down">{DIRECTION_LABEL.down}</option>
                {!metricUsesDirection ? <option value="all">{DIRECTION_LABEL.all}</option> : null}
              </select>
            </label>
            <label className="field">Measure
              <select aria-label="Measure" value={filters.metric} onChange={(e) => {
                const metric = e.target.value as DriftMetricId;
                const rate = DRIFT_METRIC_INFO[metric].event !== undefined;
                setFilters({ ...filters, metric, direction: rate ? 'all' : filters.direction === 'all' ? 'up' : filters.direction });
              }}>
                {DRIFT_METRICS.map((m) => <option key={m} value={m}>{metricLabel(m)}</option>)}
              </select>
            </label>
          </div>
          <p className="muted small metric-note">{DRIFT_METRIC_INFO[filters.metric].describe}.</p>
          {shown.length === 0 ? <p className="empty">No sessions with this exercise, hand and measure yet.</p> : null}
          <div className="trend-grid">
            {shown.map((s) => (
              <figure
                key={s.key}
                className={`trend${focus === s.key ? ' focused' : ''}`}
                data-series={s.key}
                data-finger={s.finger ?? ''}
                data-latest-trend={s.points.at(-1)?.ewmaValue ?? ''}
                data-upper={s.baseline.upper ?? ''}
                data-lower={s.baseline.lower ?? ''}
              >
                <figcaption>
                  <span className="dot" style={{ background: fingerColour(s.finger) }} />
                  <strong>{s.finger === null ? `${s.hand === 'right' ? 'Right' : 'Left'} hand` : fingerCode(s.hand, s.finger)}</strong>
                  <span className="muted small">{s.finger === null ? '' : fingerLongName(s.hand, s.finger).replace(/ \(.*\)$/, '')}</span>
                  <span className="muted small baseline-line" data-testid="baseline-progress">
                    baseline {s.baseline.progress}{s.baseline.complete && s.baseline.mdc !== null ? ` · smallest detectable ${formatInUnit(s.baseline.mdc, s.unit)}` : ''}
                  </span>
                </figcaption>
                {points.has(s.key) ? (
                  <TrendChart series={{ ...s, points: points.get(s.key) ?? s.points }} alerts={doc.alerts} exerciseNames={exerciseNames} />
                ) : (
                  <div className="trend-canvas trend-loading muted small">Loading {s.pointCount} sessions…</div>
                )}
              </figure>
            ))}
          </div>
        </section>
      ) : null}

      {filters ? <FingerprintPanel fingerprints={fingerprints} hand={filters.hand} showDevice={new Set(doc.fingerprints.map((f) => f.device)).size > 1} /> : null}

      <PracticeChart practice={doc.practice} />

      <p className="muted small footnote">
        Evenkeys compares you only with yourself, on the same exercise, hand, direction, tempo band and keyboard. It measures changes; it cannot tell what causes them.
      </p>
    </div>
  );
}

/**
 * The series to chart: per finger (or the hand), the band/keyboard with the latest session; when
 * an alert's evidence is open, its own series (and its band and keyboard for the other fingers).
 */
function chartSeries(series: readonly DriftDocumentSeries[], f: Filters, focus: string | null): DriftDocumentSeries[] {
  const matching = series.filter(
    (s) => s.family === f.family && s.hand === f.hand && s.metric === f.metric && (DRIFT_METRIC_INFO[f.metric].event !== undefined || s.direction === f.direction) && (f.context === null || s.key === focus || contextKey(s) === f.context),
  );
  const focused = matching.find((s) => s.key === focus);
  const byFinger = new Map<string, DriftDocumentSeries>();
  if (focused) {
    for (const s of matching) if (s.device === focused.device && s.band.id === focused.band.id) byFinger.set(String(s.finger), s);
    byFinger.set(String(focused.finger), focused);
  }
  for (const s of matching) {
    if (focused && byFinger.has(String(s.finger))) continue;
    const key = String(s.finger);
    const current = byFinger.get(key);
    const latest = (x: DriftDocumentSeries) => x.points.at(-1)?.at ?? '';
    if (!current || latest(s) > latest(current) || (latest(s) === latest(current) && s.pointCount > current.pointCount)) byFinger.set(key, s);
  }
  return [...byFinger.values()].sort((a, b) => (a.finger ?? 0) - (b.finger ?? 0));
}

/**
 * The keyboards and tempo bands the chosen exercise and hand were played at, latest first, each
 * labelled with its tempo (and keyboard, when there are several) and its latest session.
 */
function familyContexts(series: readonly DriftDocumentSeries[], f: Filters): { key: string; device: string; label: string }[] {
  const mine = series.filter((s) => s.family === f.family && s.hand === f.hand);
  const devices = new Set(mine.map((s) => s.device));
  const byKey = new Map<string, { key: string; device: string; centre: number; latest: string }>();
  for (const s of mine) {
    const key = contextKey(s);
    const latest = s.points.at(-1)?.at ?? '';
    const known = byKey.get(key);
    if (!known || latest > known.latest) byKey.set(key, { key, device: s.device, centre: s.band.centre, latest });
  }
  return [...byKey.values()]
    .sort((a, b) => (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : 0))
    .map((c) => ({ key: c.key, device: c.device, label: `${c.centre.toFixed(1)} notes/s${devices.size > 1 ? ` · ${c.device}` : ''}${c.latest ? ` (latest: ${formatDay(c.latest)})` : ''}` }));
}

/** The fingerprints of the exercises in the chosen family, for the chosen hand (all keyboards). */
function familyFingerprints(doc: DriftDocument, f: Filters): DriftDocument['fingerprints'] {
  const ids = new Set(doc.series.filter((s) => s.family === f.family && s.hand === f.hand).flatMap((s) => s.exercises));
  return doc.fingerprints.filter((fp) => fp.hand === f.hand && ids.has(fp.exerciseId));
}

function baselineProgress(series: readonly DriftDocumentSeries[]) {
  const map = new Map<string, { key: string; name: string; tempo: number; device: string; sessions: number; needed: number; complete: boolean }>();
  const devices = new Set(series.map((s) => s.device));
  for (const s of series) {
    const key = `${s.family}|${s.device}|${s.band.id}`;
    const seen = map.get(key);
    if (!seen || s.baseline.sessions > seen.sessions) {
      map.set(key, { key, name: s.familyName, tempo: s.band.centre, device: devices.size > 1 ? s.device : '', sessions: s.baseline.sessions, needed: s.baseline.needed, complete: s.baseline.complete });
    }
  }
  return [...map.values()].filter((p) => p.sessions >= 2 || p.complete);
}
