// The browser-mode host over real HTTP: serves the renderer and the API, refuses everything else.
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/backend/dispatch';
import { startWebHost } from '../../../electron/backend/web-host';
import type { WebHost } from '../../../electron/backend/web-host';
import { stubHandlers } from '../shell/stub-handlers';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http so the test controls Host and Origin exactly (fetch would rewrite Host). */
function send(host: WebHost, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let host: WebHost;
let ownHost: string;
let cookie: string;
const api = (name: string, body: unknown, extra: Record<string, string> = {}) =>
  send(host, {
    path: `/api/${name}`,
    method: 'POST',
    headers: { host: ownHost, cookie, 'content-type': 'application/json', origin: `http://${ownHost}`, ...extra },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evenkeys-web-host-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Evenkeys</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'evenkeys-secret.txt'), 'secret');
  // A link inside the served directory pointing out of it (a stray build artefact).
  symlinkSync(join(tmpdir(), 'evenkeys-secret.txt'), join(dir, 'assets', 'linked.txt'));
  const dispatch = createDispatch(stubHandlers({ listProfiles: () => [] }), () => {});
  host = await startWebHost({ dispatch, rendererDir: dir });
  ownHost = `127.0.0.1:${host.port}`;
  cookie = `evenkeys_token_${host.port}=${host.token}`;
});
afterAll(() => host.close());

describe('web host', () => {
  it('binds 127.0.0.1 on a random port and prints a URL carrying a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const answer = await send(host, { path: `/?token=${host.token}`, headers: { host: ownHost } });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(String(answer.headers['set-cookie'])).toBe(`evenkeys_token_${host.port}=${host.token}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('serves the renderer with a strict CSP', async () => {
    const page = await send(host, { path: '/', headers: { host: ownHost, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Evenkeys</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await send(host, { path: '/assets/app.js', headers: { host: ownHost, cookie } });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('answers the API', async () => {
    const answer = await api('listProfiles', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: [] });
    expect(JSON.parse((await api('createProfile', { name: '' })).body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.parse((await api('noSuchThing', {})).body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a request without the token', async () => {
    expect((await send(host, { path: '/', headers: { host: ownHost } })).status).toBe(401);
    expect((await api('listProfiles', {}, { cookie: `evenkeys_token_${host.port}=wrong` })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await send(host, { path: '/', headers: { host: `evil.example:${host.port}`, cookie } });
    expect(answer.status).toBe(421);
    expect(answer.body).toContain('foreign Host');
    expect((await api('listProfiles', {}, { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a foreign Origin header', async () => {
    const answer = await api('listProfiles', {}, { origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('foreign Origin');
  });

  it('refuses API calls that are not POST application/json', async () => {
    expect((await send(host, { path: '/api/listProfiles', headers: { host: ownHost, cookie } })).status).toBe(405);
    expect((await api('listProfiles', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await api('listProfiles', {}, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('answers 400 to a malformed URL escape instead of failing', async () => {
    expect((await send(host, { path: '/%E0%A4%A', headers: { host: ownHost, cookie } })).status).toBe(400);
    expect((await api('%E0%A4%A', {})).status).toBe(400);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const path of ['/../evenkeys-secret.txt', '/%2e%2e/evenkeys-secret.txt', '/..%2fevenkeys-secret.txt', '/assets/..%2f..%2fevenkeys-secret.txt']) {
      const answer = await send(host, { path, headers: { host: ownHost, cookie } });
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('secret');
    }
  });

  it('does not follow a symbolic link out of the renderer directory', async () => {
    const answer = await send(host, { path: '/assets/linked.txt', headers: { host: ownHost, cookie } });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('secret');
  });
});
