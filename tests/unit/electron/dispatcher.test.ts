import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/services/ipc/dispatcher';
import { defaultSettings } from '../../../electron/services/settings/settings-service';
import { channelNames } from '../../../shared/contract/client';
import type { Handlers } from '../../../shared/contract/types';
import { AppFailure, errorDetails } from '../../../shared/errors';
import { computerWithoutDevice } from '../../support/this-computer-fixtures';

const user = { id: 'u1', email: 'anna@example.test', name: 'Anna', mfaEnabled: false };
const account = { ...user, language: 'en' as const, createdAt: '2026-01-01T00:00:00Z' };
const signedOutComputer = computerWithoutDevice('signedOut', 'test-host');
const idleChat = { phase: 'idle' as const, position: null, agentName: null, ticket: null, sendingTicket: false, problem: null, messages: [] };

/** Handlers that answer plainly, so each test can override the one it needs. */
function handlers(overrides: Partial<{ [K in keyof Handlers]: Partial<Handlers[K]> }> = {}): Handlers {
  const base: Handlers = {
    app: {
      info: async () => ({ version: '0.1.0', platform: 'linux', host: 'browser', online: true }),
      openExternal: async () => null,
      focused: async () => null,
    },
    session: { get: async () => ({ user, storage: 'secure' }) },
    auth: {
      signUp: async ({ email }) => ({ email }),
      confirmEmail: async () => ({ status: 'confirmed' }),
      resendConfirmation: async () => null,
      signIn: async () => ({ status: 'signedIn', session: { user, storage: 'secure' } }),
      verifyMfa: async () => ({ user, storage: 'secure' }),
      signOut: async () => null,
      requestPasswordReset: async () => null,
      resetPassword: async () => null,
    },
    account: {
      get: async () => account,
      update: async ({ name }) => ({ ...account, ...(name !== undefined && { name }) }),
      changePassword: async () => null,
    },
    security: {
      startTotpSetup: async () => ({
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUrl: 'otpauth://totp/Palisade?secret=JBSWY3DPEHPK3PXP',
      }),
      enableTotp: async () => ({ recoveryCodes: Array.from({ length: 10 }, (_, i) => `code-${i}`) }),
      disableTotp: async () => null,
      listSessions: async () => [],
      endSession: async () => ({ signedOut: false }),
      signOutEverywhere: async () => null,
    },
    subscriptions: {
      list: async () => [],
      activate: async () => Promise.reject(new AppFailure({ code: 'KEY_UNKNOWN', message: 'x' })),
      previewKey: async () => Promise.reject(new AppFailure({ code: 'KEY_UNKNOWN', message: 'x' })),
    },
    billing: {
      plans: async () => [],
      paymentMethods: async () => [],
      addPaymentMethod: async () => Promise.reject(new AppFailure({ code: 'PAYMENT_DECLINED', message: 'x' })),
      updatePaymentMethod: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      makeDefaultPaymentMethod: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      deletePaymentMethod: async () => null,
      renewalTerms: async () => [],
      renew: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      setAutoRenew: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      upgradeOptions: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      upgrade: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      invoices: async () => [],
      saveInvoice: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      openInvoice: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      showInvoiceInFolder: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
    },
    thisComputer: {
      status: async () => signedOutComputer,
      register: async () => signedOutComputer,
      moveFrom: async () => signedOutComputer,
      check: async () => signedOutComputer,
      shares: async () => ({
        fingerprint: 'a'.repeat(64),
        components: [{ kind: 'mac', hash: 'b'.repeat(64) }],
        name: 'desk',
        os: 'Linux 6.8',
        platform: 'linux',
        appVersion: '1.0.0',
      }),
    },
    devices: {
      list: async () => ({ devices: [], thisDeviceId: null }),
      rename: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      deactivate: async () => null,
      forget: async () => null,
      invite: async () => ({ link: 'https://example.test/i', expiresAt: '2026-01-08T00:00:00Z' }),
      acceptInvitation: async () => ({ platform: 'windows' }),
    },
    settings: { get: async () => defaultSettings, update: async () => defaultSettings },
    fingerprint: { start: async () => ({ id: 'op-1' }), cancel: async () => null },
    downloads: {
      list: async () => ({ thisPlatform: 'linux', items: [] }),
      start: async () => ({ id: 'op-2' }),
      pause: async () => null,
      resume: async () => null,
      cancel: async () => null,
      current: async () => [],
      open: async () => ({ path: '/tmp/x', shown: false }),
      showInFolder: async () => ({ path: '/tmp/x', shown: false }),
      emailLink: async () => null,
    },
    support: { contacts: async () => ({ suggestedRegion: null, lines: [] }) },
    help: { search: async () => [], article: async () => { throw new Error('not in this test'); }, feedback: async () => null },
    updates: { status: async () => ({ state: 'upToDate', version: null }) },
    chat: {
      get: async () => idleChat,
      start: async () => ({ ...idleChat, phase: 'connecting' }),
      send: async () => Promise.reject(new AppFailure({ code: 'CONFLICT', message: 'x' })),
      end: async () => null,
      toTicket: async () => Promise.reject(new AppFailure({ code: 'CONFLICT', message: 'x' })),
      dismiss: async () => idleChat,
    },
    tickets: {
      list: async () => [],
      get: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      previewDiagnostics: async () => Promise.reject(new AppFailure({ code: 'UNKNOWN', message: 'x' })),
      create: async () => Promise.reject(new AppFailure({ code: 'UNKNOWN', message: 'x' })),
      reply: async () => Promise.reject(new AppFailure({ code: 'TICKET_CLOSED', message: 'x' })),
      close: async () => Promise.reject(new AppFailure({ code: 'NOT_FOUND', message: 'x' })),
      viewing: async () => null,
    },
  };
  for (const [area, methods] of Object.entries(overrides)) Object.assign(base[area as keyof Handlers], methods);
  return base;
}

