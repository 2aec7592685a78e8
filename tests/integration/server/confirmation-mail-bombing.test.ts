import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import {
  confirmedAccount,
  expectError,
  GOOD_PASSWORD,
  HOUR,
  linkToken,
  MINUTE,
  movableClock,
  uniqueEmail,
} from './http';

/**
 * The attack: sign up with a victim's address and then ask, again and again, for the
 * confirmation e-mail (signing in with the password, signing up again, confirm/resend), to
 * flood their inbox from our servers. An unconfirmed account gets at most one a minute and
 * five an hour, however it is asked for and however many ask at once.
 */
const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

const confirmation = /Confirm your e-mail address/;

const signIn = (email: string) => api.post('/v1/auth/login', { email, password: GOOD_PASSWORD });
const signUpAgain = (email: string) => api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Again' });
const resend = (email: string) => api.post('/v1/auth/confirm/resend', { email });

/** Every way of asking for a confirmation e-mail, each answered as it should be. */
async function askEveryWay(email: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    expectError(await signIn(email), 403, 'EMAIL_NOT_CONFIRMED');
    expect((await signUpAgain(email)).status).toBe(202);
    expect((await resend(email)).status).toBe(202);
  }
}

/** Waits a while for mail that should not come: the work after a 202 is quick. */
const noMoreMail = (email: string) =>
  expect(smtp.waitForMessage(email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);

async function unconfirmedAccount(label: string): Promise<string> {
  const email = uniqueEmail(label);
  expect((await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Victim' })).status).toBe(202);
  await smtp.waitForMessage(email, { subject: confirmation });
  return email;
}

const tokensIssued = async (email: string) =>
  (
    await service.services.db
      .selectFrom('email_tokens')
      .innerJoin('users', 'users.id', 'email_tokens.user_id')
      .select('token_hash')
      .where('users.email', '=', email)
      .where('purpose', '=', 'confirm_email')
      .execute()
  ).length;

describe('confirmation mail bombing', () => {
  it('sends no new confirmation e-mail for each sign-in with the right password within the minute', async () => {
    const email = await unconfirmedAccount('sign-ins');
    for (let i = 0; i < 3; i++) expectError(await signIn(email), 403, 'EMAIL_NOT_CONFIRMED');
    await noMoreMail(email);
  });

  it('sends at most one confirmation e-mail a minute, whichever way it is asked for', async () => {
    const email = await unconfirmedAccount('minute');
    await askEveryWay(email, 3);
    await noMoreMail(email);

    clock.advance(MINUTE + 1000);
    expect((await resend(email)).status).toBe(202);
    await smtp.waitForMessage(email, { subject: confirmation });
    await askEveryWay(email);
    await noMoreMail(email);
  });

  it('sends at most five an hour, then one again once the first is an hour old', async () => {
    const email = await unconfirmedAccount('hour');
    const start = clock.now().getTime();
    const ways = [signIn, signUpAgain, resend, signIn];
    for (const ask of ways) {
      clock.advance(MINUTE + 1000);
      await ask(email);
      await smtp.waitForMessage(email, { subject: confirmation });
    }
    clock.advance(MINUTE + 1000);
    await askEveryWay(email);
    await noMoreMail(email);
    expect(await tokensIssued(email)).toBe(5);

    clock.advance(start + HOUR + 1000 - clock.now().getTime());
    await resend(email);
    await smtp.waitForMessage(email, { subject: confirmation });
  });

  it('sends one, not many, when many ask at the same moment', async () => {
    const email = await unconfirmedAccount('together');
    clock.advance(MINUTE + 1000);
    const asks = [
      ...Array.from({ length: 8 }, () => resend(email)),
      ...Array.from({ length: 4 }, () => signIn(email)),
      ...Array.from({ length: 4 }, () => signUpAgain(email)),
    ];
    const answers = await Promise.all(asks);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(12).fill(202), ...Array(4).fill(403)].sort());
    await smtp.waitForMessage(email, { subject: confirmation });
    await noMoreMail(email);
    expect(await tokensIssued(email)).toBe(2);
  });

  it('resend answers 202 for any address and mails only an unconfirmed account, whose new link works', async () => {
    const ghost = uniqueEmail('resend-ghost');
    const confirmed = await confirmedAccount(api, smtp, 'resend-confirmed');
    const email = await unconfirmedAccount('resend');
    clock.advance(MINUTE + 1000);

    const answers = await Promise.all([resend(ghost), resend(confirmed.email), resend(` ${email.toUpperCase()} `)]);
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(3).fill([202, null]));
    const { token } = linkToken(await smtp.waitForMessage(email, { subject: confirmation }), '/confirm');
    expect((await api.post('/v1/auth/confirm', { token })).status).toBe(200);
    await noMoreMail(ghost);
    await noMoreMail(confirmed.email);
  });
});

describe('confirm/resend from one client address', () => {
  const limited = useService({ env: { AUTH_RATE_LIMIT: '3' } });

  it('is rate-limited like every identity route, with a 429 and when to retry', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await limited.api.post('/v1/auth/confirm/resend', { email: uniqueEmail('limited') }));
    expect(answers.slice(0, 3).map((a) => a.status)).toEqual([202, 202, 202]);
    const details = expectError(answers[3]!, 429, 'RATE_LIMITED');
    expect(details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(answers[3]!.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
