import {
  loginResponseSchema,
  signedInSchema,
  signupResponseSchema,
  tokenPairSchema,
  type LoginResponse,
  type SignedIn,
  type TokenPair,
} from '../../../shared/api/identity';
import type { SignUpInput } from '../../../shared/contract/auth';
import type { ApiClient } from './api-client';

/** The identity routes (docs/api.md), typed. Bodies are sent as given; the service validates them. */
export interface IdentityApi {
  /** Answers the same whether or not the address has an account (the service e-mails the difference). */
  signup(body: SignUpInput): Promise<void>;
  /** By the link's token, or by the address and the e-mail's code. */
  confirm(body: { token: string } | { email: string; code: string }): Promise<void>;
  resendConfirmation(email: string): Promise<void>;
  login(body: { email: string; password: string; deviceName?: string; deviceToken?: string }): Promise<LoginResponse>;
  mfa(body: { mfaToken: string; code: string }): Promise<SignedIn>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
  forgotPassword(email: string): Promise<void>;
  resetPassword(body: ({ token: string } | { email: string; code: string }) & { password: string }): Promise<void>;
}

export function createIdentityApi(client: ApiClient): IdentityApi {
  return {
    signup: async (body) => {
      await client.request({ method: 'POST', path: '/v1/auth/signup', body, schema: signupResponseSchema });
    },
    confirm: (body) => client.request({ method: 'POST', path: '/v1/auth/confirm', body }),
    resendConfirmation: (email) => client.request({ method: 'POST', path: '/v1/auth/confirm/resend', body: { email } }),
    login: (body) => client.request({ method: 'POST', path: '/v1/auth/login', body, schema: loginResponseSchema }),
    mfa: (body) => client.request({ method: 'POST', path: '/v1/auth/mfa', body, schema: signedInSchema }),
    refresh: (refreshToken) => client.request({ method: 'POST', path: '/v1/auth/refresh', body: { refreshToken }, schema: tokenPairSchema }),
    logout: (refreshToken) => client.request({ method: 'POST', path: '/v1/auth/logout', body: { refreshToken } }),
    forgotPassword: (email) => client.request({ method: 'POST', path: '/v1/auth/password/forgot', body: { email } }),
    resetPassword: (body) => client.request({ method: 'POST', path: '/v1/auth/password/reset', body }),
  };
}

