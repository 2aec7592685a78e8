import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { type HostProcess, spawnHostCli } from '../../support/host-cli';

/** The renderer `npm run build` leaves behind; the host serves it. */
export const builtRendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export interface HostOptions {
  /**
   * Run inside a private D-Bus session with gnome-keyring: a real OS key store, so a
   * session survives a restart. Without it the host keeps the session in memory only.
   */
  keyring?: boolean;
  /** More CLI arguments, e.g. `['--machine-seed', 'laptop-a']` to stand in for another computer. */
  args?: string[];
  /** HOME for the host (where the keyring file lives); a fresh folder by default. */
  home?: string;
  /** The host's data folder; `<home>/palisade` by default. */
  dataDir?: string;
  /** More environment, e.g. `PALISADE_DOWNLOAD_RATE` for a slow line. */
  env?: Record<string, string>;
}

/**
 * One installation of the app on one (pretend) computer: the browser host CLI with a
 * data folder and a HOME that stay the same across restarts, as on a real machine.
 */
export class AppHost {
  readonly home: string;
  readonly dataDir: string;
  readonly keyring: boolean;
  private readonly args: string[];
  private readonly env: Record<string, string>;
  private running: HostProcess | null = null;
  /** Whether this run's printed link was opened already: each link works once. */
  private printedLinkUsed = false;
  private startedAt = 0;
  /** stderr of every run so far, oldest first. */
  private earlierLogs = '';

  constructor(
    private readonly apiUrl: string,
    options: HostOptions & { home: string },
  ) {
    this.home = options.home;
    this.dataDir = options.dataDir ?? join(options.home, 'palisade');
    this.keyring = options.keyring ?? false;
    this.args = options.args ?? [];
    this.env = options.env ?? {};
  }

  /** Starts the host and waits for its `Palisade is running at …` line. */
  async start(): Promise<void> {
    if (this.running) throw new Error('this host is running already');
    if (!existsSync(join(builtRendererDir, 'index.html'))) {
      throw new Error(`No built renderer in ${builtRendererDir}: run \`npm run build\` (npm run test:e2e does).`);
    }
    await mkdir(this.dataDir, { recursive: true });
    this.printedLinkUsed = false;
    this.startedAt = Date.now();
    this.running = await spawnHostCli({
      args: ['--data-dir', this.dataDir, '--renderer-dir', builtRendererDir, ...this.args],
      env: {
        PATH: process.env.PATH,
        HOME: this.home,
        PALISADE_API_URL: this.apiUrl,
        ...this.env,
        // Never the desktop's own session bus: without the keyring wrapper there is no key store.
        ...(!this.keyring && { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }),
      },
      keyring: this.keyring,
    });
  }

  /** Stops the host (SIGTERM, as Ctrl-C would); a stopped host may be started again. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = null;
    await running.stop();
    this.earlierLogs += running.stderr();
  }

  /** Quits and starts again with the same data folder and key store: a new launch link. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** The link the host printed at start, with a launch secret that works once, within two minutes. */
  get launchUrl(): string {
    return this.current().launchUrl;
  }

  /** `http://127.0.0.1:<port>`: the app without a launch secret. */
  get origin(): string {
    return new URL(this.launchUrl).origin;
  }

  /**
   * What a person does: open the printed link in the browser; once that one is spent (or
   * close to its two minutes), press Enter in the host's terminal and open the fresh link.
   */
  async open(page: Page): Promise<void> {
    const printedStillGood = !this.printedLinkUsed && Date.now() - this.startedAt < 60_000;
    const url = printedStillGood ? this.launchUrl : await this.current().freshLaunchUrl();
    this.printedLinkUsed = true;
    await page.goto(url);
  }

  /** Everything the host wrote to stderr, across restarts. */
  logs(): string {
    return this.earlierLogs + (this.running?.stderr() ?? '');
  }

  /** What the host printed on stdout in this run: the link, and that it works once. */
  stdout(): string {
    return this.current().stdout();
  }

  private current(): HostProcess {
    if (!this.running) throw new Error('the host is not running');
    return this.running;
  }
}
