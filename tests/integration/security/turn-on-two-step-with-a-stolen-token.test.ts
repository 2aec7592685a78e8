import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, movableClock } from '../server/http';

const clock = movableClock();
const { api, smtp } = useService({ now: clock.now });

describe('turning on 2-step verification with a stolen access token', () => {
  it('needs the password, and a wrong one counts toward the lockout as on turning it off', async () => {
    const account = await confirmedAccount(api, smtp, 'stolen-token');
    const { accessToken } = expectTokens(await api.post('/v1/auth/login', { email: account.email, password: account.password }));

    // The thief has the access token only.
    expectError(await api.post('/v1/account/mfa/totp/setup', {}, accessToken), 400, 'VALIDATION_FAILED');
    const wrong = { password: 'a guessed lighthouse' };
    const setupAnswers = [];
    for (let i = 0; i < 4; i++) setupAnswers.push(await api.post('/v1/account/mfa/totp/setup', wrong, accessToken));
    for (const answer of setupAnswers) expectError(answer, 401, 'INVALID_CREDENTIALS');
    // The fifth wrong password locks the account, whichever of the two routes it came through.
    expectError(await api.post('/v1/account/mfa/totp/disable', wrong, accessToken), 423, 'ACCOUNT_LOCKED');
    expectError(await api.post('/v1/account/mfa/totp/setup', { password: account.password }, accessToken), 423, 'ACCOUNT_LOCKED');
    const account2 = (await api.get('/v1/account', accessToken)).body as { mfaEnabled: boolean };
    expect(account2.mfaEnabled).toBe(false);
  });

  it('answers a wrong password on setup exactly as on turning it off', async () => {
    const account = await confirmedAccount(api, smtp, 'same-answer');
    const { accessToken } = expectTokens(await api.post('/v1/auth/login', { email: account.email, password: account.password }));
    const wrong = { password: 'a guessed lighthouse' };
    const setup = await api.post('/v1/account/mfa/totp/setup', wrong, accessToken);
    const disable = await api.post('/v1/account/mfa/totp/disable', wrong, accessToken);
    expect({ status: setup.status, body: setup.body }).toEqual({ status: disable.status, body: disable.body });

    const good = await api.post('/v1/account/mfa/totp/setup', { password: account.password }, accessToken);
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body).toMatchObject({ secret: expect.any(String), otpauthUrl: expect.stringMatching(/^otpauth:\/\//) });
  });
});
