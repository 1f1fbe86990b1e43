// The browser-mode request guard: each refusal on its own.
import { describe, expect, it } from 'vitest';
import { checkRequest, readCookie, tokenCookie } from '../../../electron/backend/request-guard';

const config = { port: 41234, token: 'a'.repeat(64) };
const good = { host: '127.0.0.1:41234', cookie: `evenkeys_token_41234=${config.token}` };
const req = (headers: Record<string, string | undefined>, url = '/', method = 'GET') => checkRequest({ method, url, headers }, config);

describe('checkRequest', () => {
  it('allows our host with the token cookie or header', () => {
    expect(req(good)).toEqual({ allow: true, adoptToken: false });
    expect(req({ host: 'localhost:41234', 'x-evenkeys-token': config.token }, '/api/listProfiles', 'POST')).toEqual({ allow: true, adoptToken: false });
    expect(req({ ...good, origin: 'http://127.0.0.1:41234', 'sec-fetch-site': 'same-origin' }, '/api/listProfiles', 'POST')).toMatchObject({ allow: true });
  });

  it('trades the URL token for the cookie on a top-level GET only', () => {
    expect(req({ host: good.host }, `/?token=${config.token}`)).toEqual({ allow: true, adoptToken: true });
    expect(req({ host: good.host }, `/api/listProfiles?token=${config.token}`, 'POST')).toMatchObject({ allow: false, status: 401 });
    expect(req({ host: good.host }, `/?token=${config.token}`, 'POST')).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses a missing or wrong token', () => {
    expect(req({ host: good.host })).toMatchObject({ allow: false, status: 401 });
    expect(req({ host: good.host, cookie: 'evenkeys_token_41234=nope' })).toMatchObject({ allow: false, status: 401 });
    expect(req({ host: good.host, 'x-evenkeys-token': 'b'.repeat(64) })).toMatchObject({ allow: false, status: 401 });
    expect(req({ host: good.host }, '/?token=wrong')).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', () => {
    for (const host of ['evil.example:41234', 'evil.example', '127.0.0.1:9999', '127.0.0.1', '0.0.0.0:41234', '[::1]:41234', undefined]) {
      expect(req({ ...good, host })).toMatchObject({ allow: false, status: 421, reason: 'foreign Host header' });
    }
  });

  it('refuses a foreign Origin header, even with the token', () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:9999', 'https://127.0.0.1:41234', 'http://evil.example:41234']) {
      expect(req({ ...good, origin }, '/api/listProfiles', 'POST')).toMatchObject({ allow: false, status: 403, reason: 'foreign Origin header' });
    }
  });

  it('refuses cross-site fetches of the API', () => {
    expect(req({ ...good, 'sec-fetch-site': 'cross-site' }, '/api/listProfiles', 'POST')).toMatchObject({ allow: false, status: 403 });
    expect(req({ ...good, 'sec-fetch-site': 'same-site' }, '/api/listProfiles', 'POST')).toMatchObject({ allow: false, status: 403 });
  });
});

describe('cookies', () => {
  it('names the cookie after the port: browsers share cookies across ports of 127.0.0.1', () => {
    // A second Evenkeys (or a restart on another port) must not overwrite this tab's cookie and
    // cut a running recording off with 401s.
    const both = `evenkeys_token_41235=${'b'.repeat(64)}; evenkeys_token_41234=${config.token}`;
    expect(req({ host: good.host, cookie: both })).toEqual({ allow: true, adoptToken: false });
    expect(req({ host: good.host, cookie: `evenkeys_token_41235=${config.token}` })).toMatchObject({ allow: false, status: 401 });
    expect(tokenCookie('xyz', 41234)).toBe('evenkeys_token_41234=xyz; HttpOnly; SameSite=Strict; Path=/');
  });

  it('sets an HttpOnly SameSite=Strict cookie and reads it back', () => {
    expect(readCookie('a=1; evenkeys_token=xyz; b=2', 'evenkeys_token')).toBe('xyz');
    expect(readCookie('xevenkeys_token=xyz', 'evenkeys_token')).toBeUndefined();
    expect(readCookie(undefined, 'evenkeys_token')).toBeUndefined();
  });
});
