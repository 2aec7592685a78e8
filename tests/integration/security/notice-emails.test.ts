import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectTokens, GOOD_PASSWORD, linkToken, movableClock } from '../server/http';
import { accountWithTwoStep, mfaChallenge, oathtool } from './two-step-fixture';

const clock = movableClock();

const { smtp, api } = useService({ now: clock.now });

const NEW_SIGN_IN = /new sign-in/i;
const login = async (email: string, deviceName?: string, password = GOOD_PASSWORD) =>
  expectTokens(await api.post('/v1/auth/login', { email, password, ...(deviceName !== undefined && { deviceName }) }));
const mailsTo = (email: string, subject: RegExp) => smtp.messages().filter((m) => m.to === email && subject.test(m.subject));

describe('security notices by e-mail', () => {
  it('tells when 2-step verification is turned on and off, as plain text and HTML', async () => {
    const { email, password, tokens } = await accountWithTwoStep(api, smtp, clock, 'on-off');
    const on = await smtp.waitForMessage(email, { subject: /2-step verification is on/i });
    expect(on.text).toMatch(/turned on/);
    expect(on.raw).toMatch(/text\/html/i);

    expect((await api.post('/v1/account/mfa/totp/disable', { password }, tokens.accessToken)).status).toBe(204);
    const off = await smtp.waitForMessage(email, { subject: /2-step verification is off/i });
    expect(off.text).toMatch(/recovery codes no longer work/);
    expect(off.text).toMatch(/If this wasn't you, reset your password/);
  });

  it('tells when the password is changed, and when it is reset', async () => {
    const { email } = await confirmedAccount(api, smtp, 'password-notice');
    const tokens = await login(email, 'Desk');
    const newPassword = 'a brand new walk by the harbour';
    expect((await api.post('/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword }, tokens.accessToken)).status).toBe(204);
    expect((await smtp.waitForMessage(email, { subject: /password was changed/i })).text).toMatch(/was changed on .* UTC/);

    expect((await api.post('/v1/auth/password/forgot', { email })).status).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(email, { subject: /reset/i }), '/reset-password');
    expect((await api.post('/v1/auth/password/reset', { token, password: 'yet another quiet morning' })).status).toBe(204);
    expect((await smtp.waitForMessage(email, { subject: /password was changed/i })).text).toMatch(/was reset/);
  });

  it('tells when a recovery code is used, and how many are left', async () => {
    const { email, password, recoveryCodes } = await accountWithTwoStep(api, smtp, clock, 'recovery-notice');
    expectTokens(await api.post('/v1/auth/mfa', { mfaToken: await mfaChallenge(api, email, password), code: recoveryCodes[0] }));
    expect((await smtp.waitForMessage(email, { subject: /recovery code was used/i })).text).toMatch(/9 codes are left/);
    expectTokens(await api.post('/v1/auth/mfa', { mfaToken: await mfaChallenge(api, email, password), code: recoveryCodes[1] }));
    expect((await smtp.waitForMessage(email, { subject: /recovery code was used/i })).text).toMatch(/8 codes are left/);
  });

  it('tells of a sign-in only from a device the account has not seen before', async () => {
    const { email } = await confirmedAccount(api, smtp, 'new-device');
    // The first sign-in of a new account, the same device again (any case), and again after it signed out: no notice.
    const first = await login(email, 'Work laptop');
    await login(email, 'work LAPTOP');
    expect((await api.post('/v1/auth/logout-all', {}, first.accessToken)).status).toBe(204);
    await login(email, 'Work laptop');

    await login(email, 'Tablet');
    const mail = await smtp.waitForMessage(email, { subject: NEW_SIGN_IN });
    expect(mail.text).toMatch(/Device: Tablet/);
    expect(mail.text).toMatch(/Address: 127\.0\.0\.1/);
    // In English, in UTC and saying so: "December 1, 2026 at 8:16 PM UTC".
    expect(mail.text).toMatch(/Time: [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M UTC/);
    expect(mail.text).toMatch(/If this wasn't you, reset your password/);
    expect(mailsTo(email, NEW_SIGN_IN)).toHaveLength(1);

    // A client that gives no name is a device of its own.
    await login(email);
    expect((await smtp.waitForMessage(email, { subject: NEW_SIGN_IN })).text).toMatch(/Device: Unnamed device/);
    await login(email, 'Tablet');
    await login(email);
    await login(email, 'Phone');
    expect((await smtp.waitForMessage(email, { subject: NEW_SIGN_IN })).text).toMatch(/Device: Phone/);
    expect(mailsTo(email, NEW_SIGN_IN)).toHaveLength(3);
  });

  it('with 2-step verification on, tells of a new device only once the second step succeeds', async () => {
    const { email, password, secret } = await accountWithTwoStep(api, smtp, clock, 'new-device-mfa');
    const abandoned = await mfaChallenge(api, email, password, 'Stranger PC');
    expect(abandoned.length).toBeGreaterThan(20);
    const token = await mfaChallenge(api, email, password, 'New phone');
    expectTokens(await api.post('/v1/auth/mfa', { mfaToken: token, code: await oathtool(secret, clock.now()) }));
    expect((await smtp.waitForMessage(email, { subject: NEW_SIGN_IN })).text).toMatch(/Device: New phone/);
    expect(mailsTo(email, NEW_SIGN_IN)).toHaveLength(1);
  });
});
