import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import {
  DAY,
  expectError,
  expectTokens,
  GOOD_PASSWORD,
  HOUR,
  linkToken,
  MINUTE,
  movableClock,
  uniqueEmail,
} from './http';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

describe('creating an account', () => {
  it('sends a confirmation e-mail over SMTP whose link confirms the address, once', async () => {
    const email = uniqueEmail('journey');
    const signup = await api.post('/v1/auth/signup', {
      email: `  ${email.toUpperCase()} `,
      password: GOOD_PASSWORD,
      name: ' Robin Hood ',
    });
    expect(signup.status).toBe(202);
    expect(signup.body).toEqual({});

    const mail = await smtp.waitForMessage(email);
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.text).toContain('Hello Robin Hood,');
    const { link, token } = linkToken(mail, '/confirm');
    expect(link.startsWith(`${service.url}/confirm?token=`)).toBe(true);

    // The page the link opens shows the code and offers the app link, without using the token.
    const page = await api.get(new URL(link).pathname + new URL(link).search);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.body).toContain(`<code>${token}</code>`);
    expect(page.body).toContain(`href="palisade://confirm?token=${token}"`);
    expect(page.body).toContain('lang="en"');

    // Signing in unconfirmed sends a fresh confirmation e-mail (at most one a minute).
    clock.advance(MINUTE + 1000);
    expectError(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }), 403, 'EMAIL_NOT_CONFIRMED');
    const again = await smtp.waitForMessage(email);
    expect(linkToken(again, '/confirm').token).not.toBe(token);

    const confirm = await api.post('/v1/auth/confirm', { token });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual({ confirmed: true });
    expectError(await api.post('/v1/auth/confirm', { token }), 400, 'TOKEN_INVALID');

    expectTokens(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }));
  });

  it('answers a taken address as a new one, whatever its case and spacing (sign-up-tells-who-has-an-account)', async () => {
    const email = uniqueEmail('taken');
    expect((await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'First' })).status).toBe(202);
    const again = await api.post('/v1/auth/signup', {
      email: ` ${email.toUpperCase()}`,
      password: GOOD_PASSWORD,
      name: 'Second',
    });
    expect([again.status, again.body]).toEqual([202, {}]);
  });

  it('refuses short, overlong and common passwords, and says why', async () => {
    const cases = [
      ['short7!', 'too_short'],
      ['x'.repeat(129), 'too_long'],
      ['qwertyuiop', 'too_common'],
      ['PassWord123', 'too_common'],
    ] as const;
    for (const [password, reason] of cases) {
      const details = expectError(
        await api.post('/v1/auth/signup', { email: uniqueEmail('weak'), password, name: 'Weak' }),
        400,
        'WEAK_PASSWORD',
      );
      expect(details).toMatchObject({ reason, minLength: 8 });
    }
  });

  it('accepts long passphrases and any characters, with no composition rules', async () => {
    for (const password of [
      'é'.repeat(64),
      'correct horse battery staple '.repeat(4).slice(0, 110),
      'lowercaseonlylongenough',
    ]) {
      expect((await api.post('/v1/auth/signup', { email: uniqueEmail('long'), password, name: 'Long' })).status).toBe(
        202,
      );
    }
  });

  it('refuses unknown, malformed and expired confirmation codes', async () => {
    expectError(await api.post('/v1/auth/confirm', { token: 'A'.repeat(43) }), 400, 'TOKEN_INVALID');
    const details = expectError(
      await api.post('/v1/auth/confirm', { token: 'not a token!' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(details).toEqual({ fields: { token: { code: 'too_small', minimum: 16, message: expect.any(String) } } });

    const email = uniqueEmail('late');
    await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: 'Late' });
    const { token } = linkToken(await smtp.waitForMessage(email), '/confirm');
    clock.advance(DAY + HOUR);
    expectError(await api.post('/v1/auth/confirm', { token }), 400, 'TOKEN_INVALID');
  });

  it('answers an incomplete e-mail link with a page that says so', async () => {
    const page = await api.get('/confirm?token=abc');
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/incomplete/);
    expect((await api.get('/reset-password')).status).toBe(400);
  });
});
