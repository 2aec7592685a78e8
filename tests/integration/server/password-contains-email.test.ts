import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, linkToken, signIn, uniqueEmail } from './http';

const { smtp, api } = useService();

describe('a password that contains the e-mail address', () => {
  it('is refused at sign-up, whatever its case, for the whole address or its local part', async () => {
    const email = uniqueEmail('kestrel');
    const local = email.split('@')[0] as string;
    for (const password of [`${local.toUpperCase()}!`, `my ${email} pass`]) {
      const details = expectError(await api.post('/v1/auth/signup', { email, password, name: 'K' }), 400, 'WEAK_PASSWORD');
      expect(details).toMatchObject({ reason: 'contains_email', field: 'password' });
    }
  });

  it('lets a local part shorter than 4 characters be part of a password', async () => {
    const email = `ab${Date.now().toString(36).slice(-1)}@example.test`;
    const answer = await api.post('/v1/auth/signup', { email, password: `${email.split('@')[0]} is a fine start here`, name: 'A' });
    expect(answer.status).toBe(202);
  });

  it('is refused at reset (by link) and at password change', async () => {
    const account = await confirmedAccount(api, smtp, 'osprey');
    const local = account.email.split('@')[0] as string;
    expect((await api.post('/v1/auth/password/forgot', { email: account.email })).status).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(account.email, { subject: /reset/i }), '/reset-password');
    const reset = expectError(await api.post('/v1/auth/password/reset', { token, password: `${local}-2026` }), 400, 'WEAK_PASSWORD');
    expect(reset?.reason).toBe('contains_email');

    const session = await signIn(api, account.email, account.password);
    const change = await api.post(
      '/v1/account/password',
      { currentPassword: account.password, newPassword: `New${local.toUpperCase()}` },
      session.accessToken,
    );
    expect(expectError(change, 400, 'WEAK_PASSWORD')).toMatchObject({ reason: 'contains_email', field: 'newPassword' });
  });
});
