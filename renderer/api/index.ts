/**
 * The one `EvenkeysApi` object the UI uses. Inside Electron the preload has put a bridge on
 * window.evenkeys; in a browser there is none and the HTTP transport is used. Nothing else in
 * the renderer knows or cares which.
 */
import { createApiClient } from '../../core/api/client';
import type { EvenkeysApi } from '../../core/api/contract';
import { httpTransport } from './http-transport';

/** What electron/shell/preload.ts exposes. */
interface PreloadBridge {
  readonly transport: 'electron';
  call(name: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    evenkeys?: PreloadBridge;
  }
}

export type ApiTransportKind = 'electron' | 'http';

/** Which transport this page has (shown discreetly in the footer, useful in bug reports). */
export function transportKind(): ApiTransportKind {
  return window.evenkeys?.transport === 'electron' ? 'electron' : 'http';
}

let api: EvenkeysApi | undefined;

/**
 * @example const profiles = await getApi().listProfiles({});
 */
export function getApi(): EvenkeysApi {
  if (api === undefined) {
    const bridge = window.evenkeys;
    api = createApiClient(bridge !== undefined ? (name, input) => bridge.call(name, input) : httpTransport(window.location.origin));
  }
  return api;
}
