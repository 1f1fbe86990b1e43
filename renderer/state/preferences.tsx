/**
 * Preferences kept in the database (api.getPreferences / setPreference), not in localStorage:
 * browser mode serves each run from a new port, a new origin with an empty localStorage. Values
 * are JSON; a value that does not parse (an older app's) is ignored, never fatal.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { EvenkeysApi } from '../../core/api/contract';

export interface Preferences {
  /** undefined when absent or unreadable. */
  get<T>(key: string, guard: (value: unknown) => value is T): T | undefined;
  set(key: string, value: unknown): void;
}

const PreferencesContext = createContext<Preferences | undefined>(undefined);

/** @example const prefs = usePreferences(); prefs.get('tempo', isNumber) */
export function usePreferences(): Preferences {
  const prefs = useContext(PreferencesContext);
  if (prefs === undefined) throw new Error('usePreferences needs a <PreferencesProvider> above it');
  return prefs;
}

/** Type guards for common preference values. */
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Loads the preferences before rendering its children (so nothing flickers to a default). */
export function PreferencesProvider({ api, children, onError }: { api: EvenkeysApi; children: ReactNode; onError?: (message: string) => void }) {
  const [values, setValues] = useState<Record<string, string> | null>(null);

  useEffect(() => {
    api.getPreferences({}).then(setValues, () => setValues({}));
  }, [api]);

  const get = useCallback(
    <T,>(key: string, guard: (value: unknown) => value is T): T | undefined => {
      const text = values?.[key];
      if (text === undefined) return undefined;
      try {
        const parsed: unknown = JSON.parse(text);
        return guard(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    },
    [values],
  );

  const set = useCallback(
    (key: string, value: unknown) => {
      const text = value === undefined ? null : JSON.stringify(value);
      setValues((current) => {
        const next = { ...(current ?? {}) };
        if (text === null) delete next[key];
        else next[key] = text;
        return next;
      });
      api.setPreference({ key, value: text }).catch((e: unknown) => onError?.(`Could not save a preference: ${e instanceof Error ? e.message : String(e)}`));
    },
    [api, onError],
  );

  const prefs = useMemo<Preferences>(() => ({ get, set }), [get, set]);
  if (values === null) return <p className="muted loading">Opening your practice log…</p>;
  return <PreferencesContext.Provider value={prefs}>{children}</PreferencesContext.Provider>;
}
