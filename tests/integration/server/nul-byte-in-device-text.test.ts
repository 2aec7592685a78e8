import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deviceListSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { fakeMachine, registerBody, signedInAccount } from '../protection/protection-fixture';
import { type Answer, confirmedAccount, expectError, GOOD_PASSWORD, uniqueEmail } from './http';

/**
 * PostgreSQL (PGlite too) refuses NUL in text, so a NUL that got past validation was a
 * 500 once it reached the database. Every free-text field refuses it at the door with
 * field details.
 * Run with DATABASE_URL set for PostgreSQL, without for PGlite.
 */
const { smtp, api } = useService();

const NUL = '\u0000';

/** 400 VALIDATION_FAILED naming `field` as text holding characters it cannot use, and nothing else. */
function expectRefusedText(answer: Answer, field: string, format = 'single_line_text') {
  const details = expectError(answer, 400, 'VALIDATION_FAILED');
  expect(details).toEqual({
    fields: { [field]: { code: 'invalid_format', format, message: expect.any(String) } },
  });
}

describe('a NUL byte in the text a device or a person sends', () => {
  it('is refused in a new device’s os, appVersion and name, and nothing is registered', async () => {
    const account = await signedInAccount(api, smtp, 'nul-register');
    for (const [field, value] of [
      ['os', `Windows 11${NUL}Pro`],
      ['appVersion', `1.0.0${NUL}`],
      ['name', `Study${NUL}PC`],
    ] as const) {
      const answer = await api.post('/v1/devices', registerBody(fakeMachine(), { [field]: value }), account.token);
      expectRefusedText(answer, field);
    }
    expect(deviceListSchema.parse((await api.get('/v1/devices', account.token)).body)).toEqual([]);
  });

  it('is refused in the os, appVersion and name of the machine protection moves to, and in a new name', async () => {
    // The body is checked before the device is looked up, so the refusal needs no device.
    const account = await signedInAccount(api, smtp, 'nul-transfer');
    const id = randomUUID();
    for (const [field, value] of [
      ['os', `${NUL}macOS 14.5`],
      ['appVersion', `1.${NUL}0`],
      ['name', `New${NUL}laptop`],
    ] as const) {
      const answer = await api.post(
        `/v1/devices/${id}/transfer`,
        registerBody(fakeMachine(), { [field]: value }),
        account.token,
      );
      expectRefusedText(answer, field);
    }
    expectRefusedText(await api.patch(`/v1/devices/${id}`, { name: `Kitchen${NUL}` }, account.token), 'name');
  });

  it('is refused in the device name of a sign-in, which signs nobody in', async () => {
    const account = await confirmedAccount(api, smtp, 'nul-sign-in');
    const answer = await api.post('/v1/auth/login', {
      email: account.email,
      password: account.password,
      deviceName: `Laptop${NUL}`,
    });
    expectRefusedText(answer, 'deviceName');
  });

  it('is refused in the account’s name at sign-up and when it is changed', async () => {
    const email = uniqueEmail('nul-name');
    expectRefusedText(
      await api.post('/v1/auth/signup', { email, password: GOOD_PASSWORD, name: `Ada${NUL}Lovelace` }),
      'name',
    );
    const account = await signedInAccount(api, smtp, 'nul-rename-account');
    expectRefusedText(await api.patch('/v1/account', { name: `${NUL}` + 'Ada' }, account.token), 'name');
    expect((await api.get('/v1/account', account.token)).body).toMatchObject({ name: account.name });
  });

  it('is refused in a password, which is otherwise any character a person chose', async () => {
    const email = uniqueEmail('nul-password');
    expectRefusedText(
      await api.post('/v1/auth/signup', { email, password: `${GOOD_PASSWORD}${NUL}`, name: 'Ada' }),
      'password',
      'secret_text',
    );
    const account = await confirmedAccount(api, smtp, 'nul-password-sign-in');
    expectRefusedText(
      await api.post('/v1/auth/login', { email: account.email, password: `${NUL}${account.password}` }),
      'password',
      'secret_text',
    );
  });

  it('still lets a device and a person use any printable text, in any script', async () => {
    const account = await signedInAccount(api, smtp, 'nul-printable');
    const name = 'Zoë Ødegård 🛡️ «Ноутбук» مكتب';
    expect((await api.patch('/v1/account', { name }, account.token)).body).toMatchObject({ name });
    const signIn = await api.post('/v1/auth/login', {
      email: account.email,
      password: account.password,
      deviceName: name,
    });
    expect(signIn.status).toBe(200);
    // This account has no subscription: whatever the service answers, the text is not what it refuses.
    const answer = await api.post(
      '/v1/devices',
      registerBody(fakeMachine(), { name, os: 'Windows 11 Pro 23H2', appVersion: '1.2.3-beta.1' }),
      account.token,
    );
    expect(answer.status, JSON.stringify(answer.body)).not.toBe(400);
  });
});
