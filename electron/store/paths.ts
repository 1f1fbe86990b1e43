/**
 * Where the database lives by default: the OS's per-user application-data folder, the same
 * place Electron's app.getPath('userData') points to (computed here without Electron so the CLI,
 * tests and browser mode agree with the app).
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const DATABASE_FILE_NAME = 'evenkeys.sqlite';

export interface PlatformInfo {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const currentPlatform = (): PlatformInfo => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * The per-user data folder for Evenkeys.
 *
 * @example dataDirectory({ platform: 'linux', env: {}, home: '/home/ana' })
 *   // => '/home/ana/.local/share/evenkeys'
 */
export function dataDirectory(info: PlatformInfo = currentPlatform()): string {
  const { platform, env, home } = info;
  const join = platform === 'win32' ? win32.join : posix.join;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Evenkeys');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Evenkeys');
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'evenkeys');
}

/**
 * The database file used when no path is given. EVENKEYS_DB overrides it (handy for scripts).
 *
 * @example defaultDatabasePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })
 *   // => 'C:\\Users\\ana\\AppData\\Roaming\\Evenkeys\\evenkeys.sqlite' (on Windows)
 */
export function defaultDatabasePath(info: PlatformInfo = currentPlatform()): string {
  const override = info.env.EVENKEYS_DB;
  if (override) return override;
  const join = info.platform === 'win32' ? win32.join : posix.join;
  return join(dataDirectory(info), DATABASE_FILE_NAME);
}
