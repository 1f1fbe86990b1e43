/**
 * The line under a session's figures that says where its analysis stands: "Analysing…" while it
 * runs, the error when it failed (with "Analyse again"), nothing once it is there. A finished
 * session is never shown empty: one without an analysis (a Stop cut short) is analysed on the spot.
 */
import { useEffect, useRef, useState } from 'react';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { SessionAnalysis } from '../../../core/api/schemas';

export interface AnalysisStatusProps {
  readonly api: EvenkeysApi;
  readonly data: SessionAnalysis;
  /** The session with its new analysis, once reanalysed. */
  readonly onAnalysed: (data: SessionAnalysis) => void;
}

/**
 * @example <AnalysisStatus api={api} data={data} onAnalysed={setData} />
 */
export function AnalysisStatus({ api, data, onAnalysed }: AnalysisStatusProps) {
  const { session, analysis } = data;
  const [phase, setPhase] = useState<{ readonly kind: 'idle' } | { readonly kind: 'analysing' } | { readonly kind: 'failed'; readonly message: string }>({ kind: 'idle' });
  const tried = useRef(false);
  const missing = analysis === null && session.analysisError === null && session.status !== 'recording';

  const analyse = async () => {
    setPhase({ kind: 'analysing' });
    try {
      onAnalysed(await api.reanalyseSession({ sessionId: session.id }));
      setPhase({ kind: 'idle' });
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  useEffect(() => {
    if (missing && !tried.current) {
      tried.current = true;
      void analyse();
    }
  });

  if (phase.kind === 'analysing' || (missing && phase.kind === 'idle')) {
    return (
      <p className="muted" role="status" data-testid="analysis-status">
        Analysing this session…
      </p>
    );
  }
  const error = phase.kind === 'failed' ? phase.message : session.analysisError;
  if (error === null) return null;
  return (
    <p className="warning" role="alert" data-testid="analysis-status">
      The analysis failed ({error}). Every MIDI message is saved and can be analysed again.{' '}
      <button type="button" className="button ghost small" onClick={() => void analyse()}>
        Analyse again
      </button>
    </p>
  );
}
