/**
 * Decides whether one HTTP request to the browser-mode host may proceed. The host listens on
 * 127.0.0.1 only, but any web page the user visits can still make the browser send requests to
 * it, and a DNS-rebinding page can even make them look same-origin. So every request must carry
 * the per-run secret token, name our own Host, and (when the browser says where it comes from)
 * come from our own Origin.
 */
import { timingSafeEqual } from 'node:crypto';

/** Prefix of the token cookie; the port follows (see tokenCookieName). */
export const TOKEN_COOKIE = 'evenkeys_token';

/**
 * Browsers keep one cookie jar for 127.0.0.1 across all ports, so a second Evenkeys host (or a
 * restart on another port) would overwrite a same-named cookie and cut the first tab off with
 * 401s in the middle of a recording. One cookie per port keeps them apart.
 *
 * @example tokenCookieName(41234) // => 'evenkeys_token_41234'
 */
export function tokenCookieName(port: number): string {
  return `${TOKEN_COOKIE}_${port}`;
}
export const TOKEN_HEADER = 'x-evenkeys-token';

export interface GuardedRequest {
  readonly method: string;
  /** Path plus query, as in `req.url`. */
  readonly url: string;
  /** Lower-case header names, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface GuardConfig {
  readonly port: number;
  readonly token: string;
}

export type GuardDecision =
  | { readonly allow: true; /** The token came in the query: set the cookie and redirect to a clean URL. */ readonly adoptToken: boolean }
  | { readonly allow: false; readonly status: number; readonly reason: string };

/**
 * The hosts this server answers to. Anything else is a rebinding attempt (evil.example resolving
 * to 127.0.0.1) or a misdirected request.
 *
 * @example allowedHosts(5173) // => ['127.0.0.1:5173', 'localhost:5173']
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * @example checkRequest({ method: 'GET', url: '/?token=abc', headers: { host: '127.0.0.1:80' } }, { port: 80, token: 'abc' })
 *   // => { allow: true, adoptToken: true }
 */
export function checkRequest(request: GuardedRequest, config: GuardConfig): GuardDecision {
  const hosts = allowedHosts(config.port);
  const host = single(request.headers.host)?.toLowerCase();
  if (host === undefined || !hosts.includes(host)) {
    return { allow: false, status: 421, reason: 'foreign Host header' };
  }
  const origin = single(request.headers.origin);
  if (origin !== undefined && !hosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return { allow: false, status: 403, reason: 'foreign Origin header' };
  }
  const fetchSite = single(request.headers['sec-fetch-site']);
  const isApi = pathOf(request.url).startsWith('/api/');
  if (isApi && fetchSite !== undefined && fetchSite !== 'same-origin') {
    return { allow: false, status: 403, reason: `cross-origin API request (Sec-Fetch-Site: ${fetchSite})` };
  }

  const presented = single(request.headers[TOKEN_HEADER]) ?? readCookie(single(request.headers.cookie), tokenCookieName(config.port));
  if (presented !== undefined && sameSecret(presented, config.token)) return { allow: true, adoptToken: false };

  // The printed URL carries the token once; only a top-level GET may trade it for the cookie.
  const queryToken = new URL(request.url, 'http://placeholder').searchParams.get('token');
  if (!isApi && request.method === 'GET' && queryToken !== null && sameSecret(queryToken, config.token)) {
    return { allow: true, adoptToken: true };
  }
  return { allow: false, status: 401, reason: 'missing or wrong token (open the URL the app printed)' };
}

/**
 * The Set-Cookie value for the token: HttpOnly (page scripts never read it), SameSite=Strict
 * (never sent on requests started by other sites), scoped to the whole host, named after the port.
 *
 * @example tokenCookie('9f3a', 41234) // => 'evenkeys_token_41234=9f3a; HttpOnly; SameSite=Strict; Path=/'
 */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * @example readCookie('a=1; evenkeys_token=xyz', 'evenkeys_token') // => 'xyz'
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
