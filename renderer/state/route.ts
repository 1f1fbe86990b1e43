/**
 * Which screen is shown, kept in the URL hash (`#/practice`, `#/report/12`, `#/history`,
 * `#/teacher`) so a reload, the browser's back button and the Electron window all agree, and
 * screens added later (history, teacher) need no router library: one entry in App.tsx.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Route {
  /** The screen id: the first path segment ('practice' when empty). */
  readonly screen: string;
  /** The remaining segments, e.g. ['12'] for `#/report/12`. */
  readonly params: readonly string[];
}

/**
 * @example parseRoute('#/report/12') // => { screen: 'report', params: ['12'] }
 * @example parseRoute('') // => { screen: 'practice', params: [] }
 */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  return { screen: parts[0] ?? 'practice', params: parts.slice(1) };
}

/** @example routeHash('report', 12) // => '#/report/12' */
export function routeHash(screen: string, ...params: Array<string | number>): string {
  return `#/${[screen, ...params].map((p) => encodeURIComponent(String(p))).join('/')}`;
}

export type Navigate = (screen: string, ...params: Array<string | number>) => void;

/** The current route and a function to go elsewhere (pushes a history entry). */
export function useRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback<Navigate>((screen, ...params) => {
    const hash = routeHash(screen, ...params);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(parseRoute(hash));
  }, []);
  return [route, navigate];
}