describe('dispatcher: the contract guards every channel', () => {
  it('answers a valid call with its value', async () => {
    const { dispatch } = createDispatcher(handlers());
    expect(await dispatch('auth.signUp', { email: ' Anna@Example.TEST ', password: 'pw', name: 'Anna' })).toEqual({
      ok: true,
      value: { email: 'anna@example.test' }, // normalised by the schema before the handler saw it
    });
  });

  it.each([
    ['a missing field', 'auth.signIn', { email: 'anna@example.test' }, 'password'],
    ['a malformed e-mail', 'auth.signIn', { email: 'not-an-email', password: 'x' }, 'email'],
    ['a wrong type', 'account.update', { name: 42 }, 'name'],
    ['an unknown field', 'auth.signOut', { token: 'x' }, '(input)'],
    ['a non-https link', 'app.openExternal', { url: 'file:///etc/passwd' }, 'url'],
    ['an over-long code', 'auth.confirmEmail', { code: 'x'.repeat(5000) }, 'code'],
    ['no object at all', 'session.get', 'hello', '(input)'],
  ])('rejects %s with IPC_INVALID_INPUT naming the field', async (_what, channel, input, field) => {
    let called = false;
    const h = handlers();
    for (const area of Object.values(h))
      for (const key of Object.keys(area)) {
        const original = (area as Record<string, (...a: unknown[]) => unknown>)[key]!;
        (area as Record<string, unknown>)[key] = (...a: unknown[]) => ((called = true), original(...a));
      }
    const result = await createDispatcher(h).dispatch(channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IPC_INVALID_INPUT');
    expect(Object.keys((result.error.details as { fields: Record<string, string> }).fields)).toContain(field);
    expect(called).toBe(false);
  });

  it('describes each problem in the shared field-problem shape, never as a sentence to show', async () => {
    const result = await createDispatcher(handlers()).dispatch('auth.confirmEmail', { code: 'x'.repeat(5000) });
    if (result.ok) throw new Error('accepted an over-long code');
    expect(errorDetails(result.error, 'IPC_INVALID_INPUT')?.fields.code).toMatchObject({
      code: 'too_big',
      maximum: 2048,
    });
  });

  it.each(['auth.nope', 'nope.get', '__proto__.constructor', 'toString', 'auth.signIn.extra', 'constructor.name'])(
    'refuses the unknown channel %s',
    async (channel) => {
      const result = await createDispatcher(handlers()).dispatch(channel, {});
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'IPC_FORBIDDEN' }) });
    },
  );

  it('knows every channel of the contract', async () => {
    const { dispatch } = createDispatcher(handlers());
    for (const channel of channelNames()) {
      const result = await dispatch(channel, {});
      if (!result.ok) expect(result.error.code).not.toBe('IPC_FORBIDDEN');
    }
  });
});

describe('dispatcher: handler errors become results', () => {
  it('passes an AppFailure through with its code and retry time', async () => {
    const { dispatch } = createDispatcher(
      handlers({
        auth: {
          signIn: async () => {
            throw new AppFailure({ code: 'ACCOUNT_LOCKED', message: 'Locked.', retryAfterSeconds: 900 });
          },
        },
      }),
    );
    expect(await dispatch('auth.signIn', { email: 'a@b.test', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', message: 'Locked.', retryAfterSeconds: 900 },
    });
  });

  it('turns anything else into UNKNOWN with a generic message and logs it without secrets', async () => {
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn() {},
      error: (m: string, f?: unknown) => lines.push(`${m} ${JSON.stringify(f)}`),
      child: () => logger,
    };
    const { dispatch } = createDispatcher(
      handlers({
        account: {
          get: async () => {
            throw new TypeError('boom with Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9.c2ln');
          },
        },
      }),
      { logger },
    );
    const result = await dispatch('account.get', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN', message: 'Something went wrong. Please try again.' },
    });
    expect(lines.join('\n')).toContain('TypeError');
    expect(lines.join('\n')).not.toContain('eyJ');
  });

  it('drops fields the contract does not name, so a token in a handler result never crosses', async () => {
    const { dispatch } = createDispatcher(
      handlers({ account: { get: async () => ({ ...account, accessToken: 'secret-token' }) as typeof account } }),
    );
    const result = await dispatch('account.get', {});
    expect(JSON.stringify(result)).not.toContain('secret-token');
    expect(result).toEqual({ ok: true, value: account });
  });
});
