import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { invoiceListSchema, paymentMethodListSchema } from '../../../shared/api/billing';
import { chargedChangeSchema, upgradeOptionsSchema } from '../../../shared/api/subscriptions';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';
import { subscribedAccount } from '../protection/protection-fixture';
import { addCard, cardBody, cards, cardSecrets, checkedPdfText, invoicePdfBytes, renewed, renewWith } from './billing-fixture';

const { service, smtp, api } = useService();

describe('payment methods', () => {
  it('refuses bad cards with field details that never repeat the number, and a card declined when added with 402', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'bad-cards');
    const add = (body: unknown) => api.post('/v1/billing/payment-methods', body, account.token);
    const luhn = await add(cardBody('4242 4242 4242 4241'));
    expect(expectError(luhn, 400, 'VALIDATION_FAILED')).toMatchObject({ fields: { cardNumber: { format: 'luhn' } } });
    expect(JSON.stringify(luhn.body)).not.toContain('4242424242424241');
    expect(expectError(await add(cardBody(cards.visa, { expYear: 2020 })), 400, 'VALIDATION_FAILED')).toHaveProperty('fields.expYear');
    expect(expectError(await add(cardBody(cards.visa, { cvc: '12' })), 400, 'VALIDATION_FAILED')).toHaveProperty('fields.cvc');
    expect(expectError(await add(cardBody(cards.visa, { country: 'XX' })), 400, 'VALIDATION_FAILED')).toHaveProperty('fields.country');
    expect(expectError(await add(cardBody(cards.declinedWhenAdded)), 402, 'PAYMENT_DECLINED')).toEqual({ reason: 'card_declined' });
    expect(paymentMethodListSchema.parse((await api.get('/v1/billing/payment-methods', account.token)).body)).toEqual([]);
  });

  it('edits, moves the default, and refuses deleting the last card a subscription renews with (409 PAYMENT_METHOD_IN_USE)', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'crud');
    const first = await addCard(api, account.token);
    const second = await addCard(api, account.token, cards.mastercard);
    expect(second).toMatchObject({ brand: 'mastercard', last4: '4444', isDefault: false });
    const edited = await api.patch(`/v1/billing/payment-methods/${second.id}`, { holder: 'Σοφία Παπαδοπούλου', expMonth: 1, isDefault: true }, account.token);
    expect(edited.body).toMatchObject({ holder: 'Σοφία Παπαδοπούλου', expMonth: 1, isDefault: true });
    expectError(await api.patch(`/v1/billing/payment-methods/${second.id}`, {}, account.token), 400, 'VALIDATION_FAILED');
    expect((await api.patch(`/v1/subscriptions/${account.subscription.id}`, { autoRenew: true, paymentMethodId: first.id }, account.token)).status).toBe(200);
    // Not the last card: deleting it moves the subscription to the default.
    expect((await api.request('DELETE', `/v1/billing/payment-methods/${first.id}`, { token: account.token })).status).toBe(204);
    const [subscription] = (await api.get('/v1/subscriptions', account.token)).body as { paymentMethodId: string }[];
    expect(subscription?.paymentMethodId).toBe(second.id);
    const refused = await api.request('DELETE', `/v1/billing/payment-methods/${second.id}`, { token: account.token });
    expect(expectError(refused, 409, 'PAYMENT_METHOD_IN_USE')).toEqual({ subscriptionIds: [account.subscription.id] });
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'family', 'crud-stranger');
    expectError(await api.request('DELETE', `/v1/billing/payment-methods/${second.id}`, { token: stranger.token }), 404, 'NOT_FOUND');
  });
});

describe('upgrades', () => {
  it('offers the bigger plans at a prorated price and charges it; refuses a plan that is not bigger and a price above the one agreed', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'upgrade');
    const card = await addCard(api, account.token);
    const options = upgradeOptionsSchema.parse((await api.get(`/v1/subscriptions/${account.subscription.id}/upgrade-options`, account.token)).body);
    expect(options.options.map((o) => o.plan)).toEqual(['max']);
    const price = options.options[0]!.amount;
    expect(price).toBe(Math.round(((6999 - 4999) * options.daysLeft) / 365));
    const upgrade = (body: Record<string, unknown>) => api.request('POST', `/v1/subscriptions/${account.subscription.id}/upgrade`, { json: body, token: account.token });
    expect(expectError(await upgrade({ plan: 'essentials', paymentMethodId: card.id }), 409, 'PLAN_NOT_AN_UPGRADE')).toEqual({ currentPlan: 'family', requestedPlan: 'essentials', upgradablePlans: ['max'] });
    expect(expectError(await upgrade({ plan: 'max', paymentMethodId: card.id, expectedAmount: price - 1 }), 409, 'UPGRADE_PRICE_CHANGED')).toEqual({ amount: price, currency: 'EUR' });
    const done = await upgrade({ plan: 'max', paymentMethodId: card.id, expectedAmount: price });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const { subscription, invoice } = chargedChangeSchema.parse(done.body);
    expect(subscription).toMatchObject({ plan: 'max', seats: 10, expiresAt: account.subscription.expiresAt });
    expect(invoice).toMatchObject({ kind: 'upgrade', amount: price, termYears: null, plan: 'max' });
  });
});

