import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../shared/api/billing';
import type { Subscription } from '../../../shared/api/subscriptions';
import { AppFailure } from '../../../shared/errors';
import { ApiFailure } from '../../../electron/services/api/api-failure';
import type { SubscriptionsApi } from '../../../electron/services/api/subscriptions-api';
import type { BillingApi } from '../../../electron/services/billing/billing-api';
import { createBillingService } from '../../../electron/services/billing/billing-service';
import { downloadsFolder } from '../../../electron/services/billing/downloads-folder';
import { createInvoiceFiles } from '../../../electron/services/billing/invoice-files';
import { createRetryKeys } from '../../../electron/services/billing/retry-keys';
import { createLogger } from '../../../electron/services/log/logger';

const pdf = Buffer.from('%PDF-1.7\n% a small stand-in\n%%EOF\n');
const invoice: Invoice = {
  id: 'inv-1',
  number: 'PAL-2026-000042',
  issuedAt: '2026-12-02T10:00:00.000Z',
  subscriptionId: 'sub-1',
  kind: 'renewal',
  description: 'Palisade Family, 5 devices, 1 year',
  plan: 'family',
  seats: 5,
  termYears: 1,
  expiresAt: '2028-03-03T09:00:00.000Z',
  amount: 5999,
  taxAmount: 958,
  taxRate: 19,
  currency: 'EUR',
  paymentMethod: { brand: 'visa', last4: '4242' },
};
const subscription = {
  id: 'sub-1',
  plan: 'family',
  planName: 'Palisade Family',
  seats: 5,
  seatsUsed: 0,
  status: 'active',
  startsAt: '2026-03-03T09:00:00.000Z',
  expiresAt: '2027-03-03T09:00:00.000Z',
  autoRenew: false,
  paymentMethodId: null,
  renewsAt: null,
  renewal: null,
  termYears: 1,
} satisfies Subscription;

const offline = () => new ApiFailure({ code: 'NETWORK_OFFLINE', message: 'offline' });
const declined = () =>
  new ApiFailure({ code: 'PAYMENT_DECLINED', message: 'declined', details: { reason: 'card_declined' } }, 402);

describe('idempotency keys for charges', () => {
  it('keeps the key while the same charge is retried after a lost answer, and makes a new one after an answer', async () => {
    let n = 0;
    const keys = createRetryKeys(() => `key-${++n}`);
    const sent: string[] = [];
    const request = { renew: 'sub-1', termYears: 1, paymentMethodId: 'pm-1' };
    await expect(keys.run(request, async (key) => (sent.push(key), Promise.reject(offline())))).rejects.toThrow();
    await expect(keys.run(request, async (key) => (sent.push(key), Promise.reject(offline())))).rejects.toThrow();
    await keys.run(request, async (key) => sent.push(key));
    await keys.run(request, async (key) => sent.push(key));
    expect(sent).toEqual(['key-1', 'key-1', 'key-1', 'key-2']);
    expect(keys.pending).toBe(0);
  });

  it('makes a new key after a refusal (the service replays a refusal for its key), and per request', async () => {
    let n = 0;
    const keys = createRetryKeys(() => `key-${++n}`);
    const sent: string[] = [];
    const one = { renew: 'sub-1', termYears: 1, paymentMethodId: 'pm-1' };
    await expect(keys.run(one, async (key) => (sent.push(key), Promise.reject(declined())))).rejects.toThrow();
    await expect(keys.run(one, async (key) => (sent.push(key), Promise.reject(offline())))).rejects.toThrow();
    await keys.run({ ...one, paymentMethodId: 'pm-2' }, async (key) => sent.push(key));
    expect(sent).toEqual(['key-1', 'key-2', 'key-3']);
  });
});

describe('invoice files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-invoices-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves as Palisade-invoice-<number>.pdf for this user only, reuses the same bytes, and never overwrites another file', async () => {
    const downloads = join(dir, 'Downloads');
    const files = createInvoiceFiles(() => downloads);
    const first = await files.save(invoice.number, pdf);
    expect(first.fileName).toBe('Palisade-invoice-PAL-2026-000042.pdf');
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect((await stat(downloads)).mode & 0o777).toBe(0o700);
    expect(await files.save(invoice.number, pdf)).toEqual(first);
    await writeFile(first.path, '%PDF-1.7 something else');
    const second = await files.save(invoice.number, pdf);
    expect(second.fileName).toBe('Palisade-invoice-PAL-2026-000042 (2).pdf');
    expect(await readFile(second.path)).toEqual(pdf);
  });

  it('refuses what is not a PDF, and keeps a hostile number out of the path', async () => {
    const files = createInvoiceFiles(() => dir);
    await expect(files.save(invoice.number, Buffer.from('<html>proxy</html>'))).rejects.toBeInstanceOf(AppFailure);
    const saved = await files.save('../../etc/PAL-2026-000001', pdf);
    expect(saved.path).toBe(join(dir, 'Palisade-invoice-etcPAL-2026-000001.pdf'));
  });

  it('finds the Downloads folder from the XDG user directories, else ~/Downloads', async () => {
    expect(downloadsFolder({ XDG_DOWNLOAD_DIR: '/data/dl' }, '/home/a')).toBe('/data/dl');
    expect(downloadsFolder({ XDG_CONFIG_HOME: join(dir, 'none') }, '/home/a')).toBe('/home/a/Downloads');
    await writeFile(join(dir, 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Herunterladen"\n');
    expect(downloadsFolder({ XDG_CONFIG_HOME: dir }, '/home/a')).toBe('/home/a/Herunterladen');
  });
});

