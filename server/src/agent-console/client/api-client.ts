import type { LoginResponse, TokenPair } from '../../../../shared/api/identity';

/** A refusal of the service, as its envelope says it (`status` 0: no answer at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> } } | undefined;
  const error = body?.error;
  return new ApiError(response.status, typeof error?.code === 'string' ? error.code : 'UNKNOWN', typeof error?.message === 'string' ? error.message : response.statusText, error?.details);
}

async function send(method: string, path: string, json?: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store', ...(json !== undefined && { body: JSON.stringify(json) }) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service could not be reached.');
  }
}

async function answer<T>(response: Response): Promise<T> {
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Sign-in, before there is a session: the password step and the 2-step code step. */
export const signInApi = {
  login: async (email: string, password: string) => answer<LoginResponse>(await send('POST', '/v1/auth/login', { email, password, deviceName: 'Support console' })),
  mfa: async (mfaToken: string, code: string) => answer<TokenPair>(await send('POST', '/v1/auth/mfa', { mfaToken, code })),
};

/**
 * The signed-in agent's tokens, in this page's memory only (never storage, never the URL).
 * An access token that has run out is refreshed once per request; when the refresh is
 * refused the session ends and `onEnded` takes the agent back to sign-in.
 */
export class Session {
  private refreshing: Promise<boolean> | undefined;
  private ended = false;

  constructor(
    private tokens: TokenPair,
    private readonly onEnded: () => void,
  ) {}

  get accessToken(): string {
    return this.tokens.accessToken;
  }

  async request<T>(method: string, path: string, json?: unknown): Promise<T> {
    const first = await send(method, path, json, this.tokens.accessToken);
    if (first.status !== 401) return answer<T>(first);
    if (!(await this.refresh())) throw await errorOf(first);
    return answer<T>(await send(method, path, json, this.tokens.accessToken));
  }

  /** A fresh token pair; concurrent callers share one refresh (a refresh token works once). */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const response = await send('POST', '/v1/auth/refresh', { refreshToken: this.tokens.refreshToken });
        if (!response.ok) {
          this.end(true);
          return false;
        }
        this.tokens = (await response.json()) as TokenPair;
        return true;
      } catch {
        return false;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** Signs out at the service (best effort) and forgets the tokens; the caller shows what comes next. */
  async signOut(): Promise<void> {
    const { refreshToken } = this.tokens;
    this.end(false);
    await send('POST', '/v1/auth/logout', { refreshToken }).catch(() => undefined);
  }

  /** Forgets the tokens; `refused` (the service ended the session) tells the page. */
  private end(refused: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.tokens = { ...this.tokens, accessToken: '', refreshToken: '' };
    if (refused) this.onEnded();
  }
}
