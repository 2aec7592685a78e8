import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { SmtpCapture } from '../../support/smtp';
import { type Client, confirmedAccount, expectTokens, type movableClock } from '../server/http';

const run = promisify(execFile);
const STEP_MS = 30_000;

/** The code an authenticator app shows at `at`: Debian's oathtool (RFC 6238, SHA-1, 6 digits, 30 s). */
export async function oathtool(secret: string, at: Date): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', '-b', secret, '--now', `@${Math.floor(at.getTime() / 1000)}`]);
  const code = stdout.trim();
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

export type Clock = ReturnType<typeof movableClock>;

/**
 * Moves the service clock to the middle of a later 30-second step: codes for "this step"
 * and "the previous step" then stay what they are for the few milliseconds a request takes.
 */
export function nextMidStep(clock: Clock): void {
  const into = clock.now().getTime() % STEP_MS;
  clock.advance(STEP_MS - into + STEP_MS / 2);
}

/** A confirmed account, signed in, with 2-step verification turned on through the routes. */
export async function accountWithTwoStep(api: Client, smtp: SmtpCapture, clock: Clock, label: string) {
  const account = await confirmedAccount(api, smtp, label);
  const tokens = expectTokens(await api.post('/v1/auth/login', { email: account.email, password: account.password, deviceName: 'Setup laptop' }));
  // Sign-up answers no id (it answers every address alike); the account says its own.
  const { id: userId } = (await api.get('/v1/account', tokens.accessToken)).body as { id: string };
  const setup = await api.post('/v1/account/mfa/totp/setup', { password: account.password }, tokens.accessToken);
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  const { secret, otpauthUrl } = setup.body as { secret: string; otpauthUrl: string };
  nextMidStep(clock);
  const enable = await api.post('/v1/account/mfa/totp/enable', { code: await oathtool(secret, clock.now()) }, tokens.accessToken);
  expect(enable.status, JSON.stringify(enable.body)).toBe(200);
  const { recoveryCodes } = enable.body as { recoveryCodes: string[] };
  // The enabling code used up this step: later sign-ins start at the next one.
  nextMidStep(clock);
  return { ...account, userId, tokens, secret, otpauthUrl, recoveryCodes };
}

/** Signs in with the password; 2-step verification is on, so the answer is a challenge. */
export async function mfaChallenge(api: Client, email: string, password: string, deviceName = 'Setup laptop'): Promise<string> {
  const answer = await api.post('/v1/auth/login', { email, password, deviceName });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
  return (answer.body as { mfaToken: string }).mfaToken;
}
