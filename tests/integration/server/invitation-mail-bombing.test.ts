import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, HOUR, MINUTE, movableClock, signIn, uniqueEmail } from './http';

/**
 * The attack: "invite a device" e-mails any address, so an account (or many) could use it to
 * flood someone's inbox from our servers. E-mailed invitations are limited to 3 an hour to
 * one address, whichever accounts send them, and 10 an hour from one account; past that the
 * inviting account gets 429 RATE_LIMITED with when to try again.
 */
const clock = movableClock();
const { smtp, api } = useService({ now: clock.now });

const invitation = /invited you/;

async function inviter(label: string): Promise<string> {
  return (await inviterAccount(label)).token;
}

async function inviterAccount(label: string) {
  const account = await confirmedAccount(api, smtp, label, `Inviter ${label}`);
  return { ...account, token: (await signIn(api, account.email, account.password)).accessToken };
}

const invite = (token: string, email?: string) =>
  api.post('/v1/devices/invitations', { platform: 'windows', ...(email && { email }) }, token);

/** Waits a while for mail that should not come. */
const noMoreMail = (email: string) =>
  expect(smtp.waitForMessage(email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);

function expectLimited(answer: Awaited<ReturnType<typeof invite>>, atMostSeconds: number): void {
  const details = expectError(answer, 429, 'RATE_LIMITED');
  const wait = details?.retryAfterSeconds as number;
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(atMostSeconds);
  expect(answer.headers.get('retry-after')).toBe(String(wait));
}

describe('invitation mail bombing', () => {
  it('e-mails one address at most 3 invitations an hour from an account, and says when it can send again', async () => {
    const account = await inviterAccount('one-address');
    const { token } = account;
    const victim = uniqueEmail('victim');
    for (let i = 0; i < 3; i++) {
      expect((await invite(token, victim)).status).toBe(201);
      await smtp.waitForMessage(victim, { subject: invitation });
      clock.advance(MINUTE);
    }
    expectLimited(await invite(token, victim), HOUR / 1000);
    await noMoreMail(victim);
    // A link without an address sends nothing, and is not limited by the address's count.
    expect((await invite(token)).status).toBe(201);

    clock.advance(HOUR - 2 * MINUTE);
    // An hour on, the access token has expired too: sign in again.
    const later = (await signIn(api, account.email, account.password)).accessToken;
    expect((await invite(later, victim)).status).toBe(201);
    await smtp.waitForMessage(victim, { subject: invitation });
  });

  it('e-mails one address at most 3 an hour however many accounts send them', async () => {
    const [first, second] = [await inviter('many-a'), await inviter('many-b')];
    const victim = uniqueEmail('shared-victim');
    expect((await invite(first, victim)).status).toBe(201);
    expect((await invite(first, victim)).status).toBe(201);
    expect((await invite(second, victim)).status).toBe(201);
    expectLimited(await invite(second, victim), HOUR / 1000);
    for (let i = 0; i < 3; i++) await smtp.waitForMessage(victim, { subject: invitation });
    await noMoreMail(victim);
  });

  it('lets one account e-mail at most 10 invitations an hour, to any addresses', async () => {
    const token = await inviter('many-addresses');
    for (let i = 0; i < 10; i++) expect((await invite(token, uniqueEmail(`spread-${i}`))).status).toBe(201);
    const eleventh = uniqueEmail('spread-11');
    expectLimited(await invite(token, eleventh), HOUR / 1000);
    await noMoreMail(eleventh);
  });

  it('keeps the limit when invitations to one address race', async () => {
    const token = await inviter('racing');
    const victim = uniqueEmail('raced-victim');
    const answers = await Promise.all(Array.from({ length: 6 }, () => invite(token, victim)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    for (let i = 0; i < 3; i++) await smtp.waitForMessage(victim, { subject: invitation });
    await noMoreMail(victim);
  });
});
