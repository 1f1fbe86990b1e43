/**
 * The Electron transport, main side: one ipcMain.handle per API operation. Each handler first
 * checks that the message comes from the app's own page (the sender frame's URL), then hands the
 * untrusted input to dispatch, which validates it with the operation's schema.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { apiNames, IPC_CHANNEL_PREFIX } from '../../core/api/contract';
import type { ApiResult } from '../../core/api/errors';
import type { Dispatch } from '../backend/dispatch';
import { isAppUrl } from './origin';

/**
 * True when the IPC message comes from the app's own top-level page.
 *
 * @example isTrustedSender({ senderFrame: { url: 'app://evenkeys/index.html', parent: null } }) // => true
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  // A destroyed frame reads as null; an iframe (parent set) is never trusted, even same-origin.
  if (frame === null || frame === undefined) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

/**
 * Registers `evenkeys:NAME` for every operation in the contract and returns the channel names.
 *
 * @example registerApiHandlers(ipcMain, dispatch) // => ['evenkeys:listProfiles', ...]
 */
export function registerApiHandlers(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  /** Operations the shell answers itself (printReportPdf prints the sender's page), after the same sender check. */
  shellHandlers: Partial<Record<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<ApiResult>>> = {},
): string[] {
  return apiNames.map((name) => {
    const channel = `${IPC_CHANNEL_PREFIX}${name}`;
    ipcMain.handle(channel, async (event, input: unknown): Promise<ApiResult> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: `${name}: refused a message from a foreign frame` } };
      }
      const own = shellHandlers[name];
      return own ? own(event, input) : dispatch(name, input);
    });
    return channel;
  });
}
