import { describe, expect, it } from 'vitest';
import { dataDirectory, defaultDatabasePath } from '../../../electron/store/index';

describe('default database location', () => {
  it('follows each OS convention for per-user application data', () => {
    expect(defaultDatabasePath({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.local/share/evenkeys/evenkeys.sqlite');
    expect(dataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ana' }, home: '/home/ana' })).toBe('/data/ana/evenkeys');
    expect(dataDirectory({ platform: 'linux', env: { XDG_DATA_HOME: 'relative/ignored' }, home: '/home/ana' })).toBe('/home/ana/.local/share/evenkeys');
    expect(dataDirectory({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Evenkeys');
    expect(defaultDatabasePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' }))
      .toBe('C:\\Users\\ana\\AppData\\Roaming\\Evenkeys\\evenkeys.sqlite');
  });

  it('lets EVENKEYS_DB override the location', () => {
    expect(defaultDatabasePath({ platform: 'linux', env: { EVENKEYS_DB: '/tmp/x.sqlite' }, home: '/home/ana' })).toBe('/tmp/x.sqlite');
  });
});