describe('the billing service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-billing-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function service(shell: Parameters<typeof createBillingService>[0]['shell'] = {}) {
    const downloads: string[] = [];
    const api = {
      plans: async () => [
        {
          id: 'family' as const,
          name: 'Palisade Family',
          seats: 5,
          prices: [
            { termYears: 2 as const, amount: 9999, currency: 'EUR' },
            { termYears: 1 as const, amount: 5999, currency: 'EUR' },
          ],
        },
      ],
      invoices: async () => [invoice],
      invoicePdf: async (id: string) => (downloads.push(id), pdf),
    } as unknown as BillingApi;
    const subscriptionsApi = { list: async () => [subscription] } as unknown as SubscriptionsApi;
    const billing = createBillingService({
      api,
      subscriptionsApi,
      files: createInvoiceFiles(() => dir),
      shell,
      now: () => new Date('2026-12-02T12:00:00Z'),
    });
    return { billing, downloads };
  }

  it('offers each term with its price and the expiry it would give, from the later of now and the old expiry', async () => {
    const { billing } = service();
    expect(await billing.renewalTerms('sub-1')).toEqual([
      { termYears: 1, amount: 5999, currency: 'EUR', expiresAt: '2028-03-03T09:00:00.000Z' },
      { termYears: 2, amount: 9999, currency: 'EUR', expiresAt: '2029-03-03T09:00:00.000Z' },
    ]);
    await expect(billing.renewalTerms('someone-elses')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('downloads an invoice once, opens and shows the saved file through the shell, and says when it cannot', async () => {
    const opened: string[] = [];
    const shown: string[] = [];
    const { billing, downloads } = service({
      openPath: async (path) => (opened.push(path), true),
      showItemInFolder: async (path) => (shown.push(path), true),
    });
    const saved = await billing.saveInvoice('inv-1');
    expect(saved).toEqual({ path: join(dir, 'Palisade-invoice-PAL-2026-000042.pdf'), fileName: 'Palisade-invoice-PAL-2026-000042.pdf', shown: false });
    expect(await billing.openInvoice('inv-1')).toEqual({ ...saved, shown: true });
    expect(await billing.showInvoiceInFolder('inv-1')).toEqual({ ...saved, shown: true });
    expect(opened).toEqual([saved.path]);
    expect(shown).toEqual([saved.path]);
    expect(downloads).toEqual(['inv-1']);
    await expect(billing.openInvoice('inv-unknown')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The browser host has no shell: it saves and says where.
    const host = service();
    expect((await host.billing.openInvoice('inv-1')).shown).toBe(false);
  });
});

describe('the log', () => {
  it('never writes a card number or CVC, whatever the field is called', () => {
    const lines: string[] = [];
    createLogger({ scope: 't', write: (l) => lines.push(l) }).info('adding a card', {
      cardNumber: '4242424242424242',
      card_number: '5555555555554444',
      cvc: '123',
      body: { cardNumber: '4000000000000002', cvv: '987', last4: '0002' },
    });
    expect(lines[0]).not.toMatch(/4242424242424242|5555555555554444|4000000000000002|"123"|"987"/);
    expect(lines[0]).toContain('"last4":"0002"');
  });
});

describe('adding a card over IPC', () => {
  it('refuses a number failing the Luhn check before any request, naming the field and never echoing the number', async () => {
    const { createDispatcher } = await import('../../../electron/services/ipc/dispatcher');
    const { createBillingHandlers } = await import('../../../electron/services/billing/billing-handlers');
    const sent: unknown[] = [];
    const billing = { addPaymentMethod: async (card: unknown) => (sent.push(card), Promise.reject(new Error('not here'))) };
    const handlers = createBillingHandlers(billing as never) as never;
    const dispatcher = createDispatcher(handlers);
    const result = await dispatcher.dispatch('billing.addPaymentMethod', {
      cardNumber: '4242 4242 4242 4241',
      expMonth: 8,
      expYear: 2031,
      cvc: '123',
      holder: 'Robin Fairweather',
      country: 'DE',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT', details: { fields: { cardNumber: { code: 'invalid_format' } } } } });
    expect(JSON.stringify(result)).not.toContain('4241');
    expect(sent).toEqual([]);
  });

  it('hands the digits only, once, and a field the contract does not name is refused', async () => {
    const { createDispatcher } = await import('../../../electron/services/ipc/dispatcher');
    const { createBillingHandlers } = await import('../../../electron/services/billing/billing-handlers');
    const sent: { cardNumber?: string }[] = [];
    const method = { id: 'pm-1', brand: 'visa', last4: '4242', expMonth: 8, expYear: 2031, holder: 'R F', country: 'DE', isDefault: true };
    const billing = { addPaymentMethod: async (card: { cardNumber: string }) => (sent.push(card), { ...method, cardNumber: card.cardNumber }) };
    const dispatcher = createDispatcher(createBillingHandlers(billing as never) as never);
    const card = { cardNumber: '4242 4242 4242 4242', expMonth: 8, expYear: 2031, cvc: '123', holder: 'R F', country: 'DE' };
    const result = await dispatcher.dispatch('billing.addPaymentMethod', card);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.cardNumber).toBe('4242424242424242');
    // The answer is filtered by the contract: the number never comes back to the renderer.
    expect(result).toEqual({ ok: true, value: method });
    expect((await dispatcher.dispatch('billing.addPaymentMethod', { ...card, pan: '1' })).ok).toBe(false);
  });
});
