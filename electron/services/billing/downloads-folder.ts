import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The user's Downloads folder where there is no Electron to ask (the browser host): on
 * Linux the XDG user directory (`XDG_DOWNLOAD_DIR`, or the one `xdg-user-dirs` wrote into
 * `user-dirs.dirs`), else `~/Downloads` as on Windows and macOS.
 */
export function downloadsFolder(env: NodeJS.ProcessEnv = process.env, home: string = env.HOME ?? homedir()): string {
  const fromEnv = env.XDG_DOWNLOAD_DIR;
  if (fromEnv && isAbsolute(fromEnv)) return fromEnv;
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  try {
    const dirs = readFileSync(join(configHome, 'user-dirs.dirs'), 'utf8');
    const line = /^XDG_DOWNLOAD_DIR="([^"]+)"/m.exec(dirs)?.[1];
    if (line) {
      const path = line.replace(/^\$HOME/, home);
      if (isAbsolute(path)) return path;
    }
  } catch {
    // No user-dirs file: the usual place.
  }
  return join(home, 'Downloads');
}
