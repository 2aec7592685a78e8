import { readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { userDataFolder } from '../../../shared/user-data-folder';

export const PRODUCT_NAME = 'Palisade';

export type SupportedPlatform = 'win32' | 'darwin' | 'linux';

export function supportedPlatform(platform: NodeJS.Platform = process.platform): SupportedPlatform {
  return platform === 'win32' || platform === 'darwin' ? platform : 'linux';
}

/**
 * The per-user data folder, where Electron's `app.getPath('userData')` puts it for a
 * product named Palisade: %APPDATA%\Palisade, ~/Library/Application Support/Palisade,
 * $XDG_CONFIG_HOME/Palisade (or ~/.config/Palisade).
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  return userDataFolder({ platform, env, home: homedir(), appName: PRODUCT_NAME });
}

/** The name this session gets in the account's session list; the service caps it at 64 characters. */
export function deviceName(host: 'electron' | 'browser'): string {
  const name = host === 'browser' ? `Palisade (browser) on ${hostname()}` : `Palisade on ${hostname()}`;
  return name.slice(0, 64);
}

/** The app version from package.json (the browser host has no `app.getVersion()`). */
export function packageVersion(packageJsonUrl: URL): string {
  try {
    const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
