// The Electron shell with 'electron' mocked: what main registers, and how it decides.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiNames, IPC_CHANNEL_PREFIX } from '../../../core/api/contract';
import type { ApiResult } from '../../../core/api/errors';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const appListeners = new Map<string, Listener>();
  const windows: Array<{ options: Record<string, unknown>; loadedUrl?: string; contentsListeners: Map<string, Listener> }> = [];
  const interruptions: number[] = [];
  const permission: { request?: Listener; check?: Listener; device?: Listener } = {};
  const schemes: unknown[] = [];
  return { ipcHandlers, appListeners, windows, permission, schemes, interruptions };
});

vi.mock('electron', () => {
  class BrowserWindow {
    readonly record: { options: Record<string, unknown>; loadedUrl?: string; contentsListeners: Map<string, Listener> };
    readonly webContents: { on: (name: string, listener: Listener) => void };
    constructor(options: Record<string, unknown>) {
      this.record = { options, contentsListeners: new Map() };
      const listeners = this.record.contentsListeners;
      this.webContents = { on: (name, listener) => void listeners.set(name, listener) };
      electron.windows.push(this.record);
    }
    once(): void {}
    show(): void {}
    loadURL(url: string): Promise<void> {
      this.record.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      enableSandbox: vi.fn(),
      on: (name: string, listener: Listener) => electron.appListeners.set(name, listener),
      quit: vi.fn(),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1) },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => electron.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
      handle: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (electron.permission.request = handler),
        setPermissionCheckHandler: (handler: Listener) => (electron.permission.check = handler),
        setDevicePermissionHandler: (handler: Listener) => (electron.permission.device = handler),
      },
    },
  };
});

const createProfileCalls: unknown[] = [];
vi.mock('../../../electron/backend/backend', async () => {
  const { createDispatch } = await import('../../../electron/backend/dispatch');
  const { stubHandlers } = await import('./stub-handlers');
  const handlers = stubHandlers({
    createProfile: (input) => {
      createProfileCalls.push(input);
      return { id: 1, name: input.name, handSpanCm: null, createdAt: '2026-11-24T00:00:00.000Z' };
    },
  });
  return {
    openBackend: async () => ({
      dispatch: createDispatch(handlers, () => {}),
      dbPath: ':memory:',
      store: { openReport: { notices: [] } },
      close: () => {},
      interruptRecordings: () => void electron.interruptions.push(Date.now()),
    }),
  };
});

const APP_PAGE = 'app://evenkeys/index.html';
const fromFrame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

async function invoke(name: string, event: unknown, input: unknown): Promise<ApiResult> {
  const handler = electron.ipcHandlers.get(`${IPC_CHANNEL_PREFIX}${name}`);
  if (handler === undefined) throw new Error(`no handler for ${name}`);
  return (await handler(event, input)) as ApiResult;
}

beforeAll(async () => {
  const main = await import('../../../electron/shell/main');
  await main.ready;
});

