import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
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

/** The app version from package.json (the browser host has no `app.getVersion()`). */
export function packageVersion(packageJsonUrl: URL): string {
  try {
    const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
