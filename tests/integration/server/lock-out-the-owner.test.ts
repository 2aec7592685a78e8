import { describe, expect, it } from 'vitest';
import { signedInSchema } from '../../../shared/api/identity';
import { useService } from '../../support/use-service';
import { accountWithTwoStep, nextMidStep, oathtool } from '../security/two-step-fixture';
import { type Answer, confirmedAccount, expectError, linkToken, MINUTE, movableClock } from './http';

/**
 * The attack: a stranger who knows the owner's address types five wrong passwords and so
 * locks the owner out of the app they already use. The owner's installation presents its
 * device token and is judged by that token's own count instead.
 */

const clock = movableClock();
const { smtp, api } = useService({ now: clock.now });

const login = (email: string, password: string, deviceToken?: string) =>
  api.post('/v1/auth/login', { email, password, ...(deviceToken !== undefined && { deviceToken }) });

/** A completed sign-in: tokens and the installation's (new) device token. */
function signedIn(answer: Answer) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const parsed = signedInSchema.parse(answer.body);
  expect(parsed.deviceToken.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
  return parsed;
}

const WRONG = 'not the password at all';

/** Five wrong passwords from someone without a device token: the fifth locks the account. */
async function strangerLocks(email: string) {
  for (let i = 1; i <= 4; i++) expectError(await login(email, WRONG), 401, 'INVALID_CREDENTIALS');
  expect(expectError(await login(email, WRONG), 423, 'ACCOUNT_LOCKED')).toEqual({ retryAfterSeconds: 900 });
}

describe("a stranger's wrong passwords", () => {
  it("lock the account, but not the owner's app with its device token", async () => {
    const owner = await confirmedAccount(api, smtp, 'owner');
    const first = signedIn(await login(owner.email, owner.password));

    await strangerLocks(owner.email);
    // Without a token the account is locked, even for the right password.
    expectError(await login(owner.email, owner.password), 423, 'ACCOUNT_LOCKED');

    // The owner's app signs in, and gets the token's next value.
    const second = signedIn(await login(owner.email, owner.password, first.deviceToken));
    expect(second.deviceToken).not.toBe(first.deviceToken);
    expect((await api.get('/v1/account', second.accessToken)).status).toBe(200);
    signedIn(await login(owner.email, owner.password, second.deviceToken));

    // The old value was replaced: it is now no token at all, and the account's lock applies.
    expectError(await login(owner.email, owner.password, first.deviceToken), 423, 'ACCOUNT_LOCKED');
    // So does a made-up one.
    expectError(await login(owner.email, owner.password, 'made-up-device-token-made-up-device-token-xx'), 423, 'ACCOUNT_LOCKED');
  });

  it("are not forgiven by the stranger's own account's device token", async () => {
    const owner = await confirmedAccount(api, smtp, 'owner-other');
    const stranger = await confirmedAccount(api, smtp, 'stranger');
    const strangersToken = signedIn(await login(stranger.email, stranger.password)).deviceToken;

    await strangerLocks(owner.email);
    // A token of another account is no token of this one: the account's lock judges it.
    expectError(await login(owner.email, owner.password, strangersToken), 423, 'ACCOUNT_LOCKED');
    expectError(await login(owner.email, WRONG, strangersToken), 423, 'ACCOUNT_LOCKED');
  });

  it("neither lock a 2-step account's app out of its second step, whose wrong codes count against the token", async () => {
    const owner = await accountWithTwoStep(api, smtp, clock, 'owner-2step');
    // The app's sign-in: password, then a code; it ends with a device token.
    const challenge = async (deviceToken?: string) => {
      const answer = await login(owner.email, owner.password, deviceToken);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body as { mfaToken: string }).mfaToken;
    };
    const mfa = (mfaToken: string, code: string) => api.post('/v1/auth/mfa', { mfaToken, code });
    const first = signedIn(await mfa(await challenge(), await oathtool(owner.secret, clock.now())));
    nextMidStep(clock);

    await strangerLocks(owner.email);
    expectError(await login(owner.email, owner.password), 423, 'ACCOUNT_LOCKED');

    // The owner's app passes both steps with its token, and gets the token's next value.
    const afterLock = signedIn(await mfa(await challenge(first.deviceToken), await oathtool(owner.secret, clock.now())));
    expect(afterLock.deviceToken).not.toBe(first.deviceToken);
    nextMidStep(clock);

    // Wrong codes in a sign-in that came with the token count against the token: the fifth locks it.
    const wrongCode = await oathtool(owner.secret, new Date(clock.now().getTime() + 10 * MINUTE));
    const token = await challenge(afterLock.deviceToken);
    for (let i = 1; i <= 4; i++) expectError(await mfa(token, wrongCode), 401, 'MFA_INVALID');
    expect(expectError(await mfa(token, wrongCode), 423, 'ACCOUNT_LOCKED')).toEqual({ retryAfterSeconds: 900 });
    expectError(await login(owner.email, owner.password, afterLock.deviceToken), 423, 'ACCOUNT_LOCKED');

    // After its 15 minutes the token signs in again.
    clock.advance(15 * MINUTE + 1000);
    nextMidStep(clock);
    signedIn(await mfa(await challenge(afterLock.deviceToken), await oathtool(owner.secret, clock.now())));
  });
});