describe('electron main', () => {
  it('registers one IPC handler per API operation, and nothing else', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(apiNames.map((name) => `${IPC_CHANNEL_PREFIX}${name}`).sort());
    expect(apiNames.length).toBeGreaterThanOrEqual(15);
  });

  it('printReportPdf: the shell prints the app page itself with webContents.printToPDF (A4, backgrounds); foreign frames refused', async () => {
    const calls: unknown[] = [];
    const sender = { printToPDF: async (options: unknown) => (calls.push(options), Buffer.from('%PDF-1.7 fake report')) };
    const result = await invoke('printReportPdf', { ...fromFrame(APP_PAGE), sender }, { profileId: 1 });
    expect(result.ok).toBe(true);
    if (result.ok) {
      const file = result.value as { mimeType: string; encoding: string; content: string; fileName: string };
      expect(file).toMatchObject({ mimeType: 'application/pdf', encoding: 'base64' });
      expect(Buffer.from(file.content, 'base64').toString()).toBe('%PDF-1.7 fake report');
      expect(file.fileName).toMatch(/^evenkeys-progress-\d{4}-\d\d-\d\d\.pdf$/);
    }
    expect(calls).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    const foreign = await invoke('printReportPdf', { ...fromFrame('https://evil.example/'), sender }, { profileId: 1 });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await invoke('printReportPdf', { ...fromFrame(APP_PAGE), sender }, { profileId: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const failing = { printToPDF: async () => Promise.reject(new Error('renderer gone')) };
    expect(await invoke('printReportPdf', { ...fromFrame(APP_PAGE), sender: failing }, { profileId: 1 })).toMatchObject({ ok: false, error: { code: 'internal', message: 'printing the report failed: renderer gone' } });
    expect(calls).toHaveLength(1);
  });

  it('passes a valid call from the app page to the backend', async () => {
    const result = await invoke('createProfile', fromFrame(APP_PAGE), { name: 'Ana' });
    expect(result).toEqual({ ok: true, value: { id: 1, name: 'Ana', handSpanCm: null, createdAt: '2026-11-24T00:00:00.000Z' } });
  });

  it('rejects invalid input before the backend sees it', async () => {
    const before = createProfileCalls.length;
    for (const input of [{ name: '' }, { name: 42 }, { name: 'Ana', extra: true }, null, 'Ana']) {
      const result = await invoke('createProfile', fromFrame(APP_PAGE), input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-input');
    }
    const batch = await invoke('appendMidi', fromFrame(APP_PAGE), { sessionId: 1, messages: [{ bytes: [300], timeMs: 1 }] });
    expect(batch.ok).toBe(false);
    expect(createProfileCalls.length).toBe(before);
  });

  it('rejects messages from a foreign sender frame', async () => {
    const before = createProfileCalls.length;
    const foreign = [
      fromFrame('https://evil.example/'),
      fromFrame('file:///etc/passwd'),
      fromFrame('app://evenkeys.evil.example/index.html'),
      fromFrame('app://evenkeys/index.html', { url: APP_PAGE }), // an iframe, even same-origin
      { senderFrame: null },
      {},
    ];
    for (const event of foreign) {
      const result = await invoke('createProfile', event, { name: 'Mallory' });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('foreign frame') } });
    }
    expect(createProfileCalls.length).toBe(before);
  });

  it('creates the window with the security checklist web preferences and loads the app origin', () => {
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0];
    const prefs = window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(window?.loadedUrl).toBe(APP_PAGE);
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('hardens every web contents: navigation, redirects, webviews and window.open are blocked', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    };
    electron.appListeners.get('web-contents-created')?.({}, contents);
    const navigate = (name: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      listeners.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', APP_PAGE)).toBe(false);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-frame-navigate', APP_PAGE)).toBe(false);
    expect(navigate('will-attach-webview', APP_PAGE)).toBe(true);
    expect(openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: APP_PAGE })).toEqual({ action: 'deny' });
  });
});

describe('a renderer that dies mid-recording', () => {
  it('ends the live recordings as interrupted instead of leaving them recording until quit', () => {
    const window = electron.windows[0];
    const gone = window?.contentsListeners.get('render-process-gone');
    expect(gone).toBeTypeOf('function');
    gone?.({}, { reason: 'crashed', exitCode: 1 });
    expect(electron.interruptions).toHaveLength(1);
  });
});

describe('permission handlers', () => {
  const request = (permission: string, requestingUrl: string, isMainFrame = true) =>
    new Promise<boolean>((resolve) => {
      electron.permission.request?.({ getURL: () => requestingUrl }, permission, resolve, { requestingUrl, isMainFrame });
    });
  const check = (permission: string, origin: string, details: Record<string, unknown> = {}) =>
    electron.permission.check?.(null, permission, origin, { isMainFrame: true, requestingUrl: `${origin}/index.html`, ...details });

  it('grants midi to the app origin only', async () => {
    expect(await request('midi', APP_PAGE)).toBe(true);
    expect(await request('midi', 'https://evil.example/')).toBe(false);
    expect(await request('midi', 'http://127.0.0.1:8080/')).toBe(false);
    expect(await request('midi', APP_PAGE, false)).toBe(false);
    expect(check('midi', 'app://evenkeys')).toBe(true);
    expect(check('midi', 'https://evil.example')).toBe(false);
    expect(check('midi', 'app://evenkeys', { embeddingOrigin: 'https://evil.example' })).toBe(false);
  });

  it('refuses sysex and every other permission, even for the app origin', async () => {
    for (const permission of ['midiSysex', 'media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown']) {
      expect(await request(permission, APP_PAGE)).toBe(false);
      expect(check(permission, 'app://evenkeys')).toBe(false);
    }
    expect(electron.permission.device?.({ deviceType: 'hid', origin: 'app://evenkeys' })).toBe(false);
  });
});
