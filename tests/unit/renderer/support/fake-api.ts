import { vi } from 'vitest';
import type { SessionState } from '../../../../shared/contract/session';
import type { EventName, EventPayload, PalisadeApi } from '../../../../shared/contract/types';
import type { AppError, ErrorCode } from '../../../../shared/errors';
import { computerWithoutDevice } from '../../../support/this-computer-fixtures';
import { defaultSettings } from '../../../../shared/contract/settings';

/**
 * A stand-in for `window.palisade`: every channel of the contract answers like the main
 * process would (a Result), and push events are emitted by hand. Only the IPC boundary is
 * faked; the renderer under test is the real one.
 */
export const alex = { id: 'u1', email: 'alex@example.com', name: 'Alex Morgan', mfaEnabled: false };
export const signedIn: SessionState = { user: alex, storage: 'secure' };
export const signedOut: SessionState = { user: null, storage: 'secure' };
/** No chat open (the `chat.get` default). */
export const idleChat = { phase: 'idle' as const, position: null, agentName: null, ticket: null, sendingTicket: false, problem: null, messages: [] };

/** Settings → Security fixtures. */
export const totpSetup = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/Palisade:alex%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Palisade',
};
export const recoveryCodes = Array.from({ length: 10 }, (_, i) => `r${i}aaa-bbbb${i}`);
export const accountSessions = [
  {
    id: 's-here',
    deviceName: 'Palisade on this laptop',
    createdAt: '2025-03-01T09:00:00.000Z',
    lastUsedAt: '2025-03-02T10:00:00.000Z',
    current: true,
  },
  {
    id: 's-desk',
    deviceName: 'Palisade on the desktop',
    createdAt: '2025-02-01T09:00:00.000Z',
    lastUsedAt: '2025-02-20T18:30:00.000Z',
    current: false,
  },
];

/** This computer, signed in but holding no seat (the `thisComputer.status` default). */
export const unregisteredComputer = computerWithoutDevice('unregistered', 'alex-laptop');

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const failure = (code: ErrorCode, extra: Partial<AppError> = {}) => ({
  ok: false as const,
  error: { code, message: `${code} (from the fake)`, ...extra },
});

type Area = Exclude<keyof PalisadeApi, 'on'>;
export type FakeOverrides = { [A in Area]?: Partial<PalisadeApi[A]> };

