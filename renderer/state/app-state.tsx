/**
 * App-wide state shared by every screen: the API client, the pianist (profile) and their
 * sessions, and the one error banner. Screens read it with useAppState(); nothing here draws.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { EvenkeysApi } from '../../core/api/contract';
import type { HistoryPoint, Profile, SessionSummary } from '../../core/api/schemas';

export interface AppState {
  readonly api: EvenkeysApi;
  /** null while loading. */
  readonly profiles: readonly Profile[] | null;
  readonly profile: Profile | undefined;
  readonly selectProfile: (id: number) => void;
  readonly createProfile: (name: string) => Promise<void>;
  /** The profile's sessions, oldest first, and its history points. */
  readonly sessions: readonly SessionSummary[];
  readonly history: readonly HistoryPoint[];
  readonly refreshSessions: () => Promise<void>;
  readonly error: string | null;
  /** Shows a one-line message in the banner. */
  readonly report: (message: string) => void;
  readonly dismissError: () => void;
}

const AppStateContext = createContext<AppState | undefined>(undefined);

/** @example const { api, profile, report } = useAppState(); */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (state === undefined) throw new Error('useAppState needs an <AppStateProvider> above it');
  return state;
}

/** Turns anything thrown into the banner's one line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface AppStateProviderProps {
  readonly api: EvenkeysApi;
  /** The profile to select first (the remembered preference), when it still exists. */
  readonly initialProfileId?: number | null;
  readonly onProfileChange?: (id: number) => void;
  readonly children: ReactNode;
}

export function AppStateProvider({ api, initialProfileId = null, onProfileChange, children }: AppStateProviderProps) {
  const [error, setError] = useState<string | null>(null);
  const [profiles, setProfiles] = useState<Profile[] | null>(null);
  const [profileId, setProfileId] = useState<number | null>(initialProfileId);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  const [history, setHistory] = useState<HistoryPoint[]>([]);
  const report = useCallback((message: string) => setError(message), []);
  const profile = profiles?.find((p) => p.id === profileId);

  useEffect(() => {
    // Imported students (read-only) are reviewed in the Teacher screen, never recorded into.
    api.listProfiles({}).then((list) => setProfiles(list.filter((p) => !p.readOnly)), (e: unknown) => report(messageOf(e)));
  }, [api, report]);

  useEffect(() => {
    if (initialProfileId !== null) setProfileId((current) => current ?? initialProfileId);
  }, [initialProfileId]);

  // Keep a valid profile selected.
  useEffect(() => {
    if (profiles === null || profiles.length === 0) return;
    if (!profiles.some((p) => p.id === profileId)) setProfileId(profiles[0]?.id ?? null);
  }, [profiles, profileId]);

  const selectProfile = useCallback(
    (id: number) => {
      setProfileId(id);
      onProfileChange?.(id);
    },
    [onProfileChange],
  );

  // Only the latest request may set the lists: switching pianists while a slower request for the
  // previous one is in flight must not show that pianist's sessions under this one's name.
  const latestRefresh = useRef(0);
  const refreshSessions = useCallback(async () => {
    const request = ++latestRefresh.current;
    if (profile === undefined) {
      setSessions([]);
      setHistory([]);
      return;
    }
    try {
      const [list, points] = await Promise.all([api.listSessions({ profileId: profile.id }), api.getHistory({ profileId: profile.id })]);
      if (request !== latestRefresh.current) return;
      setSessions(list);
      setHistory(points);
    } catch (e) {
      if (request === latestRefresh.current) report(messageOf(e));
    }
  }, [api, profile, report]);

  useEffect(() => {
    void refreshSessions();
  }, [refreshSessions]);

  const createProfile = useCallback(
    async (name: string) => {
      try {
        const created = await api.createProfile({ name });
        setProfiles((list) => [...(list ?? []), created]);
        selectProfile(created.id);
      } catch (e) {
        report(messageOf(e));
      }
    },
    [api, report, selectProfile],
  );

  const value = useMemo<AppState>(
    () => ({ api, profiles, profile, selectProfile, createProfile, sessions, history, refreshSessions, error, report, dismissError: () => setError(null) }),
    [api, profiles, profile, selectProfile, createProfile, sessions, history, refreshSessions, error, report],
  );
  return <AppStateContext.Provider value={value}>{children}</AppStateContext.Provider>;
}
