import { describe, expect, it } from 'vitest';
import { whileAccountsAreHeld, within } from '../../support/held-database';
import { useService } from '../../support/use-service';
import {
  type Answer,
  confirmedAccount,
  expectTokens,
  GOOD_PASSWORD,
  linkToken,
  MINUTE,
  movableClock,
  uniqueEmail,
} from './http';

/**
 * The attack: sign up with someone's address and read the answer (or its timing) to learn
 * whether they have a Palisade account. The service must answer every address alike and
 * tell the difference only to the address's owner, by e-mail.
 */
const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

const accountExists = /already have a Palisade account/;
const confirmation = /Confirm your e-mail address/;
const OTHER_PASSWORD = 'somebody else entirely at dusk';

/** What a client can tell apart: the status, the body and the headers, less the date. */
const visible = (answer: Answer) => {
  const headers = Object.fromEntries(
    [...answer.headers].filter(([name]) => !['date', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(name)),
  );
  return { status: answer.status, body: answer.body, headers };
};

const signUp = (email: string, password = OTHER_PASSWORD, name = 'Mallory Newcomer') =>
  api.post('/v1/auth/signup', { email, password, name });

/** Waits a while for mail that should not come: the work after a 202 is quick. */
const noMoreMail = (email: string) =>
  expect(smtp.waitForMessage(email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);

describe('signing up with an address that has an account', () => {
  it('answers exactly as for a new address, and e-mails the owner instead of touching the account', async () => {
    const owner = await confirmedAccount(api, smtp, 'owner', 'Ada Owner');
    const fresh = uniqueEmail('fresh');

    const taken = await signUp(` ${owner.email.toUpperCase()} `);
    const untaken = await signUp(fresh);
    expect(taken.status).toBe(202);
    expect(taken.body).toEqual({});
    expect(visible(taken)).toEqual(visible(untaken));

    const told = await smtp.waitForMessage(owner.email, { subject: accountExists });
    expect(told.text).toContain('Hello Ada Owner,');
    expect(told.text).toMatch(/open Palisade and sign in with this address/);
    expect(linkToken(told, '/reset-password').link.startsWith(`${service.url}/reset-password?token=`)).toBe(true);
    await smtp.waitForMessage(fresh, { subject: confirmation });

    // Nothing changed: the owner's password still works, the newcomer's does not, the name stays.
    const tokens = expectTokens(await api.post('/v1/auth/login', { email: owner.email, password: owner.password }));
    expect((await api.post('/v1/auth/login', { email: owner.email, password: OTHER_PASSWORD })).status).toBe(401);
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({
      name: 'Ada Owner',
      email: owner.email,
    });
  });

  it('answers before it looks at any account, for a taken and a new address alike', async () => {
    const owner = await confirmedAccount(api, smtp, 'held-owner');
    const fresh = uniqueEmail('held-fresh');
    clock.advance(2 * MINUTE);

    const answers = await whileAccountsAreHeld(service.services.db, () =>
      within(5000, 'sign-up while the accounts are held', Promise.all([signUp(owner.email), signUp(fresh)])),
    );
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [202, {}],
      [202, {}],
    ]);
    // The work happens once the accounts can be read again.
    await smtp.waitForMessage(owner.email, { subject: accountExists });
    await smtp.waitForMessage(fresh, { subject: confirmation });
  });

  it('writes to the owner in the language of the account', async () => {
    const email = uniqueEmail('sprache');
    expect(
      (await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Dana Deutsch', language: 'de' }))
        .status,
    ).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(email, { subject: /Bestätigen/ }), '/confirm');
    expect((await api.post('/v1/auth/confirm', { token })).status).toBe(200);

    await api.post('/v1/auth/signup', { email, password: OTHER_PASSWORD, name: 'Mallory', language: 'en' });
    const told = await smtp.waitForMessage(email, { subject: /Sie haben bereits ein Palisade-Konto/ });
    expect(told.text).toContain('Hallo Dana Deutsch,');
  });

  it('cannot be used to flood the owner: one such e-mail a minute, shared with reset e-mails', async () => {
    const owner = await confirmedAccount(api, smtp, 'flooded');
    const answers = await Promise.all(Array.from({ length: 6 }, () => signUp(owner.email)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    await smtp.waitForMessage(owner.email, { subject: accountExists });
    expect((await api.post('/v1/auth/password/forgot', { email: owner.email })).status).toBe(202);
    await noMoreMail(owner.email);

    clock.advance(MINUTE + 1000);
    await signUp(owner.email);
    await smtp.waitForMessage(owner.email, { subject: accountExists });
  });

  it('sends an unconfirmed account a fresh confirmation e-mail instead, and keeps its first password', async () => {
    const email = uniqueEmail('unconfirmed');
    await signUp(email, GOOD_PASSWORD, 'First Comer');
    const first = linkToken(await smtp.waitForMessage(email, { subject: confirmation }), '/confirm').token;

    clock.advance(MINUTE + 1000);
    const again = await signUp(email, OTHER_PASSWORD, 'Second Comer');
    expect(again.status).toBe(202);
    const mail = await smtp.waitForMessage(email, { subject: confirmation });
    expect(mail.text).toContain('Hello First Comer,');
    const second = linkToken(mail, '/confirm').token;
    expect(second).not.toBe(first);

    expect((await api.post('/v1/auth/confirm', { token: second })).status).toBe(200);
    expectTokens(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }));
    expect((await api.post('/v1/auth/login', { email, password: OTHER_PASSWORD })).status).toBe(401);
  });
});
