/**
 * The hand of a one-hand take, and the control to correct it (issue 12). A single line cannot
 * always be told apart by pitch (a right-hand scale an octave lower is note for note the
 * left-hand one), so such takes say "hand uncertain"; the pianist picks the hand that played and
 * the session is reanalysed with it (API setTakeHand). An uncertain take can also be confirmed as
 * it is: a known hand then counts in the pianist's history, which helps tell the hand of their
 * later takes of the same exercise (`handSource: 'history'`, core/analysis/hand-prior.ts).
 * Self-contained: it needs the API, the take and where to hand the reanalysed session.
 */
import { useState } from 'react';
import type { AnalysisTake } from '../../../core/api/analysis';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { SessionAnalysis } from '../../../core/api/schemas';
import { formatPercent } from '../../format';

export interface TakeHandProps {
  readonly api: EvenkeysApi;
  readonly sessionId: number;
  readonly takeIndex: number;
  readonly take: AnalysisTake;
  /** Whether the session can be reanalysed (not while it is still recording). */
  readonly editable: boolean;
  readonly onChanged: (data: SessionAnalysis) => void;
  readonly onError: (message: string) => void;
}

export function TakeHand({ api, sessionId, takeIndex, take, editable, onChanged, onError }: TakeHandProps) {
  const [busy, setBusy] = useState(false);
  const hands = take.exercise.hands;
  if (hands !== 'left' && hands !== 'right') return null;
  const other = hands === 'right' ? 'left' : 'right';
  const uncertain = take.handUncertain === true;
  const fromHistory = take.handSource === 'history';
  const setHand = async (hand: 'left' | 'right') => {
    setBusy(true);
    try {
      onChanged(await api.setTakeHand({ sessionId, takeIndex, hand }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={uncertain ? 'take-hand uncertain' : 'take-hand'} data-testid="take-hand">
      <span>
        {hands === 'right' ? 'Right hand' : 'Left hand'}
        {uncertain ? (
          <>
            {' '}
            <strong>(hand uncertain)</strong>
            {take.handConfidence !== undefined ? (
              <span>
                {' '}
                · {formatPercent(take.handConfidence)} likely from where it was played{fromHistory ? ' and your earlier takes' : ''}
              </span>
            ) : null}
          </>
        ) : fromHistory ? (
          <span className="muted"> · from your earlier takes of this exercise{take.handConfidence !== undefined ? ` (${formatPercent(take.handConfidence)})` : ''}</span>
        ) : take.handSource === 'corrected' ? (
          <span className="muted"> · as you set it</span>
        ) : null}
      </span>
      {editable && uncertain ? (
        <button type="button" className="button ghost small" disabled={busy} onClick={() => void setHand(hands)}>
          {busy ? 'Reanalysing…' : `Yes, the ${hands} hand`}
        </button>
      ) : null}
      {editable ? (
        <button type="button" className="button ghost small" disabled={busy} onClick={() => void setHand(other)}>
          {busy ? 'Reanalysing…' : `Played with the ${other} hand`}
        </button>
      ) : null}
    </div>
  );
}
