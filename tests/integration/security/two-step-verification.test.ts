import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, MINUTE, movableClock, signIn } from '../server/http';
import { accountWithTwoStep, mfaChallenge, nextMidStep, oathtool } from './two-step-fixture';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

const mfa = (mfaToken: string, code: string) => api.post('/v1/auth/mfa', { mfaToken, code });
const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs);

describe('turning 2-step verification on and off', () => {
  it('sets up a secret of at least 160 bits with an otpauth:// URL, kept sealed in the database', async () => {
    const { secret, otpauthUrl, userId } = await accountWithTwoStep(api, smtp, clock, 'setup');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(secret.replace(/=+$/, '').length * 5).toBeGreaterThanOrEqual(160);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toMatch(/^\/Palisade:setup-.+@example\.test$/);
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Palisade');

    const row = await service.services.db.selectFrom('totp_credentials').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(row.enabled_at).not.toBeNull();
    expect(row.secret_sealed).not.toContain(secret);
    const codes = await service.services.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', userId).execute();
    expect(codes).toHaveLength(10);
  });

  it('returns ten distinct recovery codes shaped xxxx-xxxx-xx, and refuses a second setup or enable', async () => {
    const { recoveryCodes, tokens, password } = await accountWithTwoStep(api, smtp, clock, 'codes');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
    expectError(await api.post('/v1/account/mfa/totp/setup', { password }, tokens.accessToken), 409, 'MFA_ALREADY_ENABLED');
    expectError(await api.post('/v1/account/mfa/totp/enable', { code: '123456' }, tokens.accessToken), 409, 'MFA_ALREADY_ENABLED');
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ mfaEnabled: true });
  });

  it('refuses a wrong code when enabling and stays off; enable before setup is a conflict', async () => {
    const account = await confirmedAccount(api, smtp, 'wrong-enable');
    const tokens = await signIn(api, account.email, account.password);
    expectError(await api.post('/v1/account/mfa/totp/enable', { code: '123456' }, tokens.accessToken), 409, 'CONFLICT');
    const { secret } = (await api.post('/v1/account/mfa/totp/setup', { password: account.password }, tokens.accessToken)).body as { secret: string };
    expectError(await api.post('/v1/account/mfa/totp/enable', { code: await oathtool(secret, at(10 * MINUTE)) }, tokens.accessToken), 401, 'MFA_INVALID');
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ mfaEnabled: false });
    expectTokens(await api.post('/v1/auth/login', { email: account.email, password: account.password }));
  });

  it('turns off only with the password, deleting the secret and recovery codes', async () => {
    const { tokens, email, password, userId } = await accountWithTwoStep(api, smtp, clock, 'disable');
    expectError(await api.post('/v1/account/mfa/totp/disable', { password: 'not the password' }, tokens.accessToken), 401, 'INVALID_CREDENTIALS');
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ mfaEnabled: true });

    expect((await api.post('/v1/account/mfa/totp/disable', { password }, tokens.accessToken)).status).toBe(204);
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ mfaEnabled: false });
    expectError(await api.post('/v1/account/mfa/totp/disable', { password }, tokens.accessToken), 409, 'MFA_NOT_ENABLED');
    const db = service.services.db;
    expect(await db.selectFrom('totp_credentials').select('user_id').where('user_id', '=', userId).execute()).toEqual([]);
    expect(await db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', userId).execute()).toEqual([]);

    // Signing in needs no code now.
    expectTokens(await api.post('/v1/auth/login', { email, password }));
  });

  it('answers malformed bodies with VALIDATION_FAILED and anonymous callers with UNAUTHORIZED', async () => {
    const account = await confirmedAccount(api, smtp, 'bad-input');
    const tokens = await signIn(api, account.email, account.password);
    const details = expectError(await api.post('/v1/account/mfa/totp/enable', { code: 12 }, tokens.accessToken), 400, 'VALIDATION_FAILED');
    expect(details).toEqual({ fields: { code: { code: 'invalid_type', message: expect.any(String) } } });
    expectError(await api.post('/v1/account/mfa/totp/disable', {}, tokens.accessToken), 400, 'VALIDATION_FAILED');
    expectError(await api.post('/v1/auth/mfa', { mfaToken: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await api.post('/v1/account/mfa/totp/setup', {}), 401, 'UNAUTHORIZED');
  });
});