describe("the owner's own wrong passwords", () => {
  it('lock only the token they were typed with', async () => {
    const owner = await confirmedAccount(api, smtp, 'own-typos');
    const laptop = signedIn(await login(owner.email, owner.password)).deviceToken;
    const desktop = signedIn(await login(owner.email, owner.password)).deviceToken;

    for (let i = 1; i <= 4; i++) expectError(await login(owner.email, WRONG, laptop), 401, 'INVALID_CREDENTIALS');
    expect(expectError(await login(owner.email, WRONG, laptop), 423, 'ACCOUNT_LOCKED')).toEqual({ retryAfterSeconds: 900 });
    clock.advance(5 * MINUTE);
    expect(expectError(await login(owner.email, owner.password, laptop), 423, 'ACCOUNT_LOCKED')).toEqual({ retryAfterSeconds: 600 });

    // The other installation and a sign-in without a token are not locked: the account's count never moved.
    signedIn(await login(owner.email, owner.password, desktop));
    for (let i = 1; i <= 4; i++) expectError(await login(owner.email, WRONG), 401, 'INVALID_CREDENTIALS');
    signedIn(await login(owner.email, owner.password));

    clock.advance(10 * MINUTE + 1000);
    signedIn(await login(owner.email, owner.password, laptop));
  });

  it('are forgiven, on the token and the account, by a password reset', async () => {
    const owner = await confirmedAccount(api, smtp, 'own-reset');
    const laptop = signedIn(await login(owner.email, owner.password)).deviceToken;
    for (let i = 1; i <= 5; i++) await login(owner.email, WRONG, laptop);
    await strangerLocks(owner.email);
    expectError(await login(owner.email, owner.password, laptop), 423, 'ACCOUNT_LOCKED');
    expectError(await login(owner.email, owner.password), 423, 'ACCOUNT_LOCKED');
    // Each lock (the laptop's token, then the account) is e-mailed with a reset link of its
    // own, issued just after the answer; only the newest reset link works, so the one asked
    // for next must come after them.
    await smtp.waitForMessage(owner.email, { subject: /locked/i });
    await smtp.waitForMessage(owner.email, { subject: /locked/i });

    expect((await api.post('/v1/auth/password/forgot', { email: owner.email })).status).toBe(202);
    const { token } = linkToken(await smtp.waitForMessage(owner.email, { subject: /reset/i }), '/reset-password');
    const newPassword = 'a brand new lighthouse keeper';
    expect((await api.post('/v1/auth/password/reset', { token, password: newPassword })).status).toBe(204);

    // The token's count starts again too: four wrong passwords do not lock it.
    for (let i = 1; i <= 4; i++) expectError(await login(owner.email, WRONG, laptop), 401, 'INVALID_CREDENTIALS');
    const renewed = signedIn(await login(owner.email, newPassword, laptop)).deviceToken;
    signedIn(await login(owner.email, newPassword, renewed));
    signedIn(await login(owner.email, newPassword));
  });
});
