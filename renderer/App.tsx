/**
 * The practice screen: pick a pianist, pick the keyboard, record, and read the results. All data
 * goes through the one EvenkeysApi object.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HistoryPoint, Profile, SessionAnalysis, SessionSummary } from '../core/api/schemas';
import { getApi, transportKind } from './api';
import { AnalysisView } from './components/AnalysisView';
import { PracticePanel } from './components/PracticePanel';
import { ProfileMenu } from './components/ProfileMenu';
import { SessionList } from './components/SessionList';
import { Welcome } from './components/Welcome';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { enableMidi, listInputs, onInputsChanged } from './midi/capture';
import type { MidiAvailability, MidiInputInfo } from './midi/capture';
import { chooseInput } from './midi/choose-input';
import { useRecorder } from './midi/useRecorder';

const PROFILE_KEY = 'evenkeys.profileId';
const INPUT_KEY = 'evenkeys.inputName';

export function App() {
  const api = useMemo(() => getApi(), []);
  const [error, setError] = useState<string | null>(null);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [profileId, setProfileId] = useState<number | null>(() => Number(localStorage.getItem(PROFILE_KEY)) || null);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [history, setHistory] = useState<HistoryPoint[]>([]);
  const [analysis, setAnalysis] = useState<SessionAnalysis | null>(null);
  const [availability, setAvailability] = useState<MidiAvailability | undefined>(undefined);
  const [inputs, setInputs] = useState<MidiInputInfo[]>([]);
  // The pianist's choice, by name; never replaced just because that keyboard is unplugged.
  const [preferredInput, setPreferredInput] = useState<string | null>(() => localStorage.getItem(INPUT_KEY));
  const [screen, setScreen] = useState<'practice' | 'history'>('practice');

  const report = useCallback((message: string) => setError(message), []);
  const recorder = useRecorder(api, report);
  const profile = profiles?.find((p) => p.id === profileId);

  useEffect(() => {
    api.listProfiles({}).then(setProfiles, (e: unknown) => report(String(e instanceof Error ? e.message : e)));
  }, [api, report]);

  // Keep a valid profile selected.
  useEffect(() => {
    if (profiles === null || profiles.length === 0) return;
    if (!profiles.some((p) => p.id === profileId)) setProfileId(profiles[0]?.id ?? null);
  }, [profiles, profileId]);

  useEffect(() => {
    if (profileId !== null) localStorage.setItem(PROFILE_KEY, String(profileId));
  }, [profileId]);

  const refreshSessions = useCallback(async () => {
    if (profile === undefined) return setSessions([]);
    try {
      const [list, points] = await Promise.all([api.listSessions({ profileId: profile.id }), api.getHistory({ profileId: profile.id })]);
      setSessions(list);
      setHistory(points);
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
    }
  }, [api, profile, report]);

  useEffect(() => {
    void refreshSessions();
    setAnalysis(null);
  }, [refreshSessions]);

  // MIDI: enable once, then follow hot-plugs.
  useEffect(() => {
    let unwatch: (() => void) | undefined;
    void enableMidi().then((result) => {
      setAvailability(result);
      if (result.state !== 'ready') return;
      setInputs(listInputs());
      unwatch = onInputsChanged(() => setInputs(listInputs()));
    });
    return () => unwatch?.();
  }, []);

  // The remembered keyboard when connected, else the first one; while recording, the one recorded
  // (shown as disconnected when it is away, never silently replaced by another keyboard).
  const inputName = recorder.state.phase === 'recording' ? recorder.state.inputName : chooseInput(inputs, preferredInput);

  const selectInput = (name: string) => {
    setPreferredInput(name);
    localStorage.setItem(INPUT_KEY, name);
  };

  const createProfile = async (name: string) => {
    try {
      const created = await api.createProfile({ name });
      setProfiles((list) => [...(list ?? []), created]);
      setProfileId(created.id);
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
    }
  };

  const openSession = useCallback(
    async (sessionId: number) => {
      try {
        setAnalysis(await api.getSessionAnalysis({ sessionId }));
      } catch (e) {
        report(e instanceof Error ? e.message : String(e));
      }
    },
    [api, report],
  );

  const record = () => {
    const input = inputs.find((i) => i.name === inputName);
    if (profile === undefined || input === undefined) return;
    setAnalysis(null);
    void recorder.start(profile.id, input).then(refreshSessions);
  };

  const stop = async () => {
    const sessionId = await recorder.stop();
    await refreshSessions();
    if (sessionId !== undefined) await openSession(sessionId);
  };

  const busy = recorder.state.phase !== 'idle';

  return (
    <div className="app">
      <header className="header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            <span /><span /><span /><span /><span />
          </span>
          <div>
            <h1>Evenkeys</h1>
            <p className="tagline">Finger evenness, measured against your own baseline</p>
          </div>
        </div>
        {profile !== undefined ? (
          <nav className="header-tabs" aria-label="Screens">
            <button type="button" className={`tab${screen === 'practice' ? ' active' : ''}`} aria-pressed={screen === 'practice'} onClick={() => setScreen('practice')}>Practice</button>
            <button type="button" className={`tab${screen === 'history' ? ' active' : ''}`} aria-pressed={screen === 'history'} disabled={busy} onClick={() => setScreen('history')}>History</button>
          </nav>
        ) : null}
        {profiles !== null && profiles.length > 0 ? (
          <ProfileMenu profiles={profiles} profileId={profileId} disabled={busy} onSelect={setProfileId} onCreate={createProfile} />
        ) : null}
      </header>

      {error !== null ? (
        <div className="error" role="alert">
          <span>{error}</span>
          <button type="button" className="button ghost small" onClick={() => setError(null)}>Dismiss</button>
        </div>
      ) : null}

      <main className="main">
        {profiles === null ? <p className="muted loading">Opening your practice log…</p> : null}
        {profiles !== null && profiles.length === 0 ? <Welcome onCreate={createProfile} /> : null}
        {profile !== undefined && screen === 'history' ? <HistoryScreen api={api} profile={profile} onError={report} /> : null}
        {profile !== undefined && screen === 'practice' ? (
          <>
            <div className="grid">
              <PracticePanel
                availability={availability}
                inputs={inputs}
                inputName={inputName}
                recorder={recorder.state}
                onSelectInput={selectInput}
                onRecord={record}
                onStop={() => void stop()}
              />
              <SessionList sessions={sessions} history={history} selectedId={analysis?.session.id ?? null} onSelect={(id) => void openSession(id)} />
            </div>
            {analysis !== null ? <AnalysisView key={analysis.session.id} api={api} data={analysis} onClose={() => setAnalysis(null)} onError={report} /> : null}
          </>
        ) : null}
      </main>
      <footer className="footer muted small">
        Evenkeys measures; it never diagnoses. Data stays on this computer · {transportKind() === 'electron' ? 'desktop app' : 'browser mode'}
      </footer>
    </div>
  );
}
