/**
 * The Electron transport, renderer side. Runs sandboxed with context isolation: the page gets
 * exactly one function, `window.evenkeys.call(name, input)`, restricted to the contract's
 * operation names, never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL_PREFIX, isApiName } from '../../core/api/contract';

contextBridge.exposeInMainWorld('evenkeys', {
  transport: 'electron',
  call(name: unknown, input: unknown): Promise<unknown> {
    if (typeof name !== 'string' || !isApiName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'not-found', message: `Unknown API operation "${String(name)}".` } });
    }
    return ipcRenderer.invoke(`${IPC_CHANNEL_PREFIX}${name}`, input);
  },
});
