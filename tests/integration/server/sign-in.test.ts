import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, linkToken, MINUTE, movableClock, signIn, uniqueEmail } from './http';

const clock = movableClock();

const { smtp, api } = useService({ now: clock.now });

const wrong = (email: string) => api.post('/v1/auth/login', { email, password: 'not the password at all' });

describe('signing in', () => {
  it('returns a token pair whose access token opens the account', async () => {
    const account = await confirmedAccount(api, smtp, 'signin', 'Sam Sign');
    const tokens = expectTokens(await api.post('/v1/auth/login', { email: ` ${account.email.toUpperCase()}`, password: account.password, deviceName: 'Test laptop' }));
    expect(tokens.expiresIn).toBe(600);
    expect(tokens.refreshToken.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(tokens.accessToken.split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(tokens.accessToken.split('.')[0]!, 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('EdDSA');

    const me = await api.get('/v1/account', tokens.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: expect.any(String), email: account.email, name: 'Sam Sign', mfaEnabled: false });
  });

  it('gives an unknown e-mail and a wrong password the same answer in about the same time', async () => {
    const account = await confirmedAccount(api, smtp, 'same');
    const unknown = await api.post('/v1/auth/login', { email: uniqueEmail('nobody'), password: 'not the password at all' });
    const wrongPassword = await wrong(account.email);
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrongPassword.body);

    const time = async (email: string) => {
      const started = performance.now();
      await api.post('/v1/auth/login', { email, password: 'not the password at all' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    const other = await confirmedAccount(api, smtp, 'timing');
    // Interleaved and enough samples that one stalled request on a busy machine cannot
    // decide the median (4 wrong passwords: the account must not lock here).
    for (let i = 0; i < 4; i++) {
      unknownTimes.push(await time(uniqueEmail('nobody')));
      wrongTimes.push(await time(other.email));
    }
    for (let i = 0; i < 3; i++) unknownTimes.push(await time(uniqueEmail('nobody')));
    // Both spend one argon2id verification; without the dummy hash an unknown e-mail is
    // ~50x faster. A wrong password also writes its failure count, which a loaded machine
    // can make several times slower, so the bound sits between the two.
    expect(median(unknownTimes)).toBeGreaterThan(median(wrongTimes) * 0.25);
  });

  it('locks the account at the 5th wrong password in a row, for 15 minutes', async () => {
    const account = await confirmedAccount(api, smtp, 'lock');
    for (let i = 1; i <= 4; i++) expectError(await wrong(account.email), 401, 'INVALID_CREDENTIALS');
    const details = expectError(await wrong(account.email), 423, 'ACCOUNT_LOCKED');
    expect(details?.retryAfterSeconds).toBe(900);

    // Locked means locked, even for the right password.
    clock.advance(5 * MINUTE);
    const stillLocked = expectError(await api.post('/v1/auth/login', { email: account.email, password: account.password }), 423, 'ACCOUNT_LOCKED');
    expect(stillLocked?.retryAfterSeconds).toBe(600);

    clock.advance(10 * MINUTE + 1000);
    await signIn(api, account.email, account.password);
  });

  it('starts the count again after a right password', async () => {
    const account = await confirmedAccount(api, smtp, 'reset-count');
    for (let i = 0; i < 4; i++) expectError(await wrong(account.email), 401, 'INVALID_CREDENTIALS');
    await signIn(api, account.email, account.password);
    for (let i = 0; i < 4; i++) expectError(await wrong(account.email), 401, 'INVALID_CREDENTIALS');
    await signIn(api, account.email, account.password);
  });

  it('unlocks a locked account when the password is reset', async () => {
    const account = await confirmedAccount(api, smtp, 'unlock');
    for (let i = 0; i < 5; i++) await wrong(account.email);
    expectError(await api.post('/v1/auth/login', { email: account.email, password: account.password }), 423, 'ACCOUNT_LOCKED');
    // The lock e-mail carries a reset link of its own, issued just after the answer; only the
    // newest reset link works, so the one asked for next must come after it.
    await smtp.waitForMessage(account.email, { subject: /locked/i });

    expect((await api.post('/v1/auth/password/forgot', { email: account.email })).status).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(account.email, { subject: /reset/i }), '/reset-password');
    const newPassword = 'a brand new lighthouse';
    expect((await api.post('/v1/auth/password/reset', { token, password: newPassword })).status).toBe(204);
    await signIn(api, account.email, newPassword);
  });

  it('tells an unconfirmed account to confirm only when the password is right', async () => {
    const email = uniqueEmail('unconfirmed');
    await api.post('/v1/auth/signup', { email, password: 'the right password here', name: 'Una' });
    // Sign-up makes the account after its answer: the confirmation e-mail says it is there.
    await smtp.waitForMessage(email, { subject: /confirm/i });
    expectError(await wrong(email), 401, 'INVALID_CREDENTIALS');
    expectError(await api.post('/v1/auth/login', { email, password: 'the right password here' }), 403, 'EMAIL_NOT_CONFIRMED');
  });
});
