import { app } from 'electron';
import { setStartAtLogin } from '../services/login-item/xdg-autostart';

/**
 * Settings → Start at login, glue only: Electron's login item on Windows and macOS, the XDG
 * autostart entry on Linux (written by the plain-Node service). Both start the app hidden.
 */
export async function applyStartAtLogin(on: boolean): Promise<void> {
  if (process.platform === 'linux') {
    await setStartAtLogin(on, { exec: process.env.APPIMAGE ?? process.execPath, name: app.getName() });
    return;
  }
  app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] });
}
