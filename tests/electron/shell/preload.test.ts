// The preload exposes one narrow function over IPC, and only for the contract's operations.
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL_PREFIX } from '../../../core/api/contract';

const exposed = vi.hoisted(() => ({ key: '', value: undefined as unknown, invoked: [] as Array<[string, unknown]> }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed.key = key;
      exposed.value = value;
    },
  },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      exposed.invoked.push([channel, input]);
      return Promise.resolve({ ok: true, value: [] });
    },
  },
}));

interface Bridge {
  transport: string;
  call(name: unknown, input: unknown): Promise<unknown>;
}

describe('preload', () => {
  it('exposes window.evenkeys.call, which invokes only contract channels', async () => {
    await import('../../../electron/shell/preload');
    expect(exposed.key).toBe('evenkeys');
    const bridge = exposed.value as Bridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'transport']);
    expect(await bridge.call('listProfiles', {})).toEqual({ ok: true, value: [] });
    expect(exposed.invoked).toEqual([[`${IPC_CHANNEL_PREFIX}listProfiles`, {}]]);

    for (const name of ['constructor', '__proto__', 'evenkeys:listProfiles', 'shell.openExternal', 42]) {
      expect(await bridge.call(name, {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
    expect(exposed.invoked).toHaveLength(1);
  });
});
