/**
 * Which web permissions the renderer gets: 'midi' (to hear the keyboard) and nothing else, and
 * only for the app's own origin. 'midiSysex' is refused: Evenkeys never sends or needs SysEx, and
 * SysEx can rewrite a device's firmware settings.
 */
import type { Session } from 'electron';
import { isAppOrigin, isAppUrl } from './origin';

/** The only permission ever granted. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['midi']);

/**
 * The decision both handlers share.
 *
 * @example allowPermission('midi', 'app://evenkeys/index.html') // => true
 * @example allowPermission('midiSysex', 'app://evenkeys/index.html') // => false
 * @example allowPermission('midi', 'https://example.com/') // => false
 */
export function allowPermission(permission: string, requestingUrlOrOrigin: string | undefined | null): boolean {
  if (!GRANTED_PERMISSIONS.has(permission)) return false;
  return isAppUrl(requestingUrlOrOrigin) || isAppOrigin(requestingUrlOrOrigin);
}

/**
 * Installs the request handler (prompts: Web MIDI's requestMIDIAccess) AND the check handler
 * (navigator.permissions.query and Chromium's internal checks); Electron grants everything
 * unless both are set. Device pickers (HID, serial, USB) are refused outright.
 */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || webContents.getURL();
    callback(details.isMainFrame !== false && allowPermission(permission, url));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    if (details.embeddingOrigin !== undefined && !isAppOrigin(details.embeddingOrigin)) return false;
    return allowPermission(permission, details.requestingUrl ?? requestingOrigin);
  });
  session.setDevicePermissionHandler(() => false);
}
