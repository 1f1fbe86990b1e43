/**
 * What every web contents gets as soon as it exists: no navigation away from the app, no new
 * windows, no <webview>, and no external links opened (shell.openExternal is never called, so a
 * compromised page cannot launch other programs through URL handlers).
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './origin';

/**
 * Blocks navigation, redirects, window.open and <webview> for one web contents.
 */
export function hardenWebContents(contents: WebContents): void {
  // The URL is read from the event details (the positional argument is deprecated).
  contents.on('will-navigate', (event) => {
    // The app is a single page: even same-origin navigations are unexpected, but harmless.
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // Any frame (not only the main one) trying to navigate elsewhere is stopped too.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
