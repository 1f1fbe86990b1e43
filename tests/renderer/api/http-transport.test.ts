// The browser-mode transport: POST /api/NAME as JSON, same-origin credentials, 401 explained.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../core/api/client';
import { httpTransport } from '../../../renderer/api/http-transport';

afterEach(() => vi.unstubAllGlobals());

describe('httpTransport', () => {
  it('posts JSON to /api/NAME on the page origin with the cookie', async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 });
    });
    const api = createApiClient(httpTransport('http://127.0.0.1:4000'));
    expect(await api.listSessions({ profileId: 3 })).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('http://127.0.0.1:4000/api/listSessions');
    expect(requests[0]?.init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"profileId":3}' });
    expect(requests[0]?.init.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('explains a 401 (the token cookie is gone) and reports other HTTP failures', async () => {
    vi.stubGlobal('fetch', async () => new Response('refused', { status: 401 }));
    await expect(createApiClient(httpTransport('http://127.0.0.1:4000')).listProfiles({})).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('open the URL Evenkeys printed'),
    });
    vi.stubGlobal('fetch', async () => new Response('refused: foreign Origin header', { status: 403 }));
    await expect(createApiClient(httpTransport('http://127.0.0.1:4000')).listProfiles({})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('HTTP 403'),
    });
  });

  it('marks small requests keepalive, so a batch in flight still arrives when the page closes', async () => {
    const inits: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      inits.push(init);
      return new Response(JSON.stringify({ ok: true, value: { accepted: 1 } }), { status: 200 });
    });
    const api = createApiClient(httpTransport('http://127.0.0.1:4000'));
    await api.appendMidi({ sessionId: 1, messages: [{ bytes: [0x90, 60, 80], timeMs: 1.5 }] });
    expect(inits[0]?.keepalive).toBe(true);
    // Chromium refuses keepalive bodies over 64 KiB in total: a large one goes without it.
    const big = Array.from({ length: 4000 }, (_, i) => ({ bytes: [0x90, 60, 80], timeMs: 1000 + i * 0.123456789 }));
    await api.appendMidi({ sessionId: 1, messages: big });
    expect(inits[1]?.keepalive).toBe(false);
  });

  it('retries without keepalive when the browser refuses the keepalive quota', async () => {
    const inits: RequestInit[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      inits.push(init);
      if (init.keepalive === true) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 });
    });
    expect(await createApiClient(httpTransport('http://127.0.0.1:4000')).listProfiles({})).toEqual([]);
    expect(inits.map((i) => i.keepalive)).toEqual([true, false]);
  });
});
