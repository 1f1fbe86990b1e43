/**
 * The app's own origin. The renderer is served from a privileged custom scheme (app://evenkeys/)
 * instead of file://, so it has a real, unique origin that permission checks and the IPC sender
 * check can compare against, and file:// pages get no special treatment.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'evenkeys';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on the app's own origin (scheme and host exactly; no userinfo, no port).
 *
 * @example isAppUrl('app://evenkeys/index.html') // => true
 * @example isAppUrl('app://evenkeys.evil.example/') // => false
 * @example isAppUrl('https://example.com/') // => false
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * @example isAppOrigin('app://evenkeys') // => true
 */
export function isAppOrigin(origin: string | undefined | null): boolean {
  return origin === APP_ORIGIN;
}
