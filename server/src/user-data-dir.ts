import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron uses as `app.getPath('userData')` for an app of this name, so the
 * service keeps its data beside the desktop app's (`<userData>/service`).
 */
export function userDataDir(
  appName: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName);
}
