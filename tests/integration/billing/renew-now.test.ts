import { describe, expect, it } from 'vitest';
import { invoiceListSchema, planListSchema } from '../../../shared/api/billing';
import { addYears, subscriptionListSchema } from '../../../shared/api/subscriptions';
import { useService } from '../../support/use-service';
import { DAY, expectError, movableClock } from '../server/http';
import { fakeMachine, heartbeatBody, register, registerBody, subscribedAccount } from '../protection/protection-fixture';
import { decodeLease } from './lease-claims';
import { addCard, cards, invoicePdfBytes, renewed, renewWith } from './billing-fixture';

const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

describe('renewing a subscription now', () => {
  it('lists the plans with a price for each term, tax included, without signing in', async () => {
    const answer = await api.get('/v1/plans');
    expect(answer.status).toBe(200);
    const plans = planListSchema.parse(answer.body);
    expect(plans.map((p) => [p.id, p.seats])).toEqual([['essentials', 1], ['family', 5], ['max', 10]]);
    for (const plan of plans) {
      expect(plan.prices.map((p) => p.termYears)).toEqual([1, 2, 3]);
      for (const price of plan.prices) {
        expect(price.currency).toBe('EUR');
        expect(Number.isInteger(price.amount) && price.amount > 0).toBe(true);
      }
    }
    expect(plans.find((p) => p.id === 'family')?.prices[0]?.amount).toBe(4999);
  });

  it('charges the plan’s price for the term, extends from the old expiry, issues an invoice and mails the receipt with the PDF', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'renew');
    const card = await addCard(api, account.token);
    expect(card).toMatchObject({ brand: 'visa', last4: '4242', isDefault: true, country: 'DE' });
    const { subscription, invoice } = await renewed(api, account.token, account.subscription.id, { termYears: 2, paymentMethodId: card.id });
    expect(subscription.expiresAt).toBe(addYears(new Date(account.subscription.expiresAt), 2).toISOString());
    expect(subscription.termYears).toBe(2);
    expect(invoice).toMatchObject({
      subscriptionId: subscription.id,
      kind: 'renewal',
      plan: 'family',
      seats: 5,
      termYears: 2,
      amount: 8999,
      currency: 'EUR',
      taxRate: 19,
      taxAmount: Math.round((8999 * 19) / 119),
      paymentMethod: { brand: 'visa', last4: '4242' },
      expiresAt: subscription.expiresAt,
    });
    expect(invoice.number).toMatch(/^PAL-\d{4}-\d{6}$/);
    const mail = await smtp.waitForMessage(account.email, { subject: /receipt/i });
    expect(mail.subject).toContain(invoice.number);
    expect(mail.text).toContain('Visa ••4242');
    expect(mail.raw).toMatch(/Content-Type: application\/pdf; name=Palisade-invoice-PAL-\d{4}-\d{6}\.pdf/);
    const list = invoiceListSchema.parse((await api.get('/v1/billing/invoices', account.token)).body);
    expect(list.map((i) => i.id)).toEqual([invoice.id]);
    const pdf = await invoicePdfBytes(service.url, account.token, invoice.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="Palisade-invoice-${invoice.number}.pdf"`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a declined charge answers 402 with the reason and changes nothing but a recorded attempt', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'declined');
    for (const [number, reason] of [
      [cards.everyChargeDeclined, 'card_declined'],
      [cards.insufficientFunds, 'insufficient_funds'],
    ] as const) {
      const card = await addCard(api, account.token, number);
      const answer = await renewWith(api, account.token, account.subscription.id, { termYears: 1, paymentMethodId: card.id });
      expect(expectError(answer, 402, 'PAYMENT_DECLINED')).toEqual({ reason });
    }
    const [now] = subscriptionListSchema.parse((await api.get('/v1/subscriptions', account.token)).body);
    expect(now?.expiresAt).toBe(account.subscription.expiresAt);
    expect(invoiceListSchema.parse((await api.get('/v1/billing/invoices', account.token)).body)).toEqual([]);
    const attempts = await service.services.db
      .selectFrom('payment_attempts')
      .select(['outcome', 'decline_reason'])
      .where('subscription_id', '=', account.subscription.id)
      .orderBy('created_at')
      .execute();
    expect(attempts).toEqual([
      { outcome: 'declined', decline_reason: 'card_declined' },
      { outcome: 'declined', decline_reason: 'insufficient_funds' },
    ]);
  });

  it('refuses another account’s subscription or card, and a term that is not sold, as 404 and 400', async () => {
    const owner = await subscribedAccount(api, smtp, service.services.db, 'family', 'owner');
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'family', 'stranger');
    const ownersCard = await addCard(api, owner.token);
    const strangersCard = await addCard(api, stranger.token);
    expectError(await renewWith(api, stranger.token, owner.subscription.id, { termYears: 1, paymentMethodId: strangersCard.id }), 404, 'NOT_FOUND');
    expectError(await renewWith(api, stranger.token, stranger.subscription.id, { termYears: 1, paymentMethodId: ownersCard.id }), 404, 'NOT_FOUND');
    expectError(await renewWith(api, owner.token, 'not-a-uuid', { termYears: 1, paymentMethodId: ownersCard.id }), 404, 'NOT_FOUND');
    const details = expectError(await renewWith(api, owner.token, owner.subscription.id, { termYears: 4, paymentMethodId: ownersCard.id }), 400, 'VALIDATION_FAILED');
    expect(details).toHaveProperty('fields.termYears');
  });

  it('renews an expired subscription from now, and its device is protected again at its next heartbeat', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'lapsed');
    const machine = fakeMachine();
    const { device } = await register(api, account.token, registerBody(machine, { subscriptionId: account.subscription.id }));
    await service.services.db
      .updateTable('subscriptions')
      .set({ expires_at: new Date(clock.now().getTime() - 3 * DAY) })
      .where('id', '=', account.subscription.id)
      .execute();
    const lapsed = await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), account.token);
    const before = lapsed.status === 200 ? decodeLease((lapsed.body as { lease: string }).lease).protectedUntil : null;
    if (before !== null) expect(new Date(before).getTime()).toBeLessThan(clock.now().getTime());
    const card = await addCard(api, account.token);
    const started = clock.now();
    const { subscription } = await renewed(api, account.token, account.subscription.id, { termYears: 1, paymentMethodId: card.id });
    expect(subscription.status).toBe('active');
    const expires = new Date(subscription.expiresAt).getTime();
    expect(Math.abs(expires - addYears(started, 1).getTime())).toBeLessThan(10_000);
    const beat = await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), account.token);
    expect(beat.status, JSON.stringify(beat.body)).toBe(200);
    expect(decodeLease((beat.body as { lease: string }).lease).protectedUntil).toBe(subscription.expiresAt);
  });
});
