// The Electron main process when the database cannot be opened: a damaged file is never touched
// without asking; if the user agrees it is renamed aside (not deleted) and a new one is opened.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  opens: 0,
  asked: [] as Array<{ buttons?: string[] }>,
  movedAside: [] as string[],
  errorBoxes: [] as string[],
  ipcChannels: [] as string[],
  quit: 0,
}));

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => {},
    on: () => {},
    quit: () => void (calls.quit += 1),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
  },
  BrowserWindow: class {
    readonly webContents = { on(): void {} };
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  },
  dialog: {
    showMessageBoxSync: (options: { buttons?: string[] }) => {
      calls.asked.push(options);
      return 0; // "Start a new database"
    },
    showErrorBox: (title: string) => void calls.errorBoxes.push(title),
  },
  ipcMain: { handle: (channel: string) => void calls.ipcChannels.push(channel) },
  protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {} } },
}));

vi.mock('../../../electron/store/index', async () => {
  const { StoreError } = await import('../../../electron/store/errors');
  return {
    StoreError,
    moveDatabaseAside: (path: string) => {
      calls.movedAside.push(path);
      return `${path}.corrupt-2026`;
    },
  };
});

vi.mock('../../../electron/backend/backend', async () => {
  const { StoreError } = await import('../../../electron/store/errors');
  return {
    openBackend: async () => {
      calls.opens += 1;
      if (calls.opens === 1) throw new StoreError('corrupt', '/data/evenkeys.sqlite is not a database.', { path: '/data/evenkeys.sqlite' });
      return { dispatch: async () => ({ ok: true, value: null }), store: { openReport: { notices: [] } }, close: () => {}, interruptRecordings: () => {} };
    },
  };
});

beforeAll(async () => {
  const main = await import('../../../electron/shell/main');
  await main.ready;
});

describe('electron main with a corrupt database', () => {
  it('asks, moves the old file aside, opens a new database and carries on', () => {
    expect(calls.asked).toHaveLength(1);
    expect(calls.asked[0]?.buttons).toEqual(['Start a new database', 'Quit']);
    expect(calls.movedAside).toEqual(['/data/evenkeys.sqlite']);
    expect(calls.opens).toBe(2);
    expect(calls.errorBoxes).toEqual(['Old database kept aside']);
    expect(calls.ipcChannels.length).toBeGreaterThan(0);
    expect(calls.quit).toBe(0);
  });
});
