// app:// URLs map to files inside the renderer directory and nowhere else.
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../electron/shell/protocol';
import { isAppUrl } from '../../../electron/shell/origin';

describe('resolveAppFile', () => {
  const root = '/opt/evenkeys/renderer';
  it('serves files under the renderer directory', () => {
    expect(resolveAppFile('app://evenkeys/', root)).toBe(`${root}/index.html`);
    expect(resolveAppFile('app://evenkeys/index.html', root)).toBe(`${root}/index.html`);
    expect(resolveAppFile('app://evenkeys/assets/index-abc.js?x=1', root)).toBe(`${root}/assets/index-abc.js`);
  });
  it('refuses other hosts, schemes and escapes', () => {
    expect(resolveAppFile('app://other/index.html', root)).toBeUndefined();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeUndefined();
    // URL parsing folds %2e%2e segments away; encoded slashes survive it and must be caught here.
    expect(resolveAppFile('app://evenkeys/%2e%2e/%2e%2e/etc/passwd', root)).toBe(`${root}/etc/passwd`);
    expect(resolveAppFile('app://evenkeys/..%2f..%2f..%2fetc%2fpasswd', root)).toBeUndefined();
    expect(resolveAppFile('not a url', root)).toBeUndefined();
  });
  it('answers undefined (404) for a malformed escape instead of throwing', () => {
    expect(resolveAppFile('app://evenkeys/%E0%A4%A', root)).toBeUndefined();
    expect(resolveAppFile('app://evenkeys/assets/%zz.js', root)).toBeUndefined();
  });
});

describe('isAppUrl', () => {
  it('accepts only the exact app origin', () => {
    expect(isAppUrl('app://evenkeys/index.html')).toBe(true);
    for (const url of ['app://evenkeys.evil/', 'app://user@evenkeys/', 'app://evenkeys:81/', 'https://evenkeys/', '', undefined, null]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('handleAppProtocol', () => {
  it('answers app:// requests from the renderer directory with the CSP, and 404 elsewhere', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { handleAppProtocol } = await import('../../../electron/shell/protocol');
    const dir = mkdtempSync(join(tmpdir(), 'evenkeys-protocol-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Evenkeys</title>');
    let handler: ((request: { url: string }) => Promise<Response>) | undefined;
    const protocol = { handle: (scheme: string, h: typeof handler) => (scheme === 'app' ? (handler = h) : undefined) };
    handleAppProtocol(protocol as never, dir);
    if (handler === undefined) throw new Error('no handler registered for app://');

    const page = await handler({ url: 'app://evenkeys/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Evenkeys</title>');
    expect((await handler({ url: 'app://evenkeys/missing.js' })).status).toBe(404);
    expect((await handler({ url: 'app://evenkeys/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
    expect((await handler({ url: 'app://elsewhere/index.html' })).status).toBe(404);
    expect((await handler({ url: 'app://evenkeys/%E0%A4%A' })).status).toBe(404);
  });
});
