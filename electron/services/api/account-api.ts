import { accountSchema, type Account } from '../../../shared/api/account';
import type { AccountUpdate } from '../../../shared/contract/account';
import type { ApiClient } from './api-client';

/** The account routes (docs/api.md) the client uses so far; all need a bearer token. */
export interface AccountApi {
  get(): Promise<Account>;
  update(patch: AccountUpdate): Promise<Account>;
  changePassword(body: { currentPassword: string; newPassword: string }): Promise<void>;
}

export function createAccountApi(client: ApiClient): AccountApi {
  return {
    get: () => client.request({ method: 'GET', path: '/v1/account', schema: accountSchema, auth: true }),
    update: (patch) => client.request({ method: 'PATCH', path: '/v1/account', body: patch, schema: accountSchema, auth: true }),
    changePassword: (body) => client.request({ method: 'POST', path: '/v1/account/password', body, auth: true }),
  };
}
