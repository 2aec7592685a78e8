import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartFile, setStartAtLogin, startsAtLogin } from '../../../../electron/services/login-item/xdg-autostart';

const homes: string[] = [];
afterEach(async () => {
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

describe('start at login on Linux (XDG autostart)', () => {
  it('writes ~/.config/autostart/palisade.desktop starting the AppImage hidden, owner-only, and removes it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'palisade-home-'));
    homes.push(home);
    const options = { exec: '/opt/My Apps/Palisade "x".AppImage', name: 'Palisade', env: {}, home };
    expect(await startsAtLogin(options)).toBe(false);

    await setStartAtLogin(true, options);
    const file = join(home, '.config', 'autostart', 'palisade.desktop');
    expect(autostartFile(options)).toBe(file);
    const entry = await readFile(file, 'utf8');
    expect(entry.split('\n')).toContain('Exec="/opt/My Apps/Palisade \\"x\\".AppImage" --hidden');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await startsAtLogin(options)).toBe(true);

    await setStartAtLogin(false, options);
    expect(await startsAtLogin(options)).toBe(false);
    await setStartAtLogin(false, options); // already off: no error
  });

  it('follows an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    expect(autostartFile({ env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/a' })).toBe('/xdg/autostart/palisade.desktop');
    expect(autostartFile({ env: { XDG_CONFIG_HOME: 'rel' }, home: '/home/a' })).toBe('/home/a/.config/autostart/palisade.desktop');
  });
});
