/**
 * The Electron main process: a thin shell. It hardens every web contents, grants only Web MIDI
 * to the app's own origin, serves the built renderer on app://evenkeys/, opens the backend (the
 * same plain-Node code browser mode uses) and carries the API over IPC. Nothing else lives here.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../backend/backend';
import { moveDatabaseAside, StoreError } from '../store/index';
import type { Backend } from '../backend/backend';
import { hardenWebContents } from './harden';
import { registerApiHandlers } from './ipc';
import { printSenderToPdf } from './print-report';
import { APP_ENTRY_URL } from './origin';
import { installPermissionHandlers } from './permissions';
import { handleAppProtocol, registerAppSchemePrivileges } from './protocol';

/** dist/electron/shell when built; the renderer build sits in dist/renderer. */
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.EVENKEYS_RENDERER_DIR ?? join(here, '..', '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

let backend: Backend | undefined;

registerAppSchemePrivileges(protocol);
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  backend?.close();
  backend = undefined;
});

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 760,
    minHeight: 560,
    title: 'Evenkeys',
    show: false,
    backgroundColor: '#f6f5f2',
    // Written out literally (not built by a helper) so reviewers and electronegativity see it.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) could otherwise open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  // The page cannot say goodbye when its renderer crashes or is killed: end what it was
  // recording now (saved up to its last batch), instead of leaving it 'recording' until quit.
  window.webContents.on('render-process-gone', () => backend?.interruptRecordings());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/**
 * Opens the backend; a damaged or foreign database file is never touched without asking: the
 * user may start a new database, and the old file is then renamed aside, not deleted.
 */
async function openBackendOrExplain(): Promise<Backend | undefined> {
  const options = { dbPath: process.env.EVENKEYS_DB, appVersion: app.getVersion() };
  try {
    return await openBackend(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof StoreError && (error.code === 'corrupt' || error.code === 'foreign') && error.path !== undefined) {
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        message: 'Evenkeys cannot open its database',
        detail: `${message}\n\nStart a new, empty database? The old file is kept aside, untouched.`,
        buttons: ['Start a new database', 'Quit'],
        defaultId: 1,
        cancelId: 1,
      });
      if (choice === 0) {
        const aside = moveDatabaseAside(error.path);
        dialog.showErrorBox('Old database kept aside', `The old file is now ${aside}.`);
        return openBackend(options);
      }
      return undefined;
    }
    dialog.showErrorBox('Evenkeys cannot open its database', message);
    return undefined;
  }
}

/** Resolves once the window is up (tests with a mocked 'electron' await it). */
export const ready: Promise<void> = (async () => {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  installPermissionHandlers(session.defaultSession);
  handleAppProtocol(protocol, rendererDir);
  backend = await openBackendOrExplain();
  if (backend === undefined) {
    app.quit();
    return;
  }
  registerApiHandlers(ipcMain, backend.dispatch, { printReportPdf: (event, input) => printSenderToPdf(event, input) });
  createMainWindow();
  // Read-only media, an empty file set aside, a failed daily backup: said once, never fatal.
  const notices = backend.store.openReport.notices;
  if (notices.length > 0 && typeof dialog.showMessageBox === 'function') {
    void dialog.showMessageBox({ type: 'warning', message: 'Evenkeys', detail: notices.join('\n') });
  }
})();