describe('signing in with 2-step verification on', () => {
  it('returns a challenge and no tokens; a code from oathtool completes it, once', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'oathtool');
    const token = await mfaChallenge(api, email, password);
    const code = await oathtool(secret, clock.now());
    const tokens = expectTokens(await mfa(token, code));
    expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ email, mfaEnabled: true });

    // The challenge is used up, and the same code in a new sign-in is a replay (RFC 6238 §5.2).
    expectError(await mfa(token, code), 401, 'MFA_INVALID');
    expectError(await mfa(await mfaChallenge(api, email, password), code), 401, 'MFA_INVALID');
  });

  it('accepts a code from the previous step (clock drift), then refuses it and any earlier one', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'drift');
    nextMidStep(clock);
    const previous = await oathtool(secret, at(-30_000));
    expectTokens(await mfa(await mfaChallenge(api, email, password), previous));
    expectError(await mfa(await mfaChallenge(api, email, password), previous), 401, 'MFA_INVALID');
    // This step's code is later than the one used, so it still works.
    expectTokens(await mfa(await mfaChallenge(api, email, password), await oathtool(secret, clock.now())));
  });

  it('refuses codes from 90 s ahead and 90 s behind, leaving the challenge open for the right one', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'ahead');
    const token = await mfaChallenge(api, email, password);
    expectError(await mfa(token, await oathtool(secret, at(90_000))), 401, 'MFA_INVALID');
    expectError(await mfa(token, await oathtool(secret, at(-90_000))), 401, 'MFA_INVALID');
    // A wrong code leaves the challenge open for the right one.
    expectTokens(await mfa(token, await oathtool(secret, clock.now())));
  });

  it('takes each recovery code once, in any case and with or without the dash', async () => {
    const { email, password, recoveryCodes } = await accountWithTwoStep(api, smtp, clock, 'recovery');
    const [first, second] = recoveryCodes as [string, string];
    expectTokens(await mfa(await mfaChallenge(api, email, password), first));
    expectError(await mfa(await mfaChallenge(api, email, password), first), 401, 'MFA_INVALID');
    expectTokens(await mfa(await mfaChallenge(api, email, password), ` ${second.replaceAll('-', '').toUpperCase()} `));
    expectError(await mfa(await mfaChallenge(api, email, password), second), 401, 'MFA_INVALID');
  });

  it('refuses a forged, a tampered or an expired mfaToken', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'token');
    const code = await oathtool(secret, clock.now());
    expectError(await mfa('forged-token-that-was-never-issued', code), 401, 'MFA_INVALID');
    const real = await mfaChallenge(api, email, password);
    expectError(await mfa(`${real.slice(0, -2)}AA`, code), 401, 'MFA_INVALID');

    // The token works for about five minutes.
    clock.advance(5 * MINUTE + 1000);
    nextMidStep(clock);
    expectError(await mfa(real, await oathtool(secret, clock.now())), 401, 'MFA_INVALID');
    expectTokens(await mfa(await mfaChallenge(api, email, password), await oathtool(secret, clock.now())));
  });

  it('counts wrong codes toward the lockout, and a right password does not reset that count', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'lockout');
    const wrong = await oathtool(secret, at(10 * MINUTE));
    let token = await mfaChallenge(api, email, password);
    for (let i = 0; i < 3; i++) expectError(await mfa(token, wrong), 401, 'MFA_INVALID');
    // Signing in again with the right password must not wipe the three wrong codes.
    token = await mfaChallenge(api, email, password);
    expectError(await mfa(token, wrong), 401, 'MFA_INVALID');
    const details = expectError(await mfa(token, wrong), 423, 'ACCOUNT_LOCKED');
    expect(details?.retryAfterSeconds).toBeGreaterThan(0);

    // Locked: even the right code and the right password are refused until it unlocks.
    expectError(await mfa(token, await oathtool(secret, clock.now())), 423, 'ACCOUNT_LOCKED');
    expectError(await api.post('/v1/auth/login', { email, password }), 423, 'ACCOUNT_LOCKED');
    clock.advance(15 * MINUTE + 1000);
    nextMidStep(clock);
    expectTokens(await mfa(await mfaChallenge(api, email, password), await oathtool(secret, clock.now())));
  });
});
