/** The drift alerts: plain messages, their state, and what the pianist can do with them. */
import { useState } from 'react';
import type { DriftDocumentAlert } from '../../../core/api/drift';
import { fingerColour } from '../../fingers';

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
  readonly onEvidence: (alert: DriftDocumentAlert) => void;
  readonly onState: (alert: DriftDocumentAlert, state: 'seen' | 'dismissed' | 'hidden', reason?: Reason) => void;
}

export function AlertsList({ alerts, onEvidence, onState }: AlertsListProps) {
  const [showAll, setShowAll] = useState(false);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const visible = alerts.filter((a) => a.user?.state !== 'hidden' && (showAll || (a.status === 'active' && a.user?.state !== 'dismissed')));
  const ordered = [...visible].sort((a, b) => (a.status === b.status ? (a.detectedAt < b.detectedAt ? 1 : -1) : a.status === 'active' ? -1 : 1));
  const others = alerts.length - visible.length;
  return (
    <section className="card" aria-labelledby="alerts-title">
      <div className="card-head">
        <h2 id="alerts-title">Alerts</h2>
        {others > 0 || showAll ? (
          <button type="button" className="button ghost small" onClick={() => setShowAll(!showAll)}>{showAll ? 'Only current alerts' : `Show all (${alerts.length})`}</button>
        ) : null}
      </div>
      {ordered.length === 0 ? <p className="muted">Nothing has moved beyond your usual range. Keep playing the check-in now and then.</p> : null}
      <ul className="alerts">
        {ordered.map((alert) => (
          <li key={alert.key} className={`alert ${alert.status}`} data-testid="drift-alert">
            <div className="alert-line">
              <span className="dot" style={{ background: fingerColour(alert.finger) }} />
              <span className={`badge ${alert.status === 'active' ? (alert.user ? 'seen' : 'new') : 'resolved'}`}>
                {alert.status === 'resolved' ? 'resolved' : alert.user === null ? 'new' : alert.user.state === 'dismissed' ? `dismissed: ${REASONS.find((r) => r.value === alert.user?.reason)?.label ?? ''}` : 'seen'}
              </span>
              <p className="alert-message">{alert.message}</p>
            </div>
            <div className="alert-actions">
              <button type="button" className="button small" onClick={() => onEvidence(alert)}>Show the evidence</button>
              {alert.user === null ? <button type="button" className="button ghost small" onClick={() => onState(alert, 'seen')}>Mark as seen</button> : null}
              {dismissing === alert.key ? (
                <span className="reasons">
                  {REASONS.map((r) => (
                    <button key={r.value} type="button" className="button ghost small" onClick={() => { setDismissing(null); onState(alert, 'dismissed', r.value); }}>{r.label}</button>
                  ))}
                </span>
              ) : (
                <button type="button" className="button ghost small" onClick={() => setDismissing(alert.key)}>Dismiss…</button>
              )}
              <button type="button" className="button ghost small" onClick={() => onState(alert, 'hidden')}>Hide</button>
              <span className="muted small">
                {Math.abs(alert.magnitude).toFixed(alert.unit === 'ratio' ? 3 : 1)} {alert.unit === 'ratio' ? '' : alert.unit} vs smallest detectable {alert.mdc.toFixed(alert.unit === 'ratio' ? 3 : 1)} · {alert.sessions} sessions
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