describe('idempotency and invoice numbers under concurrency', () => {
  it('eight concurrent renewals with one Idempotency-Key charge once and issue one invoice', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'idem');
    const card = await addCard(api, account.token);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => renewWith(api, account.token, account.subscription.id, { termYears: 1, paymentMethodId: card.id }, { 'idempotency-key': 'renew-once-1' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    const attempts = await service.services.db.selectFrom('payment_attempts').select('id').where('subscription_id', '=', account.subscription.id).execute();
    expect(attempts).toHaveLength(1);
    expect(invoiceListSchema.parse((await api.get('/v1/billing/invoices', account.token)).body)).toHaveLength(1);
  });

  it('16 concurrent renewals take 16 consecutive numbers, no gap and no duplicate, and a declined one takes none', async () => {
    const accounts = await Promise.all([1, 2, 3, 4].map((i) => subscribedAccount(api, smtp, service.services.db, 'essentials', `gapless-${i}`)));
    const good = await Promise.all(accounts.map((a) => addCard(api, a.token)));
    const bad = await addCard(api, accounts[0]!.token, cards.everyChargeDeclined);
    const answers = await Promise.all([
      ...Array.from({ length: 16 }, (_, i) => renewWith(api, accounts[i % 4]!.token, accounts[i % 4]!.subscription.id, { termYears: 1, paymentMethodId: good[i % 4]!.id })),
      renewWith(api, accounts[0]!.token, accounts[0]!.subscription.id, { termYears: 1, paymentMethodId: bad.id }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(16).fill(200), 402]);
    const rows = await service.services.db.selectFrom('invoices').select(['year', 'sequence', 'number']).orderBy('sequence').execute();
    const sequences = rows.map((r) => r.sequence);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  });
});

describe('invoice PDFs', () => {
  it.each([
    ['en', 'Σοφία Παπαδοπούλου', 'GR', /Invoice number/, '24 %'],
    ['de', 'Анна Иванова', 'DE', /Rechnungsnummer/, '19 %'],
    ['en', 'Zoë O’Brien', 'US', /Invoice number/, '0 %'],
  ] as const)('pass qpdf --check and show every field (%s, %s)', async (language, holder, country, label, rate) => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', `pdf-${country}`);
    await api.patch('/v1/account', { name: holder, language }, account.token);
    const card = await addCard(api, account.token, cards.visa, { country });
    const { invoice } = await renewed(api, account.token, account.subscription.id, { termYears: 1, paymentMethodId: card.id });
    const pdf = await invoicePdfBytes(service.url, account.token, invoice.id);
    const text = await checkedPdfText(pdf.bytes);
    for (const field of [invoice.number, holder, account.email.toLowerCase(), 'Palisade Security GmbH', 'Palisade Family', 'Visa ••4242', rate]) expect(text).toContain(field);
    expect(text).toMatch(label);
    expect(text).toMatch(language === 'de' ? /49,99\s€/ : /€49\.99/);
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'family', `pdf-stranger-${country}`);
    expect((await invoicePdfBytes(service.url, stranger.token, invoice.id)).status).toBe(404);
  });
});

describe('card-number-leaks-nowhere', () => {
  it('no test card number or CVC is in the database, the data folder, the logs or the mails', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'leaks');
    for (const number of Object.values(cards)) await api.post('/v1/billing/payment-methods', cardBody(number), account.token);
    await api.post('/v1/billing/payment-methods', cardBody('4242 4242 4242 4241'), account.token);
    const [card] = paymentMethodListSchema.parse((await api.get('/v1/billing/payment-methods', account.token)).body);
    await renewed(api, account.token, account.subscription.id, { termYears: 1, paymentMethodId: card!.id });
    await smtp.waitForMessage(account.email, { subject: /receipt/ });
    const secrets = [...cardSecrets, '4242424242424241'];
    const found = (haystack: string) => secrets.filter((secret) => secret !== '737' && haystack.includes(secret));

    // Every text and bytea column of every table.
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'bytea', 'jsonb', 'json', 'character varying', 'ARRAY')`.execute(service.services.db);
    let dump = '';
    for (const { table_name, column_name } of columns.rows) {
      const values = await sql<{ v: unknown }>`select ${sql.ref(column_name)}::text as v from ${sql.table(table_name)}`.execute(service.services.db);
      dump += values.rows.map((r) => String(r.v)).join('\n');
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).toContain('4242'); // the last four are kept, as they should be
    expect(found(dump)).toEqual([]);

    const folder = await filesUnder(service.dataDir);
    let files = '';
    for (const file of folder) files += (await readFile(file)).toString('latin1');
    expect(found(files)).toEqual([]);

    expect(service.logs().length).toBeGreaterThan(0);
    expect(found(service.logs())).toEqual([]);
    expect(service.logs()).not.toMatch(/"cvc":"737"/);

    const mails = smtp.messages().map((m) => `${m.raw}\n${m.text}`).join('\n');
    expect(mails).toContain('Visa ••4242');
    expect(found(mails)).toEqual([]);
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