export function createFakeApi(overrides: FakeOverrides = {}, session: SessionState = signedOut) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const account = { ...alex, language: 'en' as const, createdAt: '2025-01-01T00:00:00.000Z' };

  const defaults: Omit<PalisadeApi, 'on'> = {
    app: {
      info: async () => ok({ version: '0.1.0', platform: 'linux' as const, host: 'electron' as const, online: true }),
      openExternal: async () => ok(null),
      focused: async () => ok(null),
    },
    session: { get: async () => ok(session) },
    fingerprint: {
      start: async () => ok({ id: 'refresh-1' }),
      cancel: async () => ok(null),
    },
    // Defaults: nothing published, nothing downloading; the downloads screen's tests override.
    downloads: {
      list: async () => ok({ thisPlatform: 'linux' as const, items: [] }),
      start: async () => failure('NOT_FOUND'),
      pause: async () => ok(null),
      resume: async () => ok(null),
      cancel: async () => ok(null),
      current: async () => ok([]),
      open: async () => failure('NOT_FOUND'),
      showInFolder: async () => failure('NOT_FOUND'),
      emailLink: async () => ok(null),
    },
    support: { contacts: async () => ok({ suggestedRegion: null, lines: [] }) },
    help: { search: async () => ok([]), article: async () => failure('NOT_FOUND'), feedback: async () => ok(null) },
    updates: { status: async () => ok({ state: 'upToDate' as const, version: null }) },
    chat: {
      get: async () => ok(idleChat),
      start: async () => ok({ ...idleChat, phase: 'connecting' as const }),
      send: async () => failure('CONFLICT'),
      end: async () => ok(null),
      toTicket: async () => failure('CONFLICT'),
      dismiss: async () => ok(idleChat),
    },
    tickets: {
      list: async () => ok([]),
      get: async () => failure('NOT_FOUND'),
      previewDiagnostics: async () => failure('UNKNOWN'),
      create: async () => failure('UNKNOWN'),
      reply: async () => failure('TICKET_CLOSED'),
      close: async () => failure('NOT_FOUND'),
      viewing: async () => ok(null),
    },
    settings: {
      get: async () => ok({ ...defaultSettings, language: 'system' as const }),
      update: async (input) => ok({ ...defaultSettings, language: input.language ?? ('system' as const) }),
    },
    auth: {
      signUp: async (input) => ok({ email: input.email.trim().toLowerCase() }),
      confirmEmail: async () => ok({ status: 'confirmed' as const }),
      resendConfirmation: async () => ok(null),
      signIn: async () => ok({ status: 'signedIn' as const, session: signedIn }),
      verifyMfa: async () => ok(signedIn),
      signOut: async () => ok(null),
      requestPasswordReset: async () => ok(null),
      resetPassword: async () => ok(null),
    },
    account: {
      get: async () => ok(account),
      update: async (input) => ok({ ...account, ...(input.name !== undefined && { name: input.name }) }),
      changePassword: async () => ok(null),
    },
    security: {
      startTotpSetup: async () => ok(totpSetup),
      enableTotp: async () => ok({ recoveryCodes }),
      disableTotp: async () => ok(null),
      listSessions: async () => ok(accountSessions),
      endSession: async () => ok({ signedOut: false }),
      signOutEverywhere: async () => ok(null),
    },
    // Defaults: nothing activated, this computer not registered; screens' tests override.
    subscriptions: {
      list: async () => ok([]),
      activate: async () => failure('KEY_UNKNOWN'),
      previewKey: async () => failure('KEY_UNKNOWN'),
    },
    // Defaults: no card, no invoice; the billing screens' tests override.
    billing: {
      plans: async () => ok([]),
      paymentMethods: async () => ok([]),
      addPaymentMethod: async () => failure('PAYMENT_DECLINED', { details: { reason: 'card_declined' } }),
      updatePaymentMethod: async () => failure('NOT_FOUND'),
      makeDefaultPaymentMethod: async () => failure('NOT_FOUND'),
      deletePaymentMethod: async () => ok(null),
      renewalTerms: async () => ok([]),
      renew: async () => failure('NOT_FOUND'),
      setAutoRenew: async () => failure('NOT_FOUND'),
      upgradeOptions: async () => failure('NOT_FOUND'),
      upgrade: async () => failure('NOT_FOUND'),
      invoices: async () => ok([]),
      saveInvoice: async () => failure('NOT_FOUND'),
      openInvoice: async () => failure('NOT_FOUND'),
      showInvoiceInFolder: async () => failure('NOT_FOUND'),
    },
    thisComputer: {
      status: async () => ok(unregisteredComputer),
      register: async () => failure('SEAT_LIMIT_REACHED', { details: { devices: [] } }),
      moveFrom: async () => failure('NOT_FOUND'),
      check: async () => ok(unregisteredComputer),
      shares: async () =>
        ok({
          fingerprint: 'a'.repeat(64),
          components: [{ kind: 'mac' as const, hash: 'b'.repeat(64) }],
          name: 'alex-laptop',
          os: 'Microsoft Windows 11 Pro 10.0.22631',
          platform: 'windows' as const,
          appVersion: '1.4.0',
        }),
    },
    devices: {
      list: async () => ok({ devices: [], thisDeviceId: null }),
      rename: async () => failure('NOT_FOUND'),
      deactivate: async () => ok(null),
      forget: async () => ok(null),
      invite: async () => ok({ link: 'https://palisade.example/i?token=t', expiresAt: '2025-03-09T09:00:00.000Z' }),
      acceptInvitation: async () => ok({ platform: 'windows' as const }),
    },
  };

  const api = { on: undefined as unknown } as Record<string, unknown>;
  for (const [area, methods] of Object.entries(defaults) as [Area, Record<string, unknown>][]) {
    const merged = { ...methods, ...(overrides[area] as Record<string, unknown> | undefined) };
    api[area] = Object.fromEntries(
      Object.entries(merged).map(([name, impl]) => [name, vi.fn(impl as (...args: unknown[]) => unknown)]),
    );
  }
  api.on = (name: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => set.delete(listener);
  };

  return {
    api: api as unknown as PalisadeApi,
    /** Pushes an event as the main process would. */
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    listenerCount: (name: EventName) => listeners.get(name)?.size ?? 0,
  };
}
