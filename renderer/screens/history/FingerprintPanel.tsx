/**
 * The fingerprint (issue 9): per exercise and hand, the baseline's per-position timing profile
 * against the recent sessions', with the correlation and RMS difference in plain words. A second,
 * position-level signal beside the per-finger trends; it raises no alert on its own.
 */
import { useMemo } from 'react';
import { Line } from 'react-chartjs-2';
import type { DriftDocumentFingerprint } from '../../../core/api/drift';
import { FINGERPRINT_RECENT_SESSIONS } from '../../../core/drift/fingerprint';
import { fingerCode, fingerColour } from '../../fingers';
import './chart-setup';
import { fingerprintChart, fingerprintWords } from './fingerprint-data';

export interface FingerprintPanelProps {
  /** The fingerprints of the exercises and hand chosen in the filters. */
  readonly fingerprints: readonly DriftDocumentFingerprint[];
  readonly hand: 'right' | 'left';
  /** Show the keyboard in each title (the pianist plays more than one). */
  readonly showDevice: boolean;
}

export function FingerprintPanel({ fingerprints, hand, showDevice }: FingerprintPanelProps) {
  return (
    <section className="card" id="fingerprint" aria-labelledby="fingerprint-title" data-testid="fingerprint">
      <div className="card-head">
        <h2 id="fingerprint-title">Timing fingerprint</h2>
        <span className="muted small">note by note: your baseline against your last {FINGERPRINT_RECENT_SESSIONS} sessions</span>
      </div>
      <p className="fingerprint-intro muted small">
        Every pianist plays some notes of a scale a little early or late, in a pattern that stays much the same from week to
        week. A change at a few places (around a thumb passage, say) can show here before it moves a finger's average. This
        is a second signal beside the trends; it does not raise alerts on its own.
      </p>
      {fingerprints.length === 0 ? (
        <p className="empty">No fingerprint for this exercise and hand yet: it needs takes of the same exercise recognised note by note.</p>
      ) : null}
      {fingerprints.map((fp) => (
        <FingerprintFigure key={`${fp.exerciseId}|${fp.hand}|${fp.device}`} fp={fp} hand={hand} showDevice={showDevice} />
      ))}
    </section>
  );
}

function FingerprintFigure({ fp, hand, showDevice }: { readonly fp: DriftDocumentFingerprint; readonly hand: 'right' | 'left'; readonly showDevice: boolean }) {
  const words = useMemo(() => fingerprintWords(fp), [fp]);
  const chart = useMemo(() => fingerprintChart(fp), [fp]);
  const fingers = useMemo(() => [...new Set((fp.byPosition ?? []).flatMap((r) => (r.finger === null ? [] : [r.finger])))].sort(), [fp]);
  const hasChart = (fp.byPosition ?? []).length > 0;
  return (
    <figure className={`fingerprint ${words.verdict}`} data-exercise={fp.exerciseId} data-verdict={words.verdict} data-correlation={fp.correlation ?? ''} data-rms={fp.rmsDifferenceMs ?? ''}>
      <figcaption>
        <div className="fingerprint-title">
          <strong title={fp.exerciseName ?? fp.exerciseId}>{fp.exerciseName ?? fp.exerciseId}</strong>
          <span className="muted small">{hand === 'right' ? 'right hand' : 'left hand'}{showDevice ? ` · ${fp.device}` : ''} · baseline {fp.baselineSessions} sessions · recent {fp.recentSessions}</span>
        </div>
        <span className={`badge ${words.verdict === 'changed' ? 'seen' : words.verdict === 'usual' ? 'ok' : ''}`}>
          {words.verdict === 'changed' ? 'pattern moved' : words.verdict === 'usual' ? 'as usual' : 'not compared yet'}
        </span>
      </figcaption>
      <p className="fingerprint-headline">{words.headline}</p>
      {hasChart ? (
        <>
          <div className="fingerprint-canvas">
            <Line data={chart.data} options={chart.options} role="img" aria-label={`Timing by note, baseline against recent sessions: ${fp.exerciseName ?? fp.exerciseId}, ${hand} hand`} />
          </div>
          <ul className="fingerprint-legend small" aria-label="Legend">
            <li><span className="fp-swatch recent" /> recent ({fp.recentSessions} sessions)</li>
            <li><span className="fp-swatch baseline" /> baseline ({fp.baselineSessions} sessions)</li>
            {fingers.map((f) => (
              <li key={f}><span className="dot" style={{ background: fingerColour(f) }} /> {fingerCode(hand, f)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <ul className="fingerprint-words">
        {words.lines.map((line) => <li key={line}>{line}</li>)}
      </ul>
    </figure>
  );
}
