import { z } from 'zod';
import { accountSessionSchema, recoveryCodesSchema, totpSetupSchema, type AccountSession, type TotpSetup } from '../../../shared/contract/security';
import type { ApiClient } from './api-client';

/** The 2-step verification and session routes (docs/api.md: "Account", and `logout-all`); all need a bearer token. */
export interface SecurityApi {
  setupTotp(password: string): Promise<TotpSetup>;
  enableTotp(code: string): Promise<{ recoveryCodes: string[] }>;
  disableTotp(password: string): Promise<void>;
  listSessions(): Promise<AccountSession[]>;
  endSession(id: string): Promise<void>;
  /** Ends every session of the account, the caller's included. */
  logoutAll(): Promise<void>;
}

const sessionListSchema = z.array(accountSessionSchema);

export function createSecurityApi(client: ApiClient): SecurityApi {
  return {
    setupTotp: (password) => client.request({ method: 'POST', path: '/v1/account/mfa/totp/setup', body: { password }, schema: totpSetupSchema, auth: true }),
    enableTotp: (code) => client.request({ method: 'POST', path: '/v1/account/mfa/totp/enable', body: { code }, schema: recoveryCodesSchema, auth: true }),
    disableTotp: (password) => client.request({ method: 'POST', path: '/v1/account/mfa/totp/disable', body: { password }, auth: true }),
    listSessions: () => client.request({ method: 'GET', path: '/v1/account/sessions', schema: sessionListSchema, auth: true }),
    endSession: (id) => client.request({ method: 'DELETE', path: `/v1/account/sessions/${encodeURIComponent(id)}`, auth: true }),
    // The service takes JSON bodies only, even where a route reads none.
    logoutAll: () => client.request({ method: 'POST', path: '/v1/auth/logout-all', body: {}, auth: true }),
  };
}
