#!/usr/bin/env node
/**
 * `npm start [-- --browser] [-- --no-open]`: builds the app if needed, starts the account
 * service on the embedded database in the user data folder (with the demo account on
 * first run), then opens the desktop app — or, where the Electron binary is missing or
 * with --browser, the browser host. Ctrl-C stops everything it started.
 *
 * PALISADE_API_URL: use an account service that is already running instead of starting one.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const wantBrowser = args.has('--browser');
const noOpen = args.has('--no-open');
const isWindows = process.platform === 'win32';
const LISTENING_LINE = 'Palisade account service listening at';
const DEFAULT_PORT = 4600;

// The one rule for the user-data folder is TypeScript; tsx (which runs the service and the host) loads it here too.
const { userDataFolder } = await tsImport('../shared/user-data-folder.ts', import.meta.url);

/** Same folder as Electron's userData for "Palisade" and the service's default DATA_DIR parent. */
function userDataDir() {
  return userDataFolder({ platform: process.platform, env: process.env, home: homedir(), appName: 'Palisade' });
}

const say = (line) => process.stdout.write(`${line}\n`);
const warn = (line) => process.stderr.write(`${line}\n`);

// ---- processes we start, and stopping them -------------------------------------------

const children = new Set();

function start(command, commandArgs, options = {}) {
  // Own process group on POSIX, so a stop reaches npm's grandchildren too.
  const child = spawn(command, commandArgs, { cwd: root, detached: !isWindows, shell: isWindows && command.endsWith('.cmd'), ...options });
  children.add(child);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  void child.exited.then(() => children.delete(child));
  child.once('error', (error) => warn(`Could not start ${command}: ${error.message}`));
  return child;
}

function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  try {
    if (isWindows) spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
  return child.exited;
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // The app first (it may sign out on the way), then the service it talks to.
  const order = [...children].reverse();
  const force = setTimeout(() => order.forEach((c) => stop(c, 'SIGKILL')), 15_000);
  for (const child of order) await stop(child);
  clearTimeout(force);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(130));
process.on('SIGTERM', () => void stopAll(143));

// ---- build ---------------------------------------------------------------------------

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

async function buildIfStale() {
  const outputs = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'].map((p) => join(root, p));
  const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = ['renderer', 'shared', 'electron', 'electron.vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
  if (built > 0 && built >= Math.max(...sources)) return;
  say(built === 0 ? 'Building the app (first run)…' : 'Building the app (sources changed)…');
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = start(process.execPath, [cli, 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await build.exited;
  if (code !== 0) {
    warn(`The build failed (${code}). Run \`npm run build\` to see why.`);
    await stopAll(1);
  }
}

// ---- account service -----------------------------------------------------------------

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function isHealthy(url) {
  try {
    const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitForHealth(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isHealthy(url)) return true;
    if (child && child.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function startService() {
  if (process.env.PALISADE_API_URL) {
    const url = process.env.PALISADE_API_URL.replace(/\/+$/, '');
    if (!(await waitForHealth(url, null, 10_000))) warn(`The account service at ${url} does not answer yet; starting anyway.`);
    return url;
  }
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isHealthy(defaultUrl)) {
    say(`Using the account service already running at ${defaultUrl}.`);
    return defaultUrl;
  }

  const dataDir = join(userDataDir(), 'service');
  const logDir = join(userDataDir(), 'logs');
  // The database and its log hold accounts: only this user may read them, whatever the umask.
  for (const dir of [dataDir, logDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const seededMarker = join(dataDir, '.demo-seeded');
  const firstRun = !existsSync(seededMarker);
  const port = (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : 0;
  const logFile = join(logDir, 'service.log');
  const log = openSync(logFile, 'a', 0o600);
  chmodSync(logFile, 0o600);

  const npm = isWindows ? 'npm.cmd' : 'npm';
  const service = start(npm, ['run', 'server', '--', 'start', ...(firstRun ? ['--seed-demo'] : [])], {
    env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', log],
  });

  const url = await new Promise((resolve) => {
    let seen = '';
    service.stdout.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      // Pass the service's log on to its file; watch for the line that says where it listens.
      if (!stopping) writeFileSync(logFile, text, { flag: 'a' });
      seen += text;
      const match = new RegExp(`^${LISTENING_LINE} (\\S+)`, 'm').exec(seen);
      if (match) resolve(match[1]);
    });
    void service.exited.then(() => resolve(null));
  });
  if (!url || !(await waitForHealth(url, service))) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n') : '';
    warn(`The account service did not start. Its log (${logFile}) ends:\n${tail}`);
    await stopAll(1);
  }
  if (firstRun) writeFileSync(seededMarker, `${new Date().toISOString()}\n`);
  return url;
}

// ---- the app ---------------------------------------------------------------------------

/**
 * The Electron binary, without `require('electron')`: that would try to download it (and
 * fail offline). Null when it is not installed.
 */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function main() {
  await buildIfStale();
  const apiUrl = await startService();
  const electron = electronBinary();
  const env = { ...process.env, PALISADE_API_URL: apiUrl };

  let app;
  if (electron && !wantBrowser) {
    app = start(electron, ['.'], { env, stdio: 'inherit' });
    say(`Palisade is running (desktop app; account service at ${apiUrl}).`);
  } else {
    say(
      wantBrowser
        ? 'Opening Palisade in your browser (--browser).'
        : 'The Electron binary is not installed here, so Palisade opens in your browser instead.',
    );
    // The host prints `Palisade is running at <url>` itself, a link that works once.
    const hostArgs = ['--import', 'tsx', 'electron/host/cli.ts', '--api', apiUrl, ...(noOpen ? ['--no-open'] : [])];
    app = start(process.execPath, hostArgs, { env, stdio: ['pipe', 'inherit', 'inherit'] });
    // Enter here asks the host for a fresh link. The host runs in a process group of its own,
    // where reading the terminal would stop it, so this script reads it and passes it on.
    app.stdin.on('error', () => {});
    process.stdin.pipe(app.stdin);
  }
  const code = await app.exited;
  // The window was closed, or the host stopped: nothing is left to serve.
  await stopAll(typeof code === 'number' ? code : 0);
}

main().catch(async (error) => {
  warn(error instanceof Error ? error.message : String(error));
  await stopAll(1);
});
