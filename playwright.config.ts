import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium';

/**
 * End-to-end tests drive the browser host in Debian's Chromium (no Playwright browser
 * download here), against the real account service and a loopback SMTP server
 * (tests/e2e/support/fixtures.ts). One worker: the machines have two cores, and each
 * test already runs a service, a host and a browser.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One line per test, ending with the "N passed (time)" summary, also when output is piped.
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
});
