import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { billingJobs } from '../../../server/src/billing/renewal-jobs';
import type { JobContext } from '../../../server/src/jobs/job';
import { npmRunServer } from '../../support/service-data-dir';
import { useService } from '../../support/use-service';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { DAY, expectError, HOUR } from '../server/http';
import { subscribedAccount } from '../protection/protection-fixture';
import { addCard, cards } from './billing-fixture';

const { service, smtp, api } = useService();

/** Every billing job once at `now`, as one look of the runner does them. */
async function runBillingJobs(now: Date): Promise<string[]> {
  const ctx = { db: service.services.db, now, config: service.services.config, publicUrl: service.services.publicUrl } as unknown as JobContext;
  const lines: string[] = [];
  for (const job of billingJobs) lines.push(...(await job.run(ctx)));
  return lines;
}

async function expiringAutoRenewing(label: string, card: string, daysLeft: number) {
  const account = await subscribedAccount(api, smtp, service.services.db, 'family', label);
  const method = await addCard(api, account.token, card);
  const on = await api.patch(`/v1/subscriptions/${account.subscription.id}`, { autoRenew: true }, account.token);
  expect(on.status, JSON.stringify(on.body)).toBe(200);
  expect(on.body).toMatchObject({ autoRenew: true, paymentMethodId: method.id, renewal: { termYears: 1, amount: 4999, paymentMethod: { last4: method.last4 } } });
  await smtp.waitForMessage(account.email, { subject: /Automatic renewal .* is on/ });
  const expiresAt = new Date(Date.now() + daysLeft * DAY);
  await service.services.db.updateTable('subscriptions').set({ expires_at: expiresAt }).where('id', '=', account.subscription.id).execute();
  return { ...account, method, expiresAt };
}

const attemptsOf = (subscriptionId: string) =>
  service.services.db.selectFrom('payment_attempts').select(['outcome', 'decline_reason']).where('subscription_id', '=', subscriptionId).execute();

