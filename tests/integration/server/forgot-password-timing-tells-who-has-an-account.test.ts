import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whileAccountsAreHeld, within } from '../../support/held-database';
import { useService } from '../../support/use-service';
import { confirmedAccount, linkToken, MINUTE, movableClock, uniqueEmail } from './http';

/**
 * The attack: time "Forgot password?" for an address. When a known address costs a look-up,
 * a token and a mail before the answer and an unknown one does not, the median tells them
 * apart (measured: 12.2 ms against 6.7 ms). Timing on a shared machine is noisy, so this
 * checks the cause instead: the answer comes before the service looks at any account, so
 * nothing it does for the address can be in the answer's time.
 */
const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

const reset = /Reset your Palisade password/;
const forgot = (email: string) => api.post('/v1/auth/password/forgot', { email });

describe('forgot-password timing', () => {
  it('answers before it looks at any account, for a known and an unknown address alike', async () => {
    const known = await confirmedAccount(api, smtp, 'timed');
    const unknown = uniqueEmail('timed-ghost');

    // Interleaved, several of each: every one must be answered while no account can be read.
    const answers = await whileAccountsAreHeld(service.services.db, () =>
      within(
        5000,
        'forgot-password while the accounts are held',
        Promise.all([known.email, unknown, known.email, unknown].map(forgot)),
      ),
    );
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(4).fill([202, null]));

    // The work follows the answer: one reset e-mail (the rest are within its one-a-minute limit).
    const mail = await smtp.waitForMessage(known.email, { subject: reset });
    linkToken(mail, '/reset-password');
    await expect(smtp.waitForMessage(unknown, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);
  });

  it('limits reset e-mails to one a minute and five an hour per account', async () => {
    const account = await confirmedAccount(api, smtp, 'reset-flood');
    for (let sent = 1; sent <= 5; sent++) {
      expect((await forgot(account.email)).status).toBe(202);
      await smtp.waitForMessage(account.email, { subject: reset });
      expect((await forgot(account.email)).status).toBe(202);
      clock.advance(MINUTE + 1000);
    }
    expect((await forgot(account.email)).status).toBe(202);
    await expect(smtp.waitForMessage(account.email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);
    clock.advance(60 * MINUTE);
    expect((await forgot(account.email)).status).toBe(202);
    await smtp.waitForMessage(account.email, { subject: reset });
  });

  describe('when the work after the answer fails', () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    beforeEach(() => process.on('unhandledRejection', record));
    afterEach(() => {
      process.off('unhandledRejection', record);
    });

    it('logs it, leaves no unhandled rejection, and keeps answering', async () => {
      const account = await confirmedAccount(api, smtp, 'broken-work');
      clock.advance(2 * MINUTE);
      const { db } = service.services;
      // Make the reset token's insert fail, for this service's database only.
      await sql`alter table email_tokens add constraint refuse_every_token check (false) not valid`.execute(db);
      try {
        expect((await forgot(account.email)).status).toBe(202);
        for (let i = 0; i < 100 && !service.logs().includes('password reset request failed after its answer'); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await sql`alter table email_tokens drop constraint refuse_every_token`.execute(db);
      }
      const line = service
        .logs()
        .split('\n')
        .find((l) => l.includes('password reset request failed after its answer'));
      expect(line, service.logs().slice(-2000)).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({ level: 50, err: expect.anything() });
      expect(unhandled).toEqual([]);

      expect((await forgot(account.email)).status).toBe(202);
      await smtp.waitForMessage(account.email, { subject: reset });
    });
  });
});
