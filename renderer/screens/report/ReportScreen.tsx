/** The report screen: the pianist's sessions, and one session's report (`#/report/<id>`). */
import { useEffect, useState } from 'react';
import type { MetronomeClick, SessionAnalysis } from '../../../core/api/schemas';
import { messageOf, useAppState } from '../../state/app-state';
import type { ScreenProps } from '../types';
import { AnalysisView } from './AnalysisView';
import { SessionList } from './SessionList';

export function ReportScreen({ route, navigate }: ScreenProps) {
  const { api, sessions, history, report } = useAppState();
  const sessionId = Number(route.params[0]);
  const [analysis, setAnalysis] = useState<SessionAnalysis | null>(null);
  const [clicks, setClicks] = useState<MetronomeClick[]>([]);

  useEffect(() => {
    if (!Number.isInteger(sessionId) || sessionId <= 0) {
      setAnalysis(null);
      return;
    }
    let cancelled = false;
    Promise.all([api.getSessionAnalysis({ sessionId }), api.listClicks({ sessionId })]).then(
      ([data, heard]) => {
        if (cancelled) return;
        setAnalysis(data);
        setClicks(heard);
      },
      (e: unknown) => report(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, sessionId, report]);

  return (
    <div className="report-layout">
      {analysis !== null ? <AnalysisView key={analysis.session.id} api={api} data={analysis} clicks={clicks} onClose={() => navigate('report')} onError={report} /> : null}
      <SessionList sessions={sessions} history={history} selectedId={analysis?.session.id ?? null} onSelect={(id) => navigate('report', id)} />
    </div>
  );
}
