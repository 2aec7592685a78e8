import { describe, expect, it } from 'vitest';
import { userDataFolder } from '../../../shared/user-data-folder';

const appName = 'Palisade';

describe('the user-data folder', () => {
  it('is under APPDATA on Windows, or the roaming profile when APPDATA is missing', () => {
    const home = 'C:\\Users\\ann';
    expect(
      userDataFolder({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, home, appName }),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Palisade');
    expect(userDataFolder({ platform: 'win32', env: {}, home, appName })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Palisade',
    );
    expect(userDataFolder({ platform: 'win32', env: { APPDATA: '' }, home, appName })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Palisade',
    );
  });

  it('is in Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(userDataFolder({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/Users/ann', appName })).toBe(
      '/Users/ann/Library/Application Support/Palisade',
    );
  });

  it('is under XDG_CONFIG_HOME on Linux when that is an absolute path', () => {
    expect(userDataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/ann', appName })).toBe(
      '/xdg/Palisade',
    );
    expect(userDataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg/' }, home: '/home/ann', appName })).toBe(
      '/xdg/Palisade',
    );
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const env of [
      {},
      { XDG_CONFIG_HOME: '' },
      { XDG_CONFIG_HOME: 'relative/config' },
      { XDG_CONFIG_HOME: '~/.config' },
    ]) {
      expect(userDataFolder({ platform: 'linux', env, home: '/home/ann', appName }), JSON.stringify(env)).toBe(
        '/home/ann/.config/Palisade',
      );
    }
  });

  it('follows the Linux rule on the other Unix platforms too', () => {
    expect(userDataFolder({ platform: 'freebsd', env: {}, home: '/home/ann/', appName })).toBe(
      '/home/ann/.config/Palisade',
    );
    expect(userDataFolder({ platform: 'openbsd', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ann', appName })).toBe(
      '/cfg/Palisade',
    );
  });
});
