/**
 * Browser-mode transport: POST /api/NAME with a JSON body on the page's own origin. The token
 * travels in the HttpOnly cookie the host set when the printed URL was opened, so page scripts
 * never see it.
 */
import type { ApiTransport } from '../../core/api/client';

/**
 * @example const api = createApiClient(httpTransport(window.location.origin));
 */
export function httpTransport(origin: string): ApiTransport {
  return async (name, input) => {
    const url = `${origin}/api/${encodeURIComponent(name)}`;
    const body = JSON.stringify(input);
    // keepalive lets a request outlive the page (closed or reloaded mid-recording), so a MIDI
    // batch in flight and the final stop still reach the backend. Chromium allows 64 KiB of
    // keepalive bodies in flight in all; bigger or refused requests go without it.
    const keepalive = body.length <= KEEPALIVE_MAX_BODY;
    const post = (withKeepalive: boolean) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        keepalive: withKeepalive,
        body,
      });
    let response: Response;
    try {
      response = await post(keepalive);
    } catch (error) {
      if (!keepalive) throw error;
      response = await post(false);
    }
    if (response.status === 401) {
      return { ok: false, error: { code: 'forbidden', message: 'This page is no longer authorised: open the URL Evenkeys printed when it started.' } };
    }
    if (!response.ok) {
      return { ok: false, error: { code: 'internal', message: `${name}: HTTP ${response.status} ${await response.text()}` } };
    }
    return response.json();
  };
}

/** Largest body sent with keepalive (Chromium's quota is 64 KiB for all of them together). */
export const KEEPALIVE_MAX_BODY = 48 * 1024;
