import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Start at login on Linux: an XDG autostart entry (`~/.config/autostart/<id>.desktop`, or
 * under $XDG_CONFIG_HOME), which desktops read at login. Electron's setLoginItemSettings does
 * this on Windows and macOS only. `--hidden` starts Palisade in the tray, not with a window.
 */
export interface AutostartOptions {
  /** The command that starts the app: the AppImage's path ($APPIMAGE) when it runs from one. */
  exec: string;
  name: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export const autostartFile = ({ env = process.env, home = homedir() }: Pick<AutostartOptions, 'env' | 'home'> = {}): string =>
  join(env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config'), 'autostart', 'palisade.desktop');

/** The Desktop Entry's Exec quoting: a path with spaces or quotes stays one argument. */
const quoted = (path: string) => `"${path.replace(/(["`$\\])/g, '\\$1')}"`;

export function autostartEntry(options: Pick<AutostartOptions, 'exec' | 'name'>): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${options.name.replace(/[\r\n]/g, ' ')}`,
    `Exec=${quoted(options.exec)} --hidden`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export async function setStartAtLogin(on: boolean, options: AutostartOptions): Promise<void> {
  const file = autostartFile(options);
  if (!on) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  await writeFile(file, autostartEntry(options), { mode: 0o600 });
}

export async function startsAtLogin(options: Pick<AutostartOptions, 'env' | 'home'> = {}): Promise<boolean> {
  try {
    return (await readFile(autostartFile(options), 'utf8')).includes('[Desktop Entry]');
  } catch {
    return false;
  }
}
