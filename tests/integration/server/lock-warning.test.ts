import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, linkToken, uniqueEmail } from './http';

const { smtp, api } = useService();

const wrong = (email: string) => api.post('/v1/auth/login', { email, password: 'not the right password' });

describe('the fourth wrong password and the lock', () => {
  it('warns on the fourth wrong password, locks on the fifth and e-mails the owner once, with a reset link that unlocks', async () => {
    const account = await confirmedAccount(api, smtp, 'lock-warning');
    for (let i = 0; i < 3; i++) expect(expectError(await wrong(account.email), 401, 'INVALID_CREDENTIALS')).toBeUndefined();
    expect(expectError(await wrong(account.email), 401, 'INVALID_CREDENTIALS')).toEqual({ attemptsLeft: 1 });
    expectError(await wrong(account.email), 423, 'ACCOUNT_LOCKED');
    expectError(await wrong(account.email), 423, 'ACCOUNT_LOCKED');

    const mail = await smtp.waitForMessage(account.email, { subject: /locked/i });
    expect(mail.text).toMatch(/five times in a row/);
    expect(mail.text).toMatch(/\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/);
    // Once per lock, not per refused attempt.
    await expect(smtp.waitForMessage(account.email, { subject: /locked/i, timeoutMs: 1500 })).rejects.toThrow(/No mail/);

    // The lock's link is no reason to refuse the owner's own "Forgot password?" right after.
    expect((await api.post('/v1/auth/password/forgot', { email: account.email })).status).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(account.email, { subject: /reset/i }), '/reset-password');
    // Only the newest reset link works: the lock e-mail's is retired by it.
    expectError(await api.post('/v1/auth/password/reset', { token: linkToken(mail, '/reset-password').token, password: 'an unlocked lighthouse' }), 400, 'TOKEN_INVALID');
    expect((await api.post('/v1/auth/password/reset', { token, password: 'an unlocked lighthouse' })).status).toBe(204);
    expect((await api.post('/v1/auth/login', { email: account.email, password: 'an unlocked lighthouse' })).status).toBe(200);
  });

  it('sends one lock e-mail when the fifth and later wrong passwords arrive together', async () => {
    const account = await confirmedAccount(api, smtp, 'lock-race');
    for (let i = 0; i < 4; i++) await wrong(account.email);
    const answers = await Promise.all(Array.from({ length: 4 }, () => wrong(account.email)));
    expect(answers.map((answer) => answer.status)).toContain(423);
    await smtp.waitForMessage(account.email, { subject: /locked/i });
    await expect(smtp.waitForMessage(account.email, { subject: /locked/i, timeoutMs: 1500 })).rejects.toThrow(/No mail/);
  });

  it('warns an unknown address on the fourth try just the same, and e-mails nobody', async () => {
    const email = uniqueEmail('lock-ghost');
    for (let i = 0; i < 3; i++) expect(expectError(await wrong(email), 401, 'INVALID_CREDENTIALS')).toBeUndefined();
    expect(expectError(await wrong(email), 401, 'INVALID_CREDENTIALS')).toEqual({ attemptsLeft: 1 });
    expectError(await wrong(email), 423, 'ACCOUNT_LOCKED');
    await expect(smtp.waitForMessage(email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);
  });

  it('warns on the fourth wrong password of a device token, too', async () => {
    const account = await confirmedAccount(api, smtp, 'lock-token');
    const signedIn = await api.post('/v1/auth/login', { email: account.email, password: account.password });
    const { deviceToken } = signedIn.body as { deviceToken: string };
    const wrongWithToken = () => api.post('/v1/auth/login', { email: account.email, password: 'not it', deviceToken });
    for (let i = 0; i < 3; i++) expect(expectError(await wrongWithToken(), 401, 'INVALID_CREDENTIALS')).toBeUndefined();
    expect(expectError(await wrongWithToken(), 401, 'INVALID_CREDENTIALS')).toEqual({ attemptsLeft: 1 });
    expectError(await wrongWithToken(), 423, 'ACCOUNT_LOCKED');
  });
});
