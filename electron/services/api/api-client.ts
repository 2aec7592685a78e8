import axios, { type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { backoffDelay } from '../../../shared/backoff';
import { isTransientFailure } from '../../../shared/errors';
import { type Logger, silentLogger } from '../log/logger';
import { ApiFailure, toApiFailure } from './api-failure';
import { type HttpMethod, isIdempotent, sleep } from './retry-policy';

/**
 * Supplies the bearer token for authenticated calls. Called again with `rejected` when the
 * service answered 401 to that token, so the session can refresh it (once, however many
 * calls ask at the same time).
 */
export type AccessTokenSource = (options?: { rejected?: string }) => Promise<string>;

export interface ApiClientOptions {
  baseUrl: string;
  getAccessToken?: AccessTokenSource;
  onOnlineChange?: (online: boolean) => void;
  logger?: Logger;
  timeoutMs?: number;
  /** Extra attempts for idempotent requests that failed in transit. */
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** How often to look for the service again while offline (doubles up to 30 s). */
  probeIntervalMs?: number;
  userAgent?: string;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method: HttpMethod;
  path: string;
  body?: unknown;
  /** Parses a 2xx body; without it the body is ignored (204 routes). */
  schema?: S;
  auth?: boolean;
  idempotencyKey?: string;
}

export type ResponseOf<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiClient {
  request<S extends z.ZodType | undefined = undefined>(options: RequestOptions<S>): Promise<ResponseOf<S>>;
  isOnline(): boolean;
  onOnlineChange(listener: (online: boolean) => void): () => void;
  /** Stops the offline probe timer. */
  close(): void;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const {
    baseUrl,
    getAccessToken,
    logger = silentLogger,
    timeoutMs = 10_000,
    retries = 2,
    retryBaseDelayMs = 300,
    retryMaxDelayMs = 5_000,
    probeIntervalMs = 2_000,
    userAgent = 'Palisade',
  } = options;

  const http = axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    timeout: timeoutMs,
    maxRedirects: 0,
    headers: { Accept: 'application/json', 'User-Agent': userAgent },
    // Timeouts come back as ETIMEDOUT instead of the ambiguous ECONNABORTED.
    transitional: { clarifyTimeoutError: true },
    validateStatus: (status) => status >= 200 && status < 300,
  });

  const listeners = new Set<(online: boolean) => void>();
  if (options.onOnlineChange) listeners.add(options.onOnlineChange);
  let online = true;
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  function setOnline(next: boolean) {
    if (next === online) return;
    online = next;
    logger.info(next ? 'account service reachable again' : 'account service unreachable');
    for (const listener of listeners) listener(next);
    if (!next) scheduleProbe(0);
    else if (probe) clearTimeout(probe);
  }

  /** While offline, checks /v1/health now and then so the app notices by itself when the network is back. */
  function scheduleProbe(attempt: number) {
    if (closed) return;
    const delay = backoffDelay(attempt, { baseMs: probeIntervalMs, maxMs: 30_000 });
    if (probe) clearTimeout(probe);
    probe = setTimeout(() => {
      http.get('/v1/health').then(
        () => setOnline(true),
        (error: unknown) => {
          // Any HTTP answer, even an error status, proves the service is reachable.
          if (axios.isAxiosError(error) && error.response) setOnline(true);
          else scheduleProbe(attempt + 1);
        },
      );
    }, delay);
    probe.unref();
  }

  async function sendOnce(method: HttpMethod, path: string, body: unknown, headers: Record<string, string>): Promise<AxiosResponse> {
    try {
      const response = await http.request({ method, url: path, data: body, headers });
      setOnline(true);
      return response;
    } catch (error) {
      const failure = toApiFailure(error);
      if (failure.status !== undefined) setOnline(true);
      else if (failure.code === 'NETWORK_OFFLINE') setOnline(false);
      throw failure;
    }
  }

  async function send(opts: RequestOptions<z.ZodType | undefined>, token?: string): Promise<AxiosResponse> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    const attempts = isIdempotent(opts.method, opts.idempotencyKey) ? retries + 1 : 1;
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendOnce(opts.method, opts.path, opts.body, headers);
      } catch (error) {
        const failure = toApiFailure(error);
        if (attempt + 1 >= attempts || !isTransientFailure(failure)) throw failure;
        const delay = backoffDelay(attempt, { baseMs: retryBaseDelayMs, maxMs: retryMaxDelayMs });
        logger.debug('retrying request', { method: opts.method, path: opts.path, errorCode: failure.code, delay });
        await sleep(delay);
      }
    }
  }

  function parse<S extends z.ZodType | undefined>(opts: RequestOptions<S>, response: AxiosResponse): ResponseOf<S> {
    if (!opts.schema) return undefined as ResponseOf<S>;
    const parsed = opts.schema.safeParse(response.data);
    if (parsed.success) return parsed.data as ResponseOf<S>;
    logger.warn('unexpected response shape', { method: opts.method, path: opts.path, issues: parsed.error.issues.length });
    throw new ApiFailure({ code: 'UNKNOWN', message: 'The account service sent an answer this version of Palisade does not understand.' });
  }

  /** A 401 to a bearer token means the token is no longer good (expired early, revoked); a fresh one may work. */
  const tokenRejected = (error: unknown) => error instanceof ApiFailure && error.status === 401 && error.code === 'UNAUTHORIZED';

  return {
    async request(opts) {
      if (!opts.auth) return parse(opts, await send(opts));
      if (!getAccessToken) throw new Error('This API client has no access token source.');
      const token = await getAccessToken();
      try {
        return parse(opts, await send(opts, token));
      } catch (error) {
        if (!tokenRejected(error)) throw error;
        logger.debug('access token rejected; refreshing once', { path: opts.path });
        const fresh = await getAccessToken({ rejected: token });
        return parse(opts, await send(opts, fresh));
      }
    },
    isOnline: () => online,
    onOnlineChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (probe) clearTimeout(probe);
    },
  };
}
