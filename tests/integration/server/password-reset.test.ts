import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import {
  confirmedAccount,
  expectError,
  expectTokens,
  linkToken,
  MINUTE,
  movableClock,
  signIn,
  uniqueEmail,
} from './http';

const clock = movableClock();

const { smtp, api } = useService({ now: clock.now });

async function resetToken(email: string): Promise<string> {
  expect((await api.post('/v1/auth/password/forgot', { email })).status).toBe(202);
  return linkToken(await smtp.waitForMessage(email, { subject: /reset/i }), '/reset-password').token;
}

describe('forgetting a password', () => {
  it('answers 202 for an unknown address and sends nothing', async () => {
    const email = uniqueEmail('ghost');
    const answer = await api.post('/v1/auth/password/forgot', { email });
    expect(answer.status).toBe(202);
    expect(answer.body).toBeNull();
    await expect(smtp.waitForMessage(email, { timeoutMs: 1500 })).rejects.toThrow(/No mail/);
  });

  it('e-mails a link whose code sets a new password and ends every session', async () => {
    const account = await confirmedAccount(api, smtp, 'forgot');
    const session = await signIn(api, account.email, account.password);

    expect((await api.post('/v1/auth/password/forgot', { email: account.email.toUpperCase() })).status).toBe(202);
    const mail = await smtp.waitForMessage(account.email, { subject: /reset/i });
    const { link, token } = linkToken(mail, '/reset-password');
    const page = await api.get(new URL(link).pathname + new URL(link).search);
    expect(page.body).toContain(`href="palisade://reset-password?token=${token}"`);

    // A weak password is refused without spending the code.
    const weak = expectError(
      await api.post('/v1/auth/password/reset', { token, password: 'password1' }),
      400,
      'WEAK_PASSWORD',
    );
    expect(weak?.reason).toBe('too_common');

    const newPassword = 'another quiet lighthouse';
    expect((await api.post('/v1/auth/password/reset', { token, password: newPassword })).status).toBe(204);
    expectError(
      await api.post('/v1/auth/password/reset', { token, password: 'yet another lighthouse' }),
      400,
      'TOKEN_INVALID',
    );

    expect((await api.post('/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expectError(await api.get('/v1/account', session.accessToken), 401, 'UNAUTHORIZED');
    expectError(
      await api.post('/v1/auth/login', { email: account.email, password: account.password }),
      401,
      'INVALID_CREDENTIALS',
    );
    await signIn(api, account.email, newPassword);
  });

  it('keeps only the newest reset link working', async () => {
    const account = await confirmedAccount(api, smtp, 'newest');
    const older = await resetToken(account.email);
    clock.advance(MINUTE + 1000); // reset e-mails: at most one a minute
    const newer = await resetToken(account.email);
    expectError(
      await api.post('/v1/auth/password/reset', { token: older, password: 'the older lighthouse' }),
      400,
      'TOKEN_INVALID',
    );
    expect((await api.post('/v1/auth/password/reset', { token: newer, password: 'the newer lighthouse' })).status).toBe(
      204,
    );
  });

  it('expires a reset link after 30 minutes', async () => {
    const account = await confirmedAccount(api, smtp, 'slow');
    const token = await resetToken(account.email);
    clock.advance(31 * MINUTE);
    expectError(
      await api.post('/v1/auth/password/reset', { token, password: 'too late a lighthouse' }),
      400,
      'TOKEN_INVALID',
    );
  });

  it('confirms an unconfirmed address, since following the link proves it', async () => {
    const email = uniqueEmail('never-confirmed');
    await api.post('/v1/auth/signup', { email, password: 'first lighthouse ever', name: 'Nell' });
    await smtp.waitForMessage(email, { subject: /confirm/i });
    const token = await resetToken(email);
    expect((await api.post('/v1/auth/password/reset', { token, password: 'second lighthouse ever' })).status).toBe(204);
    expectTokens(await api.post('/v1/auth/login', { email, password: 'second lighthouse ever' }));
  });

  it('refuses made-up and malformed reset codes', async () => {
    expectError(
      await api.post('/v1/auth/password/reset', { token: 'B'.repeat(43), password: 'a fine lighthouse' }),
      400,
      'TOKEN_INVALID',
    );
    expectError(
      await api.post('/v1/auth/password/reset', { token: 'short', password: 'a fine lighthouse' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
