import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What the private Secret Service needs (see keyringWrapper); `.ci/run` installs them. */
const keyringCommands = ['dbus-run-session', 'gnome-keyring-daemon'];

/** Whether this machine can run a private Secret Service (see keyringWrapper). */
export const canRunKeyring = keyringCommands.every((command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0);

/** Why a test that needs the OS key store cannot run here, or null when it can. */
export const keyringMissing: string | null = canRunKeyring
  ? null
  : `No OS key store: ${keyringCommands.join(' and ')} are needed (Debian: apt-get install gnome-keyring libsecret-tools dbus-x11).`;

/**
 * Whether a test that needs the key store should be skipped: only where it is missing and
 * we are not in CI. In CI (env CI set) it runs, and fails, so a missing install step shows.
 */
export const skipWithoutKeyring = keyringMissing !== null && !process.env.CI;

/**
 * Runs a command inside its own D-Bus session with gnome-keyring's Secret Service unlocked
 * by a fixed password: a real, persistent OS key store on a headless machine. The keyring
 * file lives in $HOME/.local/share/keyrings, so a later session with the same HOME sees it.
 */
export function keyringWrapper(command: string[]): string[] {
  const script = 'echo -n palisade-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
  return ['dbus-run-session', '--', 'sh', '-c', script, 'sh', ...command];
}

/** The link in the host's "Palisade is running at …" line, in whatever language it speaks. */
const launchLinkLine = /\s(http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]+)$/gm;

export interface HostProcess {
  child: ChildProcess;
  /** The launch link printed at start: it works once, within two minutes. */
  launchUrl: string;
  port: number;
  /** Presses Enter in the host's terminal and resolves with the fresh link it prints. */
  freshLaunchUrl(): Promise<string>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the whole process group (the host, and the D-Bus session around it); resolves on exit. */
  stop(): Promise<number | NodeJS.Signals>;
}

/**
 * Starts `electron/host/cli.ts` as a user would, and waits for its one line. `args` go to
 * the CLI after `--no-open` (`--data-dir`, `--renderer-dir`, and whatever later issues add).
 */
export async function spawnHostCli(options: { args: string[]; env: NodeJS.ProcessEnv; keyring: boolean }): Promise<HostProcess> {
  if (options.keyring && keyringMissing) throw new Error(keyringMissing);
  const command = [process.execPath, '--import', 'tsx', 'electron/host/cli.ts', '--no-open', ...options.args];
  const [file, ...args] = options.keyring ? keyringWrapper(command) : command;
  // Its own process group, so stop() reaches the D-Bus session and keyring daemon too.
  // stdin is the host's terminal: a line there asks for a fresh launch link.
  const child = spawn(file!, args, { cwd: repoRoot, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin!.on('error', () => {}); // the host may be gone when a test writes to it
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already.
    }
  };
  try {
    const launchUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start:\n${err}`)), 30_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        // The line is in the app's language ("Palisade is running at …", "Palisade läuft unter …"): the link is what counts.
        const match = [...out.matchAll(launchLinkLine)][0];
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code}):\n${err}`));
      });
    });
    return {
      child,
      launchUrl,
      port: Number(new URL(launchUrl).port),
      stdout: () => out,
      async freshLaunchUrl() {
        const printed = [...out.matchAll(launchLinkLine)].length;
        child.stdin!.write('\n');
        const deadline = Date.now() + 10_000;
        for (;;) {
          const links = [...out.matchAll(launchLinkLine)];
          if (links.length > printed) return links.at(-1)![1]!;
          if (Date.now() > deadline) throw new Error(`the host printed no fresh link:\n${err}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stderr: () => err,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      },
    };
  } catch (error) {
    // A host that never printed its line must not outlive the attempt.
    signalGroup('SIGKILL');
    await exited;
    throw error;
  }
}
