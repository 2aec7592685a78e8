#!/usr/bin/env node
/**
 * `npm start [-- --browser] [-- --no-open]`: builds the app if needed, starts the account
 * service on the embedded database in the user data folder (with the demo account on
 * first run), then opens the desktop app — or, where the Electron binary is missing or
 * with --browser, the browser host. Ctrl-C stops everything it started.
 *
 * PALISADE_API_URL: use an account service that is already running instead of starting one.
 * PALISADE_SERVICE_PORT: where to start it (default 4600; a free port when that one is taken).
 * PALISADE_SKIP_BUILD=1: use out/ as it is (tests of this script, which must not rebuild the app).
 *
 * The terminal gets sentences from the desktop catalogue; the service's and the app's log
 * lines go to their log files only.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const wantBrowser = args.has('--browser');
const noOpen = args.has('--no-open');
const isWindows = process.platform === 'win32';
const LISTENING_LINE = 'Palisade account service listening at';
const DEFAULT_PORT = Number(process.env.PALISADE_SERVICE_PORT) || 4600;

// The one rule for the user-data folder is TypeScript; tsx (which runs the service and the host) loads it here too.
const { userDataFolder } = await tsImport('../shared/user-data-folder.ts', import.meta.url);
// What this script says is the app's voice: the desktop catalogue, in the host's language.
const { createDesktopI18n } = await tsImport('../electron/services/i18n/desktop-i18n.ts', import.meta.url);
const { environmentLanguages } = await tsImport('../electron/services/i18n/system-languages.ts', import.meta.url);
const { readSettings } = await tsImport('../electron/services/settings/settings-service.ts', import.meta.url);
const { createJsonFileStore } = await tsImport('../electron/services/storage/json-file-store.ts', import.meta.url);
const { DEMO_ACCOUNT } = await tsImport('../server/src/seed/demo-account.ts', import.meta.url);

/** Same folder as Electron's userData for "Palisade" and the service's default DATA_DIR parent. */
function userDataDir() {
  return userDataFolder({ platform: process.platform, env: process.env, home: homedir(), appName: 'Palisade' });
}

const hostDataDir = () => join(userDataDir(), 'browser-host');
// Settings → Language of the browser host, else the system's language.
const { t } = createDesktopI18n({
  choice: () => readSettings(createJsonFileStore(join(hostDataDir(), 'settings.json'))).language,
  systemLanguages: () => environmentLanguages(process.env),
});

const say = (line) => process.stdout.write(`${line}\n`);
const warn = (line) => process.stderr.write(`${line}\n`);

/**
 * A log line of the app or the browser host (`<ISO time> <level> [<scope>] …`): those belong
 * in their log files, which they write themselves, and never in the terminal.
 */
const LOG_LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z (debug|info|warn|error)\s+\[([^\]]*)\] /;
/** The host's warning that no OS key store answered (electron/host/keyring-vault.ts). */
const KEY_STORE_WARNING = /^\S+ warn\s+\[[^\]]*vault[^\]]*\] (no OS key store answered|the OS key store stopped answering)/;

/** Passes `stream`'s sentences on to `target`, and keeps log lines out of the terminal. */
function passSentences(stream, target) {
  let toldKeyStore = false;
  createInterface({ input: stream }).on('line', (line) => {
    if (KEY_STORE_WARNING.test(line)) {
      if (!toldKeyStore) warn(t('desktop.start.keyStoreMissing'));
      toldKeyStore = true;
    } else if (!LOG_LINE.test(line) && !/^\s*\{/.test(line)) {
      target.write(`${line}\n`);
    }
  });
}

// ---- processes we start, and stopping them -------------------------------------------

const children = new Set();

function start(command, commandArgs, options = {}) {
  // Own process group on POSIX, so a stop reaches npm's grandchildren too.
  const child = spawn(command, commandArgs, { cwd: root, detached: !isWindows, shell: isWindows && command.endsWith('.cmd'), ...options });
  children.add(child);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  void child.exited.then(() => children.delete(child));
  child.once('error', (error) => warn(t('desktop.start.couldNotRun', { command, reason: error.message })));
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
  if (process.env.PALISADE_SKIP_BUILD === '1') return;
  const outputs = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs'].map((p) => join(root, p));
  const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = ['renderer', 'shared', 'electron', 'electron.vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
  if (built > 0 && built >= Math.max(...sources)) return;
  say(t(built === 0 ? 'desktop.start.building' : 'desktop.start.rebuilding'));
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = start(process.execPath, [cli, 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await build.exited;
  if (code !== 0) {
    warn(t('desktop.start.buildFailed', { code: String(code) }));
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
    if (!(await waitForHealth(url, null, 10_000))) warn(t('desktop.start.serviceNotAnswering', { url }));
    return url;
  }
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isHealthy(defaultUrl)) {
    say(t('desktop.start.usingRunningService', { url: defaultUrl }));
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

  // The service itself, not npm around it: stopping then waits until it has closed its database.
  const cli = ['--import', 'tsx', 'server/src/cli.ts', 'start', ...(firstRun ? ['--seed-demo'] : [])];
  const service = start(process.execPath, cli, {
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
    warn(t('desktop.start.serviceFailed', { file: logFile, tail }));
    await stopAll(1);
  }
  if (firstRun) writeFileSync(seededMarker, `${new Date().toISOString()}\n`);
  say(t('desktop.start.serviceReady', { url }));
  say(t('desktop.start.dataFolder', { dir: dataDir }));
  const appLog = wantsElectron() ? join(logDir, 'palisade.log') : join(hostDataDir(), 'logs', 'palisade.log');
  say(t('desktop.start.logs', { serviceLog: logFile, appLog }));
  if (!process.env.SMTP_URL) say(t('desktop.start.outbox', { dir: join(dataDir, 'outbox') }));
  say(t('desktop.start.demoAccount', { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }));
  say(t('desktop.start.productKeys', { command: 'npm run server -- keys mint --plan family --years 1 --count 3' }));
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

const wantsElectron = () => electronBinary() !== null && !wantBrowser;

async function main() {
  await buildIfStale();
  const apiUrl = await startService();
  const electron = electronBinary();
  const env = { ...process.env, PALISADE_API_URL: apiUrl };

  let app;
  if (wantsElectron()) {
    app = start(electron, ['.'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    passSentences(app.stdout, process.stdout);
    passSentences(app.stderr, process.stderr);
    say(t('desktop.start.desktopApp'));
    say(t('desktop.start.howToStop'));
  } else {
    say(t(wantBrowser ? 'desktop.start.browserChosen' : 'desktop.start.noElectron'));
    say(t('desktop.start.howToStop'));
    // The host prints `Palisade is running at <url>` itself, a link that works once.
    const hostArgs = ['--import', 'tsx', 'electron/host/cli.ts', '--api', apiUrl, ...(noOpen ? ['--no-open'] : [])];
    app = start(process.execPath, hostArgs, { env, stdio: ['pipe', 'inherit', 'pipe'] });
    passSentences(app.stderr, process.stderr);
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
