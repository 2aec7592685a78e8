/**
 * Playwright fixtures for the end-to-end specs: the real account service (a child process,
 * on a fresh PGlite folder, or a fresh PostgreSQL database when DATABASE_URL is set), a
 * loopback SMTP server that keeps every mail, and browser hosts started as a person would.
 *
 *   import { expect, test } from './support/fixtures';
 *   test('…', async ({ page, launchHost, smtp, accounts }) => {
 *     const host = await launchHost({ keyring: true });
 *     await host.open(page);
 *   });
 *
 * The service and the mailbox are shared by the tests of a worker (so specs use their own
 * accounts, see newPerson); `test.use({ serviceEnv: { … } })` in a file gives it a service
 * of its own. Hosts belong to one test. Everything is stopped in teardown, also on failure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { keyringMissing } from '../../support/host-cli';
import { type ServiceEnv, spawnService, type SpawnedService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';
import { Accounts } from './accounts';
import { AppHost, type HostOptions } from './app-host';

export { expect } from '@playwright/test';

export interface WorkerFixtures {
  /** Extra environment for the account service (an option: `test.use({ serviceEnv })`). */
  serviceEnv: ServiceEnv;
  /** Extra arguments to `server/src/cli.ts start`, e.g. `['--seed-demo']` (an option). */
  serviceArgs: string[];
  smtp: SmtpCapture;
  service: SpawnedService;
}

export interface TestFixtures {
  /**
   * Starts a browser host pointed at the service. Each call is another installation (its
   * own HOME and data folder unless given), so two can run at once; `host.restart()` keeps
   * both. `keyring: true` needs gnome-keyring: the test is skipped where it is missing,
   * except in CI (env CI set), where it fails so a missing install step cannot hide.
   */
  launchHost(options?: HostOptions): Promise<AppHost>;
  /** Account set-up through the service's HTTP API, for tests about something else. */
  accounts: Accounts;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serviceEnv: [{}, { scope: 'worker', option: true }],
  serviceArgs: [[], { scope: 'worker', option: true }],

  smtp: [
    // Playwright reads the fixtures a function needs from its first parameter's pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const smtp = await startSmtpCapture();
      try {
        await use(smtp);
      } finally {
        await smtp.stop();
      }
    },
    { scope: 'worker' },
  ],

  service: [
    async ({ smtp, serviceEnv, serviceArgs }, use) => {
      const service = await spawnService({ env: { SMTP_URL: smtp.url, ...serviceEnv }, args: serviceArgs });
      try {
        await use(service);
      } finally {
        await service.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  accounts: async ({ service, smtp }, use) => {
    await use(new Accounts(service.url, smtp));
  },

  launchHost: async ({ service }, use, testInfo) => {
    const hosts: AppHost[] = [];
    const ownedDirs: string[] = [];
    try {
      await use(async (options = {}) => {
        if (options.keyring && keyringMissing) {
          if (!process.env.CI) testInfo.skip(true, keyringMissing);
          throw new Error(`${keyringMissing} .ci/run installs them.`);
        }
        let home = options.home;
        if (!home) {
          home = await mkdtemp(join(tmpdir(), 'palisade-e2e-home-'));
          ownedDirs.push(home);
        }
        const host = new AppHost(service.url, { ...options, home });
        hosts.push(host);
        await host.start();
        return host;
      });
    } finally {
      // Hosts first (they hold the folders open), then the folders; one failure does not stop the rest.
      await Promise.allSettled(hosts.map((host) => host.stop()));
      const failed = testInfo.status !== testInfo.expectedStatus;
      for (const [index, host] of hosts.entries()) {
        const logs = host.logs();
        if (failed && logs) await testInfo.attach(`host-${index + 1}.log`, { body: logs, contentType: 'text/plain' });
      }
      await Promise.allSettled(ownedDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    }
  },
});
