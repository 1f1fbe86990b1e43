/** The drift alerts: plain messages, their state, and what the pianist can do with them. */
import { useState } from 'react';
import type { DriftDocumentAlert } from '../../../core/api/drift';
import { fingerColour } from '../../fingers';
import { formatDay, formatInUnit } from '../../format';
import { alertTitle } from './metric-words';

type Reason = 'injury' | 'new-piano' | 'tired-day' | 'new-baseline' | 'other';

const REASONS: { value: Reason; label: string }[] = [
  { value: 'tired-day', label: 'I was tired' },
  { value: 'injury', label: 'An injury' },
  { value: 'new-piano', label: 'A new piano or keyboard' },
  { value: 'new-baseline', label: 'Start a new baseline from here' },
  { value: 'other', label: 'Something else' },
];

export interface AlertsListProps {
  readonly alerts: readonly DriftDocumentAlert[];
  /** At least one series has a complete baseline (otherwise nothing can alert yet). */
  readonly monitoring: boolean;
  readonly onEvidence: (alert: DriftDocumentAlert) => void;
  readonly onState: (alert: DriftDocumentAlert, state: 'seen' | 'dismissed' | 'hidden', reason?: Reason) => void;
}

/** What the badge says: the derived status first, then what the pianist did. */
function badgeOf(alert: DriftDocumentAlert): { text: string; tone: string } {
  if (alert.user?.state === 'hidden') return { text: 'hidden', tone: 'resolved' };
  if (alert.status === 'resolved') return { text: 'resolved', tone: 'resolved' };
  if (alert.user === null) return { text: 'new', tone: 'new' };
  if (alert.user.state === 'dismissed') return { text: `dismissed: ${REASONS.find((r) => r.value === alert.user?.reason)?.label.toLowerCase() ?? 'no reason'}`, tone: 'resolved' };
  return { text: 'seen', tone: 'seen' };
}

export function AlertsList({ alerts, monitoring, onEvidence, onState }: AlertsListProps) {
  const [showAll, setShowAll] = useState(false);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const current = (a: DriftDocumentAlert) => a.status === 'active' && a.user?.state !== 'dismissed' && a.user?.state !== 'hidden';
  const visible = alerts.filter((a) => showAll || current(a));
  const ordered = [...visible].sort((a, b) => (current(a) === current(b) ? (a.detectedAt < b.detectedAt ? 1 : -1) : current(a) ? -1 : 1));
  const others = alerts.length - alerts.filter(current).length;
  return (
    <section className="card" aria-labelledby="alerts-title">
      <div className="card-head">
        <h2 id="alerts-title">Alerts</h2>
        {others > 0 || showAll ? (
          <button type="button" className="button ghost small" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Only current alerts' : `Show earlier, dismissed and hidden (${others})`}
          </button>
        ) : null}
      </div>
      {ordered.length === 0 ? (
        <p className="muted">
          {monitoring
            ? 'Nothing has moved beyond your usual range. Keep playing the weekly check-in so the comparison stays like for like.'
            : 'No alerts yet: Evenkeys starts comparing once a baseline is complete (see Baselines below).'}
        </p>
      ) : null}
      <ul className="drift-alerts">
        {ordered.map((alert) => {
          const badge = badgeOf(alert);
          const hidden = alert.user?.state === 'hidden';
          return (
            <li key={alert.key} className={`drift-alert ${current(alert) ? 'active' : 'resolved'}`} data-testid="drift-alert" data-alert-key={alert.key}>
              <div className="drift-alert-head">
                <span className="dot" style={{ background: fingerColour(alert.finger) }} />
                <strong className="drift-alert-title">{alertTitle(alert)}</strong>
                <span className={`badge ${badge.tone}`}>{badge.text}</span>
              </div>
              <p className="drift-alert-message">{alert.message}</p>
              <p className="drift-alert-figures small muted">
                change {formatInUnit(Math.abs(alert.magnitude), alert.unit)} · smallest detectable {formatInUnit(alert.mdc, alert.unit)} · {alert.sessions} sessions since {formatDay(alert.since)}
                {alert.resolvedAt ? ` · back within limits ${formatDay(alert.resolvedAt)}` : ''}
              </p>
              <div className="drift-alert-actions">
                <button type="button" className="button small" onClick={() => onEvidence(alert)}>Show the evidence</button>
                {alert.user === null ? <button type="button" className="button ghost small" onClick={() => onState(alert, 'seen')}>Mark as seen</button> : null}
                {hidden ? <button type="button" className="button ghost small" onClick={() => onState(alert, 'seen')}>Show again</button> : null}
                {!hidden && alert.user?.state !== 'dismissed' && dismissing !== alert.key ? (
                  <button type="button" className="button ghost small" onClick={() => setDismissing(alert.key)}>Dismiss…</button>
                ) : null}
                {!hidden ? <button type="button" className="button ghost small" onClick={() => onState(alert, 'hidden')}>Hide</button> : null}
              </div>
              {dismissing === alert.key ? (
                <div className="reasons" role="group" aria-label="Why dismiss this alert?">
                  <span className="small muted">Why?</span>
                  {REASONS.map((r) => (
                    <button key={r.value} type="button" className="button ghost small" onClick={() => { setDismissing(null); onState(alert, 'dismissed', r.value); }}>{r.label}</button>
                  ))}
                  <button type="button" className="link small" onClick={() => setDismissing(null)}>Cancel</button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
