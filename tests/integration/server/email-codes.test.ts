import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { codeIn, confirmedAccount, expectError, GOOD_PASSWORD, HOUR, MINUTE, movableClock, signedUpWithCode, signIn, wrongCode } from './http';

const clock = movableClock();
const { smtp, api } = useService({ now: clock.now });

const signedUp = (label: string) => signedUpWithCode(api, smtp, label);

const confirmByCode = (email: string, code: string) => api.post('/v1/auth/confirm', { email, code });

describe('confirming an address with the code from the e-mail', () => {
  it('accepts the code from the mail, in any case, with or without the dash, and with O and I for 0 and 1', async () => {
    const { email, code } = await signedUp('code-typed');
    const typed = code.replace('-', '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i');
    expectError(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }), 403, 'EMAIL_NOT_CONFIRMED');
    const answer = await confirmByCode(` ${email.toUpperCase()} `, typed);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ confirmed: true });
    await signIn(api, email, GOOD_PASSWORD);
    // Used: the same code now says the e-mail's code is spent, not that it is mistyped.
    expectError(await confirmByCode(email, code), 400, 'TOKEN_INVALID');
  });

  it('tells the right code of an expired e-mail apart from a mistyped one', async () => {
    const { email, code } = await signedUp('code-expiry');
    clock.advance(24 * HOUR + MINUTE);
    expectError(await confirmByCode(email, code), 400, 'TOKEN_INVALID');
    expect(expectError(await confirmByCode(email, wrongCode(code)), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: 4 });
  });

  it('refuses what cannot be a code as malformed, spending no try', async () => {
    const { email, code } = await signedUp('code-shape');
    expectError(await confirmByCode(email, 'ABCD-EFG'), 400, 'VALIDATION_FAILED');
    expectError(await confirmByCode(email, 'ABCU-EFGH'), 400, 'VALIDATION_FAILED');
    expect((await confirmByCode(email, code)).status).toBe(200);
  });
});

describe('resetting a password with the code from the e-mail', () => {
  it('sets the new password with the code, once; a weak one spends no try', async () => {
    const account = await confirmedAccount(api, smtp, 'code-reset');
    expect((await api.post('/v1/auth/password/forgot', { email: account.email })).status).toBe(202);
    const code = codeIn(await smtp.waitForMessage(account.email, { subject: /reset/i }));
    const weak = expectError(await api.post('/v1/auth/password/reset', { email: account.email, code, password: 'password1' }), 400, 'WEAK_PASSWORD');
    expect(weak?.reason).toBe('too_common');
    expect(expectError(await api.post('/v1/auth/password/reset', { email: account.email, code: wrongCode(code), password: 'a new quiet harbour' }), 400, 'CODE_INVALID')).toEqual({ attemptsLeft: 4 });
    expect((await api.post('/v1/auth/password/reset', { email: account.email, code: code.toLowerCase(), password: 'a new quiet harbour' })).status).toBe(204);
    expectError(await api.post('/v1/auth/password/reset', { email: account.email, code, password: 'yet another harbour' }), 400, 'TOKEN_INVALID');
    await signIn(api, account.email, 'a new quiet harbour');
  });

  it('expires the code with the link, after 30 minutes', async () => {
    const account = await confirmedAccount(api, smtp, 'code-reset-expiry');
    expect((await api.post('/v1/auth/password/forgot', { email: account.email })).status).toBe(202);
    const code = codeIn(await smtp.waitForMessage(account.email, { subject: /reset/i }));
    clock.advance(30 * MINUTE + 1000);
    expectError(await api.post('/v1/auth/password/reset', { email: account.email, code, password: 'a new quiet harbour' }), 400, 'TOKEN_INVALID');
  });
});
