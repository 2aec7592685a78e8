/**
 * The browser host: Palisade in your browser, for machines without the Electron binary
 * and for end-to-end tests.
 *
 *   node --import tsx electron/host/cli.ts [--port N] [--api URL] [--data-dir DIR] [--machine-seed TEXT] [--no-open]
 *
 * Prints on stdout `Palisade is running at <launch url>` and a line that says the link
 * works once, for two minutes; logs go to stderr. Each line read on stdin (Enter, in a
 * terminal) prints a fresh link, and opens it unless --no-open. PALISADE_API_URL sets the account service (default http://127.0.0.1:4600),
 * PALISADE_LOG_LEVEL the log level. SIGINT/SIGTERM shut it down cleanly.
 *
 * The data folder keeps this computer's fingerprint cache, pinned licence key and last
 * lease (`this-computer.json`) and what was set in Settings (`settings.json`), so a restart
 * keeps them; the log goes to `logs/palisade.log` there too. The host's own text follows
 * Settings → Language, or for "same as the system" LC_ALL / LC_MESSAGES / LANGUAGE / LANG.
 *
 * `--machine-seed TEXT` (or PALISADE_MACHINE_SEED) makes the host act as a made-up
 * computer: its fingerprint components are derived from TEXT instead of read from this
 * machine's hardware. Two hosts with different seeds (and data folders) on one machine are
 * then two computers to the account service: that is what end-to-end tests and demos of
 * "move protection to a new computer" need. The same seed is always the same computer.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppServices, DEFAULT_API_URL } from '../services/app-services';
import { createDesktopI18n } from '../services/i18n/desktop-i18n';
import { environmentLanguages } from '../services/i18n/system-languages';
import { openLogFile } from '../services/log/log-file';
import { createLogger, logLevelFromEnv, stderrAndFile } from '../services/log/logger';
import { packageVersion, supportedPlatform, userDataDir } from '../services/platform/app-identity';
import { readSettings } from '../services/settings/settings-service';
import { createJsonFileStore } from '../services/storage/json-file-store';
import { serviceUrlProblem } from '../services/security/service-url';
import { type BrowserHost, startBrowserHost } from './host-server';
import { openHostStore } from './host-store';
import { openKeyringVault } from './keyring-vault';
import { openInBrowser } from './open-browser';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    api: { type: 'string' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string' },
    'machine-seed': { type: 'string' },
    'no-open': { type: 'boolean', default: false },
  },
  strict: true,
});

const dataDir = resolve(values['data-dir'] ?? join(userDataDir(), 'browser-host'));
// The session's cache and this computer's lease: only this user may read them.
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
chmodSync(dataDir, 0o700);
const logFile = openLogFile({ dir: join(dataDir, 'logs') });
const logger = createLogger({
  scope: 'host',
  level: logLevelFromEnv(process.env.PALISADE_LOG_LEVEL),
  write: stderrAndFile(logFile),
});
const settingsStore = createJsonFileStore(join(dataDir, 'settings.json'));
const systemLanguages = () => environmentLanguages(process.env);
// What the host says before its services exist, in the same language they will speak.
const { t } = createDesktopI18n({ choice: () => readSettings(settingsStore).language, systemLanguages });

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(t('desktop.host.badPort', { value: String(values.port) }));
const apiBaseUrl = values.api ?? process.env.PALISADE_API_URL ?? DEFAULT_API_URL;
const apiUrlProblem = serviceUrlProblem(apiBaseUrl);
if (apiUrlProblem) fail(t(apiUrlProblem, { url: apiBaseUrl }));
const machineSeed = values['machine-seed'] ?? process.env.PALISADE_MACHINE_SEED;
if (machineSeed !== undefined && machineSeed.trim() === '') fail(t('desktop.host.emptySeed'));
if (machineSeed !== undefined)
  logger.info("acting as a synthetic computer derived from --machine-seed (not this machine's hardware)");
const rendererDir = resolve(values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer', import.meta.url)));

// One key store entry per data folder and service: two hosts never share a session.
const vaultAccount = `session-${createHash('sha256').update(`${dataDir}\n${apiBaseUrl}`).digest('hex').slice(0, 16)}`;
const vault = await openKeyringVault({ account: vaultAccount, logger: logger.child('vault') });

const services = createAppServices({
  apiBaseUrl,
  vault,
  logger,
  store: openHostStore(dataDir),
  settingsStore,
  systemLanguages,
  logFile: logFile.path,
  ...(machineSeed !== undefined && { machineSeed }),
  appInfo: {
    version: packageVersion(new URL('../../package.json', import.meta.url)),
    platform: supportedPlatform(),
    host: 'browser',
  },
  openExternal: async (url) => {
    if (!(await openInBrowser(url))) logger.warn('could not open a browser for a link');
  },
  // A slow line on purpose (PALISADE_DOWNLOAD_RATE, bytes a second): demos and tests of pausing a download.
  ...(Number(process.env.PALISADE_DOWNLOAD_RATE) > 0 && { downloadBytesPerSecond: Number(process.env.PALISADE_DOWNLOAD_RATE) }),
});
services.start();

let host: BrowserHost;
try {
  host = await startBrowserHost({
    dispatcher: services.dispatcher,
    events: services.events,
    rendererDir,
    port,
    logger,
  });
} catch (error) {
  services.stop();
  fail(services.i18n.t('desktop.host.startFailed', { reason: error instanceof Error ? error.message : String(error) }));
}

async function offer(url: string) {
  process.stdout.write(`${services.i18n.t('desktop.host.running', { url })}\n${services.i18n.t('desktop.host.launchLinkOnce')}\n`);
  if (!values['no-open'] && !(await openInBrowser(url))) logger.warn('could not open a browser; open the link above yourself');
}
await offer(host.launchUrl);

// Enter in the terminal: a fresh link for a tab whose link was spent or expired.
// Backgrounded in a shell, reading the terminal would stop the process (SIGTTIN); with a
// handler the read fails instead, and the host goes on without fresh links.
process.on('SIGTTIN', () => {});
process.stdin.on('error', () => process.stdin.destroy());
createInterface({ input: process.stdin }).on('line', () => void offer(host.newLaunchUrl()));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  const timer = setTimeout(() => process.exit(1), 5_000);
  timer.unref();
  await host.close();
  services.stop();
  logFile.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
