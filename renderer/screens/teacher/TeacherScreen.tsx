/**
 * Teacher mode: the students (every profile, imported ones read-only) with their latest sessions,
 * practice time and drift alerts; a read-only session review with annotations; two sessions (or
 * a session and the baseline) compared per finger; and the progress report, printable to PDF.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { SessionSummary } from '../../../core/api/schemas';
import type { Comparison, ProgressReportWire, Student } from '../../../core/api/teacher-schemas';
import { saveExport } from '../../download';
import { formatPracticeTime, formatWhen } from '../../format';
import { SessionExercises } from '../../components/SessionExercises';
import { ExportBundle, ImportBundle } from './BundlePanel';
import { CompareChart } from './CompareChart';
import { summariseAlerts } from './alert-summary';
import { ProgressReport } from './report/ProgressReport';
import './report/report.css';
import { SessionReview } from './SessionReview';
import './teacher.css';

const AUTHOR_KEY = 'evenkeys.authorName';
type View = { kind: 'session'; id: number } | { kind: 'compare' } | { kind: 'report' } | { kind: 'none' };

export function TeacherScreen({ api, onError }: { readonly api: EvenkeysApi; readonly onError: (message: string) => void }) {
  const [students, setStudents] = useState<Student[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [view, setView] = useState<View>({ kind: 'none' });
  const [compareA, setCompareA] = useState<string>('baseline');
  const [compareB, setCompareB] = useState<number | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [report, setReport] = useState<ProgressReportWire | null>(null);
  const [authorName, setAuthorName] = useState(() => localStorage.getItem(AUTHOR_KEY) ?? '');
  const fail = useCallback((e: unknown) => onError(e instanceof Error ? e.message : String(e)), [onError]);

  const loadStudents = useCallback(() => api.listStudents({}).then(setStudents, fail), [api, fail]);
  useEffect(() => void loadStudents(), [loadStudents]);
  const student = students?.find((s) => s.profile.id === selected);

  useEffect(() => {
    if (selected === null) return;
    setView({ kind: 'none' });
    setComparison(null);
    api.listSessions({ profileId: selected }).then((list) => {
      setSessions(list);
      setCompareB(list.at(-1)?.id ?? null);
    }, fail);
  }, [api, selected, fail]);

  const compare = async () => {
    if (compareB === null) return;
    try {
      setComparison(await api.compareSessions({ sessionId: compareB, against: compareA === 'baseline' ? 'baseline' : Number(compareA) }));
      setView({ kind: 'compare' });
    } catch (e) {
      fail(e);
    }
  };

  const openReport = async () => {
    if (selected === null) return;
    try {
      setReport(await api.getProgressReport({ profileId: selected }));
      setView({ kind: 'report' });
    } catch (e) {
      fail(e);
    }
  };

  const exportPdf = async () => {
    if (selected === null) return;
    try {
      saveExport(await api.printReportPdf({ profileId: selected }));
    } catch (e) {
      fail(e);
    }
  };

  const deleteStudent = async () => {
    if (!student) return;
    const what = student.readOnly ? `${student.profile.name}'s imported data` : `the profile ${student.profile.name}`;
    const typed = window.prompt(`This permanently deletes ${what}: ${student.sessionCount} sessions and their notes, also from the backups. Type the name to confirm.`);
    if (typed === null) return;
    try {
      await api.deleteProfile({ profileId: student.profile.id, confirmName: typed });
      setSelected(null);
      await loadStudents();
    } catch (e) {
      fail(e);
    }
  };

  const deleteSession = async (session: SessionSummary) => {
    if (!window.confirm(`Delete the session of ${formatWhen(session.startedAt)} (${session.eventCount} MIDI messages)? A backup is kept.`)) return;
    try {
      await api.deleteSession({ sessionId: session.id });
      setSessions((list) => list.filter((s) => s.id !== session.id));
      await loadStudents();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div className="teacher">
      <div className="teacher-bar">
        <label htmlFor="author-name">Sign notes as</label>
        <input id="author-name" value={authorName} placeholder="Your name" maxLength={80}
          onChange={(e) => { setAuthorName(e.target.value); localStorage.setItem(AUTHOR_KEY, e.target.value); }} />
      </div>
      <div className="teacher-grid">
        <aside className="teacher-side">
          <section className="card" aria-labelledby="students-title">
            <h2 id="students-title">Students</h2>
            {students === null ? <p className="muted">Loading…</p> : null}
            {students?.length === 0 ? <p className="muted small">No one yet: import a student's bundle below.</p> : null}
            <ul className="student-list">
              {students?.map((s) => (
                <li key={s.profile.id}>
                  <button type="button" className={`student${s.profile.id === selected ? ' selected' : ''}`} onClick={() => setSelected(s.profile.id)} aria-pressed={s.profile.id === selected}>
                    <span className="student-name">{s.profile.name} {s.readOnly ? <span className="badge">imported</span> : null}</span>
                    <span className="muted small">{s.sessionCount} sessions · {formatPracticeTime(s.practiceMs)} in all · {formatPracticeTime(s.practiceLast7DaysMs)} this week</span>
                    <span className="muted small">Latest: {s.latest.length === 0 ? '—' : s.latest.map((l) => formatWhen(l.startedAt)).join('; ')}</span>
                    {/* DRIFT SLOT (issue 9): alerts appear here when the API offers them. */}
                    {s.alerts === null ? null : <span className={s.alerts.length === 0 ? 'small ok-line' : 'small alert-line'}>{summariseAlerts(s.alerts)}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <ImportBundle api={api} onImported={(r) => { void loadStudents(); setSelected(r.profile.id); }} onError={onError} />
          {student ? <ExportBundle key={student.profile.id} api={api} profileId={student.profile.id} readOnly={student.readOnly} onError={onError} /> : null}
        </aside>

        <div className="teacher-main">
          {student ? (
            <>
              <section className="card" aria-labelledby="sessions-title">
                <div className="card-head">
                  <h2 id="sessions-title">{student.profile.name}{student.readOnly ? ' (read-only)' : ''}</h2>
                  <div className="actions">
                    <button type="button" className="button ghost small" onClick={() => void openReport()}>Progress report</button>
                    <button type="button" className="button ghost small danger" onClick={() => void deleteStudent()}>{student.readOnly ? 'Delete imported data…' : 'Delete profile…'}</button>
                  </div>
                </div>
                <div className="table-scroll">
                <table className="table teacher-sessions">
                  <thead><tr><th>Session</th><th>Exercise · tempo · takes</th><th className="num">Unevenness</th><th className="num">Notes</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
                  <tbody>
                    {[...sessions].reverse().map((s) => (
                      <tr key={s.id} className={view.kind === 'session' && view.id === s.id ? 'selected' : ''}>
                        <td><button type="button" className="linklike" onClick={() => setView({ kind: 'session', id: s.id })}>{formatWhen(s.startedAt)}</button></td>
                        <td colSpan={2} className="exercises-cell"><SessionExercises lines={s.exercises} averageMs={s.unevennessMs} takes={s.takeCount} /></td>
                        <td className="num">{s.noteCount}</td>
                        <td>{!student.readOnly || s.noteCount === 0 ? <button type="button" className="button ghost small" onClick={() => void deleteSession(s)}>Delete…</button> : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                </div>
                <div className="compare-form">
                  <span>Compare</span>
                  <select aria-label="Compare from" value={compareA} onChange={(e) => setCompareA(e.target.value)}>
                    <option value="baseline">Baseline (first sessions)</option>
                    {sessions.map((s) => <option key={s.id} value={String(s.id)}>{formatWhen(s.startedAt)}</option>)}
                  </select>
                  <span>with</span>
                  <select aria-label="Compare with" value={compareB ?? ''} onChange={(e) => setCompareB(Number(e.target.value))}>
                    {sessions.map((s) => <option key={s.id} value={s.id}>{formatWhen(s.startedAt)}</option>)}
                  </select>
                  <button type="button" className="button small" disabled={compareB === null} onClick={() => void compare()}>Compare</button>
                </div>
              </section>
              {view.kind === 'session' ? <SessionReview key={view.id} api={api} sessionId={view.id} authorName={authorName} onError={onError} /> : null}
              {view.kind === 'compare' && comparison ? (
                <section className="card" aria-labelledby="compare-title">
                  <h2 id="compare-title">Per finger: {comparison.a.label} vs {comparison.b.label}</h2>
                  <CompareChart comparison={comparison} />
                </section>
              ) : null}
              {view.kind === 'report' && report ? (
                <section className="card report-card" aria-label="Progress report">
                  <div className="card-head no-print">
                    <span className="muted small">The same page is printed to the PDF.</span>
                    <div className="actions">
                      <button type="button" className="button small" onClick={() => void exportPdf()}>Export PDF</button>
                      <button type="button" className="button ghost small" onClick={() => window.print()}>Print…</button>
                    </div>
                  </div>
                  <ProgressReport data={report} />
                </section>
              ) : null}
            </>
          ) : (
            <div className="empty"><strong>Choose a student</strong><p>Their sessions open read-only here; import a bundle to add a student.</p></div>
          )}
        </div>
      </div>
    </div>
  );
}
