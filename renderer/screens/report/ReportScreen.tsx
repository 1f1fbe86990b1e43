/** The report screen: the pianist's sessions, and one session's report (`#/report/<id>`). */
import { useEffect, useState } from 'react';
import type { SessionAnalysis } from '../../../core/api/schemas';
import { messageOf, useAppState } from '../../state/app-state';
import type { ScreenProps } from '../types';
import { AnalysisView } from './AnalysisView';
import { SessionList } from './SessionList';

export function ReportScreen({ route, navigate }: ScreenProps) {
  const { api, sessions, history, report } = useAppState();
  const sessionId = Number(route.params[0]);
  const [analysis, setAnalysis] = useState<SessionAnalysis | null>(null);

  useEffect(() => {
    if (!Number.isInteger(sessionId) || sessionId <= 0) {
      setAnalysis(null);
      return;
    }
    let cancelled = false;
    api.getSessionAnalysis({ sessionId }).then(
      (data) => {
        if (!cancelled) setAnalysis(data);
      },
      (e: unknown) => report(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, sessionId, report]);

  return (
    <>
      <SessionList sessions={sessions} history={history} selectedId={analysis?.session.id ?? null} onSelect={(id) => navigate('report', id)} />
      {analysis !== null ? <AnalysisView key={analysis.session.id} api={api} data={analysis} onClose={() => navigate('report')} onError={report} /> : null}
    </>
  );
}
