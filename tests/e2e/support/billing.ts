import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { AppShell, SignInPage } from './pages';
import { ActivateProductPage } from './pages/activate-product-page';
import type { ServiceData } from './product-keys';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The sandbox provider's test cards (docs/api.md "Plans, payment methods and invoices"). */
export const testCards = {
  succeeds: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declinedWhenAdded: '4000 0000 0000 0002',
  everyChargeDeclined: '4000 0000 0000 0341',
  insufficientFunds: '4000 0000 0000 9995',
} as const;

/** A card expiry a few years ahead, as "MM/YY". */
export function futureExpiry(): { typed: string; month: number; year: number } {
  const year = new Date().getUTCFullYear() + 4;
  return { typed: `08/${String(year).slice(2)}`, month: 8, year };
}

/** Billing set-up that is not under test, straight to the service's HTTP API as any client could. */
export class BillingSetup {
  private token = '';

  constructor(private readonly serviceUrl: string) {}

  async signIn(email: string, password: string): Promise<void> {
    const body = await this.call<{ accessToken: string }>('POST', '/v1/auth/login', { email, password }, 200, false);
    this.token = body.accessToken;
  }

  async subscriptions(): Promise<{ id: string; plan: string; expiresAt: string; autoRenew: boolean; seats: number }[]> {
    return this.call('GET', '/v1/subscriptions', undefined, 200);
  }

  async addCard(cardNumber: string, holder = 'Robin Fairweather'): Promise<{ id: string }> {
    const { month, year } = futureExpiry();
    return this.call('POST', '/v1/billing/payment-methods', { cardNumber, expMonth: month, expYear: year, cvc: '123', holder, country: 'DE' }, 201);
  }

  async renew(subscriptionId: string, paymentMethodId: string, termYears = 1): Promise<{ invoice: { id: string; number: string } }> {
    return this.call('POST', `/v1/subscriptions/${subscriptionId}/renew`, { termYears, paymentMethodId }, 200, true, {
      'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}`,
    });
  }

  async invoices(): Promise<{ id: string; number: string }[]> {
    return this.call('GET', '/v1/billing/invoices', undefined, 200);
  }

  private async call<T>(
    method: string,
    path: string,
    body: unknown,
    expected: number,
    auth = true,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(new URL(path, this.serviceUrl), {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(auth && { authorization: `Bearer ${this.token}` }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path} answered ${response.status}, not ${expected}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * `npm run server -- jobs run --now <time>` against the file's service, as an operator or
 * the scheduler would: the running service does the work (embedded database) or the
 * command claims it in PostgreSQL. Resolves to what it printed, one line per piece of work.
 */
export function runJobs(serviceData: ServiceData, now: Date): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'jobs', 'run', '--now', now.toISOString()], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...serviceData.env, DATA_DIR: serviceData.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`jobs run exited ${code}: ${err}`));
    });
  });
}

/** `qpdf --check` on a file: resolves to its output, rejects with it when the PDF is not sound. */
export function qpdfCheck(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('qpdf', ['--check', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`qpdf --check ${path} exited ${code}:\n${out}`));
    });
  });
}

/** Signs in through the app, activates a Palisade Essentials key and leaves the person on the dashboard. */
export async function signInWithEssentials(page: Page, key: string, person: { email: string; password: string; name: string }): Promise<void> {
  await new SignInPage(page).signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);
  await page.getByRole('link', { name: 'activate a product key' }).click();
  const activate = new ActivateProductPage(page);
  await activate.activateKey(key);
  await expect(activate.added).toHaveText('Palisade Essentials is now on your account');
}

/** The in-page measurement of what sticks out of the window (support/overflows.page.js), evaluated as it is. */
const overflowCollector = readFileSync(new URL('./overflows.page.js', import.meta.url), 'utf8');

/**
 * In a 320 px window (1280 px at 400 % zoom, WCAG 1.4.10) nothing of the screen as it is now
 * sticks out. `height`: a long dialog scrolls inside itself, and the collector counts what is
 * scrolled below its fold as cut, so tall dialogs are measured in a taller window.
 */
export async function expectFitsAt320(page: Page, screen: string, height = 640): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height });
  await page.waitForTimeout(200);
  expect(await page.evaluate(overflowCollector), `what sticks out of "${screen}" at 320 px`).toEqual([]);
  if (before) await page.setViewportSize(before);
}
