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
    const response = await fetch(`${origin}/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
    if (response.status === 401) {
      return { ok: false, error: { code: 'forbidden', message: 'This page is no longer authorised: open the URL Evenkeys printed when it started.' } };
    }
    if (!response.ok) {
      return { ok: false, error: { code: 'internal', message: `${name}: HTTP ${response.status} ${await response.text()}` } };
    }
    return response.json();
  };
}
