/** What the user-data folder depends on; the caller reads them from `process` and `os`. */
export interface UserDataFolderInput {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The home directory (`os.homedir()`). */
  home: string;
  appName: string;
}

/**
 * The per-user folder of an app, where Electron's `app.getPath('userData')` puts it, so the
 * desktop app, the browser host and the account service started beside them agree:
 * `%APPDATA%\<app>` on Windows, `~/Library/Application Support/<app>` on macOS, and
 * `$XDG_CONFIG_HOME/<app>` elsewhere, falling back to `~/.config/<app>` when the variable
 * is unset, empty or not an absolute path (the XDG Base Directory rule).
 */
export function userDataFolder({ platform, env, home, appName }: UserDataFolderInput): string {
  if (platform === 'win32') return joinPath('\\', env.APPDATA || joinPath('\\', home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return joinPath('/', home, 'Library', 'Application Support', appName);
  const xdgConfigHome = env.XDG_CONFIG_HOME;
  const configHome = xdgConfigHome?.startsWith('/') ? xdgConfigHome : joinPath('/', home, '.config');
  return joinPath('/', configHome, appName);
}

/** Joins path parts with one separator between them (no `node:path` here: shared code runs anywhere). */
function joinPath(separator: '/' | '\\', first: string, ...rest: string[]): string {
  const trailing = separator === '\\' ? /[\\/]+$/ : /\/+$/;
  return [first.replace(trailing, ''), ...rest].join(separator);
}