describe('automatic renewal and reminders', () => {
  it('PATCH without a card anywhere is 409 PAYMENT_METHOD_REQUIRED; turning it off is acknowledged with the date protection ends', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'no-card');
    expectError(await api.patch(`/v1/subscriptions/${account.subscription.id}`, { autoRenew: true }, account.token), 409, 'PAYMENT_METHOD_REQUIRED');
    await addCard(api, account.token);
    expect((await api.patch(`/v1/subscriptions/${account.subscription.id}`, { autoRenew: true }, account.token)).status).toBe(200);
    const off = await api.patch(`/v1/subscriptions/${account.subscription.id}`, { autoRenew: false }, account.token);
    expect(off.body).toMatchObject({ autoRenew: false, renewsAt: null, renewal: null, expiresAt: account.subscription.expiresAt });
    const mail = await smtp.waitForMessage(account.email, { subject: /Automatic renewal .* is off/ });
    const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(account.subscription.expiresAt));
    expect(mail.text).toContain(day);
  });

  it('charges 7 days before the expiry for the last term, once, and mails the receipt with the PDF', async () => {
    const account = await expiringAutoRenewing('auto', cards.visa, 6);
    const now = new Date();
    const lines = await runBillingJobs(now);
    expect(lines.filter((l) => l.includes(account.subscription.id) && l.includes('renewed'))).toHaveLength(1);
    expect(await runBillingJobs(now)).not.toContainEqual(expect.stringContaining(account.subscription.id));
    const mail = await smtp.waitForMessage(account.email, { subject: /receipt/ });
    expect(mail.raw).toContain('application/pdf');
    expect(await attemptsOf(account.subscription.id)).toEqual([{ outcome: 'succeeded', decline_reason: null }]);
    const [row] = await service.services.db.selectFrom('subscriptions').select('expires_at').where('id', '=', account.subscription.id).execute();
    const expected = new Date(account.expiresAt);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(row?.expires_at.toISOString()).toBe(expected.toISOString());
  });

  it('a declined automatic charge is e-mailed with a link to fix the card, and tried again the next day, not twice a day', async () => {
    const account = await expiringAutoRenewing('auto-declined', cards.insufficientFunds, 6);
    const now = new Date();
    await runBillingJobs(now);
    const declined = await smtp.waitForMessage(account.email, { subject: /couldn’t renew/ });
    expect(declined.text).toContain('insufficient funds');
    expect(declined.text).toContain('palisade://billing');
    await runBillingJobs(new Date(now.getTime() + 2 * HOUR));
    expect(await attemptsOf(account.subscription.id)).toHaveLength(1);
    await runBillingJobs(new Date(now.getTime() + DAY + HOUR));
    expect(await attemptsOf(account.subscription.id)).toEqual([
      { outcome: 'declined', decline_reason: 'insufficient_funds' },
      { outcome: 'declined', decline_reason: 'insufficient_funds' },
    ]);
  });

  it('reminds 30 and 7 days before the expiry once each per term, and mails the end of protection once', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'remind');
    const expiresAt = new Date(Date.now() + 29 * DAY);
    await service.services.db.updateTable('subscriptions').set({ expires_at: expiresAt }).where('id', '=', account.subscription.id).execute();
    const mine = (lines: string[]) => lines.filter((l) => l.includes(account.subscription.id));
    const at = (days: number) => new Date(expiresAt.getTime() - days * DAY);
    expect(mine(await runBillingJobs(at(29)))).toEqual([expect.stringContaining('reminded 30')]);
    expect(mine(await runBillingJobs(at(28)))).toEqual([]);
    expect(mine(await runBillingJobs(at(6)))).toEqual([expect.stringContaining('reminded 7')]);
    expect(mine(await runBillingJobs(at(5)))).toEqual([]);
    expect(mine(await runBillingJobs(at(-1)))).toEqual([expect.stringContaining('ended')]);
    expect(mine(await runBillingJobs(at(-2)))).toEqual([]);
    const ends = await smtp.waitForMessage(account.email, { subject: /ends on/ });
    expect(ends.text).toContain('palisade://billing');
    // The later ones are queued for their (future) times: counted in the outbox, once each.
    const queued = await service.services.db.selectFrom('mail_outbox').select('subject').where('recipient', '=', account.email).execute();
    const subjects = queued.map((m) => m.subject);
    expect(subjects.filter((s) => /ends on/.test(s))).toHaveLength(2);
    expect(subjects.filter((s) => /has ended/.test(s))).toHaveLength(1);
  });

  it.skipIf(!process.env.DATABASE_URL)('three concurrent `jobs run --now` charge each due subscription once (PostgreSQL)', async () => {
    const accounts = await Promise.all([1, 2, 3, 4].map((i) => expiringAutoRenewing(`three-${i}`, cards.visa, 5)));
    const databaseUrl = service.services.config.databaseUrl!;
    const dirs = await Promise.all([1, 2, 3].map(() => mkdtemp(join(tmpdir(), 'palisade-billing-jobs-'))));
    try {
      const now = new Date().toISOString();
      const outputs = await Promise.all(dirs.map((dir) => npmRunServer({ DATA_DIR: dir, DATABASE_URL: databaseUrl, SMTP_URL: smtp.url }, 'jobs', 'run', '--now', now)));
      const renewedLines = outputs.flatMap((o) => o.stdout.split('\n')).filter((l) => l.includes('renewed'));
      for (const account of accounts) {
        expect(renewedLines.filter((l) => l.includes(account.subscription.id))).toHaveLength(1);
        expect(await attemptsOf(account.subscription.id)).toEqual([{ outcome: 'succeeded', decline_reason: null }]);
        const invoices = await service.services.db.selectFrom('invoices').select('id').where('subscription_id', '=', account.subscription.id).execute();
        expect(invoices).toHaveLength(1);
      }
    } finally {
      for (const dir of dirs) await removeOwnerOnlyDataFolder(dir, 'service data folder');
    }
  });
});
