import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { connectBrowserHost, type BrowserHostConnection } from '../../../shared/contract/browser-bridge';
import { asBridgeSocket } from './host-fixture';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Whether this machine can run a private Secret Service (see keyringWrapper). */
export const canRunKeyring = ['dbus-run-session', 'gnome-keyring-daemon'].every(
  (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0,
);

/**
 * Runs a command inside its own D-Bus session with gnome-keyring's Secret Service unlocked
 * by a fixed password: a real, persistent OS key store on a headless machine. The keyring
 * file lives in $HOME/.local/share/keyrings, so a later session with the same HOME sees it.
 */
export function keyringWrapper(command: string[]): string[] {
  const script = 'echo -n palisade-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
  return ['dbus-run-session', '--', 'sh', '-c', script, 'sh', ...command];
}

export interface HostProcess {
  child: ChildProcess;
  launchUrl: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the whole process group (the host, and the D-Bus session around it); resolves on exit. */
  stop(): Promise<number | NodeJS.Signals>;
}

/** Starts `electron/host/cli.ts` as a user would, and waits for its one line. */
export async function spawnHostCli(options: { args: string[]; env: NodeJS.ProcessEnv; keyring: boolean }): Promise<HostProcess> {
  const command = [process.execPath, '--import', 'tsx', 'electron/host/cli.ts', '--no-open', ...options.args];
  const [file, ...args] = options.keyring ? keyringWrapper(command) : command;
  const child = spawn(file!, args, { cwd: repoRoot, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${err}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /^Palisade is running at (http:\/\/127\.0\.0\.1:\d+\/launch\/\S+)$/m.exec(out);
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
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A browser that opened the launch link: the bridge, authorised. */
export async function openInBrowser(launchUrl: string): Promise<BrowserHostConnection> {
  const origin = new URL(launchUrl).origin;
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return connectBrowserHost({
    url: `${origin.replace('http', 'ws')}/bridge`,
    createSocket: (url) => asBridgeSocket(new WebSocket(url, { headers: { origin, cookie } })),
    checkAuthorised: async () => null,
    backoffBaseMs: 50,
  });
}
