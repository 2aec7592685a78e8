import type { LaunchOptions } from '@playwright/test';

/**
 * How the end-to-end tests and the benches start Chromium: Debian's own (no Playwright
 * browser download here), without a sandbox or GPU, and quiet on the network so only the
 * page under test makes requests.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
