/**
 * Serves the built renderer on app://evenkeys/ from one directory, with the CSP and the other
 * security headers on every response. Paths that escape the directory are refused.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../backend/csp';
import { APP_HOST, APP_SCHEME } from './origin';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before app 'ready': makes app:// a standard, secure scheme (a real origin). */
export function registerAppSchemePrivileges(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Maps an app:// URL to a file inside rendererDir, or undefined when it points elsewhere.
 *
 * @example resolveAppFile('app://evenkeys/assets/a.js', '/r') // => '/r/assets/a.js'
 * @example resolveAppFile('app://evenkeys/../etc/passwd', '/r') // => '/r/etc/passwd' (URL parsing drops the ..)
 */
export function resolveAppFile(url: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return undefined;
  const root = resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined; // a malformed escape (%E0%A4%A) names no file
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const file = resolve(join(root, relative));
  return file.startsWith(root + sep) ? file : undefined;
}

/** Installs the app:// handler (after 'ready'). */
export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (file === undefined) return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(new Uint8Array(body), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
    } catch {
      return new Response('not found', { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
