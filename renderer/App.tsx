/**
 * The app frame: providers, header, navigation between screens, and the footer. No screen logic:
 * each screen lives in renderer/screens/<name>/ and gets the route and navigate().
 *
 * To add a screen: one entry in SCREENS (id = the URL segment, label = the nav text).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import { getApi, transportKind } from './api';
import { ProfileMenu } from './components/ProfileMenu';
import { Welcome } from './components/Welcome';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { PracticeScreen } from './screens/practice/PracticeScreen';
import { ReportScreen } from './screens/report/ReportScreen';
import { TeacherScreen } from './screens/teacher/TeacherScreen';
import type { ScreenProps } from './screens/types';
import { AppStateProvider, useAppState } from './state/app-state';
import { MidiStateProvider, useMidiState } from './state/midi-state';
import { PreferencesProvider, isNumber, isString, usePreferences } from './state/preferences';
import { useRoute } from './state/route';

interface ScreenEntry {
  readonly id: string;
  readonly label: string;
  readonly Screen: ComponentType<ScreenProps>;
  /** False for screens that work without a local pianist (a teacher with imported students only). */
  readonly needsProfile?: boolean;
}

/** Drift over weeks (issue 9): per-finger trends against the pianist's own baseline, alerts, practice time. */
function HistoryRoute(_props: ScreenProps) {
  const { api, profile, report } = useAppState();
  return profile === undefined ? null : <HistoryScreen api={api} profile={profile} onError={report} />;
}

/** Teacher review (issue 13): students imported from bundles, read-only reports, compare, PDF. */
function TeacherRoute(_props: ScreenProps) {
  const { api, report } = useAppState();
  return <TeacherScreen api={api} onError={report} />;
}

/** The screens, in nav order. */
const SCREENS: readonly ScreenEntry[] = [
  { id: 'practice', label: 'Practice', Screen: PracticeScreen },
  { id: 'report', label: 'Report', Screen: ReportScreen },
  { id: 'history', label: 'History', Screen: HistoryRoute },
  { id: 'teacher', label: 'Teacher', Screen: TeacherRoute, needsProfile: false },
];

export function App() {
  const api = useMemo(() => getApi(), []);
  return (
    <PreferencesProvider api={api}>
      <Providers api={api} />
    </PreferencesProvider>
  );
}

/** The pianist and the keyboard are remembered in the database (see state/preferences). */
function Providers({ api }: { api: ReturnType<typeof getApi> }) {
  const prefs = usePreferences();
  const [preferredInput, setPreferredInput] = useState<string | null>(() => prefs.get('inputName', isString) ?? null);
  const selectInput = useCallback(
    (name: string) => {
      setPreferredInput(name);
      prefs.set('inputName', name);
    },
    [prefs],
  );
  const rememberProfile = useCallback((id: number) => prefs.set('profileId', id), [prefs]);
  return (
    <AppStateProvider api={api} initialProfileId={prefs.get('profileId', isNumber) ?? null} onProfileChange={rememberProfile}>
      <MidiStateProvider preferredInput={preferredInput} onSelectInput={selectInput}>
        <Frame />
      </MidiStateProvider>
    </AppStateProvider>
  );
}

function Frame() {
  const { profiles, profile, selectProfile, createProfile, error, dismissError } = useAppState();
  const { recorder } = useMidiState();
  const [route, navigate] = useRoute();
  const busy = recorder.state.phase !== 'idle';
  const entry = SCREENS.find((s) => s.id === route.screen) ?? SCREENS[0];

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
        {profiles !== null ? (
          <nav className="nav" aria-label="Screens">
            {SCREENS.map((s) => (
              <a
                key={s.id}
                href={`#/${s.id}`}
                className={s.id === entry?.id ? 'nav-link active' : 'nav-link'}
                aria-current={s.id === entry?.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  if (!busy || s.id === 'practice') navigate(s.id);
                }}
                aria-disabled={busy && s.id !== 'practice' ? true : undefined}
                title={busy && s.id !== 'practice' ? 'Stop recording first' : undefined}
              >
                {s.label}
              </a>
            ))}
          </nav>
        ) : null}
        {profiles !== null && profiles.length > 0 ? (
          <ProfileMenu profiles={profiles} profileId={profile?.id ?? null} disabled={busy} onSelect={selectProfile} onCreate={createProfile} />
        ) : null}
      </header>

      {error !== null ? (
        <div className="error" role="alert">
          <span>{error}</span>
          <button type="button" className="button ghost small" onClick={dismissError}>Dismiss</button>
        </div>
      ) : null}

      <main className="main">
        {profiles === null ? <p className="muted loading">Opening your practice log…</p> : null}
        {profiles !== null && entry?.needsProfile === false ? <entry.Screen key={entry.id} route={route} navigate={navigate} /> : null}
        {profiles !== null && profiles.length === 0 && entry?.needsProfile !== false ? <Welcome onCreate={createProfile} /> : null}
        {profile !== undefined && entry !== undefined && entry.needsProfile !== false ? (
          <entry.Screen key={`${entry.id}-${profile.id}`} route={route} navigate={navigate} />
        ) : null}
      </main>
      <footer className="footer muted small">
        Evenkeys measures; it never diagnoses. Data stays on this computer · {transportKind() === 'electron' ? 'desktop app' : 'browser mode'}
      </footer>
    </div>
  );
}
